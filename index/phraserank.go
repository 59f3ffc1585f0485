package index

import (
	"context"
	"encoding/json"
	"math"
	"reflect"
	"sort"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bindex "github.com/blevesearch/bleve_index_api"
)

// phraseRankedQuery is the query strictQuery makes for one field,
// Bleve's BooleanQuery
//
//	must:   the words (a MatchQuery, operator AND) and the phrases of
//	        compounds and Chinese runs (MatchPhraseQuery)
//	should: the whole query as a phrase, boosted by phraseBoost
//
// searched in one pass over the terms' postings.
//
// Bleve searches the words as a conjunction of their postings, then the
// phrase as another conjunction of the same postings, read again with
// their positions, which its phrase searcher turns into a map of term
// locations per document before looking for the phrase: at 100× "human
// rights" read every posting of both words twice. Here each distinct
// term's postings are read once, with positions; a document holding
// every term is scored as Bleve scores it, and the phrases are checked on
// the positions at hand.
//
// The scores are Bleve's bit for bit: every term searcher of Bleve's tree
// has its own scorer.TermQueryScorer here (the same term, boost, counts
// and query norm, so the same arithmetic), and the sums are made in
// Bleve's order: each conjunction's searchers sorted by their document
// counts (sort.Sort, as OrderedSearcherList), the must clause's sum, then
// the boolean's sum of must and should (the should disjunction of one
// phrase, coordinated by 1/1). Weight, query norm and Count are those of
// Bleve's searcher too, so that the disjunction over fields and the
// filters around it score as before; the hits' term locations (for
// highlighting) are those Bleve collects: every location of the words
// when term vectors are asked for, and the phrases' paths.
// TestPhraseRankedSameAsBoolean compares hits, order and scores (==)
// with phraseInStep off.
//
// Anything else is searched by Bleve's own query: a MatchQuery that
// analyses to no term (stop words alone), a phrase with two terms at one
// position or none at all, a phrase term that is not a must term,
// explanations, unscored searches, synonyms.
type phraseRankedQuery struct {
	bq      *query.BooleanQuery
	field   string
	guarded bool // Bleve's query, when searched, with its should clause guarded (shouldguard.go)
}

// phraseInStep turns phraseRankedQuery on; tests turn it off to compare
// with Bleve's BooleanQuery.
var phraseInStep = true

func (q *phraseRankedQuery) Field() string { return q.field }

// SetField moves the query and its parts to field f.
func (q *phraseRankedQuery) SetField(f string) {
	q.field = f
	setField := func(sub query.Query) {
		switch s := sub.(type) {
		case *query.MatchQuery:
			s.SetField(f)
		case *query.MatchPhraseQuery:
			s.SetField(f)
		}
	}
	for _, c := range []query.Query{q.bq.Must, q.bq.Should} {
		switch c := c.(type) {
		case *query.ConjunctionQuery:
			for _, s := range c.Conjuncts {
				setField(s)
			}
		case *query.DisjunctionQuery:
			for _, s := range c.Disjuncts {
				setField(s)
			}
		}
	}
}

func (q *phraseRankedQuery) Validate() error { return q.bq.Validate() }

// MarshalJSON writes the BooleanQuery the query searches as.
func (q *phraseRankedQuery) MarshalJSON() ([]byte, error) { return json.Marshal(q.bq) }

func (q *phraseRankedQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	p, ok := q.plan(ctx, m, options)
	if !ok {
		if q.guarded {
			return guardShoulds(q.bq).Searcher(ctx, i, m, options)
		}
		return q.bq.Searcher(ctx, i, m, options)
	}
	return newPhraseRankedSearcher(ctx, i, p, options)
}

// prPlan is what a phraseRankedSearcher searches: the distinct terms of
// one field and the groups of Bleve's tree over them.
type prPlan struct {
	field  string
	terms  []string
	must   []*prGroup // in the order of the query's must clauses
	should *prGroup   // nil when the query has no phrase of its own
}

