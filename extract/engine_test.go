package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The -update flag (declared in golden_test.go) also rewrites
// testdata/golden/text/*.txt.

func repoRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatal("go.mod not found")
		}
	}
}

func projectPDFs(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "pdf", "*", "*.pdf"))
	if len(files) == 0 {
		t.Skip("no project PDFs in testdata/pdf")
	}
	return files
}

func readPDF(t testing.TB, path string) []Page {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := ReadPages(context.Background(), data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pages
}

// goldenText is the engine's output for a document: pages separated by a
// form feed line.
func goldenText(pages []Page) string {
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\f\n")
		}
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// TestGoldenText compares the text of the project's own PDFs with
// testdata/golden/text/<name>.txt (go test ./extract -run Golden -update
// rewrites them after a deliberate change).
func TestGoldenText(t *testing.T) {
	root := repoRoot(t)
	for _, f := range projectPDFs(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		t.Run(name, func(t *testing.T) {
			got := goldenText(readPDF(t, f))
			golden := filepath.Join(root, "testdata", "golden", "text", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < max(len(gl), len(wl)); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q", name, i+1, g, w)
					}
				}
			}
		})
	}
}

// TestProjectPDFsMatchSource checks the engine against the source texts
// the project's PDFs were rendered from (testdata/expect/text): every
// body word of the source must be found in the extracted text, in the
// same order within each paragraph for Arabic (logical order) and with no
// spaces between Chinese characters.
func TestProjectPDFsMatchSource(t *testing.T) {
	root := repoRoot(t)
	for _, f := range projectPDFs(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		src, err := os.ReadFile(filepath.Join(root, "testdata", "expect", "text", name+".txt"))
		if err != nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			pages := readPDF(t, f)
			text := pagesText(pages)
			body := string(src)
			if i := strings.Index(body, "__footnotes__"); i >= 0 {
				body = body[:i]
			}
			want := wordBag(body)
			got := wordBag(dehyphenate(text))
			_, recall, _ := bagF1(want, got)
			if recall < 0.99 {
				var missing []string
				for w, n := range want {
					if got[w] < n {
						missing = append(missing, w)
					}
				}
				if len(missing) > 20 {
					missing = missing[:20]
				}
				t.Errorf("recall of source words %.4f < 0.99; missing e.g. %q", recall, missing)
			}
			// whole source lines (paragraph starts) in logical order: the
			// first four words of each paragraph appear as a phrase
			flat := strings.Join(strings.Fields(dehyphenate(text)), " ")
			bad, n := 0, 0
			for _, para := range strings.Split(body, "\n") {
				w := strings.Fields(para)
				if len(w) < 6 {
					continue
				}
				n++
				if !strings.Contains(flat, strings.Join(w[:4], " ")) {
					bad++
					if bad <= 3 {
						t.Logf("paragraph start not found: %q", strings.Join(w[:4], " "))
					}
				}
			}
			if n > 0 && bad*10 > n {
				t.Errorf("%d of %d paragraph openings not found in order", bad, n)
			}
			if strings.HasSuffix(name, "_zh") {
				for _, p := range pages {
					for _, l := range p.Lines {
						rs := []rune(l.Text)
						for i := 1; i+1 < len(rs); i++ {
							if rs[i] == ' ' && isHanKana(rs[i-1]) && isHanKana(rs[i+1]) {
								t.Fatalf("space between Chinese characters in %q", l.Text)
							}
						}
					}
				}
			}
			if strings.HasSuffix(name, "_ar") {
				rtl := 0
				for _, p := range pages {
					for _, l := range p.Lines {
						if l.RTL {
							rtl++
						}
					}
				}
				if rtl == 0 {
					t.Error("no right-to-left line in an Arabic document")
				}
			}
		})
	}
}

// TestFootnoteMarkersRaised checks that footnote reference markers in the
// project's English resolution come out as raised words (Rise > 0) with a
// smaller size than their line, and footnote texts as separate lines.
func TestFootnoteMarkersRaised(t *testing.T) {
	f := filepath.Join(repoRoot(t), "testdata", "pdf", "en", "A_RES_99_101_en.pdf")
	if _, err := os.Stat(f); err != nil {
		t.Skip("testdata/pdf/en/A_RES_99_101_en.pdf absent")
	}
	raised := 0
	for _, p := range readPDF(t, f) {
		if p.Width < 500 || p.Height < 700 {
			t.Errorf("page %d size %.0fx%.0f, want A4", p.Number, p.Width, p.Height)
		}
		prevY := -1.0
		for _, l := range p.Lines {
			if l.Y < 0 || l.Y > p.Height || l.X0 < 0 || l.X1 > p.Width || l.X0 > l.X1 {
				t.Errorf("line %q out of page: x %.1f-%.1f y %.1f", l.Text, l.X0, l.X1, l.Y)
			}
			if l.Y+0.5*l.Size < prevY {
				t.Errorf("line %q above its predecessor (y %.1f < %.1f)", l.Text, l.Y, prevY)
			}
			prevY = l.Y
			for _, w := range l.Words {
				if w.Rise > 0.2*l.Size && w.Size < l.Size && strings.Trim(w.Text, "0123456789") == "" {
					raised++
				}
			}
		}
	}
	if raised == 0 {
		t.Error("no raised numeric footnote marker found")
	}
}

