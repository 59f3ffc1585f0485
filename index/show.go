package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Matched is the version of a clause that matched a query, when the hit
// shows another language version of it (SearchRequest.Show).
type Matched struct {
	Language string `json:"language"`
	Citation string `json:"citation"`
	Page     int    `json:"page"`
	File     string `json:"file"`
	Snippet  string `json:"snippet"`
	Text     string `json:"text"`
	PDFURL   string `json:"pdf_url,omitempty"` // set by the web API
}

// showIn replaces each hit by its version in language show, found
// through its parallels, keeping the version that matched in
// Hit.Matched. Hits already in that language stay as they are; hits
// without a version in it are listed after the others, with
// Hit.NoShowVersion set.
func (ix *Index) showIn(ctx context.Context, hits []Hit, show string) ([]Hit, error) {
	var subs []query.Query
	for _, h := range hits {
		if h.Language != show && h.Work != "" && h.ID != "" {
			subs = append(subs, term("wid", widKey(h.Work, h.ID)))
		}
	}
	if len(subs) == 0 {
		return hits, nil
	}
	bq := query.NewBooleanQuery([]query.Query{disj(subs...)}, nil, nil)
	bq.AddFilter(term("language", show))
	req := bleve.NewSearchRequestOptions(bq, min(len(subs)*4, 1000), 0, false)
	req.SortBy([]string{"file"})
	res, err := ix.search(ctx, req)
	if err == nil {
		err = ix.loadFields(res.Hits, hitFields)
	}
	if err != nil {
		return nil, fmt.Errorf("show %s: %w", show, err)
	}
	versions := map[string]Clause{}
	for _, v := range res.Hits {
		c := toClause(v)
		k := widKey(c.Work, c.ID)
		if _, ok := versions[k]; !ok {
			versions[k] = c
		}
	}
	var shown, missing []Hit
	// A query read in several languages can match a clause and its
	// version in show: both would show that version; it is listed once,
	// where it ranks first.
	type clauseKey struct {
		file string
		seq  int
	}
	listed := map[clauseKey]bool{}
	for _, h := range hits {
		if h.Language == show {
			if k := (clauseKey{h.File, h.Seq}); !listed[k] {
				listed[k] = true
				shown = append(shown, h)
			}
			continue
		}
		v, ok := versions[widKey(h.Work, h.ID)]
		if !ok {
			h.NoShowVersion = true
			missing = append(missing, h)
			continue
		}
		if k := (clauseKey{v.File, v.Seq}); listed[k] {
			continue
		} else {
			listed[k] = true
		}
		pars := []Parallel{{Language: h.Language, File: h.File, Page: h.Page}}
		for _, p := range h.Parallels {
			if p.File != v.File {
				pars = append(pars, p)
			}
		}
		sort.Slice(pars, func(i, j int) bool { return pars[i].Language < pars[j].Language })
		h.Parallels = pars
		m := &Matched{Language: h.Language, Citation: h.Citation, Page: h.Page, File: h.File, Snippet: h.Snippet, Text: h.Text}
		h.Matched = m
		h.Symbol, h.Citation, h.Language, h.Page, h.File = v.Symbol, v.Citation, v.Language, v.Page, v.File
		h.Section, h.Title, h.Text, h.Seq, h.Doc = v.Section, v.Title, v.Text, v.Seq, v.Doc
		if h.Citation == "" {
			h.Citation = h.Doc + ", " + h.ID
		}
		h.Snippet = plainSnippet(v.Text)
		shown = append(shown, h)
	}
	return append(shown, missing...), nil
}
