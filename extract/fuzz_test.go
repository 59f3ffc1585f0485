package extract

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/docindex/docindex/extract/internal/sharedtest"
)

// Fuzz targets for the PDF front end (bytes → pages → clauses) and for
// clause segmentation (text → clauses).
//
//	go test ./extract -run '^$' -fuzz FuzzReadPages -fuzztime 10m
//	go test ./extract -run '^$' -fuzz FuzzSegment -fuzztime 10m
//
// Seeds: the project's testdata PDFs and bad inputs (always), plus the
// PDFs of ../shared/corpus and the gold texts of ../shared/gold when
// fuzzing (not in plain `go test`, where seeds run as ordinary tests).
// Crashers are written by Go to testdata/fuzz/<Target>/ and committed as
// regression tests.

// clauseIDRe is the clause id grammar of shared/gold/README.md and its
// clause tables: an optional annex prefix, an optional component of a
// paragraph (para_N__cmp_K__), then a preambular paragraph, a numbered
// paragraph (in a component's conclusions: conclusions__para_N) or an
// article (with its numbered paragraph), then up to two list levels
// (letter, roman), and a table of that clause (__table_N; table_N alone
// in a document without structure). TestClauseIDGrammar checks it against every id of the
// gold tables and of testdata/expect.
var clauseIDRe = regexp.MustCompile(`^` +
	`(?:annex(?:_[A-Z0-9]+)?__)?` +
	`(?:para_\d+(?:\.\d+)*__cmp_\d+__)?` +
	`(?:(?:preamble__para_\d+|(?:conclusions__)?para_\d+(?:\.\d+)*|art_\d+(?:__para_\d+(?:\.\d+)*)?)` +
	`(?:__list_1__point_[a-z]+){0,2}(?:__table_\d+)?|table_\d+)$`)

// checkClauses asserts the invariants of a document's clauses: ids that
// follow the grammar and are unique, pages within the document.
func checkClauseInvariants(t *testing.T, doc *Document) {
	t.Helper()
	seen := map[string]int{}
	for i, c := range doc.Clauses {
		if !clauseIDRe.MatchString(c.ID) {
			t.Errorf("clause %d: id %q does not follow the id grammar", i, c.ID)
		}
		if j, dup := seen[c.ID]; dup {
			t.Errorf("clause %d: id %q already used by clause %d", i, c.ID, j)
		}
		seen[c.ID] = i
		if len(doc.Pages) > 0 && (c.Page < 1 || c.Page > len(doc.Pages)+doc.Pages[0].Number-1) {
			t.Errorf("clause %s: page %d outside the document (%d pages)", c.ID, c.Page, len(doc.Pages))
		}
	}
}

func relFuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// sharedDir returns ../shared (the sibling of the repository root) or "".
func relSharedDir() string {
	return sharedtest.Dir()
}

