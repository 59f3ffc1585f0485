package index

import (
	"fmt"
	"math"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/docindex/docindex/extract"
)

// TestCoverDates: the exact spans and blocks coverDates gives for a range
// hold every value in it and none outside, for ranges of every size
// (within a block, across one, decades, unbounded) over values at day
// granularity and arbitrary ones, before and after 1970.
func TestCoverDates(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	day := int64(24 * time.Hour)
	var vals []uint64
	for i := 0; i < 400; i++ {
		d := time.Date(1900+rng.Intn(200), time.Month(1+rng.Intn(12)), 1+rng.Intn(28), 0, 0, 0, 0, time.UTC).UnixNano()
		vals = append(vals, sortable(d), sortable(d+rng.Int63n(day)), sortable(d)+1<<dateFine, sortable(d)-1<<dateFine)
	}
	vals = append(vals, 0, 1, math.MaxUint64, math.MaxUint64-1, 1<<63, 1<<63-1)
	type span struct{ a, b uint64 }
	type blk struct {
		shift uint
		p     uint64
	}
	bounds := func() uint64 {
		switch rng.Intn(6) {
		case 0:
			return vals[rng.Intn(len(vals))]
		case 1:
			return vals[rng.Intn(len(vals))] + uint64(rng.Int63n(4*day))
		case 2:
			return 0
		case 3:
			return math.MaxUint64
		}
		return sortable(time.Date(1900+rng.Intn(200), time.January, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	}
	maxTerms := 0
	for i := 0; i < 3000; i++ {
		lo, hi := bounds(), bounds()
		var spans []span
		var blocks []blk
		coverDates(lo, hi, func(a, b uint64) { spans = append(spans, span{a, b}) }, func(s uint, p uint64) { blocks = append(blocks, blk{s, p}) })
		if len(spans) > 2 {
			t.Fatalf("[%d, %d]: %d exact spans", lo, hi, len(spans))
		}
		for _, s := range spans {
			if s.b-s.a >= 2<<dateFine {
				t.Fatalf("[%d, %d]: exact span %v wider than two blocks", lo, hi, s)
			}
		}
		maxTerms = max(maxTerms, len(blocks))
		for _, v := range vals {
			n := 0
			for _, s := range spans {
				if v >= s.a && v <= s.b {
					n++
				}
			}
			for _, b := range blocks {
				if v>>b.shift == b.p {
					n++
				}
			}
			if want := lo <= v && v <= hi; (n == 1) != want || n > 1 {
				t.Fatalf("[%d, %d]: value %d covered %d times, in range %v", lo, hi, v, n, want)
			}
		}
	}
	if maxTerms > 110 {
		t.Errorf("up to %d blocks for one range", maxTerms)
	}
	t.Logf("at most %d blocks for a range", maxTerms)
}

// dateFixture writes documents dated across 1944-2031: pairs of days
// side by side, days on either side of 1970 and of block edges, the
// same day twice, and one undated.
func dateFixture(t *testing.T) (string, []string) {
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(4))
	dates := []string{"1945-06-26", "1945-06-27", "1969-12-31", "1970-01-01", "1970-01-02", "2000-02-29", "2024-03-21", "2024-03-21", "2031-12-31", "1944-01-01"}
	for len(dates) < 60 {
		d := time.Date(1944+rng.Intn(88), time.Month(1+rng.Intn(12)), 1+rng.Intn(28), 0, 0, 0, 0, time.UTC)
		dates = append(dates, d.Format("2006-01-02"), d.AddDate(0, 0, 1).Format("2006-01-02"))
	}
	for i, d := range append(dates, "") {
		writeDoc(t, filepath.Join(dir, "src", fmt.Sprintf("D_%02d_en.pdf", i)), extract.Document{
			Language: "en",
			Meta:     extract.Meta{Symbol: fmt.Sprintf("A/RES/%d", i+1), Date: d},
			Clauses:  []extract.Clause{cl("para_1", "en", "alpha beta", 1), cl("para_2", "en", "gamma delta", 2)},
		})
	}
	return dir, dates
}

// TestDatesIndexedCoarsely: the date field holds 5 terms per date, and
// every date range (the From/To filter by year, month and day, open at
// either end; "date:" ranges in a query) finds in it what Bleve's
// numeric ranges find in an index of its 16 terms per date, and the
// same in an index of 16 terms read by dateRangeQuery.
func TestDatesIndexedCoarsely(t *testing.T) {
	dir, dates := dateFixture(t)
	coarsePath, fullPath := filepath.Join(dir, "coarse"), filepath.Join(dir, "full")
	build(t, coarsePath, filepath.Join(dir, "src"))
	coarseDates = false
	build(t, fullPath, filepath.Join(dir, "src"))
	coarseDates = true
	coarse, full := open(t, coarsePath), open(t, fullPath)

	for _, tm := range fieldTerms(t, coarse, "date") {
		if ok, shift := numeric.ValidPrefixCodedTerm(string(tm)); !ok || shift < 0 || !keptDateShift(uint(shift)) {
			t.Fatalf("date term %x: shift %d", tm, shift)
		}
	}
	if a, b := len(fieldTerms(t, coarse, "date")), len(fieldTerms(t, full, "date")); a == 0 || b < 2*a {
		t.Fatalf("date terms: coarse %d, Bleve's %d", a, b)
	}

	// Bleve's own DateRangeQuery on its 16 terms is the reference
	bleveRange := func(r SearchRequest) []string {
		from, _ := DateBound(r.From, false)
		to, _ := DateBound(r.To, true)
		q := "+alpha"
		if r.From != "" {
			q += " +date:>=\"" + from.Format(time.RFC3339) + "\""
		}
		if r.To != "" {
			q += " +date:<=\"" + to.Format(time.RFC3339) + "\""
		}
		return sortedIDs(search(t, full, SearchRequest{Query: q, Limit: 100}))
	}
	rng := rand.New(rand.NewSource(5))
	spans := []string{"", "1944", "1945", "1969", "1970", "2000-02", "2024-03-21", "2031", "1945-06-26", "1945-06-27"}
	for i := 0; i < 60; i++ {
		d := dates[rng.Intn(len(dates))]
		spans = append(spans, d, d[:4], d[:7])
	}
	compared, nonEmpty := 0, 0
	for i := 0; i < 400; i++ {
		r := SearchRequest{Query: "alpha", Limit: 100, From: spans[rng.Intn(len(spans))], To: spans[rng.Intn(len(spans))]}
		if r.From == "" && r.To == "" {
			continue
		}
		a, b := search(t, coarse, r), search(t, full, r)
		ga, gb, want := sortedIDs(a), sortedIDs(b), bleveRange(r)
		if a.Total != b.Total || !slices.Equal(ga, gb) || !slices.Equal(ga, want) {
			t.Fatalf("from %q to %q: coarse %d %v, 16 terms %d %v, Bleve's range %v", r.From, r.To, a.Total, ga, b.Total, gb, want)
		}
		compared++
		if len(ga) > 0 {
			nonEmpty++
		}
	}
	for _, q := range []string{`+alpha +date:>"1969-12-31"`, `+alpha +date:<="1970-01-01"`, `+alpha +date:>="1945-06-27" +date:<"2000-03-01"`, `+gamma +date:<"1944-01-02"`} {
		a, b := search(t, coarse, SearchRequest{Query: q, Limit: 100}), search(t, full, SearchRequest{Query: q, Limit: 100})
		if ga, gb := sortedIDs(a), sortedIDs(b); !slices.Equal(ga, gb) || len(ga) == 0 {
			t.Fatalf("%s: coarse %v, 16 terms %v", q, ga, gb)
		}
	}
	// bounds beyond the years the field holds (1678-2262): open on the
	// far side (every dated document), empty on the near side, never an
	// error
	for _, c := range []struct{ from, to, likeFrom, likeTo string }{
		// every dated document: 1944 to 2031 in the fixture
		{"1500", "", "1944", ""}, {"1500", "1970", "1944", "1970"}, {"", "9999", "", "2031"}, {"1945", "9999", "1945", "2031"},
		{"2300", "", "-", ""}, {"", "1600", "-", ""}, {"2300", "1500", "-", ""},
	} {
		got := sortedIDs(search(t, coarse, SearchRequest{Query: "alpha", Limit: 100, From: c.from, To: c.to}))
		var want []string
		if c.likeFrom != "-" {
			r := SearchRequest{Query: "alpha", Limit: 100, From: c.likeFrom, To: c.likeTo}
			want = sortedIDs(search(t, coarse, r))
			if len(want) == 0 {
				t.Fatalf("%+v: nothing to compare", r)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("from %q to %q: %v, want %v", c.from, c.to, got, want)
		}
	}
	for _, q := range []string{`+alpha +date:>"9999-01-01"`, `+alpha +date:<"1500-01-01"`} {
		if got := sortedIDs(search(t, coarse, SearchRequest{Query: q})); len(got) != 0 {
			t.Fatalf("%s: %v", q, got)
		}
	}
	got := sortedIDs(search(t, coarse, SearchRequest{Query: `+alpha +date:<"9999-01-01"`, Limit: 100}))
	if want := sortedIDs(search(t, coarse, SearchRequest{Query: "alpha", From: "1944", Limit: 100})); len(got) == 0 || !slices.Equal(got, want) {
		t.Fatalf(`date:<"9999-01-01": %v, every dated document: %v`, got, want)
	}

	// sorted by date, as before
	for _, s := range []string{"date", "-date"} {
		a, b := search(t, coarse, SearchRequest{Query: "alpha", Sort: s, Limit: 100}), search(t, full, SearchRequest{Query: "alpha", Sort: s, Limit: 100})
		if ga, gb := strings.Join(hitDates(a), " "), strings.Join(hitDates(b), " "); ga != gb {
			t.Fatalf("sort %s: coarse %s, 16 terms %s", s, ga, gb)
		}
	}
	if nonEmpty < compared/3 {
		t.Fatalf("%d of %d ranges found something: the test compares too little", nonEmpty, compared)
	}
	t.Logf("%d ranges compared, %d with hits", compared, nonEmpty)
}

func sortedIDs(res *SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Symbol+" "+h.ID)
	}
	slices.Sort(out)
	return out
}

func hitDates(res *SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Date)
	}
	return out
}
