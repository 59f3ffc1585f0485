package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// The bad-input catalogue: testdata/bad (made by testdata/bad/make.sh,
// described in testdata/README.md) and ../shared/corpus/odd when present.
// Every file gets its specific outcome: a readable document, or an error
// whose message says what is wrong (the callers prefix the file name; see
// cmd/docindex/reliability_test.go for the messages as printed). No
// panics (File recovers, so a panic shows as "malformed PDF: <runtime
// error>" and is rejected here) and no hangs.

type badCase struct {
	// is: the error the file must give (nil: readable).
	is error
	// msg: regular expression the error message must match.
	msg string
	// pages: expected page count (-1: any); noText: pages flagged NoText.
	pages, noText int
	// clauses: minimum number of clauses of a readable file.
	clauses int
	// sameAs: a testdata PDF whose text the file must give.
	sameAs string
}

var badCatalogue = map[string]badCase{
	"not_a_pdf.pdf":              {is: ErrNotPDF, msg: `^not a PDF file \(no %PDF- header\)$`, pages: 0},
	"empty_file.pdf":             {is: ErrEmptyFile, msg: `^empty file \(0 bytes\)$`, pages: 0},
	"truncated.pdf":              {msg: `^truncated PDF: the file ends without a cross-reference table or %%EOF marker`, pages: 0},
	"encrypted_owner.pdf":        {pages: 2, clauses: 13, sameAs: "en/A_99_345_en.pdf"},
	"encrypted_owner_aes128.pdf": {pages: 2, clauses: 13, sameAs: "en/A_99_345_en.pdf"},
	"encrypted_user.pdf":         {is: ErrEncrypted, msg: `^encrypted PDF: a user password is required \(AES-256, revision 6\)$`, pages: 0},
	"zero_pages.pdf":             {is: ErrNoPages, msg: `^the PDF has no pages$`, pages: 0},
	"empty_pages.pdf":            {is: ErrNoTextLayer, msg: `^no text layer: all 3 pages are blank$`, pages: 3, noText: 3},
	"image_only.pdf":             {is: ErrNoTextLayer, msg: `^no text layer: 1 of 1 pages are images only \(scanned\? the text needs OCR\)$`, pages: 1, noText: 1},
	"broken_xref.pdf":            {pages: 2, clauses: 13, sameAs: "en/A_99_345_en.pdf"},
}

// oddCatalogue is ../shared/corpus/odd (not in the repository).
var oddCatalogue = map[string]badCase{
	"E_ESCWA_C.1_19_4_PartI_Add.5_ar_scanned.pdf": {is: ErrNoTextLayer, msg: `^no text layer: 11 of 11 pages are images only`, pages: 11, noText: 11},
	"GA_RES_2758_XXVI_1971_ru_scanned.pdf":        {is: ErrNoTextLayer, msg: `^no text layer: 1 of 1 pages are images only`, pages: 1, noText: 1},
	"OLA_note_verbale_2022-03-04_scanned.pdf":     {is: ErrNoTextLayer, msg: `^no text layer: 1 of 1 pages are images only`, pages: 1, noText: 1},
	"error_not_a_pdf.pdf":                         {is: ErrNotPDF, msg: `^not a PDF file`, pages: 0},
	"some_empty_pages.pdf":                        {pages: 5, noText: 3, clauses: 1},
}

func TestBadInputCatalogue(t *testing.T) {
	runCatalogue(t, "../testdata/bad", badCatalogue, true)
}

func TestOddCorpus(t *testing.T) {
	s := relSharedDir()
	if s == "" {
		t.Skip("../shared/corpus not present")
	}
	runCatalogue(t, filepath.Join(s, "corpus", "odd"), oddCatalogue, false)
}

