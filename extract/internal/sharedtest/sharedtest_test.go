package sharedtest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestPDFs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.pdf", "a/c.pdf", "a/d.txt", "e.PDF"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := PDFs(dir)
	want := []string{filepath.Join(dir, "a/c.pdf"), filepath.Join(dir, "b.pdf")}
	if !slices.Equal(got, want) {
		t.Errorf("PDFs = %q, want %q", got, want)
	}
}
