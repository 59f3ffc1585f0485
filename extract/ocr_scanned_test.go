package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/ocr"
	"github.com/docindex/docindex/extract/reader"
	"github.com/docindex/docindex/lang"
)

// The measurements of issue 13 on ../shared (slow: OCR of 141 pages the
// first time, seconds from the OCR cache after that). Run with
//
//	DOCINDEX_OCR_CORPUS=1 go test ./extract -run 'OCRScanned|OCROdd' -v
//
// (DOCINDEX_OCR_LANGS=en,fr to measure some languages only).

func ocrCorpusOnly(t *testing.T) {
	t.Helper()
	if os.Getenv("DOCINDEX_OCR_CORPUS") == "" {
		t.Skip("set DOCINDEX_OCR_CORPUS=1 to OCR the scanned Charters (minutes)")
	}
	if !ocr.Available() {
		t.Skip("tesseract not installed")
	}
}

var ocrDetector struct {
	once sync.Once
	d    *lang.Detector
}

func testDetector(t testing.TB) Languages {
	ocrDetector.once.Do(func() {
		d, err := lang.NewDetector(nil)
		if err != nil {
			t.Fatal(err)
		}
		ocrDetector.d = d
	})
	return ocrDetector.d
}

// ocrTargets are the word F1 targets.
var ocrTargets = map[string]float64{"en": 0.95, "fr": 0.95, "es": 0.95, "ru": 0.95, "ar": 0.90, "zh": 0.90}

// TestOCRScannedCharters: word F1 of the OCR text against the gold text
// (the body text as TestRenderedTextF1 rebuilds it from the clauses, and
// the raw page text), and clause-id precision and recall against the gold
// clause tables, for each of the six scanned Charters.
func TestOCRScannedCharters(t *testing.T) {
	ocrCorpusOnly(t)
	gold := goldDir(t)
	scanned := filepath.Join(filepath.Dir(gold), "scanned")
	langs := []string{"en", "fr", "es", "ru", "ar", "zh"}
	if s := os.Getenv("DOCINDEX_OCR_LANGS"); s != "" {
		langs = strings.Split(s, ",")
	}
	det := testDetector(t)
	if os.Getenv("DOCINDEX_OCR_NODESKEW") != "" {
		ocrDeskew = false
		defer func() { ocrDeskew = true }()
	}
	var lines []string
	for _, l := range langs {
		pdf := filepath.Join(scanned, "UN_Charter_"+l+"_scanned.pdf")
		ref, err := os.ReadFile(filepath.Join(gold, "text", "UN_Charter_"+l+".txt"))
		if err != nil {
			t.Skip(err)
		}
		start := time.Now()
		doc, err := File(context.Background(), pdf, Options{Langs: det, Timeout: 10 * time.Minute, OCR: OCRAuto})
		if err != nil {
			t.Errorf("%s: %v", l, err)
			continue
		}
		secs := time.Since(start).Seconds()
		ocrPages, conf := 0, 0.0
		for _, p := range doc.Pages {
			if p.OCR {
				ocrPages++
				conf += p.OCRConfidence
			}
		}
		_, _, fBody := bagF1(wordBag(string(ref)), wordBag(bodyText(doc)))
		_, _, fPages := bagF1(wordBag(string(ref)), wordBag(pagesText(doc.Pages)))
		rows, partial := readTSV(t, filepath.Join(gold, "clauses", "rendered__"+l+"__UN_Charter_"+l+".tsv"))
		s := scoreClauses(rows, partial, doc.Clauses)
		if os.Getenv("DOCINDEX_OCR_IDDIFF") != "" {
			missing, extra := idDiff(rows, doc.Clauses)
			t.Logf("%s: missing %v\n%s: extra %v", l, missing, l, extra)
		}
		lines = append(lines, fmt.Sprintf("%s: %d/%d pages OCR (mean confidence %.1f), language %s, F1 body %.4f pages %.4f, clause ids precision %.3f recall %.3f (%d gold, %d got; %s), %.1f s",
			l, ocrPages, len(doc.Pages), conf/float64(max(1, ocrPages)), doc.Language, fBody, fPages, s.precision, s.recall, s.gold, s.got, trunc(s.firstBad, 60), secs))
		if fBody < ocrTargets[l] {
			t.Errorf("%s: word F1 %.4f below the target %.2f", l, fBody, ocrTargets[l])
		}
		if s.precision < 0.95 || s.recall < 0.95 {
			t.Errorf("%s: clause ids precision %.3f recall %.3f below 0.95", l, s.precision, s.recall)
		}
		if doc.Language != l {
			t.Errorf("%s: language %s", l, doc.Language)
		}
	}
	t.Log("\n" + strings.Join(lines, "\n"))
}

