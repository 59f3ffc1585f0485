package scalecorpus

import (
	"github.com/docindex/docindex/index"

	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestCipherIsAPermutationPerScript(t *testing.T) {
	for k := 1; k <= 20; k++ {
		c := NewCipher(k)
		if c2 := NewCipher(k); c2.String("development права التنمية 发展 A/RES/78/265") != c.String("development права التنمية 发展 A/RES/78/265") {
			t.Fatalf("copy %d: two ciphers differ", k)
		}
		seen := map[rune]rune{}
		changed := 0
		for r := rune(0); r < 0x10000; r++ {
			s := c.Rune(r)
			if s != r {
				changed++
				// a letter goes to a letter of the same script and case
				if !unicode.IsLetter(s) || !unicode.IsLetter(r) || unicode.IsUpper(r) || unicode.IsUpper(s) ||
					!sameScript(r, s) {
					t.Fatalf("copy %d: %q → %q", k, r, s)
				}
			}
			if p, ok := seen[s]; ok {
				t.Fatalf("copy %d: %q and %q both → %q", k, p, r, s)
			}
			seen[s] = r
		}
		if changed < 18 {
			t.Errorf("copy %d: only %d characters change", k, changed)
		}
		for _, r := range "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/.()aeiou" {
			if c.Rune(r) != r {
				t.Errorf("copy %d: %q changes", k, r)
			}
		}
		if c.Symbol("A/RES/78/265") == "A/RES/78/265" && c.Symbol("S/2018/693") == "S/2018/693" {
			t.Errorf("copy %d: symbols unchanged", k)
		}
	}
	if NewCipher(1).String("development of peace and security") == NewCipher(2).String("development of peace and security") {
		t.Errorf("copies 1 and 2 have the same words")
	}
}

func sameScript(a, b rune) bool {
	for _, tab := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Han} {
		if unicode.Is(tab, a) {
			return unicode.Is(tab, b)
		}
	}
	return false
}

func TestCipherCMap(t *testing.T) {
	c := NewCipher(3)
	cm := []byte("2 beginbfchar\n<0003> <0020>\n<0046> <0063>\nendbfchar\n" +
		"2 beginbfrange\n<0010> <0019> <0030>\n<0044> <005D> <0061>\nendbfrange\n" +
		"1 beginbfrange\n<0100> <0102> [<0431> <0432> <0041>]\nendbfrange\n")
	out, n := cipherCMap(cm, c)
	got := parseCMap(out)
	want := parseCMap(cm)
	if got == nil || want == nil || n == 0 {
		t.Fatalf("maps: %v %v, %d changed", got, want, n)
	}
	if len(got.dec) != len(want.dec) {
		t.Fatalf("%d codes, want %d:\n%s", len(got.dec), len(want.dec), out)
	}
	for code, r := range want.dec {
		if got.dec[code] != c.Rune(r) {
			t.Errorf("code %04X: %q, want %q", code, got.dec[code], c.Rune(r))
		}
	}
	// digits and the range of digits are kept as they were
	if !bytes.Contains(out, []byte("<0010> <0019> <0030>")) {
		t.Errorf("digit range rewritten:\n%s", out)
	}
}

func TestRewriteContent(t *testing.T) {
	c := NewCipher(5)
	// a simple font without ToUnicode: words change, upper case and
	// digits do not, except in a symbol; an inline image is left alone;
	// a font with a ToUnicode map (F2) is left to the map
	content := []byte("BT /F1 12 Tf (The General Assembly, \\(recalling\\) 12) Tj\n" +
		"[(A/RES/)-20(78/265)] TJ q /F2 9 Tf (people) Tj Q (ok) Tj ET\nBI /W 2 /H 1 /BPC 8 /CS /G ID (bcfg) EI\n")
	fonts := map[string]*font{"F1": {}, "F2": {toUni: true, cmap: parseCMap([]byte("1 beginbfchar\n<70> <0070>\nendbfchar\n"))}}
	out, ns, nsym := rewriteContent(content, c, fonts)
	if ns == 0 || nsym != 1 {
		t.Fatalf("%d strings, %d symbols changed:\n%s", ns, nsym, out)
	}
	if !bytes.Contains(out, []byte("ID (bcfg) EI")) {
		t.Errorf("inline image changed:\n%s", out)
	}
	text := showText(t, out)
	want := c.String("The General Assembly, (recalling) 12") + c.Symbol("A/RES/78/265") + "people" + c.String("ok")
	if text != want {
		t.Errorf("text %q, want %q", text, want)
	}
	// a hex string shown with a ToUnicode map: only symbols change
	cm := parseCMap([]byte("1 beginbfrange\n<0013> <001C> <0030>\nendbfrange\n1 beginbfchar\n<0012> <002F>\nendbfchar\n2 beginbfchar\n<0024> <0041>\n<0036> <0053>\nendbfchar\n"))
	hex := []byte("/F2 10 Tf [<0036>] TJ [<0012>-22<0015>] TJ [<001A001B>] TJ")
	out, _, nsym = rewriteContent(hex, c, map[string]*font{"F2": {cid: true, toUni: true, cmap: cm}})
	// "S" alone is no symbol; "/2" is a symbol's tail; "78" alone is a
	// number
	two := fmt.Sprintf("<%04X>", 0x13+int(c.digits[2]-'0'))
	if nsym != 1 || !bytes.Contains(out, []byte("/F2 10 Tf [<0036>] TJ [<0012>-22"+two+"] TJ [<001A001B>] TJ")) {
		t.Errorf("hex: %d symbols:\n%s", nsym, out)
	}
}

