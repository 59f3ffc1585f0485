package layout

import "testing"

func TestNarrow(t *testing.T) {
	// the gutters of narrow: the widest part no word covers
	g := narrow([]span{{100, 200}}, []span{{50, 110}, {120, 130}, {150, 160}, {190, 250}}, 5)
	if len(g) != 1 || g[0] != (span{160, 190}) {
		t.Errorf("narrow = %v, want [{160 190}]", g)
	}
	if g := narrow([]span{{100, 200}}, []span{{50, 150}, {149, 260}}, 5); len(g) != 0 {
		t.Errorf("narrow of a covered gutter = %v", g)
	}
}
