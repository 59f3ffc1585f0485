package layout

import "testing"

func TestJoinTouchingRuns(t *testing.T) {
	// a conjunction and the figures set against it, read as two runs
	l := Line{Text: "المادتين 11 و 12 على", RTL: true, Size: 13, Words: []Word{
		{Text: "المادتين", X0: 366, X1: 401.7},
		{Text: "11", X0: 348.2, X1: 363},
		{Text: "و", X0: 339.3, X1: 345.4},
		{Text: "12", X0: 324.4, X1: 339.2},
		{Text: "على", X0: 302.6, X1: 321.1},
	}}
	if got, want := JoinTouchingRuns(l), "المادتين 11 و12 على"; got != want {
		t.Errorf("JoinTouchingRuns = %q, want %q", got, want)
	}
	// a comma touching the figure before it
	l = Line{Text: "الفقرة 3 ، ينتخب", RTL: true, Size: 13, Words: []Word{
		{Text: "الفقرة", X0: 340.3, X1: 366.8},
		{Text: "3", X0: 329.9, X1: 337.3},
		{Text: "،", X0: 327, X1: 329.8},
		{Text: "ينتخب", X0: 292, X1: 324.2},
	}}
	if got, want := JoinTouchingRuns(l), "الفقرة 3، ينتخب"; got != want {
		t.Errorf("JoinTouchingRuns = %q, want %q", got, want)
	}
	// words a space apart stay apart, and left-to-right lines are left alone
	l.Words[2].X1 = 326
	if got := JoinTouchingRuns(l); got != l.Text {
		t.Errorf("JoinTouchingRuns changed spaced words: %q", got)
	}
}
