package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/hostile"
)

// Hostile PDFs written by the tests themselves: each must come back
// quickly with pages or a clear error, never a panic, a hang or an
// unbounded allocation.

// The builders of hostile files live in extract/hostile (shared with
// the build test of cmd/docindex); these are their short names here.
type hostileBuilder = hostile.Builder

var (
	hStream  = hostile.Stream
	hFlate   = hostile.Flate
	hOnePage = hostile.OnePage
	hTextOp  = hostile.TextOp
)

// readHostile runs Bytes on data with a deadline well above what the
// file needs, and fails the test if it hangs.
func readHostile(t *testing.T, name string, data []byte) (*Document, error) {
	t.Helper()
	doc := &Document{File: name}
	start := time.Now()
	err := Bytes(context.Background(), doc, data, Options{Timeout: time.Duration(hangTimeout), PagesOnly: true})
	if err != nil && strings.Contains(err.Error(), "timed out") {
		t.Fatalf("%s: hang: %v", name, err)
	}
	t.Logf("%s: %d bytes, %v, err=%v, %d pages", name, len(data), time.Since(start).Round(time.Millisecond), err, len(doc.Pages))
	return doc, err
}

func hPageText(doc *Document) string {
	var sb strings.Builder
	for _, p := range doc.Pages {
		sb.WriteString(p.Text)
		sb.WriteString("\n")
	}
	return sb.String()
}

func TestHostileBuilderSanity(t *testing.T) {
	doc, err := readHostile(t, "hello.pdf", hOnePage([]byte(hTextOp(700, "Hello hostile world")), "").Bytes(""))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hPageText(doc), "Hello hostile world") {
		t.Fatalf("text %q", hPageText(doc))
	}
}

func TestHostileSelfRecursiveForm(t *testing.T) {
	// The page draws form 6, which draws itself.
	b := hOnePage([]byte("/X1 Do\n"), "/X1 6 0 R")
	b.Add(hStream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >>",
		[]byte(hTextOp(700, "inside")+"/X1 Do\n")))
	doc, err := readHostile(t, "self_form.pdf", b.Bytes(""))
	if err != nil && !errors.Is(err, ErrLimit) {
		t.Fatalf("unexpected error %v", err)
	}
	if err == nil && strings.Count(hPageText(doc), "inside") != 1 {
		t.Errorf("text %q: want the form's text once", hPageText(doc))
	}
}

func TestHostileMutuallyRecursiveForms(t *testing.T) {
	b := hOnePage([]byte("/X1 Do\n"), "/X1 6 0 R")
	res := "/Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R /X2 7 0 R >> >>"
	b.Add(hStream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] "+res, []byte(hTextOp(700, "one")+"/X2 Do\n")))
	b.Add(hStream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] "+res, []byte(hTextOp(650, "two")+"/X1 Do\n")))
	doc, err := readHostile(t, "mutual_forms.pdf", b.Bytes(""))
	if err != nil && !errors.Is(err, ErrLimit) {
		t.Fatalf("unexpected error %v", err)
	}
	if err == nil && (strings.Count(hPageText(doc), "one") != 1 || strings.Count(hPageText(doc), "two") != 1) {
		t.Errorf("text %q: want each form's text once", hPageText(doc))
	}
}

// A chain of 200 distinct forms, each drawing the next: nesting beyond
// any real document.
func TestHostileDeepFormNesting(t *testing.T) {
	const n = 200
	b := hOnePage([]byte("/X Do\n"), "/X 6 0 R")
	for i := 0; i < n; i++ {
		next := ""
		if i+1 < n {
			next = fmt.Sprintf("/X Do\n")
		}
		res := fmt.Sprintf("/Resources << /Font << /F1 4 0 R >> /XObject << /X %d 0 R >> >>", 7+i)
		b.Add(hStream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] "+res, []byte(hTextOp(700-i%50*12, fmt.Sprintf("level%d", i))+next)))
	}
	doc, err := readHostile(t, "deep_forms.pdf", b.Bytes(""))
	if err == nil {
		if strings.Contains(hPageText(doc), "level199") {
			t.Errorf("200 nested forms all interpreted: no depth limit")
		}
		t.Errorf("deep nesting cut silently (text %d bytes): want an error wrapping ErrLimit", len(hPageText(doc)))
	} else if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "nested") {
		t.Errorf("error %q: want ErrLimit naming the nesting", err)
	}
}

// Each of 12 forms draws the next one 16 times: 16^12 form invocations
// if nothing bounds the fan-out.
func TestHostileFormFanOut(t *testing.T) {
	const n = 12
	b := hOnePage([]byte("/X Do\n"), "/X 6 0 R")
	for i := 0; i < n; i++ {
		body := hTextOp(700, "leaf")
		if i+1 < n {
			body = strings.Repeat("/X Do\n", 16)
		}
		res := fmt.Sprintf("/Resources << /Font << /F1 4 0 R >> /XObject << /X %d 0 R >> >>", 7+i)
		b.Add(hStream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] "+res, []byte(body)))
	}
	_, err := readHostile(t, "fanout_forms.pdf", b.Bytes(""))
	if err != nil && !errors.Is(err, ErrLimit) {
		t.Fatalf("unexpected error %v", err)
	}
}

// A content stream that inflates from 80 KiB of zlib to 80 MiB, more
// than a page may decode.
func TestHostileFlateBomb(t *testing.T) {
	raw := bytes.Repeat([]byte(" "), 80<<20)
	copy(raw, hTextOp(700, "before the bomb"))
	b := hOnePage(nil, "")
	b.Set(5, hStream("/Filter /FlateDecode", hFlate(raw)))
	raw = nil
	_, err := readHostile(t, "flate_bomb.pdf", b.Bytes(""))
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "decompression bomb") {
		t.Fatalf("error %v: want ErrLimit naming a decompression bomb", err)
	}
}

