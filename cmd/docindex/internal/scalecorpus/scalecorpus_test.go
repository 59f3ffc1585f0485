package scalecorpus

import (
	"os"
	"testing"
)

func TestGenerateShared(t *testing.T) {
	dst := os.Getenv("SCALECORPUS_DST")
	if dst == "" {
		t.Skip("set SCALECORPUS_DST")
	}
	if err := Generate("../../../../../shared/corpus", dst, 3, 2); err != nil {
		t.Fatal(err)
	}
}