// prGroup is one conjunction of term searchers of Bleve's tree: the
// words of a MatchQuery, or the terms of a phrase.
type prGroup struct {
	boost float64
	occ   []int // term (index into prPlan.terms) of each term searcher, in query order
	slots []int // a phrase's terms by position (-1: a stop word's place); nil for words
}

// plan reads q's BooleanQuery and analyses its text: false when it is
// not a shape phraseRankedSearcher reproduces.
func (q *phraseRankedQuery) plan(ctx context.Context, m mapping.IndexMapping, options bsearch.SearcherOptions) (*prPlan, bool) {
	if !phraseInStep || options.Explain || options.Score == "none" || q.field == "" {
		return nil, false
	}
	if ctx != nil && ctx.Value(bsearch.FieldTermSynonymMapKey) != nil {
		return nil, false
	}
	bq := q.bq
	if bq.MustNot != nil || bq.Filter != nil {
		return nil, false
	}
	must, ok := bq.Must.(*query.ConjunctionQuery)
	if !ok || len(must.Conjuncts) == 0 {
		return nil, false
	}
	an := m.AnalyzerNamed(m.AnalyzerNameForPath(q.field))
	if an == nil {
		return nil, false
	}
	p := &prPlan{field: q.field}
	index := map[string]int{}
	termOf := func(t string, add bool) (int, bool) {
		if k, ok := index[t]; ok {
			return k, true
		}
		if !add {
			return 0, false
		}
		index[t] = len(p.terms)
		p.terms = append(p.terms, t)
		return len(p.terms) - 1, true
	}
	phrase := func(pq *query.MatchPhraseQuery, add bool) (*prGroup, bool) {
		if pq.FieldVal != q.field || pq.Analyzer != "" || pq.Fuzziness != 0 {
			return nil, false
		}
		ph := tokenPhrase(an.Analyze([]byte(pq.MatchPhrase)))
		if len(ph) == 0 {
			return nil, false
		}
		g := &prGroup{boost: pq.BoostVal.Value(), slots: make([]int, len(ph))}
		for k, ts := range ph {
			switch len(ts) {
			case 0:
				g.slots[k] = -1
			case 1:
				t, ok := termOf(ts[0], add)
				if !ok {
					return nil, false
				}
				g.slots[k] = t
				g.occ = append(g.occ, t)
			default:
				return nil, false // several terms at one position
			}
		}
		return g, true
	}
	for _, c := range must.Conjuncts {
		switch c := c.(type) {
		case *query.MatchQuery:
			if c.FieldVal != q.field || c.Analyzer != "" || c.Fuzziness != 0 || c.Operator != query.MatchQueryOperatorAnd {
				return nil, false
			}
			g := &prGroup{boost: c.BoostVal.Value()}
			for _, tok := range an.Analyze([]byte(c.Match)) {
				t, _ := termOf(string(tok.Term), true)
				g.occ = append(g.occ, t)
			}
			if len(g.occ) == 0 {
				return nil, false // Bleve's MatchNoneSearcher within the conjunction
			}
			p.must = append(p.must, g)
		case *query.MatchPhraseQuery:
			g, ok := phrase(c, true)
			if !ok {
				return nil, false
			}
			p.must = append(p.must, g)
		default:
			return nil, false
		}
	}
	if bq.Should != nil {
		d, ok := bq.Should.(*query.DisjunctionQuery)
		if !ok || len(d.Disjuncts) != 1 || d.Min != 0 {
			return nil, false
		}
		pq, ok := d.Disjuncts[0].(*query.MatchPhraseQuery)
		if !ok {
			return nil, false
		}
		// the phrase's terms are must terms: every document of the
		// conjunction holds them
		if p.should, ok = phrase(pq, false); !ok {
			return nil, false
		}
	}
	return p, true
}

// tokenPhrase is Bleve's tokenStreamToPhrase (search/query/match_phrase.go):
// the terms by position, from the first token's to the last's.
func tokenPhrase(tokens analysis.TokenStream) [][]string {
	first, last := int(^uint(0)>>1), 0
	for _, t := range tokens {
		first = min(first, t.Position)
		last = max(last, t.Position)
	}
	n := last - first + 1
	if n <= 0 {
		return nil
	}
	rv := make([][]string, n)
	for _, t := range tokens {
		rv[t.Position-first] = append(rv[t.Position-first], string(t.Term))
	}
	return rv
}

