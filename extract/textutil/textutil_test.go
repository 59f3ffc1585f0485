package textutil

import (
	"regexp"
	"testing"
)

func TestIsSpace(t *testing.T) {
	for _, c := range []byte(" \t\n\r\f") {
		if !IsSpace(c) {
			t.Errorf("IsSpace(%q) = false", c)
		}
	}
	for _, c := range []byte("a0\v\x00\xa0") {
		if IsSpace(c) {
			t.Errorf("IsSpace(%q) = true", c)
		}
	}
}

func TestAllDigits(t *testing.T) {
	for s, want := range map[string]bool{"": false, "0": true, "2025": true, "12a": false, " 1": false, "١": false} {
		if got := AllDigits([]byte(s)); got != want {
			t.Errorf("AllDigits(%q) = %v, want %v", s, got, want)
		}
	}
}

// CollapseSpaces does what regexp `\s+` → " " did.
func TestCollapseSpaces(t *testing.T) {
	re := regexp.MustCompile(`\s+`)
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a\tb \n", "a\u00a0 b", "a\v\vb", "x\r\n\r\ny  ", "\f"} {
		if got, want := CollapseSpaces(s), re.ReplaceAllString(s, " "); got != want {
			t.Errorf("CollapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestHasArabic(t *testing.T) {
	for s, want := range map[string]bool{"": false, "E/ESCWA/30/1": false, "الفقرة 3": true, "و12": true, "12": false} {
		if got := HasArabic(s); got != want {
			t.Errorf("HasArabic(%q) = %v, want %v", s, got, want)
		}
	}
}
