package extract

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// TestEngineGlyphDump prints the glyphs of one page (a development aid:
// GLYPH_DUMP=file.pdf GLYPH_PAGE=n go test -run GlyphDump -v ./extract).
func TestEngineGlyphDump(t *testing.T) {
	f := os.Getenv("GLYPH_DUMP")
	if f == "" {
		t.Skip("set GLYPH_DUMP=file.pdf")
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	r, err := openPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := pageList(r)
	doc := &docState{fonts: map[string]*font{}, data: data}
	pn := 1
	fmt.Sscan(os.Getenv("GLYPH_PAGE"), &pn)
	if pn < 1 || pn > len(pages) {
		t.Fatalf("page %d of %d", pn, len(pages))
	}
	in := &interp{ctx: context.Background(), doc: doc}
	pi := pages[pn-1]
	in.run(doc.readContent(pi.v.Key("Contents")), newResources(pi.resources), gstate{ctm: identity, th: 1}, 0, map[string]bool{})
	for i, g := range in.glyphs {
		fmt.Printf("%d %q x0=%.2f x1=%.2f y=%.2f size=%.2f font=%s\n", i, g.text, g.x0, g.x1, g.y0, g.size, g.font.name)
	}
}