// prTerm is one distinct term's postings, with its scorers (one per
// boost of the groups that hold it) and its current posting.
type prTerm struct {
	term    string
	r       bindex.TermFieldReader
	count   uint64
	scorers []*scorer.TermQueryScorer // by boost index; nil where unused
	tfd     bindex.TermFieldDoc
	cur     *bindex.TermFieldDoc // nil once the postings are done
	scores  []float64            // this document's score by boost index
	scored  []uint64             // the document (s.doc) of scores[b]
}

// prSorted is a group's term searchers as Bleve's conjunction orders
// them.
type prSorted struct {
	terms []*prTerm
	order []int
}

func (o prSorted) Len() int           { return len(o.order) }
func (o prSorted) Less(i, j int) bool { return o.terms[o.order[i]].count < o.terms[o.order[j]].count }
func (o prSorted) Swap(i, j int)      { o.order[i], o.order[j] = o.order[j], o.order[i] }

// prGroupSorted orders the must groups as Bleve's outer conjunction
// orders their searchers: by document count (summed over the group's
// term searchers).
type prGroupSorted struct {
	groups []*prRun
}

func (o prGroupSorted) Len() int           { return len(o.groups) }
func (o prGroupSorted) Less(i, j int) bool { return o.groups[i].count < o.groups[j].count }
func (o prGroupSorted) Swap(i, j int)      { o.groups[i], o.groups[j] = o.groups[j], o.groups[i] }

// prRun is a group being searched.
type prRun struct {
	b      int   // boost index
	order  []int // terms of the term searchers, in Bleve's order
	slots  []int // phrase terms by position (nil: words)
	count  uint64
	paths  []bsearch.FieldTermLocation // this document's phrase paths
	pathAt []prPart
}

type prPart struct {
	t int
	v *bindex.TermFieldVector
}

// phraseRankedSearcher searches a prPlan.
type phraseRankedSearcher struct {
	field   string
	options bsearch.SearcherOptions
	terms   []*prTerm
	byCount []*prTerm // terms, rarest first (the conjunction's lead)
	must    []*prRun  // Bleve's order
	should  *prRun
	boosts  []float64

	started, returned, done bool
	doc                     uint64              // documents aligned so far
	sd                      bindex.TermFieldDoc // the posting scored (termScore)
	scratch                 bsearch.SearchContext
	maxID                   bindex.IndexInternalID
}

var reflectStaticSizePhraseRanked = int(reflect.TypeOf(phraseRankedSearcher{}).Size())

