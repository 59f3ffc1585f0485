package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Build defects of issue 12: --help exits 0, a missing path alone is a
// usage error that creates no index, an unchanged rebuild says what the
// index holds.
func TestBuildUsage(t *testing.T) {
	if code, _ := bsRun(t, runBuild, "--help"); code != 0 {
		t.Errorf("build --help: exit %d, want 0", code)
	}
	// a missing path alone: exit 2, no index created
	ix := filepath.Join(t.TempDir(), "ix")
	if code, _ := bsRun(t, runBuild, "--index", ix, "--quiet", filepath.Join(t.TempDir(), "absent")); code != 2 {
		t.Errorf("missing path: exit %d, want 2", code)
	}
	if _, err := os.Stat(ix); !os.IsNotExist(err) {
		t.Errorf("missing path created an index: %v", err)
	}
	// an unchanged rebuild says what the index holds
	ix = bsTestdataIndex(t)
	pdfs, _ := filepath.Glob("../../testdata/pdf/*/*.pdf")
	code, out := bsRun(t, runBuild, "--index", ix, "--quiet", "../../testdata/pdf")
	holds := regexp.MustCompile(`the index holds [1-9][0-9]* clauses from ([0-9]+) files`).FindStringSubmatch(out)
	if code != 0 || !strings.Contains(out, "clauses written: 0") || holds == nil || holds[1] != strconv.Itoa(len(pdfs)) {
		t.Errorf("unchanged rebuild: exit %d\n%s", code, out)
	}
}
