package index

import (
	"path/filepath"
	"testing"

	"github.com/docindex/docindex/extract"
)

// TestOCRMark: clauses from pages read by OCR carry the mark in hits;
// the file record and the build summary count the OCR pages.
func TestOCRMark(t *testing.T) {
	dir := t.TempDir()
	doc := extract.Document{
		Language: "en",
		Meta:     extract.Meta{Symbol: "A/RES/26/2758"},
		Pages: []extract.Page{
			{Number: 1, Text: "typed", OCR: false},
			{Number: 2, Text: "scanned", OCR: true, OCRConfidence: 91.5},
		},
		Clauses: []extract.Clause{
			cl("para_1", "en", "Restores all its rights to the People's Republic", 1),
			cl("para_2", "en", "Decides to restore all its rights to the People's Republic", 2),
		},
	}
	doc.Clauses[1].OCR = true // as extract marks a clause of an OCR page
	writeDoc(t, filepath.Join(dir, "src", "a.pdf"), doc)
	ixPath := filepath.Join(dir, "ix")
	st := build(t, ixPath, filepath.Join(dir, "src"))
	if st.OCRPages != 1 || st.Pages != 2 {
		t.Errorf("stats: %d OCR pages of %d, want 1 of 2", st.OCRPages, st.Pages)
	}
	ix := open(t, ixPath)
	res := search(t, ix, SearchRequest{Query: "restore rights People's Republic"})
	marks := map[string]bool{}
	for _, h := range res.Hits {
		marks[h.ID] = h.OCR
	}
	if len(marks) != 2 || marks["para_1"] || !marks["para_2"] {
		t.Errorf("OCR marks %v, want para_2 only", marks)
	}
	files, err := ix.Files()
	if err != nil || len(files) != 1 || files[0].OCRPages != 1 {
		t.Errorf("file records %+v %v", files, err)
	}
}