func newPhraseRankedSearcher(ctx context.Context, i bindex.IndexReader, p *prPlan, options bsearch.SearcherOptions) (rs bsearch.Searcher, err error) {
	s := &phraseRankedSearcher{field: p.field, options: options}
	one := &bsearch.DocumentMatch{}
	s.scratch.DocumentMatchPool = &bsearch.DocumentMatchPool{
		TooSmall: func(*bsearch.DocumentMatchPool) *bsearch.DocumentMatch { return one }}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	// as NewTermSearcher
	if ctx != nil {
		if _, ok := ctx.Value(bsearch.QueryTypeKey).(string); !ok {
			ctx = context.WithValue(ctx, bsearch.QueryTypeKey, bsearch.Term)
		}
	}
	docTotal, avgDocLength, err := termScoreMetrics(ctx, p.field, i)
	if err != nil {
		return nil, err
	}
	boostIndex := func(b float64) int {
		for k, x := range s.boosts {
			if x == b {
				return k
			}
		}
		s.boosts = append(s.boosts, b)
		return len(s.boosts) - 1
	}
	for _, g := range append(append([]*prGroup{}, p.must...), p.should) {
		if g != nil {
			boostIndex(g.boost)
		}
	}
	for _, t := range p.terms {
		r, err := i.TermFieldReader(ctx, []byte(t), p.field, true, true, true)
		if err != nil {
			return nil, err
		}
		s.terms = append(s.terms, &prTerm{term: t, r: r, count: r.Count(),
			scorers: make([]*scorer.TermQueryScorer, len(s.boosts)),
			scores:  make([]float64, len(s.boosts)), scored: make([]uint64, len(s.boosts))})
	}
	run := func(g *prGroup) *prRun {
		b := boostIndex(g.boost)
		r := &prRun{b: b, order: append([]int(nil), g.occ...), slots: g.slots}
		sort.Sort(prSorted{terms: s.terms, order: r.order})
		for _, k := range r.order {
			t := s.terms[k]
			r.count += t.count
			if t.scorers[b] == nil {
				t.scorers[b] = scorer.NewTermQueryScorer([]byte(t.term), p.field, g.boost, docTotal, t.count, avgDocLength, options)
			}
		}
		return r
	}
	for _, g := range p.must {
		s.must = append(s.must, run(g))
	}
	sort.Sort(prGroupSorted{groups: s.must})
	if p.should != nil {
		s.should = run(p.should)
	}
	s.byCount = append([]*prTerm(nil), s.terms...)
	sort.SliceStable(s.byCount, func(a, b int) bool { return s.byCount[a].count < s.byCount[b].count })
	if err := s.optimize(); err != nil {
		return nil, err
	}
	s.SetQueryNorm(1.0 / math.Sqrt(s.Weight()))
	return s, nil
}

// termScoreMetrics are the document count and average field length a
// TermSearcher of field scores with (Bleve's newTermSearcherFromReader,
// bm25ScoreMetrics and tfIDFScoreMetrics).
func termScoreMetrics(ctx context.Context, field string, i bindex.IndexReader) (uint64, float64, error) {
	model := ""
	if ctx != nil {
		if cb, ok := ctx.Value(bsearch.GetScoringModelCallbackKey).(bsearch.GetScoringModelCallbackFn); ok {
			model = cb()
		}
	}
	if model != bindex.BM25Scoring {
		n, err := i.DocCount()
		return n, 0, err
	}
	var count uint64
	var card int
	if st, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats); ok {
		count = uint64(st.DocCount)
		if card, ok = st.FieldCardinality[field]; !ok {
			return 0, 0, errBM25Missing(field)
		}
	} else {
		var err error
		if count, err = i.DocCount(); err != nil {
			return 0, 0, err
		}
		if br, ok := i.(bindex.BM25Reader); ok {
			if card, err = br.FieldCardinality(field); err != nil {
				return 0, 0, err
			}
		}
	}
	if count == 0 && card == 0 {
		return 0, 0, nil
	}
	return count, math.Ceil(float64(card) / float64(count)), nil
}

type errBM25Missing string

func (e errBM25Missing) Error() string { return bm25Missing + " " + string(e) }

// optimize applies scorch's conjunction optimization (as Bleve's
// ConjunctionSearcher does to its term searchers): each term's postings
// are cut, segment by segment, to the documents that hold every term.
func (s *phraseRankedSearcher) optimize() error {
	if len(s.terms) < 2 {
		return nil
	}
	var octx bindex.OptimizableContext
	for _, t := range s.terms {
		o, ok := t.r.(bindex.Optimizable)
		if !ok {
			return nil
		}
		var err error
		if octx, err = o.Optimize("conjunction", octx); err != nil {
			return err
		}
		if octx == nil {
			return nil
		}
	}
	_, err := octx.Finish()
	return err
}

// weight is a group's weight: its conjunction's sum of its searchers'.
func (s *phraseRankedSearcher) weight(r *prRun) float64 {
	var w float64
	for _, k := range r.order {
		w += s.terms[k].scorers[r.b].Weight()
	}
	return w
}

// Weight is the BooleanSearcher's: its must conjunction's (the sum of
// its groups') plus its should disjunction's (the phrase's).
func (s *phraseRankedSearcher) Weight() float64 {
	var must float64
	for _, r := range s.must {
		must += s.weight(r)
	}
	var rv float64
	rv += must
	if s.should != nil {
		var should float64
		should += s.weight(s.should)
		rv += should
	}
	return rv
}

