package extract

import "testing"

func TestDecodeHex(t *testing.T) {
	cases := []struct {
		in   string
		want string
		end  int
	}{
		{"48656C6C6F>", "Hello", 10},
		{"48 65\n6c 6C\t6f> rest", "Hello", 14},
		{"901FA>", "\x90\x1f\xa0", 5}, // odd final digit padded with 0
		{"4142", "AB", 4},             // no '>': runs to the end
		{">", "", 0},
		{"zz41>", "A", 4}, // non-hex bytes skipped
	}
	for _, c := range cases {
		got, end := decodeHex([]byte(c.in))
		if string(got) != c.want || end != c.end {
			t.Errorf("decodeHex(%q) = %q, %d; want %q, %d", c.in, got, end, c.want, c.end)
		}
	}
}
