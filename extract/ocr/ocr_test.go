package ocr

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const sampleTSV = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
	"1\t1\t0\t0\t0\t0\t0\t0\t1000\t1400\t-1\t\n" +
	"2\t1\t1\t0\t0\t0\t100\t100\t800\t60\t-1\t\n" +
	"4\t1\t1\t1\t1\t0\t100\t100\t800\t30\t-1\t\n" +
	"5\t1\t1\t1\t1\t1\t100\t100\t120\t30\t96.5\tArticle\n" +
	"5\t1\t1\t1\t1\t2\t240\t100\t30\t30\t91.0\t51\n" +
	"5\t1\t1\t1\t1\t3\t280\t100\t10\t30\t20.0\t.\n" +
	"5\t1\t1\t1\t2\t1\t100\t140\t40\t30\t12.0\t~%\n" +
	"5\t1\t1\t1\t2\t2\t150\t140\t40\t30\t-1\t \n" +
	"5\t1\t2\t1\t1\t1\t100\t300\t90\t30\t88.0\tNothing\n"

func TestParseTSV(t *testing.T) {
	words, w, h, err := ParseTSV([]byte(sampleTSV))
	if err != nil {
		t.Fatal(err)
	}
	if w != 1000 || h != 1400 {
		t.Errorf("page size %dx%d, want 1000x1400", w, h)
	}
	var texts []string
	for _, x := range words {
		texts = append(texts, x.Text)
	}
	if got := strings.Join(texts, "|"); got != "Article|51|.|~%|Nothing" {
		t.Errorf("words %q", got)
	}
	if words[1].X0 != 240 || words[1].X1 != 270 || words[1].Y1 != 130 || words[1].Conf != 91 {
		t.Errorf("box of 51: %+v", words[1])
	}
	if words[4].Block != 2 || words[3].Line != 2 {
		t.Errorf("line numbers: %+v %+v", words[3], words[4])
	}
	for _, bad := range []string{"5\t1\t1\t1\t1\t1\t100\n", "5\t1\tx\t1\t1\t1\t1\t1\t1\t1\t90\tA\n", "5\t1\t1\t1\t1\t1\t1\t1\t1\t1\tnan?\tA\n"} {
		if _, _, _, err := ParseTSV([]byte(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}

func TestConfidence(t *testing.T) {
	words, _, _, _ := ParseTSV([]byte(sampleTSV))
	kept := KeepConfident(words, MinWordConf)
	var texts []string
	for _, x := range kept {
		texts = append(texts, x.Text)
	}
	// the low "." sits on a line with confident words and is kept (at
	// least half the threshold: 20 >= 17.5); the noise "~%" is dropped
	if got := strings.Join(texts, "|"); got != "Article|51|.|Nothing" {
		t.Errorf("kept %q", got)
	}
	// by characters: (7*96.5 + 2*91 + 1*20 + 2*12 + 7*88) / 19
	want := (7*96.5 + 2*91 + 20 + 2*12 + 7*88) / 19
	if got := MeanConfidence(words); got < want-1e-9 || got > want+1e-9 {
		t.Errorf("mean confidence %.3f, want %.3f", got, want)
	}
	if MeanConfidence(nil) != 0 {
		t.Error("mean of no words")
	}
	// a page of noise is not text: fromTSV keeps no word of it
	noise := "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n5\t1\t1\t1\t1\t1\t1\t1\t10\t10\t30\tIl|\n5\t1\t1\t1\t1\t2\t20\t1\t10\t10\t41\t=e\n"
	p, err := fromTSV([]byte(noise))
	if err != nil || len(p.Words) != 0 || p.All != 2 || p.MeanConf >= MinPageConf {
		t.Errorf("noise page: %+v %v", p, err)
	}
}

func TestLinesAndText(t *testing.T) {
	words, _, _, _ := ParseTSV([]byte(sampleTSV))
	ls := Lines(words)
	if len(ls) != 3 || len(ls[0]) != 3 || ls[2][0].Text != "Nothing" {
		t.Fatalf("lines %v", ls)
	}
	// right-to-left OCR order (logical) becomes left to right by x
	rtl := []Word{{Text: "الأمم", X0: 500, X1: 600}, {Text: "المتحدة", X0: 300, X1: 480}}
	if l := Lines(rtl); l[0][0].Text != "المتحدة" {
		t.Errorf("not left to right: %v", l)
	}
	if got := Text(words); got != "Article 51 .\n~% \nNothing" && got != "Article 51 .\n~%\nNothing" {
		t.Errorf("text %q", got)
	}
}

func TestParseOSD(t *testing.T) {
	out := "Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 12.5\nScript: Cyrillic\nScript confidence: 3.10\n"
	o, err := ParseOSD([]byte(out))
	if err != nil || o.Rotate != 90 || o.Script != "Cyrillic" || o.ScriptConf != 3.1 || o.OrientConf != 12.5 {
		t.Errorf("%+v %v", o, err)
	}
	if _, err := ParseOSD([]byte("Too few characters. Skipping this page\n")); err == nil {
		t.Error("no error without a script")
	}
	if _, err := ParseOSD([]byte("Rotate: 45\nScript: Latin\n")); err == nil {
		t.Error("no error for a 45 degree rotation")
	}
}

func TestPacks(t *testing.T) {
	for script, want := range map[string]string{"Arabic": "ara+eng ar", "Han": "chi_sim+eng zh", "Cyrillic": "rus+eng ru", "Latin": "eng ", "Greek": "eng "} {
		p, l := Packs(script)
		if p+" "+l != want {
			t.Errorf("%s: %s %s, want %s", script, p, l, want)
		}
	}
	for _, l := range []string{"ar", "zh", "en", "fr", "ru", "es"} {
		if langOfPacks(PackOf(l)) != l {
			t.Errorf("%s: pack %s", l, PackOf(l))
		}
	}
	if PackOf("de") != "" {
		t.Error("de has no pack here")
	}
}

func TestCache(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), MaxBytes: 3000}
	var sum [32]byte
	k1, k2 := Key(sum, 1, 200), Key(sum, 2, 200)
	if k1 == k2 || k1 == Key(sum, 1, 300) {
		t.Fatal("keys do not depend on page and dpi")
	}
	if _, ok := c.Get(k1); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put(k1, &Entry{Packs: "eng", Lang: "en", TSV: sampleTSV})
	e, ok := c.Get(k1)
	if !ok || e.Lang != "en" || e.TSV != sampleTSV {
		t.Fatalf("get after put: %+v %v", e, ok)
	}
	// a corrupt entry is ignored and removed
	os.WriteFile(c.path(k2), []byte("{not json"), 0o644)
	if _, ok := c.Get(k2); ok {
		t.Error("corrupt entry returned")
	}
	if _, err := os.Stat(c.path(k2)); !os.IsNotExist(err) {
		t.Error("corrupt entry kept")
	}
	// an entry with a broken TSV too
	c.Put(k2, &Entry{Packs: "eng", TSV: "5\tbroken"})
	if _, ok := c.Get(k2); ok {
		t.Error("entry with a broken TSV returned")
	}
	// bounded: many entries prune to under the limit
	for i := 3; i < 40; i++ {
		c.Put(Key(sum, i, 200), &Entry{Packs: "eng", TSV: sampleTSV})
	}
	c.Prune()
	var total int64
	filepath.Walk(c.Dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			total += fi.Size()
		}
		return nil
	})
	if total > c.MaxBytes {
		t.Errorf("cache holds %d bytes, limit %d", total, c.MaxBytes)
	}
	var nilCache *Cache
	nilCache.Put(k1, &Entry{Packs: "eng"})
	if _, ok := nilCache.Get(k1); ok {
		t.Error("nil cache hit")
	}
}