// SetQueryNorm sets qnorm on every term searcher, as Bleve's tree passes
// it down.
func (s *phraseRankedSearcher) SetQueryNorm(qnorm float64) {
	for _, t := range s.terms {
		for _, sc := range t.scorers {
			if sc != nil {
				sc.SetQueryNorm(qnorm)
			}
		}
	}
}

// Count is the BooleanSearcher's: the sum over its term searchers.
func (s *phraseRankedSearcher) Count() uint64 {
	var n uint64
	for _, r := range s.must {
		n += r.count
	}
	if s.should != nil {
		n += s.should.count
	}
	return n
}

func (s *phraseRankedSearcher) Min() int                   { return 0 }
func (s *phraseRankedSearcher) DocumentMatchPoolSize() int { return 2 }

func (s *phraseRankedSearcher) Size() int {
	n := reflectStaticSizePhraseRanked
	for _, t := range s.terms {
		if t.r != nil {
			n += t.r.Size()
		}
		n += len(t.term) + t.tfd.Size()
	}
	return n
}

func (s *phraseRankedSearcher) Close() error {
	var err error
	for _, t := range s.terms {
		if t.r != nil {
			if cerr := t.r.Close(); err == nil {
				err = cerr
			}
		}
	}
	return err
}

// nextAll moves every term past the current document.
func (s *phraseRankedSearcher) nextAll() error {
	for _, t := range s.terms {
		var err error
		if t.cur, err = t.r.Next(t.tfd.Reset()); err != nil {
			return err
		}
		if t.cur == nil {
			s.done = true
		}
	}
	return nil
}

