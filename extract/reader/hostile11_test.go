package reader

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/hostile"
)

// Object 6 lives in object stream 6 (or 6 and 7 in each other): the PDF
// library's resolve recursed until "fatal error: stack overflow", which
// killed the test binary.
func TestHostileObjStmSelfReference(t *testing.T) {
	for name, data := range map[string][]byte{
		"objstm_self.pdf": hostile.ObjStmSelfReference(6),
		"objstm_pair.pdf": hostile.ObjStmSelfReference(7),
	} {
		start := time.Now()
		_, err := readHostile(t, name, data)
		if err == nil {
			t.Errorf("%s: read without error", name)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %v", name, d)
		}
		// and the check itself, on the library's table as opened
		r, err := newReader(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := objectStreamError(r, data); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "object stream") {
			t.Errorf("%s: objectStreamError = %v", name, err)
		}
	}
}

// A ToUnicode bfrange <0000> <FFFF> with a long destination string, used
// by one font or shared by a hundred: 65,536 copies of the string (3.5
// GB, or an OOM kill, before the budget).
func TestHostileCMapExpansion(t *testing.T) {
	for name, data := range map[string][]byte{
		"cmap_long.pdf":   hostile.CMapBomb(2000, 1),
		"cmap_shared.pdf": hostile.CMapBomb(200, 100),
	} {
		start := time.Now()
		_, err := readHostile(t, name, data)
		if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "ToUnicode") {
			t.Errorf("%s: error %v, want ErrLimit naming the ToUnicode map", name, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v", name, d)
		}
	}
	// a full 16-bit range of one-character strings is a real CJK map
	// and stays within the budget
	cm := parseCMap([]byte("1 beginbfrange\n<0000> <FFFF> <4E00>\nendbfrange\n"))
	if cm.over || len(cm.uni) != 65536 {
		t.Errorf("full range of short strings: over=%v, %d entries", cm.over, len(cm.uni))
	}
}
