package extract

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/hostile"
)

// The classes of issue #11 that reached the worker caps (or killed the
// process) before the engine bounded them. Each must fail fast with a
// clear error, inside this process: none may crash it.

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

// A page of a million tiny text operators: 75 s and 1.2 GB of layout.
func TestHostileOperatorFlood(t *testing.T) {
	for _, move := range []bool{false, true} {
		start := time.Now()
		_, err := readHostile(t, "ops.pdf", hostile.OperatorFlood(1_000_000, move))
		if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "text operators") {
			t.Errorf("move=%v: error %v, want ErrLimit naming text operators", move, err)
		}
		if d := time.Since(start); d > 15*time.Second {
			t.Errorf("move=%v: %v", move, d)
		}
	}
}

// The /Extends loop written so that a plain pattern does not see it: an
// escaped name or a comment before the reference (each was a 2-minute
// timeout, the goroutine left running).
func TestHostileObjStmExtendsLoopDisguised(t *testing.T) {
	for name, data := range map[string][]byte{
		"hash_escape.pdf": hostile.ExtendsLoop("/Ext#65nds", " "),
		"comment.pdf":     hostile.ExtendsLoop("/Extends", " % a comment\n"),
		"both.pdf":        hostile.ExtendsLoop("/#45xtends", "%c\r"),
	} {
		_, err := readHostile(t, name, data)
		if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "extend each other") {
			t.Errorf("%s: error %v, want ErrLimit naming the /Extends loop", name, err)
		}
	}
}

func TestNormalizeSyntax(t *testing.T) {
	for in, want := range map[string]string{
		"/Ext#65nds 6 0 R":          "/Extends 6 0 R",
		"/Extends % x\n6 0 R":       "/Extends  \n6 0 R",
		"(a % not a comment) /A#20": "(a % not a comment) /A ",
		"/Bad#zz":                   "/Bad#zz",
	} {
		if got := string(normalizeSyntax([]byte(in))); got != want {
			t.Errorf("normalizeSyntax(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMessageCapped(t *testing.T) {
	raw := "damaged PDF: " + strings.Repeat("\x00\xff\x1b[31m<<stream>>\n", 300)
	m := Message(errors.New(raw))
	if n := len([]rune(m)); n > maxMessage+1 {
		t.Errorf("message of %d characters", n)
	}
	for _, r := range m {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			t.Fatalf("unprintable %U in %q", r, m)
		}
	}
	if !strings.HasPrefix(m, "damaged PDF: ") {
		t.Errorf("message %q", m)
	}
	// and what File returns carries it
	_, err := Failed("x.pdf", errors.New(raw))
	if err.Error() != m || !errors.Is(err, err) {
		t.Errorf("Failed error %q", err)
	}
}
