package scalecorpus

import (
	"fmt"
	"strings"
	"testing"
)

// miniQDF is a QDF-like file of the given objects (numbered from 1) with
// a correct xref table.
func miniQDF(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n%QDF-1.0\n\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n\n", i+1, o)
	}
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n0\n%%%%EOF\n", len(objs)+1)
	return []byte(b.String())
}

func TestParseQDF(t *testing.T) {
	q := miniQDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 6 0 R] >>",
		"<< /Length 5 0 R >>\nstream\nBT ET\nendstream",
		"5",
		"<< /Length 7 0 R /Subtype /Form >>\nstream\nq Q\nendstream",
		"3",
	)
	f, err := parseQDF(q)
	if err != nil {
		t.Fatal(err)
	}
	if f.n != 8 || len(f.order) != 7 || !strings.HasPrefix(string(f.trailer), "trailer") {
		t.Fatalf("n %d order %v trailer %q", f.n, f.order, f.trailer)
	}
	if err := f.readStreams(); err != nil {
		t.Fatal(err)
	}
	if string(f.objs[4].data) != "BT ET" || string(f.objs[6].data) != "q Q" {
		t.Errorf("stream data %q %q", f.objs[4].data, f.objs[6].data)
	}
	if v, ok := f.intObj(5); !ok || v != 5 {
		t.Errorf("intObj(5) = %d %v", v, ok)
	}
	// content streams: a page's array, a form itself, nothing else
	for i, want := range map[int]string{3: "[4 6]", 6: "[6]", 2: "[]", 4: "[]"} {
		if got := fmt.Sprint(f.contentStreams(i)); got != want {
			t.Errorf("contentStreams(%d) = %s, want %s", i, got, want)
		}
	}
	// written again without changes, it is read again the same way
	g, err := parseQDF(f.write(nil))
	if err != nil || g.n != f.n || len(g.order) != len(f.order) {
		t.Errorf("rewritten: %v", err)
	}
	// a stream whose length is not an indirect object is refused
	bad, _ := parseQDF(miniQDF("<< /Length 3 >>\nstream\nabc\nendstream"))
	if err := bad.readStreams(); err == nil {
		t.Error("direct /Length read")
	}
	if _, err := parseQDF([]byte("%PDF-1.4\nno xref")); err == nil {
		t.Error("a file without xref read")
	}
}
