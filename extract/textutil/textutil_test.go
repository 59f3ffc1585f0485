package textutil

import "testing"

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
