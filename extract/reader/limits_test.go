package reader

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/hostile"
)

// Ten nested forms whose streams each inflate to 20 MiB: each is below
// the per-page limit, together they are far above it. The decoded bytes
// of a page, forms included, are bounded.
func TestHostileNestedFlateBombs(t *testing.T) {
	const n = 10
	raw := bytes.Repeat([]byte(" "), 20<<20)
	copy(raw, "/X Do\n"+hostile.TextOp(700, "text"))
	z := hostile.Flate(raw)
	raw = nil
	b := hostile.OnePage([]byte("/X Do\n"), "/X 6 0 R")
	for i := 0; i < n; i++ {
		res := fmt.Sprintf("/Resources << /Font << /F1 4 0 R >> /XObject << /X %d 0 R >> >>", 7+i)
		b.Add(hostile.Stream("/Type /XObject /Subtype /Form /Filter /FlateDecode /BBox [0 0 612 792] "+res, z))
	}
	runtime.GC()
	base := relHeapInUse()
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				if h := relHeapInUse(); h > peak {
					peak = h
				}
			}
		}
	}()
	_, err := readHostile(t, "nested_bombs.pdf", b.Bytes(""))
	close(stop)
	<-done
	if peak < base {
		peak = base
	}
	peak -= base
	t.Logf("peak heap growth %d MiB", peak>>20)
	if !errors.Is(err, ErrLimit) {
		t.Errorf("error %v: want ErrLimit", err)
	}
	// Unbounded, this takes 1.4 GiB. The heap sample includes garbage
	// the collector has not reclaimed yet (up to about twice the live
	// heap at the default GOGC), so the bound leaves room for that:
	// 3× was seen exceeded once (192 MiB) on a loaded machine.
	if peak > 6*maxContentBytes {
		t.Errorf("peak heap %d MiB for %d nested 20 MiB streams: decoded bytes not bounded per page", peak>>20, n)
	}
}

// A page tree claiming a huge page count with a Kids array of 200,000
// references to one page object.
func TestHostileHugePageCount(t *testing.T) {
	var kids strings.Builder
	for i := 0; i < 200000; i++ {
		kids.WriteString("3 0 R ")
	}
	b := &hostile.Builder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	b.Add("<< /Type /Pages /Kids [" + kids.String() + "] /Count 200000 >>")
	b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
	b.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	b.Add(hostile.Stream("", []byte(hostile.TextOp(700, "many"))))
	doc, err := readHostile(t, "huge_count.pdf", b.Bytes(""))
	if err != nil {
		if !errors.Is(err, ErrLimit) {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if len(doc.Pages) > maxPages {
		t.Errorf("%d pages", len(doc.Pages))
	}
}

// More pages than maxPages (lowered to 50 here; 100,000 in use): a clear
// error, not a silent cut.
func TestHostileTooManyPages(t *testing.T) {
	defer func(n int) { maxPages = n }(maxPages)
	maxPages = 50
	build := func(n int) []byte {
		b := &hostile.Builder{}
		b.Add("<< /Type /Catalog /Pages 2 0 R >>")
		var kids strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&kids, "%d 0 R ", 5+i)
		}
		b.Add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n))
		b.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
		b.Add(hostile.Stream("", []byte(hostile.TextOp(700, "page text"))))
		for i := 0; i < n; i++ {
			b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
		}
		return b.Bytes("")
	}
	doc, err := readHostile(t, "50_pages.pdf", build(50))
	if err != nil || len(doc.Pages) != 50 {
		t.Fatalf("50 pages: %v, %d pages", err, len(doc.Pages))
	}
	_, err = readHostile(t, "51_pages.pdf", build(51))
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "more than 50 pages") {
		t.Errorf("51 pages: error %v, want ErrLimit: more than 50 pages", err)
	}
}

// BenchmarkGuardXref runs the cross-reference checks that precede every
// read over the corpus files (they scan the whole file).
//
//	go test ./extract -run '^$' -bench GuardXref
func BenchmarkGuardXref(b *testing.B) {
	var files [][]byte
	n := 0
	for _, p := range allCorpusPDFs(b, corpusDir(b)) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		n += len(data)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			guardXref(data)
		}
	}
}

