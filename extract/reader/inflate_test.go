package reader

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ledongthuc/pdf"
)

// pageStreams returns the content streams and embedded font files of
// r's pages.
func pageStreams(t *testing.T, r *pdf.Reader) []pdf.Value {
	t.Helper()
	pages, err := pageList(r)
	if err != nil {
		t.Fatal(err)
	}
	var out []pdf.Value
	for _, p := range pages {
		c := p.v.Key("Contents")
		if c.Kind() == pdf.Array {
			for i := 0; i < c.Len(); i++ {
				out = append(out, c.Index(i))
			}
		} else {
			out = append(out, c)
		}
		fonts := p.resources.Key("Font")
		for _, k := range fonts.Keys() {
			fd := fonts.Key(k).Key("FontDescriptor")
			if fd.Kind() == pdf.Null {
				fd = fonts.Key(k).Key("DescendantFonts").Index(0).Key("FontDescriptor")
			}
			for _, ff := range []string{"FontFile", "FontFile2", "FontFile3"} {
				if s := fd.Key(ff); s.Kind() == pdf.Stream {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// TestInflateSameAsLibrary: the streams of the bundled PDFs read by
// inflate (the pooled zlib reader over the file's bytes) are byte for
// byte what the PDF library's reader gives, whole, cut at a limit, and
// damaged in the middle (what came before the damage).
func TestInflateSameAsLibrary(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/pdf/*/*.pdf")
	if len(files) == 0 {
		t.Fatal("no PDF in testdata/pdf")
	}
	fast, damaged := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, used, _, err := openPDFBytes(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		d := &docState{data: used}
		for i, s := range pageStreams(t, r) {
			want, _ := io.ReadAll(s.Reader())
			for _, limit := range []int{1 << 26, 100} {
				got, ok := d.inflate(s, limit)
				if !ok {
					continue
				}
				fast++
				if w := want[:min(limit, len(want))]; !bytes.Equal(got, w) {
					t.Fatalf("%s %s limit %d: %d bytes, library %d", f, s, limit, len(got), len(w))
				}
			}
			// the same stream damaged half-way through its bytes
			m := streamOffRe.FindStringSubmatch(s.String())
			off, _ := strconv.Atoi(m[1])
			n := int(s.Key("Length").Int64())
			if n < 200 || i >= 4 {
				continue
			}
			bad := bytes.Clone(used)
			for k := off + n/2; k < off+n/2+40; k++ {
				bad[k] ^= 0x5a
			}
			r2, err := pdf.NewReader(bytes.NewReader(bad), int64(len(bad)))
			if err != nil {
				t.Fatal(err)
			}
			s2 := pageStreams(t, r2)[i] // the same object, read from the damaged bytes
			var want2 []byte
			func() {
				defer func() { recover() }()
				want2, _ = io.ReadAll(s2.Reader())
			}()
			got2, ok := (&docState{data: bad}).inflate(s2, 1<<26)
			if !ok {
				continue
			}
			damaged++
			if !bytes.Equal(got2, want2) {
				t.Fatalf("%s %s damaged: %d bytes, library %d", f, s2, len(got2), len(want2))
			}
			if bytes.Equal(want2, want) {
				t.Fatalf("%s %s: the damage changed nothing", f, s2)
			}
		}
	}
	if fast < 10 || damaged < 3 {
		t.Fatalf("%d streams read by inflate, %d damaged: the test compares too little", fast, damaged)
	}
	t.Logf("%d stream reads compared, %d damaged streams", fast, damaged)
}
