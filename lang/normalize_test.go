package lang

import (
	"strings"
	"testing"

	"golang.org/x/text/width"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, lang, in, want string }{
		// all languages
		{"NFC", "en", "re\u0301sume\u0301", "résumé"},
		{"no-break spaces", "en", "10\u00a0000\u2007km and\u2009more\u205fhere", "10 000 km and more here"},
		{"ideographic space", "zh", "第一条\u3000宗旨", "第一条 宗旨"},
		{"line separator", "en", "a\u2028b", "a\nb"},
		{"soft hyphen", "en", "infor\u00admation tech\u00adnology", "information technology"},
		{"zero-width", "en", "Sec\u200bretary\u2060-General\ufeff", "Secretary-General"},
		{"bidi marks", "ar", "\u202b(\u202aA/78/1\u202c)\u202c \u200eنص\u200f \u2066x\u2069\u061c", "(A/78/1) نص x"},
		{"ZWNJ removed in Arabic", "ar", "نص\u200cنص", "نصنص"},
		{"ZWNJ kept in Persian", "fa", "می\u200cخواهم", "می\u200cخواهم"},
		{"Latin ligatures", "en", "ﬁnancial ﬂows, eﬀective", "financial flows, effective"},
		{"Arabic presentation forms", "ar", "ﺍﻟﺴﻼﻡ", "السلام"},
		{"superscript kept in storage", "en", "General Assembly² and km²", "General Assembly² and km²"},
		{"apostrophes kept in storage", "en", "the Secretary-General’s ‘report’", "the Secretary-General’s ‘report’"},
		// French
		{"French elision split before apostrophe", "fr", "l ’homme et d ’autres qu ’il", "l’homme et d’autres qu’il"},
		{"French elision split after apostrophe", "fr", "l’ Organisation et jusqu’ à", "l’Organisation et jusqu’à"},
		{"French ASCII apostrophe", "fr", "L 'Assemblée", "L'Assemblée"},
		{"French quote kept", "fr", "le mot ’ hello", "le mot ’ hello"},
		{"French narrow no-break before punctuation", "fr", "Objet\u202f: la paix\u202f; vraiment\u00a0? oui\u202f!", "Objet : la paix ; vraiment ? oui !"},
		{"French guillemets", "fr", "«\u00a0Notre Programme commun\u00a0»", "« Notre Programme commun »"},
		{"French doubled space before colon", "fr", "Objet \u00a0: paix", "Objet : paix"},
		{"English quote not joined", "en", "the l ’word’", "the l ’word’"},
		// Italian
		{"Italian elision", "it", "dell ’Assemblea e l’ ONU", "dell’Assemblea e l’ONU"},
		// Russian
		{"Russian ё kept", "ru", "ёлка, Ёж", "ёлка, Ёж"},
		{"Russian ё composed", "ru", "е\u0308лка", "ёлка"},
		// Chinese
		{"Chinese full-width punctuation kept", "zh", "联合国，大会；决议（草案）：“和平”。", "联合国，大会；决议（草案）：“和平”。"},
		{"Chinese full-width letters kept", "zh", "ＵＮＤＰ２０２４", "ＵＮＤＰ２０２４"},
		// Arabic
		{"Arabic harakat and tatweel kept", "ar", "مُحَمَّدٌ الـعـربـيـة هٰذا", "مُحَمَّدٌ الـعـربـيـة هٰذا"},
		{"Arabic alef variants kept", "ar", "أإآا", "أإآا"},
	}
	for _, tc := range tests {
		if got := Normalize(tc.lang, tc.in); got != tc.want {
			t.Errorf("%s: Normalize(%s, %q) = %q, want %q", tc.name, tc.lang, tc.in, got, tc.want)
		}
	}
}

func TestNormalizeIsNFC(t *testing.T) {
	for _, s := range sentences {
		got := Normalize(s.lang, norm.NFD.String(s.text))
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("%s: not NFC: %q", s.lang, got)
		}
		if got != norm.NFC.String(s.text) {
			t.Errorf("%s: Normalize(NFD) = %q, want %q", s.lang, got, s.text)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, lang, in, want string }{
		{"ligatures", "en", "ﬁnancial ﬂows, eﬀective ﬃ", "financial flows, effective ffi"},
		{"full-width", "en", "ＵＮＥＳＣＯ ２０２４", "UNESCO 2024"},
		{"half-width katakana", "ja", "ｶﾀｶﾅ", "カタカナ"},
		{"Arabic presentation forms", "ar", "ﺍﻟﺴﻼﻡ ﻻ", "السلام لا"},
		{"no-break spaces and ideographic space", "fr", "10\u00a0000\u3000km", "10 000 km"},
		{"soft hyphen, zero-width, bidi", "en", "infor\u00admation\u200b \u202aA/78/1\u202c", "information A/78/1"},
		{"apostrophes", "en", "Secretary-General’s ‘report’ ʼokina 5′ `x´", "Secretary-General's 'report' 'okina 5' 'x'"},
		{"French elision", "fr", "l ’homme", "l'homme"},
		{"Assembly² not glued", "en", "General Assembly², third", "General Assembly 2, third"},
		{"subscript not glued", "en", "CO₂ emissions", "CO 2 emissions"},
		{"superscript inside", "en", "x²y", "x 2 y"},
		{"superscript after space", "en", "note ¹ here", "note 1 here"},
		{"Arabic tatweel", "ar", "الـعـربـيـة", "العربية"},
		{"Arabic harakat", "ar", "مُحَمَّدٌ رَسُولُ", "محمد رسول"},
		{"Arabic superscript alef", "ar", "هٰذا", "هذا"},
		{"Arabic alef and yeh variants kept", "ar", "أإآ ى ي", "أإآ ى ي"},
		{"Arabic hamza letters kept", "ar", "مسؤول شيء", "مسؤول شيء"},
		{"Russian ё kept", "ru", "ёлка", "ёлка"},
		{"Chinese full-width punctuation folded", "zh", "联合国，大会：（草案）", "联合国,大会:(草案)"},
		{"Chinese ideographic full stop kept", "zh", "和平。", "和平。"},
		{"NFKC compatibility", "en", "№ 5 ½", "No 5 1⁄2"},
	}
	for _, tc := range tests {
		if got := Fold(tc.lang, tc.in); got != tc.want {
			t.Errorf("%s: Fold(%s, %q) = %q, want %q", tc.name, tc.lang, tc.in, got, tc.want)
		}
	}
}

