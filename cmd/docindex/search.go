package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/docindex/docindex/index"
)

func init() {
	register(&command{
		name:    "search",
		summary: "search the index (free text, or a symbol such as A/RES/78/265 para 6 (m))",
		run:     runSearch,
	})
}

// parseInterleaved parses flags that may come before or after the
// positional arguments ("docindex search QUERY --lang fr").
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil // all after "--" is positional
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// runSearch runs "docindex search": flags checked (checkSearchRequest),
// the indexes opened together, one search, its hits or documents printed
// (printHits, printDocuments) or written as JSON Lines (writeSearchJSON).
func runSearch(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	indexPaths := indexPathsFlag(fs)
	lang := fs.String("lang", "", "only clauses in this language: "+strings.Join(searchLanguages, ", "))
	show := fs.String("show", "", "show each hit in this language (its version found through the clause's parallels, with the version that matched)")
	symbol := fs.String("symbol", "", "only this document (symbol, or file:NAME)")
	body := fs.String("body", "", "only this body (e.g. \"General Assembly\")")
	limit := fs.Int("limit", 10, "hits to show (at most 100)")
	offset := fs.Int("offset", 0, "skip this many hits")
	asJSON := fs.Bool("json", false, "one JSON object per hit per line (JSON Lines); with --by-document one per document")
	byDoc := fs.Bool("by-document", false, "one entry per document with its best clauses (among the best 200 clauses); --limit and --offset count documents")
	from := fs.String("from", "", "only documents dated from this year (2018), month (2018-06) or day (2018-06-30) on")
	to := fs.String("to", "", "only documents dated up to this year, month or day (included)")
	sortBy := fs.String("sort", "", "relevance (default), date (oldest first) or -date (newest first)")
	fs.Usage = func() { searchUsage(fs) }
	pos, err := parseInterleaved(fs, args)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		return 2
	}
	req := index.SearchRequest{
		Query: strings.TrimSpace(strings.Join(pos, " ")), Lang: *lang, Show: *show, Symbol: *symbol, Body: *body, Limit: *limit, Offset: *offset,
		From: *from, To: *to, Sort: *sortBy, ByDocument: *byDoc,
		SkipBodies: true, // only languages are printed
	}
	if err := checkSearchRequest(&req); err != nil {
		fmt.Fprintf(os.Stderr, "docindex search: %v\n", err)
		return 2
	}
	if req.Query == "" && req.Symbol == "" {
		fs.Usage()
		return 2
	}
	ix, err := index.OpenAll(indexPaths.paths...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex search: %v\n", err)
		return 1
	}
	defer ix.Close()
	res, err := ix.Search(ctx, req)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex search: %v\n", err)
		if errors.Is(err, index.ErrQueryRefused) {
			return 2 // a usage error, like a bad flag
		}
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if *asJSON {
		if err := writeSearchJSON(out, res, *byDoc); err != nil {
			fmt.Fprintf(os.Stderr, "docindex search: %v\n", err)
			return 1
		}
		return 0
	}
	if *byDoc {
		printDocuments(out, res, *offset, isTerminal(os.Stdout))
		return 0
	}
	printHits(out, res, *offset, isTerminal(os.Stdout))
	return 0
}

// searchUsage prints the usage of search.
func searchUsage(fs *flag.FlagSet) {
	fmt.Fprintf(fs.Output(), "usage: docindex search [--index PATH] [--lang xx] [--show xx] [--symbol S] [--body B]\n"+
		"       [--from DATE] [--to DATE] [--sort date|-date] [--by-document] [--limit N] [--offset N] [--json] QUERY\n\n"+
		"QUERY is words, a citation, or Bleve query-string syntax. Flags may come before or after it.\n\n"+
		"Words: searched in the language they are written in (told by their script, or for\n"+
		"Latin-script words by letters and function words only one language uses; in every\n"+
		"language when unsure, and when their own language has no match). Every word is\n"+
		"required (stemmed, stop words aside), the whole query as a phrase ranks first,\n"+
		"hyphenated compounds (self-defence) and Chinese runs are phrases. When no clause has\n"+
		"every word, clauses with some are shown and the output says so.\n\n"+
		"Query-string syntax (\"a phrase\", +must, -not, text_fr:mot, wildcards) keeps Bleve's\n"+
		"meaning: words without + are optional. Fields: text_en, text_fr… (one per language),\n"+
		"symbol:\"A/RES/78/265\", title:charter, body:\"General Assembly\", date:>=\"2018-01-01\".\n\n"+
		"Citations: a document symbol or a known instrument's title, with an optional clause:\n"+
		"  A/RES/78/265   A/RES/78/265 6(m)   S/2016/1100 para. 3   A/RES/78/265, par. 6 m)\n"+
		"  Charter art. 51   Charte des Nations Unies, art. 51   联合国宪章第五十一条\n"+
		"  file:UN_Charter_fr.pdf art. 51   Article 51 (that article of every document)\n"+
		"A symbol not in the index, or a clause its document lacks, is reported as such.\n\n"+
		"Exit status: 0 answered (also with no hits), 1 the index cannot be read, 2 bad usage.\n\n")
	fs.PrintDefaults()
}