// bigSubsection, lastObjHead and objHeads read what the regular
// expressions they replace matched: the same answers on every corpus file
// and on edge cases.
func TestXrefScannersMatchRegexps(t *testing.T) {
	subRe := regexp.MustCompile(`(?m)^[ \t]*(\d+)[ \t]+(\d+)[ \t]*\r?$`)
	headRe := regexp.MustCompile(`(\d{1,10})\s+\d{1,5}\s+obj\b`)
	wantSub := func(table []byte, limit int) string {
		for _, h := range subRe.FindAllSubmatch(table, -1) {
			if bigNumber(h[1], limit) || bigNumber(h[2], limit) {
				return string(h[1]) + " " + string(h[2])
			}
		}
		return ""
	}
	gotSub := func(table []byte, limit int) string {
		if a, b, ok := bigSubsection(table, limit); ok {
			return string(a) + " " + string(b)
		}
		return ""
	}
	// objHeads finds what objHeadRe, the expression it replaces, matched
	objHeadRe := regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,10})\s+(\d{1,5})\s+obj\b`)
	wantHeads := func(b []byte) string {
		var s []string
		for _, m := range objHeadRe.FindAllSubmatchIndex(b, -1) {
			id, _ := strconv.Atoi(string(b[m[2]:m[3]]))
			gen, _ := strconv.Atoi(string(b[m[4]:m[5]]))
			s = append(s, fmt.Sprint(id, gen, m[2]))
		}
		return strings.Join(s, ",")
	}
	gotHeads := func(b []byte) string {
		var s []string
		for _, h := range objHeads(b) {
			s = append(s, fmt.Sprint(h.id, h.gen, h.off))
		}
		return strings.Join(s, ",")
	}
	wantHead := func(win []byte) string {
		if h := headRe.FindAllSubmatch(win, -1); h != nil {
			return string(h[len(h)-1][1])
		}
		return ""
	}
	cases := []string{
		"xref\n0 3\n0000000000 65535 f \n", "xref\r\n0 99999999\r\n", "  7\t12 \r\n",
		"0 3 4\n", "a 3\n", "12 0 obj", "12 0 objx", "1 2 obj\n3 4 obj", "12345678901 0 obj",
		"5 123456 obj", "obj", "7\v0 obj", "1 2\f\r\nobj", "7\n0\nobj<<", "x 7 0 obj_", "9 0 obj 8 0 obj", "",
		"x7 0 obj", "1 2 3 obj", "0012 00 obj", "1 0 obj1 0 obj",
	}
	for _, c := range cases {
		for _, limit := range []int{2, 1000} {
			if g, w := gotSub([]byte(c), limit), wantSub([]byte(c), limit); g != w {
				t.Errorf("bigSubsection(%q, %d) = %q, regexp %q", c, limit, g, w)
			}
		}
		if g, w := string(lastObjHead([]byte(c))), wantHead([]byte(c)); g != w {
			t.Errorf("lastObjHead(%q) = %q, regexp %q", c, g, w)
		}
		if g, w := gotHeads([]byte(c)), wantHeads([]byte(c)); g != w {
			t.Errorf("objHeads(%q) = %q, regexp %q", c, g, w)
		}
	}
	if testing.Short() {
		return
	}
	for _, p := range allCorpusPDFs(t, corpusDir(t)) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{10, 1 << 20} {
			if g, w := gotSub(data, limit), wantSub(data, limit); g != w {
				t.Errorf("%s: bigSubsection = %q, regexp %q", p, g, w)
			}
		}
		if gotHeads(data) != wantHeads(data) {
			t.Errorf("%s: objHeads differ from the regexp", p)
		}
		for i := 0; ; {
			k := bytes.Index(data[i:], []byte("/ObjStm"))
			if k < 0 {
				break
			}
			at := i + k
			i = at + 1
			win := data[max(0, at-4096):at]
			if g, w := string(lastObjHead(win)), wantHead(win); g != w {
				t.Errorf("%s at %d: lastObjHead = %q, regexp %q", p, at, g, w)
			}
		}
	}
}
