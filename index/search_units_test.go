package index

import "testing"

func TestSearchWindow(t *testing.T) {
	cases := []struct {
		r                               SearchRequest
		limit, offset, pageLim, pageOff int
	}{
		{SearchRequest{}, 10, 0, 10, 0},
		{SearchRequest{Limit: 25, Offset: 50}, 25, 50, 25, 50},
		{SearchRequest{Limit: 500}, 100, 0, 100, 0},
		{SearchRequest{Limit: -3, Offset: -7}, 10, 0, 10, 0},
		// grouped: Bleve is asked for the window, the page counts documents
		{SearchRequest{Limit: 20, Offset: 40, ByDocument: true}, GroupWindow, 0, 20, 40},
	}
	for _, c := range cases {
		l, o, pl, po := searchWindow(c.r)
		if l != c.limit || o != c.offset || pl != c.pageLim || po != c.pageOff {
			t.Errorf("searchWindow(%+v) = %d %d %d %d, want %d %d %d %d", c.r, l, o, pl, po, c.limit, c.offset, c.pageLim, c.pageOff)
		}
	}
}

func TestSearchedText(t *testing.T) {
	for in, want := range map[string]string{
		"  water  ": "water",
		"*":         "",
		" * * ":     "",
		"wat*":      "wat*",
		"":          "",
	} {
		if got := searchedText(in); got != want {
			t.Errorf("searchedText(%q) = %q, want %q", in, got, want)
		}
	}
}
