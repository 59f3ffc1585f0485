package layout

import (
	"fmt"
	"testing"
)

// acc is a line of fragments [u0, u1] of 10 characters each.
func acc(spans ...[2]float64) *lineAcc {
	l := &lineAcc{size: 10}
	for _, s := range spans {
		l.frags = append(l.frags, &fragment{u0: s[0], u1: s[1], chars: 10, size: 10})
	}
	return l
}

// twoColumns is a page 600 wide with n lines of two columns of running
// text, 50-290 and 310-550.
func twoColumns(n int) []*lineAcc {
	var ls []*lineAcc
	for i := 0; i < n; i++ {
		ls = append(ls, acc([2]float64{50, 290}, [2]float64{310, 550}))
	}
	return ls
}

func TestLineCoverage(t *testing.T) {
	lines := []*lineAcc{
		acc([2]float64{0, 3}, [2]float64{2, 5}), // two fragments in one bin count once
		acc([2]float64{4, 7}),
		{frags: []*fragment{{u0: 0, u1: 9, chars: 2}}}, // under 3 characters: not counted
	}
	cover, n := lineCoverage(lines, 10, 2)
	if n != 2 {
		t.Errorf("n %d, want 2", n)
	}
	want := []int{1, 1, 2, 1, 0, 0}
	for i, w := range want {
		if cover[i] != w {
			t.Errorf("cover %v, want %v", cover, want)
			break
		}
	}
}

func TestWidestClearRun(t *testing.T) {
	cover := []int{9, 0, 0, 9, 1, 1, 1, 9, 0, 0, 0, 0}
	if s, l := widestClearRun(cover, 0, 8, 1); s != 4 || l != 3 {
		t.Errorf("run %d+%d, want 4+3 (the run at 8 is cut at hi)", s, l)
	}
	if s, l := widestClearRun(cover, 0, 11, 1); s != 8 || l != 4 {
		t.Errorf("run %d+%d, want 8+4", s, l)
	}
	if s, l := widestClearRun(cover, 0, 11, 0); s != 8 || l != 4 {
		t.Errorf("limit 0: run %d+%d, want 8+4", s, l)
	}
	if s, l := widestClearRun([]int{5, 5}, 0, 1, 1); s != -1 || l != 0 {
		t.Errorf("no run: %d+%d", s, l)
	}
}

func TestTextBothSides(t *testing.T) {
	if !textBothSides(twoColumns(10), 300, 10) {
		t.Error("two columns")
	}
	// 3 lines across the strip are too few
	if textBothSides(twoColumns(3), 300, 3) {
		t.Error("three lines")
	}
	// one column with a few lines of a side note: the right side has
	// text in less than a quarter of the lines
	lines := twoColumns(4)
	for i := 0; i < 16; i++ {
		lines = append(lines, acc([2]float64{50, 290}))
	}
	if textBothSides(lines, 300, len(lines)) {
		t.Error("side note")
	}
}

func TestRunningTextColumns(t *testing.T) {
	if !runningTextColumns(twoColumns(10), 300) {
		t.Error("two columns of running text")
	}
	// labels on the left: short lines in a wide column
	var labels []*lineAcc
	for i := 0; i < 10; i++ {
		labels = append(labels, acc([2]float64{50, 90}, [2]float64{310, 550}))
	}
	if runningTextColumns(labels, 300) {
		t.Error("a column of labels")
	}
	// a narrow column of figures beside a wide text column
	var figures []*lineAcc
	for i := 0; i < 10; i++ {
		figures = append(figures, acc([2]float64{50, 440}, [2]float64{460, 550}))
	}
	if runningTextColumns(figures, 450) {
		t.Error("columns of 1:4 widths")
	}
	if runningTextColumns([]*lineAcc{acc([2]float64{50, 290})}, 300) {
		t.Error("one side empty")
	}
}

func TestFindGutter(t *testing.T) {
	if gc := findGutter(twoColumns(10), 600); gc < 290 || gc > 310 {
		t.Errorf("two columns: gutter %v, want between 290 and 310", gc)
	}
	if gc := findGutter(twoColumns(7), 600); gc != 0 {
		t.Errorf("7 lines: gutter %v", gc)
	}
	var one []*lineAcc
	for i := 0; i < 10; i++ {
		one = append(one, acc([2]float64{50, 550}))
	}
	if gc := findGutter(one, 600); gc != 0 {
		t.Errorf("one column: gutter %v", gc)
	}
	if gc := findGutter(twoColumns(10), 0); gc != 0 {
		t.Errorf("no width: gutter %v", gc)
	}
}

func TestReadsBefore(t *testing.T) {
	at := func(x0, x1, y float64, rtl bool) Line { return Line{X0: x0, X1: x1, Y: y, Size: 10, RTL: rtl} }
	cases := []struct {
		name string
		a, b Line
		want bool
	}{
		{"higher first", at(300, 400, 100, false), at(50, 100, 120, false), true},
		{"one row: left first", at(50, 100, 101, false), at(300, 400, 100, false), true},
		{"one row, right-to-left: right first", at(300, 400, 101, true), at(50, 100, 100, true), true},
		{"one row, mixed: left first", at(300, 400, 100, true), at(50, 100, 100, false), false},
	}
	for _, c := range cases {
		if got := readsBefore(c.a, c.b); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestColumnRanks(t *testing.T) {
	left := func(y float64) Line { return Line{X0: 50, X1: 290, Y: y, Size: 10} }
	right := func(y float64) Line { return Line{X0: 310, X1: 550, Y: y, Size: 10} }
	full := func(y float64) Line { return Line{X0: 50, X1: 550, Y: y, Size: 10} }
	lines := []Line{
		right(50),             // a running head alone on the right: in place
		full(100),             // a heading across the gutter
		left(120), right(120), // columns
		left(132), right(132),
		left(400), // far from the other column: in place
	}
	got := columnRanks(lines, 300, 0, 2)
	want := []int{1, 1, 0, 2, 0, 2, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ranks %v, want %v", got, want)
		}
	}
	// right-to-left pages: the right column first
	if got := columnRanks(lines, 300, 2, 0); got[2] != 2 || got[3] != 0 {
		t.Errorf("right-to-left ranks %v", got)
	}
}

func TestSortReadingColumns(t *testing.T) {
	l := func(text string, x0, x1, y float64) Line { return Line{Text: text, X0: x0, X1: x1, Y: y, Size: 10} }
	lines := []Line{
		l("L2", 50, 290, 132), l("title", 50, 550, 100), l("R1", 310, 550, 120),
		l("L1", 50, 290, 120), l("R2", 310, 550, 132), l("foot", 50, 550, 300),
	}
	sortReading(lines, 300)
	var got []string
	for _, x := range lines {
		got = append(got, x.Text)
	}
	if s := fmt.Sprint(got); s != "[title L1 L2 R1 R2 foot]" {
		t.Errorf("order %s", s)
	}
	// right-to-left lines: the right column first
	for i := range lines {
		lines[i].RTL = true
	}
	sortReading(lines, 300)
	got = got[:0]
	for _, x := range lines {
		got = append(got, x.Text)
	}
	if s := fmt.Sprint(got); s != "[title R1 R2 L1 L2 foot]" {
		t.Errorf("right-to-left order %s", s)
	}
}
