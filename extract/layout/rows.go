package layout

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docindex/docindex/extract/textutil"
)

// Rows: the lines of a page that share a baseline (a label and its text
// drawn apart, a footnote number and its note, the cells of a table
// line) make one row, its lines in reading order. Document analysis
// (extract) builds its rows, running heads and footnotes on these.

// RowLines are the lines of one row, in reading order: a raised footnote
// number first, then left to right, or right to left when most of the
// row's characters are in right-to-left lines (RTL).
type RowLines struct {
	Lines []Line
	RTL   bool
}

// Rows groups the lines of a page that share a baseline into rows, top to
// bottom; blank lines are dropped. Two lines share a row when their
// baselines are within 0.45 font sizes (0.8 for a raised footnote number
// drawn as a line of its own), they do not overlap, and they are less
// than 3 font sizes apart, or 8 when one of them is a label drawn apart
// from its text (apart reports such a label: "1.", "(a)").
func Rows(pageLines []Line, apart func(string) bool) []RowLines {
	lines := make([]Line, 0, len(pageLines))
	for _, l := range pageLines {
		if strings.TrimSpace(l.Text) == "" {
			continue
		}
		lines = append(lines, l)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].Y < lines[j].Y-0.01 })
	var rows []RowLines
	used := make([]bool, len(lines))
	for i := range lines {
		if used[i] {
			continue
		}
		group := []Line{lines[i]}
		used[i] = true
		for j := i + 1; j < len(lines); j++ {
			if used[j] {
				continue
			}
			tol := 0.45 * math.Max(math.Max(lines[i].Size, lines[j].Size), 4)
			if isSmallNumber(lines[i], lines[j]) || isSmallNumber(lines[j], lines[i]) {
				tol = 0.8 * math.Max(lines[i].Size, lines[j].Size) // raised footnote number
			}
			if lines[j].Y-lines[i].Y > tol {
				break
			}
			if overlapsAny(group, lines[j]) || !closeEnough(group, lines[j], apart) {
				continue
			}
			group = append(group, lines[j])
			used[j] = true
		}
		rows = append(rows, readingOrder(group))
	}
	return rows
}

// readingOrder orders the lines of a row.
func readingOrder(group []Line) RowLines {
	rtl := 0
	for _, l := range group {
		if l.RTL {
			rtl += utf8.RuneCountInString(l.Text)
		} else {
			rtl -= utf8.RuneCountInString(l.Text)
		}
	}
	isRTL := rtl > 0
	sort.SliceStable(group, func(i, j int) bool {
		// a raised footnote number comes first whatever the direction
		si, sj := len(group) > 1 && isSmallNumber(group[i], group[1-min(i, 1)]), len(group) > 1 && isSmallNumber(group[j], group[1-min(j, 1)])
		if si != sj {
			return si
		}
		if isRTL {
			return group[i].X1 > group[j].X1
		}
		return group[i].X0 < group[j].X0
	})
	return RowLines{Lines: group, RTL: isRTL}
}

var reSpacePunct = regexp.MustCompile(`\s+([.,،؛])`)

// isSmallNumber reports whether a is a bare number in a smaller font than
// b (a raised footnote number drawn as its own line).
func isSmallNumber(a, b Line) bool {
	t := strings.TrimSpace(a.Text)
	return t != "" && len(t) <= 3 && strings.Trim(t, "0123456789*") == "" && a.Size < 0.8*b.Size
}

// closeEnough reports whether l belongs to the same row as group: near
// it, or a label (apart) or footnote number drawn apart from its text.
func closeEnough(group []Line, l Line, apart func(string) bool) bool {
	size := math.Max(l.Size, 4)
	for _, g := range group {
		gap := math.Max(l.X0-g.X1, g.X0-l.X1)
		if gap < 3*size {
			return true
		}
		if apart(g.Text) || apart(l.Text) {
			if gap < 8*size {
				return true
			}
		}
	}
	return false
}

// overlapsAny reports whether l overlaps a line of group along the line.
func overlapsAny(group []Line, l Line) bool {
	for _, g := range group {
		if l.X0 < g.X1-1 && g.X0 < l.X1-1 {
			return true
		}
	}
	return false
}

// JoinTouchingRuns removes the space the text layer puts between two
// words that touch on the page where the writing direction changes
// between them: an Arabic word and the figures or the punctuation set
// against it ("و12", "3،"), read as separate runs.
func JoinTouchingRuns(l Line) string {
	if !l.RTL || len(l.Words) < 2 {
		return l.Text
	}
	size := math.Max(l.Size, 4)
	text := l.Text
	var b strings.Builder
	cur := 0
	for i, w := range l.Words {
		wt := strings.TrimSpace(w.Text)
		idx := strings.Index(text[cur:], wt)
		if wt == "" || idx < 0 {
			continue
		}
		if i > 0 && strings.TrimSpace(text[cur:cur+idx]) == "" && idx > 0 {
			p := l.Words[i-1]
			gap := math.Max(w.X0-p.X1, p.X0-w.X1)
			if gap < 0.05*size && (textutil.HasArabic(p.Text) != textutil.HasArabic(w.Text) || punctOnly(wt)) && w.Rise == p.Rise {
				idx0 := idx
				cur += idx0
				idx = 0
			}
		}
		b.WriteString(text[cur : cur+idx+len(wt)])
		cur += idx + len(wt)
	}
	b.WriteString(text[cur:])
	return b.String()
}

// punctOnly reports a word made only of punctuation ("،", ".").
func punctOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsPunct(r) {
			return false
		}
	}
	return s != ""
}

// StripMarkers removes superscript footnote markers (raised small digits
// or asterisks, IsMarker) from a line's text and returns them.
func StripMarkers(l Line) (string, []string) {
	if len(l.Words) == 0 {
		return l.Text, nil
	}
	text := l.Text
	var marks []string
	var b strings.Builder
	cur := 0
	for _, w := range l.Words {
		wt := strings.TrimSpace(w.Text)
		if wt == "" {
			continue
		}
		idx := strings.Index(text[cur:], wt)
		if idx < 0 {
			continue
		}
		if IsMarker(w, l) {
			b.WriteString(text[cur : cur+idx])
			cur += idx + len(wt)
			marks = append(marks, strings.Trim(wt, ",;()"))
			// "word1 ." → "word."
			rest := text[cur:]
			if tr := strings.TrimLeft(rest, " "); len(tr) < len(rest) && tr != "" && (strings.HasPrefix(tr, ".") || strings.HasPrefix(tr, ",") || strings.HasPrefix(tr, "،") || strings.HasPrefix(tr, "؛")) {
				cur += len(rest) - len(tr)
			}
			continue
		}
		b.WriteString(text[cur : cur+idx+len(wt)])
		cur += idx + len(wt)
	}
	b.WriteString(text[cur:])
	if len(marks) == 0 {
		return l.Text, nil
	}
	out := textutil.CollapseSpaces(b.String())
	out = reSpacePunct.ReplaceAllString(out, "$1")
	return out, marks
}