// seedFiles returns the files under dir whose name ends in ext, at most
// maxSize bytes each.
func relSeedFiles(dir, ext string, maxSize int64) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(strings.ToLower(p), ext) {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.Size() <= maxSize {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func FuzzReadPages(f *testing.F) {
	files := append(relSeedFiles("../testdata/pdf", ".pdf", 1<<20), relSeedFiles("../testdata/bad", ".pdf", 1<<20)...)
	if s := relSharedDir(); s != "" && relFuzzing() {
		files = append(files, relSeedFiles(filepath.Join(s, "corpus"), ".pdf", 2<<20)...)
	}
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	// Small hand-made documents: valid, and with structure the mutator can
	// break (forms, streams, page tree).
	f.Add(hOnePage([]byte(hTextOp(700, "Hello fuzz")+hTextOp(680, "1. The General Assembly,")), "").Bytes(""))
	form := hOnePage([]byte("/X1 Do\n"), "/X1 6 0 R")
	form.Add(hStream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >>",
		[]byte(hTextOp(700, "inside")+"/X1 Do\n")))
	f.Add(form.Bytes(""))
	z := hOnePage(nil, "")
	z.Set(5, hStream("/Filter /FlateDecode", hFlate([]byte(hTextOp(700, "compressed text")))))
	f.Add(z.Bytes(""))

	f.Fuzz(func(t *testing.T, data []byte) {
		doc := &Document{File: "fuzz.pdf"}
		const limit = 20 * time.Second
		err := Bytes(context.Background(), doc, data, Options{Timeout: limit})
		if err != nil {
			if strings.Contains(err.Error(), "timed out") {
				t.Fatalf("hang: %v", err)
			}
			if doc.Error != err.Error() || err.Error() == "" {
				t.Fatalf("error %q but doc.Error %q", err, doc.Error)
			}
			return
		}
		if doc.Error != "" || len(doc.Pages) == 0 {
			t.Fatalf("no error but doc.Error %q and %d pages", doc.Error, len(doc.Pages))
		}
		for i, p := range doc.Pages {
			if p.Number != i+1 {
				t.Fatalf("page %d numbered %d", i+1, p.Number)
			}
		}
		checkClauseInvariants(t, doc)
	})
}

// fuzzPages lays text out as pages of lines, the way the engine returns
// them: "\f" separates pages, "\n" lines; leading spaces indent a line
// (18 pt each), a leading '#' makes it a bold 12 pt heading, a leading
// '_' a small 8 pt line (footnote), a leading '^' puts a raised 6 pt
// marker word in front; an empty line leaves a gap.
func fuzzPages(s string) []Page {
	var pages []Page
	for pi, pt := range strings.Split(s, "\f") {
		if pi >= 40 {
			break
		}
		p := Page{Number: pi + 1, Width: 595, Height: 842, Lines: []Line{}}
		y := 60.0
		var texts []string
		for li, lt := range strings.Split(pt, "\n") {
			if li >= 120 {
				break
			}
			indent := len(lt) - len(strings.TrimLeft(lt, " \t"))
			lt = strings.TrimLeft(lt, " \t")
			size, bold, rise := 10.0, false, 0.0
			switch {
			case strings.HasPrefix(lt, "#"):
				size, bold, lt = 12, true, lt[1:]
			case strings.HasPrefix(lt, "_"):
				size, lt = 8, lt[1:]
			case strings.HasPrefix(lt, "^"):
				rise, lt = 4, lt[1:]
			}
			fields := strings.Fields(lt)
			if len(fields) == 0 {
				y += 14
				continue
			}
			x := 72.0 + 18*float64(min(indent, 20))
			line := Line{X0: x, Y: y, Size: size, Bold: bold}
			for wi, w := range fields {
				n := len([]rune(w))
				wd := Word{Text: w, X0: x, X1: x + float64(n)*size*0.5, Y: y, Size: size}
				if wi == 0 && rise > 0 {
					wd.Rise, wd.Size, wd.Y = rise, 6, y-rise
				}
				for _, r := range w {
					if unicode.In(r, unicode.Arabic, unicode.Hebrew) {
						line.RTL = true
					}
				}
				line.Words = append(line.Words, wd)
				x = wd.X1 + size*0.3
			}
			line.X1 = line.Words[len(line.Words)-1].X1
			line.Text = strings.Join(fields, " ")
			p.Lines = append(p.Lines, line)
			texts = append(texts, line.Text)
			y += size * 1.4
			if y > 800 {
				break
			}
		}
		p.Text = strings.Join(texts, "\n")
		p.NoText = len(p.Lines) == 0
		pages = append(pages, p)
	}
	return pages
}

func FuzzSegment(f *testing.F) {
	seeds := relSeedFiles("../testdata/expect/text", ".txt", 1<<20)
	if s := relSharedDir(); s != "" && relFuzzing() {
		seeds = append(seeds, relSeedFiles(filepath.Join(s, "gold", "text"), ".txt", 1<<20)...)
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// One paragraph per line: wrap long ones, a page every 40 lines,
		// and a seed every 3 pages (small inputs fuzz faster).
		var sb strings.Builder
		lines, pages := 0, 0
		for _, para := range strings.Split(string(b), "\n") {
			for len(para) > 90 {
				k := strings.LastIndex(para[:90], " ")
				if k <= 2 {
					break
				}
				sb.WriteString(para[:k] + "\n")
				para = "  " + para[k+1:]
				lines++
			}
			sb.WriteString(para + "\n\n")
			lines += 2
			if lines > 40 {
				lines = 0
				if pages++; pages == 3 {
					f.Add(sb.String())
					sb.Reset()
					pages = 0
				} else {
					sb.WriteString("\f")
				}
			}
		}
		if sb.Len() > 0 {
			f.Add(sb.String())
		}
	}
	f.Add("#General Assembly\nThe General Assembly,\n  Recalling its resolution 1,\n1. Decides to act;\n  (a) first;\n  (b) second;\n    (i) one;\n    (ii) two;\n2. Requests more.\n")
	f.Add("#Annex I\n1. Text\n(a) item\n#Annex II\n1. Text\n\fArticle 1\nText of article one.\nArticle 2\n1. First para\n(a) point")
	f.Add("1. One\n2. Two\n3. Three, which reproduces:\n1. Inner one\n2. Inner two\n4. Four\n_1 A footnote\n^1 marked text")

	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 64<<10 {
			s = s[:64<<10]
		}
		doc := &Document{File: "fuzz.pdf", Pages: fuzzPages(s)}
		done := make(chan any, 1)
		go func() {
			defer func() { done <- recover() }()
			Analyze(doc, Options{})
		}()
		select {
		case p := <-done:
			if p != nil {
				t.Fatalf("panic: %v", p)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("Analyze did not return within 20s (%d pages, %d bytes)", len(doc.Pages), len(s))
		}
		checkClauseInvariants(t, doc)
		for _, c := range doc.Clauses {
			if c.Citation == "" {
				t.Errorf("clause %s: no citation", c.ID)
			}
		}
	})
}