// TestCorpusNoPanic reads every corpus PDF, odd/ included, and the
// project's bad-input catalogue with ReadPages directly: nothing may
// panic, and no file may take more than 20 seconds.
func TestCorpusNoPanic(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	var files []string
	bad, _ := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "bad", "*.pdf"))
	files = append(files, bad...)
	if dir, err := os.Getwd(); err == nil {
		c := filepath.Join(filepath.Dir(filepath.Dir(dir)), "shared", "corpus")
		if _, err := os.Stat(c); err == nil {
			files = append(files, allCorpusPDFs(t, c)...)
		}
	}
	if len(files) == 0 {
		t.Skip("no files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		start := time.Now()
		func() {
			defer func() {
				if p := recover(); p != nil {
					buf := make([]byte, 4096)
					buf = buf[:runtime.Stack(buf, false)]
					t.Errorf("%s: panic: %v\n%s", f, p, buf)
				}
			}()
			_, err = ReadPages(ctx, data)
		}()
		cancel()
		if d := time.Since(start); d > 20*time.Second || ctx.Err() != nil && err == ctx.Err() {
			t.Errorf("%s: took %v", f, d)
		}
	}
}

func TestRepairRebuildsXref(t *testing.T) {
	f := filepath.Join(repoRoot(t), "testdata", "pdf", "en", "A_RES_99_101_en.pdf")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Skip(err)
	}
	want := goldenText(readPDF(t, f))
	// destroy the cross-reference data: every startxref offset points nowhere
	broken := bytes.ReplaceAll(data, []byte("startxref"), []byte("startxxxx"))
	pages, err := ReadPages(context.Background(), broken)
	if err != nil {
		t.Fatalf("broken xref: %v", err)
	}
	if got := goldenText(pages); got != want {
		t.Errorf("text after repair differs (%d vs %d bytes)", len(got), len(want))
	}
}

// TestRepairObjectStreams breaks the cross-reference data of PDFs whose
// objects (catalog and pages included) live in object streams: the
// repaired file must read exactly like the original.
func TestRepairObjectStreams(t *testing.T) {
	var files []string
	src := filepath.Join(repoRoot(t), "testdata", "pdf", "en", "A_RES_99_101_en.pdf")
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		if _, err := os.Stat(src); err == nil {
			out := filepath.Join(t.TempDir(), "objstm.pdf")
			if err := exec.Command(qpdf, "--object-streams=generate", src, out).Run(); err != nil {
				t.Fatal(err)
			}
			files = append(files, out)
		}
	}
	if dir, err := os.Getwd(); err == nil {
		c := filepath.Join(filepath.Dir(filepath.Dir(dir)), "shared", "corpus", "en", "A_81_6_Sect.2_en.pdf")
		if _, err := os.Stat(c); err == nil {
			files = append(files, c)
		}
	}
	if len(files) == 0 {
		t.Skip("neither qpdf nor the corpus is available")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("/ObjStm")) {
			t.Fatalf("%s has no object streams", f)
		}
		want := goldenText(readPDF(t, f))
		broken := bytes.ReplaceAll(data, []byte("startxref"), []byte("startxxxx"))
		pages, err := ReadPages(context.Background(), broken)
		if err != nil {
			t.Fatalf("%s with broken xref: %v", f, err)
		}
		if got := goldenText(pages); got != want {
			t.Errorf("%s: text after repair differs (%d vs %d bytes)", f, len(got), len(want))
		}
	}
}

// TestRepairWrongOffsets shifts every object by prepending bytes after
// the header, so that a well-formed xref table points at wrong offsets,
// and adds leading garbage before the header: the text must survive.
func TestRepairWrongOffsets(t *testing.T) {
	f := filepath.Join(repoRoot(t), "testdata", "pdf", "en", "A_RES_99_101_en.pdf")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Skip(err)
	}
	want := goldenText(readPDF(t, f))
	nl := bytes.IndexByte(data, '\n') + 1
	pad := []byte("% padding that moves every object by a few bytes\n")
	shifted := append(append(append([]byte{}, data[:nl]...), pad...), data[nl:]...)
	// keep startxref right, so that only the table's offsets are wrong
	k := bytes.LastIndex(shifted, []byte("startxref"))
	if k < 0 {
		t.Fatal("no startxref")
	}
	fields := bytes.Fields(shifted[k+len("startxref"):])
	old, err := strconv.Atoi(string(fields[0]))
	if err != nil {
		t.Fatal(err)
	}
	shifted = append(shifted[:k], []byte(fmt.Sprintf("startxref\n%d\n%%%%EOF\n", old+len(pad)))...)
	for name, b := range map[string][]byte{
		"shifted objects": shifted,
		"leading garbage": append([]byte("garbage before the header\n"), data...),
	} {
		pages, err := ReadPages(context.Background(), b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := goldenText(pages); got != want {
			t.Errorf("%s: text differs (%d vs %d bytes)", name, len(got), len(want))
		}
	}
}