func (s *phraseRankedSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if !s.started || s.returned {
		s.started, s.returned = true, false
		if err := s.nextAll(); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

func (s *phraseRankedSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if !s.started {
		// no term read yet: each is advanced below (cur nil)
		s.started = true
	} else if s.returned {
		// the terms are on the document last returned
		s.returned = false
		if s.terms[0].cur.ID.Compare(id) >= 0 {
			if err := s.nextAll(); err != nil {
				return nil, err
			}
			return s.match(ctx)
		}
	}
	for _, t := range s.terms {
		if t.cur == nil || t.cur.ID.Compare(id) < 0 {
			var err error
			if t.cur, err = t.r.Advance(id, t.tfd.Reset()); err != nil {
				return nil, err
			}
			if t.cur == nil {
				s.done = true
				return nil, nil
			}
		}
	}
	return s.match(ctx)
}

// align moves the terms until all are on one document (true), or one
// has no more (false). Only terms behind are advanced (scorch's reader
// starts over when asked to go back, or to stay).
func (s *phraseRankedSearcher) align() (bool, error) {
	for {
		if s.done {
			return false, nil
		}
		lead := s.byCount[0].cur.ID
		for _, t := range s.byCount[1:] {
			if t.cur.ID.Compare(lead) > 0 {
				lead = t.cur.ID
			}
		}
		s.maxID = append(s.maxID[:0], lead...)
		moved := false
		for _, t := range s.byCount {
			if t.cur.ID.Compare(s.maxID) < 0 {
				var err error
				if t.cur, err = t.r.Advance(s.maxID, t.tfd.Reset()); err != nil {
					return false, err
				}
				if t.cur == nil {
					s.done = true
					return false, nil
				}
				moved = true
			}
		}
		if !moved {
			return true, nil
		}
	}
}

// match returns the first document from the terms' positions that
// holds every term and every must phrase, scored.
func (s *phraseRankedSearcher) match(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		ok, err := s.align()
		if err != nil || !ok {
			return nil, err
		}
		s.doc++
		found := true
		for _, r := range s.must {
			if r.slots != nil && !s.findPaths(r) {
				found = false
				break
			}
		}
		if !found {
			if err := s.nextAll(); err != nil {
				return nil, err
			}
			continue
		}
		return s.hit(ctx), nil
	}
}

// hit is the current document as Bleve's BooleanSearcher returns it.
func (s *phraseRankedSearcher) hit(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	s.returned = true
	// must: the outer conjunction's sum of its groups' sums
	var must float64
	for _, r := range s.must {
		var g float64
		for _, k := range r.order {
			g += s.termScore(s.terms[k], r.b)
		}
		must += g
	}
	var score float64
	score += must
	phrase := s.should != nil && s.findPaths(s.should)
	if phrase {
		var p float64
		for _, k := range s.should.order {
			p += s.termScore(s.terms[k], s.should.b)
		}
		var d float64 // the should disjunction: sum × coord(1/1)
		d += p
		score += d * (float64(1) / float64(1))
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = append(dm.IndexInternalID, s.terms[0].cur.ID...)
	dm.Score = score
	for _, r := range s.must {
		if r.slots != nil {
			dm.FieldTermLocations = append(dm.FieldTermLocations, r.paths...)
			continue
		}
		if !s.options.IncludeTermVectors {
			continue
		}
		for _, k := range r.order {
			t := s.terms[k]
			for _, v := range t.cur.Vectors {
				dm.FieldTermLocations = append(dm.FieldTermLocations, ftl(t.term, v))
			}
		}
	}
	if phrase {
		dm.FieldTermLocations = append(dm.FieldTermLocations, s.should.paths...)
	}
	return dm
}

// termScore is t's score in the current document by its scorer of boost
// index b (computed once per document).
//
// The scorer takes its DocumentMatch from s.scratch, whose pool is
// always empty and hands out the same one: a posting without ID or
// term vectors sets nothing but its score, which every call sets.
func (s *phraseRankedSearcher) termScore(t *prTerm, b int) float64 {
	if t.scored[b] == s.doc {
		return t.scores[b]
	}
	s.sd.Freq, s.sd.Norm = t.cur.Freq, t.cur.Norm
	v := t.scorers[b].Score(&s.scratch, &s.sd).Score
	t.scores[b], t.scored[b] = v, s.doc
	return v
}

func ftl(term string, v *bindex.TermFieldVector) bsearch.FieldTermLocation {
	var ap bsearch.ArrayPositions
	if len(v.ArrayPositions) > 0 {
		ap = append(ap, v.ArrayPositions...)
	}
	return bsearch.FieldTermLocation{Field: v.Field, Term: term,
		Location: bsearch.Location{Pos: v.Pos, Start: v.Start, End: v.End, ArrayPositions: ap}}
}

// findPaths finds the paths of phrase r in the current document into
// r.paths, as Bleve's findPhrasePaths (search/searcher/search_phrase.go)
// with no slop: from each location of the first term, the next term at
// the next position (a stop word's place skipped), in the same array
// positions. Bleve also skips a location already on the path, which
// with no slop cannot happen (positions only grow along a path).
func (s *phraseRankedSearcher) findPaths(r *prRun) bool {
	r.paths = r.paths[:0]
	r.pathAt = r.pathAt[:0]
	s.walk(r, 0, 0, nil)
	return len(r.paths) > 0
}

func (s *phraseRankedSearcher) walk(r *prRun, k int, prevPos uint64, ap []uint64) {
	if k == len(r.slots) {
		for _, p := range r.pathAt {
			r.paths = append(r.paths, ftl(s.terms[p.t].term, p.v))
		}
		return
	}
	t := r.slots[k]
	if t < 0 {
		next := prevPos + 1
		if prevPos == 0 {
			next = 0
		}
		s.walk(r, k+1, next, ap)
		return
	}
	for _, v := range s.terms[t].cur.Vectors {
		if prevPos != 0 && (!bsearch.ArrayPositions(v.ArrayPositions).Equals(ap) || v.Pos != prevPos+1) {
			continue
		}
		r.pathAt = append(r.pathAt, prPart{t: t, v: v})
		s.walk(r, k+1, v.Pos, v.ArrayPositions)
		r.pathAt = r.pathAt[:len(r.pathAt)-1]
	}
}