// TestClauseIDGrammar: every expected id (testdata/expect, and the gold
// clause tables when ../shared is present) follows clauseIDRe, so the
// fuzz targets' grammar check is the gold's.
func TestClauseIDGrammar(t *testing.T) {
	files, _ := filepath.Glob("../testdata/expect/*.tsv")
	if s := relSharedDir(); s != "" {
		more, _ := filepath.Glob(filepath.Join(s, "gold", "clauses", "*.tsv"))
		files = append(files, more...)
	}
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "documents.tsv" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			id, _, _ := strings.Cut(line, "\t")
			if id == "" || id == "id" || strings.HasPrefix(id, "#") {
				continue
			}
			n++
			if !clauseIDRe.MatchString(id) {
				t.Errorf("%s: id %q does not follow the grammar", filepath.Base(f), id)
			}
		}
	}
	if n == 0 {
		t.Fatal("no expected ids found")
	}
	t.Logf("%d ids from %d tables", n, len(files))
}

// TestCorpusClauseIDs: the clause ids of every readable corpus document
// follow the grammar and are unique (the FuzzReadPages seeds, checked in
// plain go test; found annex_I__annex_I__para_7__cmp_1__para_5 in
// A/RES/79/1).
func TestCorpusClauseIDs(t *testing.T) {
	s := relSharedDir()
	if s == "" || testing.Short() {
		t.Skip("needs ../shared/corpus; not in -short")
	}
	files := relSeedFiles(filepath.Join(s, "corpus"), ".pdf", 1<<30)
	if len(files) == 0 {
		t.Skip("no corpus PDFs")
	}
	for _, f := range files {
		doc, err := File(context.Background(), f, Options{})
		if err != nil {
			continue
		}
		rel, _ := filepath.Rel(filepath.Join(s, "corpus"), f)
		t.Run(rel, func(t *testing.T) { checkClauseInvariants(t, doc) })
	}
}