// showText decodes the literal and hex strings of a content stream as
// bytes (for the test's single-byte content).
func showText(t *testing.T, content []byte) string {
	var b strings.Builder
	i := 0
	for i < len(content) {
		switch content[i] {
		case '(':
			s, next := readLiteral(content, i)
			b.Write(s.raw)
			i = next
		case '<':
			j := bytes.IndexByte(content[i:], '>')
			var raw []byte
			for k := i + 1; k+1 < i+j; k += 2 {
				var v byte
				for _, h := range content[k : k+2] {
					v = v*16 + byte(strings.IndexByte("0123456789ABCDEF", h))
				}
				raw = append(raw, v)
			}
			b.Write(raw)
			i += j + 1
		case 'B':
			if bytes.HasPrefix(content[i:], []byte("BI")) {
				return b.String()
			}
			i++
		default:
			i++
		}
	}
	return b.String()
}

// TestRewriteTestdataPDF runs the whole rewrite on a PDF of testdata
// (made by the project) and checks the result with qpdf and pdftotext.
func TestRewriteTestdataPDF(t *testing.T) {
	for _, tool := range []string{"qpdf", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not installed")
		}
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	in, err := os.ReadFile("../../../../testdata/pdf/en/A_RES_99_101_en.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(src, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "en", "A_RES_99_101_en.pdf"), in, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "broken.pdf"), []byte("not a PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "out")
	if err := Generate(filepath.Join(dir, "src"), dst, 3, 2); err != nil {
		t.Fatal(err)
	}
	texts := map[int]string{}
	for k := 0; k < 3; k++ {
		p := filepath.Join(CopyDir(dst, k), CopyName(filepath.Join("en", "A_RES_99_101_en.pdf"), k))
		if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
			t.Fatalf("copy %d: qpdf --check: %v\n%s", k, err, out)
		}
		out, err := exec.Command("pdftotext", p, "-").Output()
		if err != nil {
			t.Fatalf("copy %d: pdftotext: %v", k, err)
		}
		texts[k] = string(out)
		if b, err := os.ReadFile(filepath.Join(CopyDir(dst, k), CopyName("broken.pdf", k))); err != nil || string(b) != "not a PDF" {
			t.Errorf("copy %d: the broken file is not kept as it is: %q %v", k, b, err)
		}
	}
	if !strings.Contains(texts[0], "A/RES/99/101") {
		t.Fatalf("copy 0 is not the source:\n%s", texts[0])
	}
	for k := 1; k < 3; k++ {
		c := NewCipher(k)
		// the words of copy 0, ciphered, are those of copy k; the
		// symbol's digits are permuted (among the digits the subset
		// font holds)
		sym := regexp.MustCompile(`A/RES/\d\d/\d{3}`)
		if ss := sym.FindAllString(texts[k], -1); len(ss) == 0 || slices.Contains(ss, "A/RES/99/101") {
			t.Errorf("copy %d: symbols %q", k, ss)
		}
		// lines with a symbol (masthead, "(A/99/L.23)") have their
		// digits permuted: compared without digits
		want := strings.Split(c.String(texts[0]), "\n")
		got := strings.Split(texts[k], "\n")
		if len(got) != len(want) {
			t.Fatalf("copy %d: %d lines, want %d", k, len(got), len(want))
		}
		digits := regexp.MustCompile(`\d`)
		for i := range want {
			w, g := want[i], got[i]
			if strings.Contains(w, "/") {
				w, g = digits.ReplaceAllString(w, "#"), digits.ReplaceAllString(g, "#")
			}
			if w != g {
				t.Errorf("copy %d line %d: %q, want %q", k, i, got[i], want[i])
			}
		}
	}
	// a second run reuses the copies
	copy2 := filepath.Join(CopyDir(dst, 2), CopyName(filepath.Join("en", "A_RES_99_101_en.pdf"), 2))
	st, err := os.Stat(copy2)
	if err != nil {
		t.Fatal(err)
	}
	if err := Generate(filepath.Join(dir, "src"), dst, 3, 2); err != nil {
		t.Fatal(err)
	}
	st2, err := os.Stat(copy2)
	if err != nil {
		t.Fatal(err)
	}
	if !st.ModTime().Equal(st2.ModTime()) {
		t.Errorf("copy 2 made again")
	}
}

// Language versions of one copy share a work (index.WorkKey groups
// symbol-less documents by file name); different copies do not.
func TestCopyNameKeepsWorksApart(t *testing.T) {
	for _, rel := range []string{"en/UN_Charter_en.pdf", "odd/x.pdf"} {
		if got := CopyName(rel, 0); got != rel {
			t.Errorf("CopyName(%q, 0) = %q, want the corpus's own name", rel, got)
		}
	}
	en3, fr3 := CopyName("en/UN_Charter_en.pdf", 3), CopyName("fr/UN_Charter_fr.pdf", 3)
	if filepath.Dir(en3) != "en" || filepath.Ext(en3) != ".pdf" {
		t.Errorf("CopyName moved the file: %q", en3)
	}
	if index.WorkKey("", en3) != index.WorkKey("", fr3) {
		t.Errorf("language versions of copy 3 apart: %q vs %q", index.WorkKey("", en3), index.WorkKey("", fr3))
	}
	for _, k := range []int{0, 4, 13} {
		if other := CopyName("en/UN_Charter_en.pdf", k); index.WorkKey("", other) == index.WorkKey("", en3) {
			t.Errorf("copies 3 and %d share work %q", k, index.WorkKey("", en3))
		}
	}
}
