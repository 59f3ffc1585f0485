package extract

import (
	"strings"
	"unicode"
)

// citationWords are the words used to cite a clause in each language.
type citationWords struct {
	para, preamble, annex, article, sep, text string
	conclusions                               string
	table                                     string // "table 1": a table inside a clause
	letter                                    func(string) string
	preambleFmt                               func(sym, n string) string
}

var citeLang = map[string]citationWords{
	"en": {table: "table ", para: "para. ", annex: "annex", article: "Art. ", sep: ", ", text: "text ", conclusions: "conclusions",
		letter:      func(l string) string { return " (" + l + ")" },
		preambleFmt: func(sym, n string) string { return join(sym, "preambular para. "+n, ", ") }},
	"fr": {table: "tableau ", para: "par. ", annex: "annexe", article: "art. ", sep: ", ", text: "texte ", conclusions: "conclusions",
		letter:      func(l string) string { return " " + l + ")" },
		preambleFmt: func(sym, n string) string { return join(sym, "al. "+n+" du préambule", ", ") }},
	"es": {table: "cuadro ", para: "párr. ", annex: "anexo", article: "art. ", sep: ", ", text: "texto ", conclusions: "conclusiones",
		letter:      func(l string) string { return " " + l + ")" },
		preambleFmt: func(sym, n string) string { return join(sym, "párr. "+n+" del preámbulo", ", ") }},
	"ru": {table: "таблица ", para: "п. ", annex: "приложение", article: "ст. ", sep: ", ", text: "текст ", conclusions: "выводы",
		letter:      func(l string) string { return " " + l + ")" },
		preambleFmt: func(sym, n string) string { return join(sym, "п. "+n+" преамбулы", ", ") }},
	"zh": {table: "表", para: "第", annex: "附件", article: "第", sep: "，", text: "案文", conclusions: "结论",
		letter:      func(l string) string { return "(" + l + ")" },
		preambleFmt: func(sym, n string) string { return join(sym, "序言部分第"+n+"段", "，") }},
	"ar": {table: "الجدول ", para: "الفقرة ", annex: "المرفق", article: "المادة ", sep: "، ", text: "النص ", conclusions: "الاستنتاجات",
		letter:      func(l string) string { return " (" + l + ")" },
		preambleFmt: func(sym, n string) string { return join(sym, "الفقرة "+n+" من الديباجة", "، ") }},
}

func join(a, b, sep string) string {
	if a == "" {
		return b
	}
	return a + sep + b
}

// citation renders the human reference of a clause id in language lang,
// e.g. "A/RES/78/265, para. 6 (m)". ref is the document symbol, or its
// title when it has none (may be empty).
func citation(ref, id, lang string) string {
	w, ok := citeLang[lang]
	if !ok {
		w = citeLang["en"]
	}
	parts := strings.Split(id, "__")
	out := ref
	zh := lang == "zh"
	points := 0 // item levels seen
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		switch {
		case p == "annex" || strings.HasPrefix(p, "annex_"):
			s := w.annex
			if v := strings.TrimPrefix(p, "annex_"); v != p {
				if zh {
					s += v
				} else {
					s += " " + v
				}
			}
			out = join(out, s, w.sep)
		case strings.HasPrefix(p, "cmp_"):
			out = join(out, w.text+strings.TrimPrefix(p, "cmp_"), w.sep)
		case p == "preamble" && i+1 < len(parts):
			n := strings.TrimPrefix(parts[i+1], "para_")
			out = w.preambleFmt(out, n)
			i++
		case strings.HasPrefix(p, "art_"):
			n := strings.TrimPrefix(p, "art_")
			if zh {
				out = join(out, "第"+n+"条", w.sep)
			} else {
				out = join(out, w.article+n, w.sep)
			}
		case strings.HasPrefix(p, "para_"):
			n := strings.TrimPrefix(p, "para_")
			if zh {
				sfx := "段"
				if strings.Contains(id, "art_") {
					sfx = "款"
				}
				if strings.HasSuffix(out, "条") {
					out += "第" + n + sfx
				} else {
					out = join(out, "第"+n+sfx, w.sep)
				}
			} else {
				out = join(out, w.para+n, w.sep)
			}
		case p == "conclusions":
			out = join(out, w.conclusions, w.sep)
		case strings.HasPrefix(p, "table_"):
			out = join(out, w.table+strings.TrimPrefix(p, "table_"), w.sep)
		case p == "list_1":
		case strings.HasPrefix(p, "point_"):
			v := strings.TrimPrefix(p, "point_")
			if n := romanValue(v); lang == "ar" && n > 0 && (points > 0 || len(v) > 1) {
				out += " ’" + itoa(n) + "‘" // Arabic texts number roman items ’1‘ ’2‘
			} else {
				out += w.letter(localItem(lang, v, points))
			}
			points++
		default:
			out = join(out, p, w.sep)
		}
	}
	return out
}