// fakeTesseract installs a shell script as tesseract that answers OSD
// with script and TSV with a page of words whose text names the packs it
// was run with, and logs its arguments.
func fakeTesseract(t *testing.T, script string) (logPath string) {
	dir := t.TempDir()
	logPath = filepath.Join(dir, "log")
	sh := `#!/bin/sh
cat >/dev/null
echo "$@" >> ` + logPath + `
case "$*" in
*"--psm 0"*) printf 'Page number: 0\nOrientation in degrees: 0\nRotate: 0\nOrientation confidence: 9\nScript: ` + script + `\nScript confidence: 2\n'; exit 0;;
esac
lang=$(echo "$@" | sed 's/.*-l \([a-z_+]*\).*/\1/')
printf '1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n5\t1\t1\t1\t1\t1\t1\t1\t50\t10\t95\tpack-%s\n' "$lang"
`
	if err := os.WriteFile(filepath.Join(dir, "tesseract"), []byte(sh), 0o755); err != nil {
		t.Fatal(err)
	}
	old := availPath
	availOnce.Do(func() {})
	availPath = filepath.Join(dir, "tesseract")
	t.Cleanup(func() { availPath = old })
	return logPath
}

func calls(t *testing.T, logPath string) []string {
	b, _ := os.ReadFile(logPath)
	os.Remove(logPath)
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

// TestReaderLanguageChoice: orientation and script detection on the
// first page only; the script's pack; Latin read in English, then again
// in the detected language when it is French or Spanish, and that pack
// kept for the next pages; never the six packs.
func TestReaderLanguageChoice(t *testing.T) {
	log := fakeTesseract(t, "Latin")
	detect := func(s string) string {
		if strings.Contains(s, "pack-eng") {
			return "fr" // what lang says of the English reading
		}
		return "fr"
	}
	r := &Reader{Detect: detect}
	p, err := r.Read(context.Background(), fakeImg, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Packs != "fra" || p.Lang != "fr" || p.Words[0].Text != "pack-fra" {
		t.Errorf("page 1 read as %s/%s: %v", p.Packs, p.Lang, p.Words)
	}
	c := calls(t, log)
	if len(c) != 3 || !strings.Contains(c[0], "--psm 0") || !strings.Contains(c[1], "-l eng ") || !strings.Contains(c[2], "-l fra ") {
		t.Errorf("page 1 runs: %q", c)
	}
	p, err = r.Read(context.Background(), fakeImg, "", 0)
	if err != nil || p.Packs != "fra" {
		t.Fatalf("page 2: %+v %v", p, err)
	}
	if c := calls(t, log); len(c) != 1 || !strings.Contains(c[0], "-l fra ") {
		t.Errorf("page 2 runs: %q (want one run in fra)", c)
	}

	for script, pack := range map[string]string{"Arabic": "ara+eng", "Han": "chi_sim+eng", "Cyrillic": "rus+eng"} {
		log := fakeTesseract(t, script)
		r := &Reader{Detect: detect}
		p, err := r.Read(context.Background(), fakeImg, "", 300)
		if err != nil || p.Packs != pack || p.Script != script {
			t.Errorf("%s: %+v %v", script, p, err)
		}
		c := calls(t, log)
		if len(c) != 2 || !strings.Contains(c[1], "-l "+pack+" ") || !strings.Contains(c[1], "--dpi 300") {
			t.Errorf("%s runs: %q", script, c)
		}
	}
}

// TestReaderCache: a cached page runs no tesseract at all.
func TestReaderCache(t *testing.T) {
	log := fakeTesseract(t, "Cyrillic")
	c := &Cache{Dir: t.TempDir()}
	var sum [32]byte
	k := Key(sum, 1, 0)
	r := &Reader{Cache: c}
	if _, err := r.Read(context.Background(), fakeImg, k, 0); err != nil {
		t.Fatal(err)
	}
	calls(t, log)
	r2 := &Reader{Cache: c}
	p, err := r2.Read(context.Background(), fakeImg, k, 0)
	if err != nil || !p.Cached || p.Packs != "rus+eng" || r2.Runs != 0 {
		t.Errorf("cached read: %+v %v runs %d", p, err, r2.Runs)
	}
	if b, _ := os.ReadFile(log); len(b) != 0 {
		t.Errorf("tesseract ran on a cached page: %s", b)
	}
}

// TestKilledWithContext: a cancelled context kills tesseract (its whole
// process group) and Read returns the context's error.
func TestKilledWithContext(t *testing.T) {
	dir := t.TempDir()
	sh := "#!/bin/sh\nsleep 30 &\nsleep 30\n"
	os.WriteFile(filepath.Join(dir, "tesseract"), []byte(sh), 0o755)
	old := availPath
	availOnce.Do(func() {})
	availPath = filepath.Join(dir, "tesseract")
	defer func() { availPath = old }()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := (&Reader{}).Read(ctx, fakeImg, "", 0)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("err %v after %s", err, time.Since(start))
	}
}

func fakeImg() ([]byte, error) { return []byte("img"), nil }

// w is a word of line `line` at x, 20 pixels high.
func w(line int, x int, text string, conf float64) Word {
	return Word{Text: text, X0: x, X1: x + 10*len([]rune(text)), Y0: line * 40, Y1: line*40 + 20, Conf: conf, Block: 1, Par: 1, Line: line}
}

func TestFixLabels(t *testing.T) {
	for in, want := range map[string]string{"2,": "2.", "3:": "3.", "1;": "1.", "4": "4.", "12.": "12.", "ie": "ie", "1945": "1945"} {
		line := []Word{{Text: in}, {Text: "The"}}
		FixLabels(line)
		if line[0].Text != want {
			t.Errorf("%q -> %q, want %q", in, line[0].Text, want)
		}
	}
	line := []Word{{Text: "20"}, {Text: "members"}}
	if FixLabels(line); line[0].Text != "20" {
		t.Errorf("a number before a lower-case word became %q", line[0].Text)
	}
}

func TestLineSize(t *testing.T) {
	// the same font: a line of capitals, one of x-height words, one
	// with ascenders and descenders get about the same size
	caps := []Word{{Text: "AND", Y0: 0, Y1: 15}, {Text: "FOR", Y0: 0, Y1: 15}}
	low := []Word{{Text: "are", Y0: 5, Y1: 15}, {Text: "one", Y0: 5, Y1: 15}, {Text: "was", Y0: 5, Y1: 15}}
	full := []Word{{Text: "Things", Y0: 0, Y1: 20}, {Text: "happy", Y0: 0, Y1: 20}}
	a, b, c := LineSize(caps), LineSize(low), LineSize(full)
	for _, s := range []float64{a, b} {
		if s < 0.9*c || s > 1.1*c {
			t.Errorf("sizes %.1f %.1f %.1f differ by more than 10%%", a, b, c)
		}
	}
}

// TestLineSizeLineBox: Arabic words that carry the line's box (one top
// and bottom for three words or more, far taller than the line's other
// words) are not measured when another word is; a line whose words all
// share a box, a heading whose digits are as tall as its words, and Han
// characters sharing a box keep their size.
func TestLineSizeLineBox(t *testing.T) {
	box := func(text string, y0, y1 int) Word { return Word{Text: text, Y0: y0, Y1: y1} }
	// "1- فيما عدا ما قد يتفق ... 77": the words given the line's 59
	// pixels, the label and the number their own 26
	line := []Word{box("1-", 20, 46)}
	for _, s := range []string{"فيما", "عدا", "ما", "قد", "يتفق", "عليه"} {
		line = append(line, box(s, 3, 62))
	}
	line = append(line, box("77", 12, 38))
	if got := LineSize(line); got < 30 || got > 40 {
		t.Errorf("line with the line's box: size %.1f, want about 35 (the number's 26/0.75)", got)
	}
	plain := []Word{box("يتفق", 3, 38), box("ومقاصد", 3, 38), box("الأمم", 3, 38)}
	if got := LineSize(plain); got != 35 {
		t.Errorf("words sharing one box, nothing else: size %.1f, want 35", got)
	}
	heading := []Word{box("الجلسة", 0, 60), box("العامة", 0, 60), box("الرابعة", 0, 60), box("45", 5, 50)}
	if got := LineSize(heading); got != 60 {
		t.Errorf("large heading with its number: size %.1f, want 60", got)
	}
	han := []Word{box("联合国", 0, 40), box("宪章", 0, 40), box("序言", 0, 40), box("，", 30, 38), box("1", 10, 40)}
	if got := LineSize(han); got != 40 {
		t.Errorf("Han line: size %.1f, want 40", got)
	}
}

// TestInferLabels: suspect labels in the label column get the number or
// letter their neighbours imply; words elsewhere are left alone.
func TestInferLabels(t *testing.T) {
	words := []Word{
		w(1, 100, "ie", 10), w(1, 180, "The", 96), w(1, 220, "General", 96), // "1." misread
		w(2, 180, "continued", 96), w(2, 280, "text", 96),
		w(3, 100, "2.", 90), w(3, 180, "Each", 96),
		w(4, 100, "T;", 30), w(4, 180, "Such", 96), // between 2. and 4.
		w(5, 100, "4.", 90), w(5, 180, "It", 96),
		w(6, 140, "b.", 90), w(6, 200, "to", 96),
		w(7, 140, "G", 20), w(7, 200, "to", 96), // c.
		w(8, 140, "d.", 90), w(8, 200, "to", 96),
		w(9, 100, "Il", 20), w(9, 180, "The", 96), // no number below: left alone
	}
	checkFixes(t, words, InferLabels(words), map[int]string{0: "1.", 7: "3.", 13: "c."})
}

// checkFixes compares the fixes that keep their word (confidence above
// 0) with want, word index to text.
func checkFixes(t *testing.T, words []Word, fixes []Fix, want map[int]string) {
	t.Helper()
	got := map[int]string{}
	for _, f := range fixes {
		if f.Conf > 0 {
			got[f.Index] = f.Text
		}
	}
	if len(got) != len(want) {
		t.Errorf("fixes %v, want %v", got, want)
	}
	for i, s := range want {
		if got[i] != s {
			t.Errorf("word %d (%q): %q, want %q", i, words[i].Text, got[i], s)
		}
	}
}

func TestInferRussianItem(t *testing.T) {
	words := []Word{
		w(1, 140, "а)", 90), w(1, 200, "поддержание", 96),
		w(2, 140, "6)", 95), w(2, 200, "Развитие", 96),
		w(3, 140, "в)", 90), w(3, 200, "содействие", 96),
	}
	fixes := InferLabels(words)
	if len(fixes) != 1 || fixes[0].Index != 2 || fixes[0].Text != "б)" {
		t.Errorf("fixes %+v, want б) for 6)", fixes)
	}
}

// TestInferWeakLabels: a label read with too little confidence to be kept
// is numbered from its neighbours; under a heading the first paragraph is
// 1; the last item letter of a column after N is N+1 (unless a heading
// comes between them); an unplaceable suspect is left alone.
func TestInferWeakLabels(t *testing.T) {
	words := []Word{
		w(1, 470, "Article", 96), w(1, 560, "23", 96), // heading
		w(2, 100, "15", 29), w(2, 180, "The", 96), // "1." under the heading, read 15
		w(3, 180, "continued", 96), w(3, 280, "text", 96),
		w(4, 100, "1,", 23), w(4, 180, "Each", 96), // weak read between 1. and 3.: 2.
		w(5, 100, "3.", 90), w(5, 180, "It", 96),
		w(6, 140, "a.", 90), w(6, 200, "to", 96),
		w(7, 140, "b.", 90), w(7, 200, "to", 96),
		w(8, 140, "(eo", 0), w(8, 200, "to", 96), // last item: c.
		w(9, 100, "Lt", 20), w(9, 180, "The", 96), // last number after 3.: not guessed
		w(10, 470, "Article", 96), w(10, 560, "24", 96),
		w(11, 100, "The", 96), w(11, 140, "text", 96),
		w(12, 470, "Article", 96), w(12, 560, "25", 96),
		w(13, 100, "Mr", 96), w(13, 140, "text", 96),
	}
	// an item suspect after a heading that is not right above it: the
	// heading between it and the b. above forbids c.
	words = append(words, w(14, 140, "Il", 20), w(14, 200, "to", 96))
	checkFixes(t, words, InferLabels(words), map[int]string{2: "1.", 6: "2.", 14: "c."})
}

// TestInferBranchLabels: the items of a Chinese list after a line ending
// with a colon get their branch in order, from an anchor where one is
// read; a paragraph number ends the list; item heads before any colon are
// left as read.
func TestInferBranchLabels(t *testing.T) {
	words := []Word{
		w(1, 100, "CH)", 60), w(1, 200, "以", 96), // no list intro: left alone
		w(2, 100, "大", 96), w(2, 120, "会", 96), w(2, 140, ":", 96),
		w(3, 140, "〈", 70), w(3, 150, "子", 90), w(3, 160, ")", 90), w(3, 200, "以", 96), // 子 read: kept
		w(4, 140, "CH)", 55), w(4, 200, "以", 96), // 丑
		w(5, 100, "语", 96), w(5, 120, "言", 96), // continuation line
		w(6, 140, "(F)", 60), w(6, 200, "促", 96), // 寅
		w(7, 140, "《寅", 60), w(7, 160, ")", 90), w(7, 200, "全", 96), // anchor 寅
		w(8, 140, "CSD)", 60), w(8, 200, "提", 96), // 卯
		w(9, 100, "二、", 96), w(9, 140, "大", 96), // a paragraph ends the list
		w(10, 140, "CO)", 60), w(10, 200, "不", 96), // left alone
	}
	checkFixes(t, words, InferBranchLabels(words), map[int]string{5: "（子）", 9: "（丑）", 13: "（寅）", 15: "（寅）", 18: "（卯）"})
}

// TestInferLabelsSequence: a number read that breaks its column's
// sequence ("35" between "2." and "4.") is the number between them; a
// confident one is kept.
func TestInferLabelsSequence(t *testing.T) {
	words := []Word{
		w(1, 100, "2.", 90), w(1, 180, "The", 96),
		w(2, 100, "35", 60), w(2, 180, "Each", 96),
		w(3, 100, "4.", 90), w(3, 180, "It", 96),
		w(4, 100, "7.", 95), w(4, 180, "It", 96), // confident: kept
		w(5, 100, "6.", 90), w(5, 180, "It", 96),
	}
	fixes := InferLabels(words)
	if len(fixes) != 1 || fixes[0].Index != 2 || fixes[0].Text != "3." {
		t.Errorf("fixes %+v, want 3. for word 2", fixes)
	}
}
