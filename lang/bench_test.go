package lang_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/lang"
)

// benchTexts returns the gold body texts of the rendered documents
// (../shared/gold/text/*.txt: UN Charter in six languages and two French
// documents), keyed by file name, with their language.
func benchTexts(b *testing.B) (texts []string, langs []string, size int) {
	shared := sharedDir(b)
	files, _ := filepath.Glob(filepath.Join(shared, "gold", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("no gold texts")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		texts = append(texts, string(data))
		langs = append(langs, name[len(name)-2:])
		size += len(data)
	}
	return texts, langs, size
}

func benchLines(b *testing.B) (lines, langs []string, size int) {
	texts, tl, _ := benchTexts(b)
	for i, t := range texts {
		for _, l := range strings.Split(t, "\n") {
			if utf8.RuneCountInString(l) >= 40 {
				lines = append(lines, l)
				langs = append(langs, tl[i])
				size += len(l)
			}
		}
	}
	return lines, langs, size
}

// BenchmarkDetect: whole documents (sampled), MB/s of document text.
func BenchmarkDetect(b *testing.B) {
	d := detector(b)
	texts, langs, size := benchTexts(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			if got := d.Detect(t); got != langs[j] {
				b.Fatalf("text %d: %s, want %s", j, got, langs[j])
			}
		}
	}
}

// BenchmarkDetectLines: DetectOr on every paragraph line ≥ 40 characters
// (the clause-level use), MB/s of line text.
func BenchmarkDetectLines(b *testing.B) {
	d := detector(b)
	lines, langs, size := benchLines(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, l := range lines {
			d.DetectOr(l, langs[j])
		}
	}
	b.ReportMetric(float64(b.N*len(lines))/b.Elapsed().Seconds(), "lines/s")
}

func BenchmarkNormalize(b *testing.B) {
	texts, langs, size := benchTexts(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			lang.Normalize(langs[j], t)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	texts, langs, size := benchTexts(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			lang.Fold(langs[j], t)
		}
	}
}

// BenchmarkFoldToken: every whitespace-separated token of the texts.
func BenchmarkFoldToken(b *testing.B) {
	texts, langs, _ := benchTexts(b)
	var toks, tl []string
	size := 0
	for i, t := range texts {
		for _, w := range strings.Fields(t) {
			toks = append(toks, w)
			tl = append(tl, langs[i])
			size += len(w)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, w := range toks {
			lang.FoldToken(tl[j], w)
		}
	}
}

// timedLangs wraps the detector to time the calls extract makes.
type timedLangs struct {
	d     *lang.Detector
	spent time.Duration
}

func (t *timedLangs) Detect(s string) string {
	st := time.Now()
	defer func() { t.spent += time.Since(st) }()
	return t.d.Detect(s)
}

func (t *timedLangs) DetectOr(s, f string) string {
	st := time.Now()
	defer func() { t.spent += time.Since(st) }()
	return t.d.DetectOr(s, f)
}

func (t *timedLangs) Normalize(l, s string) string {
	st := time.Now()
	defer func() { t.spent += time.Since(st) }()
	return t.d.Normalize(l, s)
}

// BenchmarkExtractShare runs the full extract pipeline (extract.File with
// metadata and clauses) over the corpus with the detector and reports the
// share of wall time spent inside Detect, DetectOr and Normalize
// ("lang-%"). Model loading (once per process) is outside the timer; the
// garbage-collection cost of the resident lingua models is not in lang-%
// either (compare user CPU of `docindex extract` with and
// without lingua, e.g. --languages en, for that).
//
//	go test ./lang -run XXX -bench ExtractShare -benchtime 1x
func BenchmarkExtractShare(b *testing.B) {
	shared := sharedDir(b)
	d := detector(b)
	files, errs := extract.FindPDFs([]string{filepath.Join(shared, "corpus")})
	if len(errs) > 0 || len(files) == 0 {
		b.Skip("corpus not readable")
	}
	tl := &timedLangs{d: d}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			extract.File(context.Background(), f, extract.Options{Langs: tl})
		}
	}
	b.ReportMetric(100*tl.spent.Seconds()/b.Elapsed().Seconds(), "lang-%")
}