// localItem gives item label v of an id (the Latin letter of its
// position, or a roman numeral) as the language version prints it: the
// Arabic versions letter items أ ب ج د هـ…, the Russian ones а б в г д…;
// roman numerals, and the other languages, as they are. An item nested in
// another (depth > 0) is a roman numeral when it reads as one, so is a
// first-level one of more than one letter ("ii", not "aa").
func localItem(lang, v string, depth int) string {
	if isRomanNumeral(v) && (depth > 0 || len(v) > 1) {
		return v
	}
	p := letterPos(v)
	switch {
	case p < 1:
	case lang == "ar" && p <= len(arabicLetters):
		return arabicLetters[p-1]
	case lang == "ru" && p <= len(cyrLetters):
		return string(cyrLetters[p-1])
	}
	return v
}

// isRomanNumeral reports whether s is a lower-case roman numeral as
// written in item labels (i to xxxix).
func isRomanNumeral(s string) bool { return romanValue(s) > 0 }

// romanValue is the value of lower-case roman numeral s (i to xxxix), or 0.
func romanValue(s string) int { return romanValues[s] }

var romanValues = func() map[string]int {
	m := map[string]int{}
	for n := 1; n < 40; n++ {
		m[strings.ToLower(roman(n))] = n
	}
	return m
}()

// scriptLang guesses a language from the script of text, for citations
// when no language detector is available.
func scriptLang(text string) string {
	var ar, cy, han, lat int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Arabic, r):
			ar++
		case unicode.Is(unicode.Cyrillic, r):
			cy++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
			lat++
		}
	}
	switch {
	case ar > lat && ar >= cy && ar >= han:
		return "ar"
	case cy > lat && cy >= han:
		return "ru"
	case han > 0 && han*3 > lat:
		return "zh"
	}
	return latinLang(text)
}

// latinLang tells English, French and Spanish apart by their most common
// short words (a fallback when no language detector is configured).
func latinLang(text string) string {
	score := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(text)) {
		switch w {
		case "the", "of", "and", "to", "its", "that":
			score["en"]++
		case "les", "des", "du", "la", "et", "à", "sur", "aux":
			score["fr"]++
		case "los", "las", "del", "el", "y", "en", "sobre", "con":
			score["es"]++
		}
	}
	best := "en"
	for _, l := range []string{"fr", "es"} {
		if score[l] > score[best] {
			best = l
		}
	}
	return best
}

// ItemID turns an item label as printed in any language version into
// its form in clause ids: "m" or "M" → "m", the Arabic "م" and the
// Cyrillic "н" (13th letters, like m) → "m", "ii" → "ii", and the Arabic
// numbering of roman items, "1" (from ’1‘) → "i". Labels it does not
// know are returned in lower case.
func ItemID(label string) string {
	label = strings.TrimSpace(label)
	if n := atoi(label); n > 0 && itoa(n) == label {
		return strings.ToLower(roman(n))
	}
	if l := strings.ToLower(label); len(l) <= 2 && l != "" && strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") == "" || isRomanNumeral(l) {
		return l // Latin letters ("m", "aa") and roman numerals
	}
	if p := letterPos(label); p > 0 {
		return posLetter(p)
	}
	return strings.ToLower(label)
}
