package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/docindex/docindex/index"
)

// The small defects of issue 12, each with its test.
func TestSearchFlags(t *testing.T) {
	ix := bsTestdataIndex(t)
	// a flag after the query counts
	code, out := bsRun(t, runSearch, "--index", ix, "A/RES/99/101", "para", "3", "--lang", "fr", "--json")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"citation":"A/RES/99/101, par. 3","language":"fr"`) {
		t.Errorf("flags after the query ignored: exit %d\n%.300s", code, out)
	}
	// language codes in any case
	if code, out := bsRun(t, runSearch, "--index", ix, "--lang", "FR", "--json", "numérisation"); code != 0 || !strings.Contains(out, `"language":"fr"`) {
		t.Errorf("--lang FR: exit %d %.200s", code, out)
	}
	// unknown values and out-of-range numbers: exit 2
	for _, args := range [][]string{{"--lang", "xx"}, {"--lang", "french"}, {"--show", "klingon"}, {"--limit", "-3"}, {"--limit", "0"}, {"--limit", "101"}, {"--offset", "-5"}} {
		if code, _ := bsRun(t, runSearch, append([]string{"--index", ix}, append(args, "peace")...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, err := checkLanguage("xx"); err == nil || !strings.Contains(err.Error(), "valid: ar, en, es, fr, ru, zh") {
		t.Errorf("error does not list the valid codes: %v", err)
	}
	// --help: exit 0
	if code, _ := bsRun(t, runSearch, "--help"); code != 0 {
		t.Errorf("search --help: exit %d", code)
	}
	// --show prints the version that matched
	code, out = bsRun(t, runSearch, "--index", ix, "--show", "ar", "digitization")
	if code != 0 || !strings.Contains(out, "   matched (en, page") || !strings.Contains(out, "ar, page") {
		t.Errorf("--show ar: exit %d\n%.600s", code, out)
	}
	// honest answers on standard output
	code, out = bsRun(t, runSearch, "--index", ix, "A/RES/99/999")
	if code != 0 || !strings.HasPrefix(out, "A/RES/99/999 is not in this index\n") || !strings.Contains(out, "0 hits") {
		t.Errorf("unknown symbol: exit %d\n%s", code, out)
	}
	code, out = bsRun(t, runSearch, "--index", ix, "--lang", "en", "digitizaton")
	if !strings.Contains(out, "did you mean: digitization") {
		t.Errorf("no suggestion: exit %d\n%s", code, out)
	}
}

func TestCommandSuggestionAndVersion(t *testing.T) {
	if got := closestCommand("serch"); got != "search" {
		t.Errorf("serch: %q", got)
	}
	if got := closestCommand("biuld"); got != "build" {
		t.Errorf("biuld: %q", got)
	}
	if got := closestCommand("frobnicate"); got != "" {
		t.Errorf("frobnicate: %q", got)
	}
	if v := versionString(); !strings.HasPrefix(v, "docindex ") || !strings.Contains(v, "index schema "+itoa(index.SchemaVersion)) {
		t.Errorf("version %q", v)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