func runCatalogue(t *testing.T, dir string, cat map[string]badCase, complete bool) {
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Skipf("%s: no files", dir)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		if !strings.HasSuffix(name, ".pdf") {
			continue
		}
		seen[name] = true
		want, ok := cat[name]
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			doc, err := File(context.Background(), f, Options{Timeout: time.Minute})
			t.Logf("%v: %v", time.Since(start).Round(time.Millisecond), err)
			if err != nil && (strings.Contains(err.Error(), "timed out") || strings.Contains(err.Error(), "runtime error")) {
				t.Fatalf("hang or panic: %v", err)
			}
			if !ok {
				// a new file in the folder: it must at least be handled
				t.Errorf("not in the catalogue (add it): err=%v, %d pages", err, len(doc.Pages))
				return
			}
			if want.msg == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if want.msg != "" {
				if err == nil {
					t.Fatalf("no error, want %q", want.msg)
				}
				if !regexp.MustCompile(want.msg).MatchString(err.Error()) {
					t.Errorf("error %q, want %q", err, want.msg)
				}
				if want.is != nil && !errors.Is(err, want.is) {
					t.Errorf("error %q is not %q", err, want.is)
				}
				if doc.Error != err.Error() {
					t.Errorf("doc.Error %q, err %q", doc.Error, err)
				}
			}
			if want.pages >= 0 && len(doc.Pages) != want.pages {
				t.Errorf("%d pages, want %d", len(doc.Pages), want.pages)
			}
			nt := 0
			for _, p := range doc.Pages {
				if p.NoText {
					nt++
					if p.Text != "" || len(p.Lines) != 0 {
						t.Errorf("page %d: NoText with text %q", p.Number, p.Text)
					}
				}
			}
			if nt != want.noText {
				t.Errorf("%d pages without text, want %d", nt, want.noText)
			}
			if len(doc.Clauses) < want.clauses {
				t.Errorf("%d clauses, want at least %d", len(doc.Clauses), want.clauses)
			}
			checkClauseInvariants(t, doc)
			if want.sameAs != "" {
				ref, rerr := File(context.Background(), filepath.Join("../testdata/pdf", want.sameAs), Options{})
				if rerr != nil {
					t.Fatalf("%s: %v", want.sameAs, rerr)
				}
				if got, exp := hPageText(doc), hPageText(ref); got != exp {
					t.Errorf("text differs from %s:\n%.300s\nwant\n%.300s", want.sameAs, got, exp)
				}
				if len(doc.Clauses) != len(ref.Clauses) {
					t.Errorf("%d clauses, %s has %d", len(doc.Clauses), want.sameAs, len(ref.Clauses))
				}
			}
		})
	}
	if complete {
		var missing []string
		for name := range cat {
			if !seen[name] {
				missing = append(missing, name)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s: catalogue files missing: %v", dir, missing)
		}
	}
}

// TestBadBytes covers inputs that have no file in testdata/bad: garbage
// before the header, a header alone, and the same with random tails.
func TestBadBytes(t *testing.T) {
	cases := map[string]string{
		"header only":          "%PDF-1.7\n",
		"header and eof":       "%PDF-1.4\n%%EOF\n",
		"garbage then header":  strings.Repeat("x", 100) + "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF",
		"startxref nowhere":    "%PDF-1.4\nstartxref\n999999\n%%EOF\n",
		"startxref negative":   "%PDF-1.4\nstartxref\n-5\n%%EOF\n",
		"trailer without root": "%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n",
	}
	for name, data := range cases {
		doc := &Document{File: name}
		err := Bytes(context.Background(), doc, []byte(data), Options{Timeout: 30 * time.Second})
		if err == nil {
			t.Errorf("%s: no error (%d pages)", name, len(doc.Pages))
			continue
		}
		if strings.Contains(err.Error(), "runtime error") || strings.Contains(err.Error(), "timed out") {
			t.Errorf("%s: %v", name, err)
		}
		if !regexp.MustCompile(`^(truncated|damaged) PDF: `).MatchString(err.Error()) {
			t.Errorf("%s: error %q does not say the PDF is truncated or damaged", name, err)
		}
		t.Logf("%s: %v", name, err)
	}
	// a file that does not exist, and a directory
	if _, err := File(context.Background(), filepath.Join(t.TempDir(), "missing.pdf"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
