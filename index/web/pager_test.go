package web

import (
	"strings"
	"testing"

	"github.com/docindex/docindex/index"
)

// pageOf is the page number a link asks for ("" when it asks for none).
func pageOf(link string) string {
	if link == "" {
		return ""
	}
	if i := strings.Index(link, "page="); i >= 0 {
		return strings.SplitN(link[i+5:], "&", 2)[0]
	}
	return "1"
}

func TestSetPager(t *testing.T) {
	cases := []struct {
		name             string
		page, limit      int
		byDoc            bool
		total            uint64
		docs             int
		pages, start     int
		prev, next, last string
		pastEnd          bool
	}{
		{name: "first of three", page: 1, limit: 10, total: 25, pages: 3, start: 1, next: "2"},
		{name: "middle", page: 2, limit: 10, total: 25, pages: 3, start: 11, prev: "1", next: "3"},
		{name: "last", page: 3, limit: 10, total: 25, pages: 3, start: 21, prev: "2"},
		{name: "past the end: a link to the last page", page: 7, limit: 10, total: 25, pages: 3, start: 61, last: "3", pastEnd: true},
		{name: "no hits", page: 1, limit: 10, total: 0, pages: 0, start: 1},
		{name: "at most MaxPage pages", page: 1, limit: 1, total: MaxPage + 50, pages: MaxPage, start: 1, next: "2"},
		// grouped: pages count the documents of the first GroupWindow hits
		{name: "grouped, full page", page: 1, limit: 10, byDoc: true, total: 5000, docs: 10, pages: index.GroupWindow / 10, start: 1, next: "2"},
		{name: "grouped, fewer documents than a page: the last", page: 2, limit: 10, byDoc: true, total: 5000, docs: 4, pages: 2, start: 11, prev: "1"},
	}
	for _, c := range cases {
		p := params{Q: "water", Page: c.page, Limit: c.limit, ByDoc: c.byDoc}
		res := &index.SearchResult{Total: c.total, Documents: make([]index.DocumentHits, c.docs)}
		var data searchPage
		data.setPager(p, res)
		if data.Pages != c.pages || data.Start != c.start || data.PastEnd != c.pastEnd ||
			pageOf(data.PrevURL) != c.prev || pageOf(data.NextURL) != c.next || pageOf(data.LastURL) != c.last {
			t.Errorf("%s: pages %d start %d past end %v prev %q next %q last %q; want %d %d %v %q %q %q", c.name,
				data.Pages, data.Start, data.PastEnd, pageOf(data.PrevURL), pageOf(data.NextURL), pageOf(data.LastURL),
				c.pages, c.start, c.pastEnd, c.prev, c.next, c.last)
		}
		// the grouping link toggles grouping and goes back to page 1
		if grouped := strings.Contains(data.GroupURL, "group=document"); grouped == c.byDoc || strings.Contains(data.GroupURL, "page=") {
			t.Errorf("%s: group link %q", c.name, data.GroupURL)
		}
	}
}
