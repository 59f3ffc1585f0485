package reader

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestReadUpTo: the stream's bytes up to limit whatever the size hint,
// a spare byte of capacity, and what came before a read error.
func TestReadUpTo(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for _, hint := range []int{0, 1, 600, 10000, 1 << 20} {
		for _, limit := range []int{1, 999, 10000, 20000} {
			got := readUpTo(iotest.HalfReader(bytes.NewReader(data)), hint, limit)
			want := data[:min(limit, len(data))]
			if !bytes.Equal(got, want) {
				t.Fatalf("hint %d limit %d: %d bytes, want %d", hint, limit, len(got), len(want))
			}
			if len(got) < limit && cap(got) == len(got) {
				t.Errorf("hint %d limit %d: no spare byte (len %d cap %d)", hint, limit, len(got), cap(got))
			}
		}
	}
	broken := io.MultiReader(bytes.NewReader(data[:700]), iotest.ErrReader(errors.New("unexpected EOF")))
	if got := readUpTo(broken, 100, 1<<20); !bytes.Equal(got, data[:700]) {
		t.Errorf("before an error: %d bytes, want 700", len(got))
	}
	if got := readUpTo(bytes.NewReader(data), 100, 0); len(got) != 0 {
		t.Errorf("limit 0: %d bytes", len(got))
	}
}
