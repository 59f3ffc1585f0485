package extract

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadSized: whatever the size announced (exact, too small: the
// file grew; too large: it shrank; none), the reader's bytes come back
// whole, up to most bytes; a read error is returned.
func TestReadSized(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for _, size := range []int64{int64(len(data)), 10, 0, -1, 50000} {
		for _, one := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(data)
			if one {
				r = iotest.OneByteReader(r)
			}
			got, err := readSized(r, size, int64(len(data))+1)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("size %d, one byte at a time %v: %d bytes, %v", size, one, len(got), err)
			}
		}
		got, err := readSized(bytes.NewReader(data), size, 4000)
		if err != nil || !bytes.Equal(got, data[:4000]) {
			t.Errorf("size %d, most 4000: %d bytes, %v", size, len(got), err)
		}
	}
	boom := errors.New("boom")
	if _, err := readSized(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom)), 3, 100); !errors.Is(err, boom) {
		t.Errorf("read error: %v", err)
	}
}

// TestReadRegularLimit: a file at the limit is read, one byte over it is
// refused with its size.
func TestReadRegularLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := readRegular(p, 1000); err != nil || len(got) != 1000 {
		t.Errorf("at the limit: %d bytes, %v", len(got), err)
	}
	if _, err := readRegular(p, 999); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("over the limit: %v", err)
	}
}
