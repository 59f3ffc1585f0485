package reader

import (
	"strconv"
	"testing"
)

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

func TestLiteralString(t *testing.T) {
	cases := []struct {
		in     string
		want   string
		n      int
		closed bool
	}{
		{"(Hello) Tj", "Hello", 7, true},
		{"(a (nested) b)", "a (nested) b", 14, true},
		{`(esc\)aped\n\101\7)`, "esc)aped\nA\x07", 19, true},
		{"(split \\\nline)", "split line", 14, true},
		{"(open", "open", 5, false},
		{`(trailing\`, "trailing", 10, false},
	}
	for _, c := range cases {
		got, n, closed := literalString([]byte(c.in))
		if string(got) != c.want || n != c.n || closed != c.closed {
			t.Errorf("literalString(%q) = %q, %d, %v; want %q, %d, %v", c.in, got, n, closed, c.want, c.n, c.closed)
		}
		if p, ok := pdfString([]byte(c.in)); string(p) != c.want || ok != c.closed {
			t.Errorf("pdfString(%q) = %q, %v", c.in, p, ok)
		}
	}
}

// parseDecimal agrees bit for bit with strconv.ParseFloat on the numbers
// it accepts, and declines what it does not read.
func TestParseDecimal(t *testing.T) {
	for _, s := range []string{"0", "12", "-3", "+4.5", ".5", "-.25", "5.", "0.1", "612.0001", "-0.000001",
		"123456789012345", "1.23456789012345", "0.3", "841.89", "-17.9999"} {
		got, ok := parseDecimal([]byte(s))
		want, err := strconv.ParseFloat(s, 64)
		if !ok || err != nil || got != want {
			t.Errorf("parseDecimal(%q) = %v, %v; ParseFloat %v, %v", s, got, ok, want, err)
		}
	}
	for _, s := range []string{"-", ".", "+", "1.2.3", "--5", "1e5", "1234567890123456", "12a", "-+1"} {
		if v, ok := parseDecimal([]byte(s)); ok {
			t.Errorf("parseDecimal(%q) = %v, accepted", s, v)
		}
	}
}
