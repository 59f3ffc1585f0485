package extract

import "testing"

// Unit tests of the paragraph-break rules (newParagraph) on synthetic
// rows: a page with margins at 72 and 540 points, body type of 10 points
// set at a pitch of 12.

var (
	testMargins = pageMargins{left: 72, right: 540}
	testLayout  = docLayout{bodySize: 10, pitch: 12}
)

// bodyRow is a row of body type on page 1 at height y, from start to end.
func bodyRow(text string, y, start, end float64) row {
	return row{page: 1, text: text, y: y, start: start, end: end, size: 10}
}

// fullRow fills the measure; shortRow ends well before the right margin.
func fullRow(text string, y float64) row  { return bodyRow(text, y, 72, 538) }
func shortRow(text string, y float64) row { return bodyRow(text, y, 72, 300) }

func ctxOf(prev, r row, cur ...row) *breakCtx {
	if len(cur) == 0 {
		cur = []row{prev}
	}
	c := &breakCtx{prev: prev, r: r, m: testMargins, lay: testLayout, cur: &para{rows: cur},
		t: r.text, pt: prev.text, size: 10}
	c.prevEnds = reSentenceEnd.MatchString(c.pt)
	return c
}

func TestParagraphBreakRules(t *testing.T) {
	bold := func(r row) row { r.bold = true; return r }
	sized := func(r row, s float64) row { r.size = s; return r }
	paged := func(r row, p int) row { r.page = p; return r }
	cases := []struct {
		name string
		rule func(*breakCtx) breakVerdict
		c    *breakCtx
		want breakVerdict
	}{
		{"number alone: its text follows", labelAlone, ctxOf(shortRow("12.", 100), fullRow("The Committee", 112)), joinPara},
		{"number alone in a longer paragraph", labelAlone, ctxOf(shortRow("12.", 100), fullRow("The Committee", 112), fullRow("x", 88), shortRow("12.", 100)), noVerdict},
		{"label with text", labelAlone, ctxOf(fullRow("12. The Committee", 100), fullRow("noted", 112)), noVerdict},

		{"larger type", sizeChanges, ctxOf(fullRow("Title", 100), sized(fullRow("text", 112), 12)), breakPara},
		{"size within 12%", sizeChanges, ctxOf(fullRow("text", 100), sized(fullRow("text", 112), 10.5)), noVerdict},

		{"bold heading then plain text", boldChanges, ctxOf(bold(shortRow("Introduction", 100)), fullRow("The Committee", 112)), breakPara},
		{"bold opening sentence runs on", boldChanges, ctxOf(bold(fullRow("Welcomes the report. The", 100)), fullRow("Committee noted", 112)), noVerdict},
		{"bold line, then a wide gap", boldChanges, ctxOf(bold(fullRow("Welcomes the report. The", 100)), fullRow("Committee noted", 130)), breakPara},
		{"bold line, then a labelled row", boldChanges, ctxOf(bold(fullRow("Welcomes the report. The", 100)), fullRow("(a) Committee noted", 112)), breakPara},
		{"bold line, then an indented row", boldChanges, ctxOf(bold(fullRow("Welcomes the report. The", 100)), bodyRow("Committee noted", 112, 100, 538)), breakPara},
		{"same weight", boldChanges, ctxOf(fullRow("a", 100), fullRow("b", 112)), noVerdict},

		{"chapter heading", headingStarts, ctxOf(fullRow("text", 100), fullRow("II. Recommendations", 112)), breakPara},
		{"article heading", headingStarts, ctxOf(fullRow("text", 100), fullRow("Article 5", 112)), breakPara},
		{"annex heading", headingStarts, ctxOf(fullRow("text", 100), fullRow("Annex II", 112)), breakPara},
		{"article cited in a line", headingStarts, ctxOf(fullRow("text", 100), fullRow("Article 5 of the Convention", 112)), noVerdict},

		{"title after an annex heading", titleAfterHeading, ctxOf(shortRow("Annex", 100), fullRow("List of participants", 112)), breakPara},
		{"title after an article heading", titleAfterHeading, ctxOf(shortRow("Article 12", 100), fullRow("Entry into force", 112)), breakPara},
		{"after a plain line", titleAfterHeading, ctxOf(shortRow("the annex", 100), fullRow("text", 112)), noVerdict},

		{"run-in list goes on", runInListGoesOn, ctxOf(fullRow("in particular: (a) one; (b) two; (c) three;", 100), fullRow("(d) four", 112)), joinPara},
		{"list item not run in", runInListGoesOn, ctxOf(shortRow("in particular:", 100), fullRow("(d) four", 112)), noVerdict},

		{"same page: other rules decide", pageTurn, ctxOf(shortRow("ends.", 100), fullRow("12. Next", 112)), noVerdict},
		{"page turn: numbered paragraph after an end", pageTurn, ctxOf(shortRow("ends.", 700), paged(fullRow("12. Next", 72), 2)), breakPara},
		{"page turn: a short line ended a sentence", pageTurn, ctxOf(shortRow("ends.", 700), paged(fullRow("Next", 72), 2)), breakPara},
		{"page turn: the line before fills the measure", pageTurn, ctxOf(fullRow("goes on", 700), paged(fullRow("on the next page", 72), 2)), joinPara},
		{"page turn: indented after a sentence end", pageTurn, ctxOf(bodyRow("ends.", 700, 72, 520), paged(bodyRow("Next", 72, 100, 538), 2)), breakPara},
		{"page turn: flush after a sentence end", pageTurn, ctxOf(bodyRow("ends.", 700, 72, 520), paged(fullRow("Next", 72), 2)), joinPara},

		{"wide gap", lineGap, ctxOf(fullRow("a", 100), fullRow("b", 116)), breakPara},
		{"usual pitch", lineGap, ctxOf(fullRow("a", 100), fullRow("b", 112)), noVerdict},
		{"small type: pitch scaled down", lineGap, ctxOf(sized(fullRow("a", 100), 8), sized(fullRow("b", 113), 8)), breakPara},
		{"body type: the same gap is a line", lineGap, ctxOf(fullRow("a", 100), fullRow("b", 113)), noVerdict},

		{"label after a sentence end", labelAfterEnd, ctxOf(fullRow("noted.", 100), fullRow("(b) Next", 112)), breakPara},
		{"label after a short line", labelAfterEnd, ctxOf(shortRow("including", 100), fullRow("(b) Next", 112)), breakPara},
		{"label inside a running line", labelAfterEnd, ctxOf(fullRow("in accordance with", 100), fullRow("12 members", 112)), noVerdict},

		{"indent inside a paragraph", indentInsideParagraph, ctxOf(shortRow("ends.", 112), bodyRow("Next", 124, 100, 538), fullRow("a", 100), shortRow("ends.", 112)), joinPara},
		{"indent on a paragraph's second row", indentInsideParagraph, ctxOf(shortRow("ends.", 100), bodyRow("Next", 112, 100, 538)), noVerdict},

		{"first-line indent after a short line", indentAfterShortLine, ctxOf(shortRow("last line", 100), bodyRow("Next", 112, 100, 538)), breakPara},
		{"after a labelled short line", indentAfterShortLine, ctxOf(shortRow("(a) item", 100), bodyRow("Next", 112, 100, 538)), noVerdict},
		{"no indent", indentAfterShortLine, ctxOf(shortRow("last line", 100), fullRow("Next", 112)), noVerdict},

		{"indented after a short sentence end", indentedSentenceStart, ctxOf(bodyRow("ends.", 100, 80, 300), bodyRow("Next", 112, 100, 538)), breakPara},
		{"indented after a short line without an end", indentedSentenceStart, ctxOf(bodyRow("ends", 100, 80, 300), bodyRow("Next", 112, 100, 538)), noVerdict},

		{"indented after a much shorter line", indentedAfterShortLine, ctxOf(bodyRow("last", 100, 100, 400), bodyRow("Next", 112, 100, 538)), breakPara},
		{"indented after a line 4 sizes short", indentedAfterShortLine, ctxOf(bodyRow("last", 100, 100, 500), bodyRow("Next", 112, 100, 538)), noVerdict},
		{"flush after a much shorter line", indentedAfterShortLine, ctxOf(bodyRow("last", 100, 72, 400), fullRow("Next", 112)), noVerdict},
	}
	for _, c := range cases {
		if got := c.rule(c.c); got != c.want {
			t.Errorf("%s: verdict %d, want %d", c.name, got, c.want)
		}
	}
}

