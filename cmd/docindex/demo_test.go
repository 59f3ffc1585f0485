package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The quick start prints paragraph 3 of the sample resolution in six
// languages and a topic search read in French.
func TestDemo(t *testing.T) {
	code, out := bsRun(t, runDemo, "--dir", filepath.Join("..", "..", "testdata", "pdf"))
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, want := range []string{"A/RES/99/101, para. 3\n", "A/RES/99/101, par. 3\n", "A/RES/99/101, párr. 3\n",
		"A/RES/99/101, п. 3\n", "A/RES/99/101، الفقرة 3\n", "A/RES/99/101，第3段\n", "matched (en): ", "«digitization»"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if code, _ := bsRun(t, runDemo, "--dir", filepath.Join(t.TempDir(), "none")); code != 2 {
		t.Errorf("missing dir: exit %d, want 2", code)
	}
}
