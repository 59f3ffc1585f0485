// Package ocr reads page images with the Tesseract 5 command line tool:
// orientation and script detection (--psm 0), then recognition with the
// language pack(s) of that script, as TSV (word boxes and confidences).
// It knows nothing of PDF: package extract finds the page images and
// turns the words into the lines of a page.
package ocr

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one recognised word, its box in image pixels (origin top left).
type Word struct {
	Text           string
	X0, Y0, X1, Y1 int
	Conf           float64 // 0-100
	// Block, Par and Line number the word's line within the page, as
	// Tesseract found it (words of one line share all three).
	Block, Par, Line int
}

// ParseTSV reads Tesseract's TSV output: the page size (level 1 row) and
// the words (level 5 rows with text), in Tesseract's reading order.
// Rows that are not well formed are an error naming the line.
func ParseTSV(data []byte) (words []Word, width, height int, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 && strings.HasPrefix(line, "level\t") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.SplitN(line, "\t", 12)
		if len(f) < 11 {
			return nil, 0, 0, fmt.Errorf("tesseract TSV line %d: %d fields, want 12", n, len(f))
		}
		var v [10]int
		for i := 0; i < 10; i++ {
			v[i], err = strconv.Atoi(f[i])
			if err != nil {
				return nil, 0, 0, fmt.Errorf("tesseract TSV line %d: field %d: %v", n, i+1, err)
			}
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("tesseract TSV line %d: confidence: %v", n, err)
		}
		switch v[0] {
		case 1:
			width, height = v[8], v[9]
		case 5:
			text := ""
			if len(f) == 12 {
				text = strings.TrimSpace(f[11])
			}
			if text == "" || v[8] < 0 || v[9] < 0 {
				continue
			}
			w := Word{Text: text, X0: v[6], Y0: v[7], X1: v[6] + v[8], Y1: v[7] + v[9], Conf: conf,
				Block: v[2], Par: v[3], Line: v[4]}
			words = append(words, w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, 0, fmt.Errorf("tesseract TSV: %v", err)
	}
	return words, width, height, nil
}

// MeanConfidence is the mean confidence of words, weighted by their
// length in characters (a page of short noise "words" scores low).
// It is 0 for no words.
func MeanConfidence(words []Word) float64 {
	sum, n := 0.0, 0
	for _, w := range words {
		k := len([]rune(w.Text))
		sum += w.Conf * float64(k)
		n += k
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// KeepConfident returns the words of confidence at least min; words made
// only of punctuation are kept whatever their score when they sit on a
// line with a kept word (Tesseract scores lone brackets and stops low).
func KeepConfident(words []Word, min float64) []Word {
	type lk struct{ b, p, l int }
	good := map[lk]bool{}
	for _, w := range words {
		if w.Conf >= min {
			good[lk{w.Block, w.Par, w.Line}] = true
		}
	}
	out := make([]Word, 0, len(words))
	for i, w := range words {
		if w.Conf >= min || punctOnly(w.Text) && good[lk{w.Block, w.Par, w.Line}] && w.Conf >= min/2 || hanBetweenSure(words, i) {
			out = append(out, w)
		}
	}
	return out
}

// hanBetweenSure reports whether word i is one Han character between two
// words of its line read with confidence (sureConf): Tesseract reads
// Chinese a character a word, and scores one of a run low now and then
// (the 十 of 第八十七条 at 0) though it read it right; a hole in the run
// breaks the heading or the word.
func hanBetweenSure(words []Word, i int) bool {
	const sureConf = 85
	if i == 0 || i+1 >= len(words) || utf8.RuneCountInString(words[i].Text) != 1 || !unicode.Is(unicode.Han, firstRune(words[i].Text)) {
		return false
	}
	a, b := words[i-1], words[i+1]
	return sameLine(a, words[i]) && sameLine(words[i], b) && a.Conf >= sureConf && b.Conf >= sureConf
}

func punctOnly(s string) bool {
	for _, r := range s {
		if strings.ContainsRune(`.,;:()[]«»"'’‘“”-–—/`, r) {
			continue
		}
		return false
	}
	return s != ""
}

// OSD is Tesseract's orientation and script detection of a page.
type OSD struct {
	Rotate     int // degrees to turn the image clockwise to make it upright
	Script     string
	ScriptConf float64
	OrientConf float64
}

// ParseOSD reads the output of `tesseract IMAGE - --psm 0`.
func ParseOSD(out []byte) (OSD, error) {
	var o OSD
	seen := false
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "Rotate":
			n, err := strconv.Atoi(v)
			if err != nil || n%90 != 0 || n < 0 || n >= 360 {
				return o, fmt.Errorf("tesseract OSD: bad rotation %q", v)
			}
			o.Rotate = n
		case "Script":
			o.Script = v
			seen = true
		case "Script confidence":
			o.ScriptConf, _ = strconv.ParseFloat(v, 64)
		case "Orientation confidence":
			o.OrientConf, _ = strconv.ParseFloat(v, 64)
		}
	}
	if !seen {
		return o, fmt.Errorf("tesseract OSD: no script found (too few characters?)")
	}
	return o, nil
}

// Packs returns the Tesseract language packs to read a script with, and
// the language they are for ("" where several are possible: Latin is
// read as English first and confirmed by language detection). Arabic,
// Cyrillic and Han pages are read with English too: their symbols
// (A/RES/99/101, not А/КЕ$/99/101), "Distr.: General" and Latin words
// are in Latin letters, at no measurable cost in time.
func Packs(script string) (packs string, lang string) {
	switch script {
	case "Arabic":
		return "ara+eng", "ar"
	case "Han", "HanS", "HanT", "Hiragana", "Katakana", "Japanese", "Hangul", "Korean":
		return "chi_sim+eng", "zh"
	case "Cyrillic":
		return "rus+eng", "ru"
	}
	return "eng", ""
}

// PackOf is the Tesseract pack of an ISO 639-1 language of the six, or "".
func PackOf(lang string) string {
	switch lang {
	case "ar":
		return "ara+eng"
	case "zh":
		return "chi_sim+eng"
	case "en":
		return "eng"
	case "fr":
		return "fra"
	case "ru":
		return "rus+eng"
	case "es":
		return "spa"
	}
	return ""
}
