package index

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Honest empty answers: a clause reference that a known document lacks is
// answered with the references it has; a query whose words find nothing
// with the closest words of the term dictionary.

// maxListedClauses bounds the clauses read to list a document's
// references.
const maxListedClauses = 5000

var numberedPart = regexp.MustCompile(`^(para|art)_(\d+(?:\.\d+)?)$`)

// missingClauseNotice says that the document of sq has no clause sq.ID,
// and which paragraphs (articles…) it has, read from one of its files.
func (ix *Index) missingClauseNotice(ctx context.Context, sq SymbolQuery) (string, error) {
	bq := query.NewBooleanQuery([]query.Query{docQuery(docKey(sq))}, nil, nil)
	bq.AddFilter(term("type", typeClause))
	req := bleve.NewSearchRequestOptions(bq, maxListedClauses, 0, false)
	req.Fields = []string{"id", "file"}
	req.SortBy([]string{"file", "seq"})
	res, err := ix.search(ctx, req)
	if err != nil {
		return "", err
	}
	var ids []string
	file := ""
	for _, h := range res.Hits {
		if file == "" {
			file = str(h.Fields, "file")
		}
		if str(h.Fields, "file") == file {
			ids = append(ids, str(h.Fields, "id"))
		}
	}
	return fmt.Sprintf("%s has no %s; it has %s", docLabel(sq), ReadableID(sq.ID), summarizeIDs(ids)), nil
}

// ReadableID writes a clause id as a reference: "annex_I__para_12" →
// "annex I, para. 12".
func ReadableID(id string) string {
	var out []string
	for _, p := range strings.Split(id, "__") {
		k, v, _ := strings.Cut(p, "_")
		switch k {
		case "para":
			out = append(out, "para. "+v)
		case "art":
			out = append(out, "art. "+v)
		case "annex":
			out = append(out, strings.TrimSpace("annex "+v))
		case "cmp":
			out = append(out, "text "+v)
		case "list":
		case "point":
			out = append(out, "("+v+")")
		default:
			out = append(out, strings.ReplaceAll(p, "_", " "))
		}
	}
	return strings.Join(out, ", ")
}

// summarizeIDs lists the top-level references of ids, in document order,
// numbers in ranges: "para. 1–12; preamble, para. 1–5; annex I, para. 1–3".
func summarizeIDs(ids []string) string {
	type group struct {
		prefix, kind string
		nums         []string
	}
	var groups []*group
	byLabel := map[string]*group{}
	for _, id := range ids {
		parts := strings.Split(id, "__")
		prefix, kind, num := id, "", ""
		for i, p := range parts {
			if m := numberedPart.FindStringSubmatch(p); m != nil {
				prefix, kind, num = strings.Join(parts[:i], "__"), m[1], m[2]
				break
			}
		}
		g := byLabel[prefix+"\x00"+kind]
		if g == nil {
			g = &group{prefix: prefix, kind: kind}
			byLabel[prefix+"\x00"+kind] = g
			groups = append(groups, g)
		}
		if num != "" && (len(g.nums) == 0 || g.nums[len(g.nums)-1] != num) {
			g.nums = append(g.nums, num)
		}
	}
	if len(groups) == 0 {
		return "no clauses"
	}
	var out []string
	for _, g := range groups {
		var l []string
		if g.prefix != "" {
			l = append(l, ReadableID(g.prefix))
		}
		if g.kind != "" {
			l = append(l, g.kind+". "+ranges(g.nums))
		}
		out = append(out, strings.Join(l, ", "))
	}
	if len(out) > 12 {
		out = append(out[:12], "…")
	}
	return strings.Join(out, "; ")
}

// ranges writes numbers as ranges: 1 2 3 5 → "1–3, 5"; decimal numbers
// ("25.1") are listed as they are.
func ranges(nums []string) string {
	var out []string
	for i := 0; i < len(nums); {
		a, err := strconv.Atoi(nums[i])
		j := i + 1
		if err == nil {
			for j < len(nums) {
				b, err := strconv.Atoi(nums[j])
				if err != nil || b != a+(j-i) {
					break
				}
				j++
			}
		}
		if j-i > 1 {
			out = append(out, nums[i]+"–"+nums[j-1])
		} else {
			out = append(out, nums[i])
		}
		i = j
	}
	if len(out) > 20 {
		out = append(out[:20], "…")
	}
	return strings.Join(out, ", ")
}