// An object whose value is a reference to itself, used as the page's
// content and as its resources.
func TestHostileSelfReference(t *testing.T) {
	b := &hostileBuilder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	b.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 4 0 R /Contents 5 0 R >>")
	b.Add("4 0 R")
	b.Add("5 0 R")
	_, err := readHostile(t, "self_ref.pdf", b.Bytes(""))
	if err == nil {
		t.Fatalf("no error for a page without content")
	}
}

// A page tree whose Kids point back to the root, and a page that is its
// own parent's kid twice.
func TestHostilePageTreeLoop(t *testing.T) {
	b := &hostileBuilder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	b.Add("<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R 3 0 R] /Count 4 >>")
	b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
	b.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	b.Add(hStream("", []byte(hTextOp(700, "looped"))))
	doc, err := readHostile(t, "tree_loop.pdf", b.Bytes(""))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 1 {
		t.Errorf("%d pages, want 1", len(doc.Pages))
	}
}

// A cross-reference section whose /Prev points to itself: readers that
// follow /Prev without a loop check never return.
func TestHostileXrefPrevLoop(t *testing.T) {
	data := hOnePage([]byte(hTextOp(700, "prev loop")), "").Bytes("")
	i := bytes.LastIndex(data, []byte("startxref\n"))
	var xref int
	fmt.Sscanf(string(data[i+len("startxref\n"):]), "%d", &xref)
	data = bytes.Replace(data, []byte("/Root 1 0 R"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d", xref)), 1)
	doc, err := readHostile(t, "prev_loop.pdf", data)
	if err != nil {
		if !strings.Contains(err.Error(), "Prev") && !strings.Contains(err.Error(), "cross-reference") {
			t.Errorf("error %q does not say what is wrong", err)
		}
		return
	}
	if !strings.Contains(hPageText(doc), "prev loop") {
		t.Errorf("text %q", hPageText(doc))
	}
}

// Cross-reference data whose numbers make the PDF library allocate an
// object table of terabytes: without a check it dies with "fatal error:
// out of memory", which no recover catches (the whole build is lost). Each
// file must instead be rejected or repaired.
func TestHostileXrefNumbers(t *testing.T) {
	page := func() *hostileBuilder { return hOnePage([]byte(hTextOp(700, "numbers")), "") }
	table := page().Bytes("")
	i := bytes.LastIndex(table, []byte("xref\n0 "))
	j := bytes.Index(table[i:], []byte("trailer"))
	hugeSub := append(append([]byte{}, table[:i]...), fmt.Sprintf("xref\n0 1\n0000000000 65535 f \n%d 1\n0000000009 00000 n \n", int64(1)<<36)...)
	hugeSub = append(hugeSub, table[i+j:]...)
	// the xref stream variant reads fine as it is
	doc, err := readHostile(t, "xref_stream.pdf", page().BytesXrefStream(""))
	if err != nil || !strings.Contains(hPageText(doc), "numbers") {
		t.Fatalf("xref stream builder: %v %q", err, hPageText(doc))
	}
	cases := map[string][]byte{
		"huge_subsection.pdf":  hugeSub,
		"huge_size.pdf":        page().BytesXrefStream("/Size 68719476736"),
		"huge_index.pdf":       page().BytesXrefStream("/Index [68719476736 1]"),
		"huge_w.pdf":           page().BytesXrefStream("/W [1 68719476736 2]"),
		"huge_columns.pdf":     page().BytesXrefStream("/DecodeParms << /Predictor 12 /Columns 68719476736 >>"),
		"huge_columns_content": hostileColumns(),
	}
	for name, data := range cases {
		doc, err := readHostile(t, name, data)
		if err == nil {
			// repaired: the text must be there
			if !strings.Contains(hPageText(doc), "numbers") {
				t.Errorf("%s: read without error but text %q", name, hPageText(doc))
			}
			continue
		}
		if !errors.Is(err, ErrLimit) {
			t.Errorf("%s: error %q, want ErrLimit", name, err)
		}
	}
}

// hostileColumns is a page whose content stream has PNG predictor
// parameters with 2^36 columns.
func hostileColumns() []byte {
	b := hOnePage(nil, "")
	b.Set(5, hStream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 68719476736 >>", hFlate([]byte(hTextOp(700, "numbers")))))
	return b.Bytes("")
}

// An object stream that /Extends itself, holding object 8, while the
// cross-reference stream says object 7 (the page's resources) is in it:
// the PDF library looks for 7 along the /Extends chain forever.
func TestHostileObjStmExtendsLoop(t *testing.T) {
	_, err := readHostile(t, "objstm_loop.pdf", hostile.ExtendsLoop("/Extends", " "))
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "extend each other") {
		t.Errorf("error %v: want ErrLimit naming the /Extends loop", err)
	}
}

// Forty pages that all draw one content stream inflating to 40 MiB: each
// page is within its limit, the document (1.6 GiB decoded) is not.
func TestHostileSharedBombPages(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 1 GiB")
	}
	raw := bytes.Repeat([]byte(" "), 40<<20)
	copy(raw, hTextOp(700, "shared"))
	z := hFlate(raw)
	raw = nil
	const n = 40
	b := &hostileBuilder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", 5+i)
	}
	b.Add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n))
	b.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	b.Add(hStream("/Filter /FlateDecode", z))
	for i := 0; i < n; i++ {
		b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	_, err := readHostile(t, "shared_bomb.pdf", b.Bytes(""))
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "document content") {
		t.Errorf("error %v: want ErrLimit for the document's decoded content", err)
	}
}