// checkSearchRequest checks the flags of search in the order they are
// reported: --lang and --show (known languages, put in lower case),
// --limit 1 to 100, --offset 0 or more, the dates of --from and --to,
// --sort relevance, date or -date.
func checkSearchRequest(req *index.SearchRequest) error {
	for _, f := range []struct {
		name string
		val  *string
	}{{"lang", &req.Lang}, {"show", &req.Show}} {
		v, err := checkLanguage(*f.val)
		if err != nil {
			return fmt.Errorf("--%s: %v", f.name, err)
		}
		*f.val = v
	}
	if req.Limit < 1 || req.Limit > 100 {
		return fmt.Errorf("--limit %d: want 1 to 100", req.Limit)
	}
	if req.Offset < 0 {
		return fmt.Errorf("--offset %d: want 0 or more", req.Offset)
	}
	for _, d := range []string{req.From, req.To} {
		if _, err := index.DateBound(d, false); err != nil {
			return err
		}
	}
	switch req.Sort {
	case "", "relevance", "date", "-date":
	default:
		return fmt.Errorf("--sort %q: want relevance, date or -date", req.Sort)
	}
	return nil
}

// writeSearchJSON writes a result as JSON Lines: one object per hit, or
// per document when grouped. Its notices go to standard error, so that
// standard output stays one object per line.
func writeSearchJSON(out io.Writer, res *index.SearchResult, byDoc bool) error {
	for _, n := range notices(res) {
		fmt.Fprintf(os.Stderr, "docindex search: %s\n", n)
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if byDoc {
		for _, d := range res.Documents {
			if err := enc.Encode(d); err != nil {
				return err
			}
		}
		return nil
	}
	for _, h := range res.Hits {
		if err := enc.Encode(h); err != nil {
			return err
		}
	}
	return nil
}

func printDocuments(w io.Writer, res *index.SearchResult, offset int, color bool) {
	for _, n := range notices(res) {
		fmt.Fprintf(w, "%s\n\n", n)
	}
	for i, d := range res.Documents {
		head := d.Doc
		if d.Title != "" && d.Title != d.Doc {
			head += " — " + d.Title
		}
		fmt.Fprintf(w, "%d. %s\n", offset+i+1, head)
		var meta []string
		for _, m := range []string{d.Body, d.Date} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		meta = append(meta, fmt.Sprintf("%d matching clauses", d.Matches))
		fmt.Fprintf(w, "   %s\n", strings.Join(meta, ", "))
		for _, h := range d.Hits {
			fmt.Fprintf(w, "   - %s (%s, page %d)\n     %s\n", h.Citation, h.Language, h.Page, snippetText(h.Snippet, color))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d documents shown (of the best %d clauses; %d clauses match); %.1f ms\n", len(res.Documents), min(index.GroupWindow, int(res.Total)), res.Total, res.TookMS)
}

// searchLanguages are the languages --lang and --show accept.
var searchLanguages = []string{"ar", "en", "es", "fr", "ru", "zh", "de", "it", "pt"}

// checkLanguage returns code in lower case, or an error listing the
// valid codes; "" is accepted (no restriction).
func checkLanguage(code string) (string, error) {
	c := strings.ToLower(strings.TrimSpace(code))
	if c == "" {
		return "", nil
	}
	for _, l := range searchLanguages {
		if l == c {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown language %q (valid: %s)", code, strings.Join(searchLanguages, ", "))
}

// notices are the lines that explain an answer: a document not in the
// index, a clause it lacks, a relaxed match, a suggestion.
func notices(res *index.SearchResult) []string {
	var out []string
	if res.Notice != "" {
		out = append(out, res.Notice)
	}
	if res.Relaxed {
		out = append(out, "no clause has every word of the query; showing clauses with some of them")
	}
	if res.Suggestion != "" {
		out = append(out, fmt.Sprintf("did you mean: %s", res.Suggestion))
	}
	return out
}

// snippetText turns an HTML snippet into terminal text: marks in bold
// when color is set, between « » otherwise.
func snippetText(s string, color bool) string {
	open, close := "«", "»"
	if color {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	s = strings.ReplaceAll(s, "<mark>", "\x00")
	s = strings.ReplaceAll(s, "</mark>", "\x01")
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\x00", open)
	s = strings.ReplaceAll(s, "\x01", close)
	return strings.Join(strings.Fields(s), " ")
}

func printHits(w io.Writer, res *index.SearchResult, offset int, color bool) {
	for _, n := range notices(res) {
		fmt.Fprintf(w, "%s\n\n", n)
	}
	for i, h := range res.Hits {
		mark := ""
		if h.OCR {
			mark = " [OCR]"
		}
		fmt.Fprintf(w, "%d. %s%s\n", offset+i+1, h.Citation, mark)
		if h.NoShowVersion {
			fmt.Fprintf(w, "   (no version in the language asked for)\n")
		}
		fmt.Fprintf(w, "   %s, page %d, %s (score %.2f)\n", h.Language, h.Page, h.File, h.Score)
		fmt.Fprintf(w, "   %s\n", snippetText(h.Snippet, color))
		if m := h.Matched; m != nil {
			fmt.Fprintf(w, "   matched (%s, page %d): %s\n", m.Language, m.Page, snippetText(m.Snippet, color))
		}
		if len(h.Parallels) > 0 {
			ps := make([]string, len(h.Parallels))
			for j, p := range h.Parallels {
				ps[j] = fmt.Sprintf("%s p. %d", p.Language, p.Page)
			}
			fmt.Fprintf(w, "   also in: %s\n", strings.Join(ps, ", "))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d hits", res.Total)
	if len(res.Hits) > 0 {
		fmt.Fprintf(w, " (%d–%d shown)", offset+1, offset+len(res.Hits))
	}
	if len(res.Languages) > 0 {
		fmt.Fprintf(w, "; by language: %s", countList(res.Languages))
	}
	fmt.Fprintf(w, "; %.1f ms\n", res.TookMS)
}

func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
