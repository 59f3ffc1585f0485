package index

import (
	"strings"
	"testing"
)

// Unit tests of the steps of parseClauseRef on a parser in a given state.
func TestRefParserSteps(t *testing.T) {
	id := func(p *refParser) string { return strings.Join(p.parts, "__") }

	// the preamble word after the number moves it into the preamble
	p := &refParser{}
	if !p.number("3") {
		t.Fatal("para 3 refused")
	}
	p.preamble()
	if id(p) != "preamble__para_3" || p.pendPre {
		t.Errorf("after the number: %q pending %v", id(p), p.pendPre)
	}
	// before the number it waits for it
	p = &refParser{}
	p.preamble()
	if _, ok := p.id(); ok {
		t.Error("a preamble word without its number is a clause")
	}
	p.number("3")
	if id(p) != "preamble__para_3" {
		t.Errorf("before the number: %q", id(p))
	}

	// numbers go to the word waiting for one
	for _, c := range []struct {
		pend func(*refParser)
		want string
	}{
		{func(p *refParser) { p.pendArt = true }, "art_51"},
		{func(p *refParser) { p.pendTable = true }, "table_51"},
	} {
		p := &refParser{}
		c.pend(p)
		if !p.number("51") || id(p) != c.want {
			t.Errorf("pending word: %q, want %q", id(p), c.want)
		}
	}
	// a reproduced text follows a clause, and not one with items
	if p := (&refParser{pendText: true}); p.number("2") {
		t.Error("text 2 opening the id")
	}
	if p := (&refParser{parts: []string{"para_3", "list_1", "point_a"}, items: 1, pendText: true}); p.number("2") {
		t.Error("text 2 after an item")
	}
	if p := (&refParser{parts: []string{"para_3"}, pendText: true}); !p.number("2") || id(p) != "para_3__cmp_2" {
		t.Errorf("text 2 after para 3: %q", id(p))
	}
	// a table of an article is not a clause reference
	if p := (&refParser{parts: []string{"art_2"}, pendTable: true}); p.number("1") {
		t.Error("table of an article")
	}
	// a paragraph number after a paragraph number
	if p := (&refParser{parts: []string{"para_6"}}); p.number("7") {
		t.Error("para 7 after para 6")
	}
	// conclusions follow a reproduced text only
	if p := (&refParser{parts: []string{"para_3"}}); p.conclusions() {
		t.Error("conclusions after a paragraph")
	}
	if p := (&refParser{parts: []string{"para_3", "cmp_2"}}); !p.conclusions() || id(p) != "para_3__cmp_2__conclusions" {
		t.Errorf("conclusions: %q", id(p))
	}
	// items: an article's numbered paragraph, else a list item
	if p := (&refParser{parts: []string{"art_2"}}); !p.item(refToken{item: "4"}) || id(p) != "art_2__para_4" {
		t.Errorf("art. 2(4): %q", id(p))
	}
	if p := (&refParser{parts: []string{"para_6"}}); !p.item(refToken{item: "m"}) || id(p) != "para_6__list_1__point_m" || p.items != 1 {
		t.Errorf("6 (m): %q", id(p))
	}
	if p := (&refParser{}); p.item(refToken{item: "m"}) {
		t.Error("an item opening the id")
	}
	// an annex opens the id; alone it is not a clause
	p = &refParser{}
	if !p.annex("I") {
		t.Fatal("annex refused")
	}
	if _, ok := p.id(); ok {
		t.Error("annex I alone is a clause")
	}
	if p.annex("II") {
		t.Error("an annex after an annex")
	}
	p.number("12")
	if s, ok := p.id(); !ok || s != "annex_I__para_12" {
		t.Errorf("annex I para 12: %q %v", s, ok)
	}
}

func TestAnnexLabel(t *testing.T) {
	toks := []refToken{{word: "annex"}, {word: "ii"}, {word: "annex"}, {word: "para"}, {word: "annex"}, {word: "3"}, {word: "annex"}}
	for i, want := range map[int]string{0: "II", 2: "", 4: "3", 6: ""} {
		if got := annexLabel(toks, i); got != want {
			t.Errorf("annexLabel at %d = %q, want %q", i, got, want)
		}
	}
}