// maxSuggestTerms bounds the dictionary terms looked at per word.
const maxSuggestTerms = 24

// suggest returns q with each word that is in no clause replaced by the
// closest word of the clauses (edit distance 1, or 2 for words of more
// than five letters), "" when no word has a replacement. Candidates are
// the index terms within that distance of the word's term and those
// sharing its first letters (a stem can be far from its word:
// "digitization" is indexed as "digit"); each is compared as it is
// written in a clause.
func (ix *Index) suggest(ctx context.Context, q, reqLang string) (string, error) {
	fields := textFields(reqLang)
	if reqLang == "" {
		if l, ok := queryLanguage(q); ok {
			fields = []string{textField(l)}
		}
	}
	words := strings.Fields(q)
	changed := false
	for i, w := range words {
		lw := strings.ToLower(w)
		maxDist := 1
		if len([]rune(lw)) > 5 {
			maxDist = 2
		}
		best, bestDist, known := "", maxDist+1, false
		for _, f := range fields {
			a := ix.bi.Mapping().AnalyzerNamed(ix.bi.Mapping().AnalyzerNameForPath(f))
			if a == nil {
				continue
			}
			toks := a.Analyze([]byte(w))
			if len(toks) != 1 || len([]rune(string(toks[0].Term))) < 3 {
				known = true // a stop word, or not one word: leave it
				break
			}
			tok := string(toks[0].Term)
			res, err := ix.search(ctx, bleve.NewSearchRequestOptions(term(f, tok), 0, 0, false))
			if err != nil {
				return "", err
			}
			if res.Total > 0 {
				known = true
				break
			}
			cands, err := ix.suggestTerms(f, tok, lw)
			if err != nil {
				return "", err
			}
			for _, c := range cands {
				surface, err := ix.surface(ctx, f, c)
				if err != nil {
					return "", err
				}
				if d := EditDistance(strings.ToLower(surface), lw); surface != "" && d < bestDist {
					best, bestDist = strings.ToLower(surface), d
				}
			}
		}
		if !known && best != "" && best != lw {
			words[i] = best
			changed = true
		}
	}
	if !changed {
		return "", nil
	}
	return strings.Join(words, " "), nil
}

// suggestTerms lists the terms of field f near tok (the analysed word
// word): within edit distance 2 of tok, or sharing word's first letters.
func (ix *Index) suggestTerms(f, tok, word string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	// an alias has no term dictionary of its own: visit each shard's
	for _, shard := range ix.shards {
		for _, prefix := range []string{firstRunes(tok, 3), firstRunes(word, 4)} {
			if prefix == "" || len(out) >= maxSuggestTerms {
				continue
			}
			dict, err := shard.FieldDictPrefix(f, []byte(prefix))
			if err != nil {
				return nil, err
			}
			for n := 0; n < 2000 && len(out) < maxSuggestTerms; n++ {
				e, err := dict.Next()
				if err != nil || e == nil {
					break
				}
				if seen[e.Term] {
					continue
				}
				near := EditDistance(e.Term, tok) <= 2 || strings.HasPrefix(word, e.Term)
				if n := len([]rune(e.Term)); !near && n >= 4 {
					if p := firstRunes(word, n); p != "" && EditDistance(e.Term, p) <= 1 {
						near = true // a stem of a word close to this one
					}
				}
				if near {
					seen[e.Term] = true
					out = append(out, e.Term)
				}
			}
			dict.Close()
		}
	}
	return out, nil
}

// surface is term as written in one clause of field f.
func (ix *Index) surface(ctx context.Context, f, t string) (string, error) {
	req := bleve.NewSearchRequestOptions(term(f, t), 1, 0, false)
	req.IncludeLocations = true
	req.Fields = []string{f}
	res, err := ix.search(ctx, req)
	if err != nil || len(res.Hits) == 0 {
		return "", err
	}
	text := str(res.Hits[0].Fields, f)
	for _, locs := range res.Hits[0].Locations[f] {
		if len(locs) > 0 && int(locs[0].End) <= len(text) {
			return text[locs[0].Start:locs[0].End], nil
		}
	}
	return "", nil
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) < n {
		return ""
	}
	return string(r[:n])
}

// EditDistance is the Levenshtein distance between a and b, in runes.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
