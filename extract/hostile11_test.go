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