// Fold of any text is in NFKC except for the superscripts it sets apart,
// and folding twice changes nothing.
func TestFoldIdempotent(t *testing.T) {
	for _, s := range sentences {
		f := Fold(s.lang, s.text)
		if !norm.NFKC.IsNormalString(f) {
			t.Errorf("%s: Fold not NFKC: %q", s.lang, f)
		}
		if g := Fold(s.lang, f); g != f {
			t.Errorf("%s: Fold not idempotent: %q → %q", s.lang, f, g)
		}
	}
}

func TestFoldToken(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"en", "assembly", "assembly"},
		{"en", "Assembly²", "Assembly"},
		{"en", "CO₂", "CO"},
		{"en", "²", "2"},
		{"en", "¹²", "12"},
		{"en", "ﬁnance", "finance"},
		{"en", "ＵＮＤＰ", "UNDP"},
		{"fr", "l’homme", "l'homme"},
		{"en", "don`t", "don't"},
		{"ar", "مُحَمَّدٌ", "محمد"},
		{"ar", "الـعـربـيـة", "العربية"},
		{"ar", "ﻻ", "لا"},
		{"en", "Sec\u00adretary", "Secretary"},
		{"ru", "ёлка", "ёлка"},
		{"zh", "联合国", "联合国"},
	}
	for _, tc := range tests {
		if got := FoldToken(tc.lang, tc.in); got != tc.want {
			t.Errorf("FoldToken(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
	// tokens already in index form cost no allocation (at most one when
	// NFKC must be asked, as for the composed ё)
	for _, tc := range []struct {
		tok string
		max float64
	}{{"assembly", 0}, {"联合国", 0}, {"محمد", 0}, {"пункт", 0}, {"ёлка", 1}, {"été", 1}} {
		if n := testing.AllocsPerRun(100, func() { FoldToken("en", tc.tok) }); n > tc.max {
			t.Errorf("FoldToken(%q): %v allocations, want ≤ %v", tc.tok, n, tc.max)
		}
	}
}

// NFKC already does all that width.Fold does, which is why Fold does not
// run width.Fold after it.
func TestNFKCSubsumesWidthFold(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := norm.NFKC.String(string(r))
		if f := width.Fold.String(s); f != s {
			t.Errorf("%U: NFKC %q, then width.Fold %q", r, s, f)
		}
	}
}

// The fast path of FoldToken never skips a token that folding would change.
func TestTokenFoldedFastPath(t *testing.T) {
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		for _, tok := range []string{string(r), "a" + string(r), string(r) + "a", "и" + string(r)} {
			if tokenFolded(tok) && foldToken("en", tok) != tok {
				t.Errorf("%U: fast path keeps %q, folding gives %q", r, tok, foldToken("en", tok))
			}
		}
	}
}

// Arbitrary input, invalid UTF-8 included, never panics and keeps the
// functions' basic promises.
func TestArbitraryInput(t *testing.T) {
	d := newTestDetector(t)
	pieces := []string{"a", "é", "ё", "ل", "ـ", "َ", "中", "カ", "\xff", "\xe2\x80", " ", "\u00a0", "\u202f", "²", "₂",
		"’", "'", "l ", "ﬁ", "ﻻ", "\u200b", "\u202b", "https://x.org/a_b", "1", ";", "\n", "Ab", "de", "the"}
	seed := uint32(1)
	next := func() int {
		seed = seed*1664525 + 1013904223
		return int(seed >> 8)
	}
	for i := 0; i < 3000; i++ {
		var b []byte
		for n := next() % 60; n > 0; n-- {
			b = append(b, pieces[next()%len(pieces)]...)
		}
		s := string(b)
		l := []string{"en", "fr", "ar", "it", "zh"}[i%5]
		got := d.Detect(s)
		if got != Und && !d.set[got] {
			t.Fatalf("Detect(%q) = %q, not a candidate", s, got)
		}
		if o := d.DetectOr(s, "fr"); o != "fr" && !d.set[o] && o != Und {
			t.Fatalf("DetectOr(%q) = %q", s, o)
		}
		if n := Normalize(l, s); Normalize(l, n) != n {
			t.Fatalf("Normalize(%s) not idempotent on %q: %q → %q", l, s, n, Normalize(l, n))
		}
		if f := Fold(l, s); Fold(l, f) != f {
			t.Fatalf("Fold(%s) not idempotent on %q: %q → %q", l, s, f, Fold(l, f))
		}
		if tok := FoldToken(l, s); strings.ContainsAny(tok, " \n") {
			t.Fatalf("FoldToken(%q) = %q holds a space", s, tok)
		}
	}
}