// idDiff: the gold ids not produced and the produced ids not in the gold
// table (DOCINDEX_OCR_IDDIFF=1 prints them).
func idDiff(gold [][]string, got []Clause) (missing, extra []string) {
	have, want := map[string]bool{}, map[string]bool{}
	for _, c := range got {
		have[c.ID] = true
	}
	for _, g := range gold {
		want[g[0]] = true
		if !have[g[0]] {
			missing = append(missing, g[0])
		}
	}
	for _, c := range got {
		if !want[c.ID] {
			extra = append(extra, c.ID)
		}
	}
	return missing, extra
}

// TestOCROddScans: symbol, date and language of the three real scans of
// ../shared/corpus/odd.
func TestOCROddScans(t *testing.T) {
	ocrCorpusOnly(t)
	corpus := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(corpus, "odd", "*_scanned.pdf"))
	if len(files) == 0 {
		t.Skip("no scans in odd/")
	}
	det := testDetector(t)
	for _, f := range files {
		doc, err := File(context.Background(), f, Options{Langs: det, Timeout: 10 * time.Minute, OCR: OCRAuto})
		ocrPages := 0
		for _, p := range doc.Pages {
			if p.OCR {
				ocrPages++
			}
		}
		t.Logf("%s: %d/%d pages OCR, symbol %q date %q language %q, %d clauses, err %v", filepath.Base(f), ocrPages, len(doc.Pages), doc.Symbol, doc.Date, doc.Language, len(doc.Clauses), err)
		if ocrPages == 0 {
			t.Errorf("%s: no page read by OCR", filepath.Base(f))
		}
	}
}

// BenchmarkOCRPage: seconds per page of OCR on one core (Tesseract runs
// with one thread), no cache: the two pages of testdata/scanned's English
// resolution, a 200 dpi scan of an A4 page stored as 1-bit Flate samples
// (rasterized by pdftoppm); DOCINDEX_OCR_BENCH_PDF names another scan
// (one stored as 8-bit Flate samples is decoded in Go, or rasterized by
// pdftoppm with DOCINDEX_OCR_RASTER=1). Run with
//
//	go test -run '^$' -bench OCRPage -benchtime 3x ./extract
func BenchmarkOCRPage(b *testing.B) {
	if !ocr.Available() {
		b.Skip("tesseract not installed")
	}
	det := testDetector(b)
	path := filepath.Join("..", "testdata", "scanned", "A_RES_99_101_en_scanned.pdf")
	if p := os.Getenv("DOCINDEX_OCR_BENCH_PDF"); p != "" {
		path = p
	}
	if os.Getenv("DOCINDEX_OCR_RASTER") != "" {
		// the page images rasterized by pdftoppm, not decoded in Go
		reader.RasterOnly = true
		defer func() { reader.RasterOnly = false }()
	}
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, err := File(context.Background(), path, Options{Langs: det, OCRCacheDir: "-", Timeout: 10 * time.Minute, OCR: OCRAuto})
		if err != nil {
			b.Fatal(err)
		}
		pages += len(doc.Pages)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(pages), "s/page")
}
