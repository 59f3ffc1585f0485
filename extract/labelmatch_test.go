package extract

import (
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestLabelMatchSameAsRegexp: labelMatch answers what the pattern's
// FindStringSubmatch answers on the whole text, for every label pattern
// and texts around the cut: labels of each kind, runs of spaces (ASCII,
// no-break, ideographic) across the cut, multi-byte and invalid UTF-8
// at it, newlines before and after it, texts of every length to 300
// bytes.
func TestLabelMatchSameAsRegexp(t *testing.T) {
	res := []*regexp.Regexp{reNum, reNumDec, reNumArabA, reNumArabB, reNumZh, reLetParen, reLetHalf, reLetDot, reRomArab, reRomZh, reLetZh, reRomParen, reRomHalf, reNumParenArab}
	labels := []string{"12.", "3.1.", "4)", "25.1", "-12", "– 7", "12 -", "三、", "(b)", "(ب)", "b)", "a.", "‘2’", "（三）", "(子)", "(iv)", "iv)", "(12)", "2030.", "x", ""}
	spaces := []string{"", " ", "\u00a0", "\t", "\u3000", "\n"}
	pieces := []string{"word", " ", "مرحبا", "статья", "条约", "\xff", "\n", "  ", ".", "(a)"}
	rng := rand.New(rand.NewSource(1))
	n, matched, cut := 0, 0, 0
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		b.WriteString(labels[rng.Intn(len(labels))])
		sp := spaces[rng.Intn(len(spaces))]
		b.WriteString(strings.Repeat(sp, rng.Intn(3)*rng.Intn(80)))
		target := rng.Intn(300)
		for b.Len() < target {
			p := pieces[rng.Intn(len(pieces))]
			if p == "\n" && rng.Intn(4) != 0 {
				continue // newlines rarer than the rest
			}
			b.WriteString(p)
		}
		text := b.String()
		for _, re := range res {
			want := re.FindStringSubmatch(text)
			got := labelMatch(re, text)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q:\n got %q\nwant %q", re, text, got, want)
			}
			n++
			if want != nil {
				matched++
				if labelCut(text) < len(text) {
					cut++
				}
			}
		}
	}
	if matched < 1000 || cut < 500 {
		t.Fatalf("%d of %d texts matched, %d of them cut: the texts do not exercise the cut", matched, n, cut)
	}
	t.Logf("%d pattern runs, %d matched, %d of them past the cut", n, matched, cut)
}
