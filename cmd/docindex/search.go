package main

import (
	"bufio"
	"context"
	"encoding/json"
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

func runSearch(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	indexPath := indexPathFlag(fs)
	lang := fs.String("lang", "", "only clauses in this language (ISO 639-1)")
	symbol := fs.String("symbol", "", "only this document (symbol, or file:NAME)")
	body := fs.String("body", "", "only this body (e.g. \"General Assembly\")")
	limit := fs.Int("limit", 10, "hits to show (at most 100)")
	offset := fs.Int("offset", 0, "skip this many hits")
	asJSON := fs.Bool("json", false, "one JSON object per hit per line (JSON Lines)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: docindex search [--index PATH] [--lang xx] [--symbol S] [--body B] [--limit N] [--json] QUERY\n\n"+
			"QUERY is Bleve query-string syntax (words, \"phrases\", +must, -not, field:value)\n"+
			"searched in every language, or a document symbol with an optional paragraph:\n"+
			"  A/RES/78/265   A/RES/78/265 6(m)   S/2016/1100 para. 3   file:UN_Charter_fr.pdf art. 51\n\n")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" && *symbol == "" {
		fs.Usage()
		return 2
	}
	ix, err := index.Open(*indexPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex search: %v\n", err)
		return 1
	}
	defer ix.Close()
	res, err := ix.Search(ctx, index.SearchRequest{
		Query: q, Lang: *lang, Symbol: *symbol, Body: *body, Limit: *limit, Offset: *offset,
		SkipBodies: true, // only languages are printed
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex search: %v\n", err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		for _, h := range res.Hits {
			if err := enc.Encode(h); err != nil {
				fmt.Fprintf(os.Stderr, "docindex search: %v\n", err)
				return 1
			}
		}
		return 0
	}
	printHits(out, res, *offset, isTerminal(os.Stdout))
	return 0
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
	for i, h := range res.Hits {
		mark := ""
		if h.OCR {
			mark = " [OCR]"
		}
		fmt.Fprintf(w, "%d. %s%s\n", offset+i+1, h.Citation, mark)
		fmt.Fprintf(w, "   %s, page %d, %s (score %.2f)\n", h.Language, h.Page, h.File, h.Score)
		fmt.Fprintf(w, "   %s\n", snippetText(h.Snippet, color))
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