// The rules are asked in order: the first verdict decides.
func TestNewParagraphOrder(t *testing.T) {
	cases := []struct {
		name      string
		prev, r   row
		pageStart bool
		cur       []row
		want      bool
	}{
		// a number alone on its line in larger type: labelAlone comes
		// before sizeChanges
		{"number alone before a size change", shortRow("12.", 100), row{page: 1, text: "Text", y: 112, start: 72, end: 538, size: 14}, false, nil, false},
		// a run-in list item on a new page: runInListGoesOn comes
		// before pageTurn
		{"run-in list over a page turn", shortRow("(a) one; (b) two; (c) three;", 700), row{page: 2, text: "(d) four", y: 72, start: 72, end: 538, size: 10}, true, nil, false},
		// no rule has a verdict: the row goes on
		{"running text", fullRow("the Committee", 100), fullRow("noted", 112), false, nil, false},
		{"gap", fullRow("the Committee", 100), fullRow("noted", 130), false, nil, true},
	}
	for _, c := range cases {
		cur := c.cur
		if cur == nil {
			cur = []row{c.prev}
		}
		if got := newParagraph(c.prev, c.r, c.pageStart, testMargins, testLayout, &para{rows: cur}); got != c.want {
			t.Errorf("%s: newParagraph = %v, want %v", c.name, got, c.want)
		}
	}
}
