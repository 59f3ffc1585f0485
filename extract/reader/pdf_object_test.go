package reader

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract/internal/pdftest"
)

// The object tokenizer sees a dictionary as a PDF reader does: names
// with #xx escapes, comments between a key and its value, keys inside
// strings or nested dictionaries that are not the dictionary's own.
func TestParseObject(t *testing.T) {
	d := parseObject([]byte("<< /Ext#65nds % a comment\n6 0 R /T (a /Type /Catalog % no comment) /Sub << /Type /Catalog >> " +
		"/A [1 2.5 -3 /N <4142>] /B true /C null /Len 12 >>"))
	if d.kind != objDict {
		t.Fatalf("kind %d", d.kind)
	}
	if e := d.key("Extends"); e.kind != objRef || e.ref != [2]int{6, 0} {
		t.Errorf("/Extends = %+v", e)
	}
	if d.key("Type").kind != objNone {
		t.Errorf("/Type read from a string or a nested dictionary: %+v", d.key("Type"))
	}
	if s := d.key("T"); s.kind != objStr || s.str != "a /Type /Catalog % no comment" {
		t.Errorf("/T = %+v", s)
	}
	if n := d.key("Sub").key("Type").name(); n != "Catalog" {
		t.Errorf("/Sub /Type = %q", n)
	}
	a := d.key("A").arr
	if len(a) != 5 || !a[0].isInt || a[1].isInt || a[1].num != 2.5 || a[2].num != -3 || a[3].name() != "N" || a[4].str != "AB" {
		t.Errorf("/A = %+v", a)
	}
	if b := d.key("B"); b.kind != objBool || b.num != 1 {
		t.Errorf("/B = %+v", b)
	}
	if n, ok := d.key("Len").intValue(); !ok || n != 12 {
		t.Errorf("/Len = %d %v", n, ok)
	}
	// malformed input ends the value, never the program
	for _, in := range []string{"<<", "<< /A", "<< /A >>", "[1 2", "<< /A [1 2 >>", "<< /A 1 0 >>", "<< 1 /A 2 >>",
		"<< /A ) 1 >>", "<< /A (unclosed >>", "<< /A <41", "[" + strings.Repeat("[", 100), strings.Repeat("<< /A ", 100)} {
		o := parseObject([]byte(in))
		if o.end > len(in) || o.start > o.end {
			t.Errorf("%q: span %d..%d", in, o.start, o.end)
		}
	}
	if v := parseObject([]byte("<< /A 1 0 >>")).key("A"); v.kind != objNum || v.num != 1 {
		t.Errorf("\"1 0\" without R: %+v", v)
	}
	if v := parseObject([]byte("<< /A ) 1 >>")).key("A"); v.kind != objNum || v.num != 1 {
		t.Errorf("stray delimiter not skipped: %+v", v)
	}
	// a hostile array of a million elements is read up to the budget
	big := parseObject([]byte("[" + strings.Repeat("0 ", 1<<20) + "]"))
	if len(big.arr) >= maxObjValues {
		t.Errorf("%d elements read, budget %d", len(big.arr), maxObjValues)
	}
	// a dictionary ends at "stream" and "endobj"
	v, end := indirectObject([]byte("7 0 obj << /Length 3 >>stream\nabc"), 0, 1<<16)
	if n, _ := v.key("Length").intValue(); n != 3 || end != len("7 0 obj << /Length 3 >>") {
		t.Errorf("stream dictionary: %+v, end %d", v, end)
	}
}

// A repaired file whose document information holds the string
// "/Type /Catalog" keeps its catalog: repair reads the /Type of each
// object with the tokenizer, where a regular expression over the bytes
// took the information dictionary (the object with the higher number)
// for the catalog.
func TestRepairCatalogNotInString(t *testing.T) {
	data := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		pdftest.Stream("", "BT /F1 12 Tf 72 700 Td (Repaired text) Tj ET"),
		pdftest.Widths500,
		"<< /Title (not /Type /Catalog) /Subject <</Type /Catalog>> >>",
	)
	// break the cross-reference table
	k := bytes.Index(data, []byte("xref"))
	broken := append(append([]byte(nil), data[:k]...), "%%EOF\n"...)
	fixed := repairPDF(broken)
	if fixed == nil {
		t.Fatal("not repaired")
	}
	tr, src := trailerDict(fixed)
	if r := tr.key("Root"); r.kind != objRef || r.ref[0] != 1 {
		t.Fatalf("root %q", src[r.start:r.end])
	}
	pages, _, err := readText(context.Background(), broken)
	if err != nil {
		t.Fatal(err)
	}
	if txt := pagesText(pages); !strings.Contains(txt, "Repaired text") {
		t.Errorf("text %q", txt)
	}
}

// The trailer entries repair keeps are read as values: a reference, an
// array, not whatever follows the key.
func TestRepairKeepsTrailerEntries(t *testing.T) {
	data := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] >>",
		"<< /Title (t) >>",
	)
	data = bytes.Replace(data, []byte("/Root 1 0 R >>"), []byte("/Root 1 0 R /Info 4 0 R /ID [<01> % c\n<02>] >>"), 1)
	data = bytes.Replace(data, []byte("startxref\n"), []byte("startxref\n9"), 1) // a wrong offset
	fixed := repairPDF(data)
	if fixed == nil {
		t.Fatal("not repaired")
	}
	tr, src := trailerDict(fixed)
	if i := tr.key("Info"); i.kind != objRef || i.ref[0] != 4 {
		t.Errorf("/Info %q", src[i.start:i.end])
	}
	if id := tr.key("ID"); len(id.arr) != 2 || id.arr[1].str != "\x02" {
		t.Errorf("/ID %q", src[id.start:id.end])
	}
}

// Files that cannot be opened fail with typed errors (errors.Is), their
// messages unchanged.
func TestTypedOpenErrors(t *testing.T) {
	good := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] >>",
	)
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"garbage after the header", []byte("%PDF-1.4\n" + strings.Repeat("garbage ", 50) + "\n%%EOF\n"), ErrDamaged},
		{"truncated", good[:bytes.Index(good, []byte("3 0 obj"))-40], ErrTruncated},
		{"no page tree", bytes.Replace(good, []byte("/Pages 2 0 R"), []byte("/Pagex 2 0 R"), 1), ErrDamaged},
	} {
		_, _, err := readText(context.Background(), c.data)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	hostile := pdftest.Build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
	hostile = bytes.Replace(hostile, []byte("/Size 3"), []byte("/Size 3 /Prev 9"), 1)
	hostile = append(hostile, []byte("\n/Columns 99999999999\n")...)
	if _, _, err := GuardXref(hostile); !errors.Is(err, ErrLimit) {
		t.Errorf("hostile /Columns: %v", err)
	} else if fixed, _, err := GuardXref(bytes.Replace(hostile, []byte("99999999999"), []byte("5"), 1)); err != nil || fixed == nil {
		t.Errorf("sound /Columns: %v", err)
	}
}
