package reader

import "testing"

func TestDigitsOutOfOrder(t *testing.T) {
	for _, c := range []struct {
		m    map[uint32]string
		want bool
	}{
		{map[uint32]string{0x13: "0", 0x14: "1", 0x16: "3", 0x1c: "9"}, false},
		{map[uint32]string{0x13: "3", 0x16: "0"}, true},                         // ar/E_ESCWA_30_3_ar.pdf, Times New Roman
		{map[uint32]string{0x13: "1", 0x14: "0", 0x19: "3"}, true},              // same file, Arial
		{map[uint32]string{0x13: "9", 0x300: "\u0660", 0x309: "\u0669"}, false}, // families apart
		{map[uint32]string{0x20: "a", 0x21: "b"}, false},
	} {
		if got := digitsOutOfOrder(c.m); got != c.want {
			t.Errorf("digitsOutOfOrder(%v) = %v, want %v", c.m, got, c.want)
		}
	}
}
