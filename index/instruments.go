package index

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Known instruments: texts that print no symbol and are cited by title
// (the Charter of the United Nations, the Statute of the International
// Court of Justice). Their documents are found by the title they print
// (field titlekey, see titleKey), in any of the six languages; a query
// naming one by title or short name, with a clause reference, is a
// citation: "Charter art. 51", "Charte des Nations Unies, art. 51",
// "Устав ООН, статья 51", "联合国宪章第五十一条".

type instrument struct {
	key string
	// titles as the language versions print them (the documents' title)
	titles map[string]string
	// names people type, by language, besides the titles; a short
	// name alone is a text query, with a clause reference a citation
	names map[string][]string
}

var instruments = []instrument{
	{
		key: "charter",
		titles: map[string]string{
			"en": "Charter of the United Nations",
			"fr": "Charte des Nations Unies",
			"es": "Carta de las Naciones Unidas",
			"ru": "Устав Организации Объединенных Наций",
			"ar": "ميثاق الأمم المتحدة",
			"zh": "联合国宪章",
		},
		names: map[string][]string{
			"en": {"UN Charter", "United Nations Charter", "Charter of the UN", "Charter"},
			"fr": {"Charte de l'ONU", "Charte des Nations unies", "Charte"},
			"es": {"Carta de la ONU", "Carta de las NU", "Carta"},
			"ru": {"Устав ООН", "Устав"},
			"ar": {"ميثاق الامم المتحدة", "الميثاق", "ميثاق"},
			"zh": {"宪章"},
		},
	},
	{
		key: "icj-statute",
		titles: map[string]string{
			"en": "Statute of the International Court of Justice",
			"fr": "Statut de la Cour internationale de Justice",
			"es": "Estatuto de la Corte Internacional de Justicia",
			"ru": "Статут Международного Суда",
			"ar": "النظام الأساسي لمحكمة العدل الدولية",
			"zh": "国际法院规约",
		},
		names: map[string][]string{
			"en": {"ICJ Statute", "Statute of the ICJ"},
			"fr": {"Statut de la CIJ"},
			"es": {"Estatuto de la CIJ"},
			"ru": {"Статут Международного Суда ООН"},
			"ar": {"النظام الأساسي لمحكمة العدل"},
			"zh": {"国际法院规约"},
		},
	},
}

// titleKey is the lookup form of a title or name: lower case, Arabic
// hamza and alef forms and Cyrillic ё folded, punctuation dropped, words
// separated by one space.
func titleKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ё':
			r = 'е'
		case 'أ', 'إ', 'آ':
			r = 'ا'
		case 'ى':
			r = 'ي'
		case '’', 'ʼ':
			r = '\''
		}
		switch {
		case unicode.Is(unicode.Mn, r) || r == 'ـ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// instrumentName is one way of naming an instrument.
type instrumentName struct {
	inst  *instrument
	lang  string
	key   string // titleKey of the name
	title bool   // a full title (alone, it addresses the whole document)
}

// instrumentNames lists every name, longest first.
var instrumentNames = func() []instrumentName {
	var out []instrumentName
	for i := range instruments {
		in := &instruments[i]
		for l, t := range in.titles {
			out = append(out, instrumentName{in, l, titleKey(t), true})
		}
		for l, ns := range in.names {
			for _, n := range ns {
				out = append(out, instrumentName{in, l, titleKey(n), false})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].key) != len(out[j].key) {
			return len(out[i].key) > len(out[j].key)
		}
		return out[i].key < out[j].key
	})
	return out
}()

// matchInstrument finds an instrument named at the start of q and
// returns it with the rest of q (the clause reference, if any).
func matchInstrument(q string) (instrumentName, string, bool) {
	q = strings.TrimSpace(q)
	for _, n := range instrumentNames {
		if end, ok := prefixKeyEnd(q, n.key); ok {
			return n, strings.TrimLeft(q[end:], " ,，،:;"), true
		}
	}
	return instrumentName{}, "", false
}

// prefixKeyEnd reports whether the words of q begin with key (in
// titleKey form) and where in q they end. Han text matches without word
// boundaries ("联合国宪章第51条").
func prefixKeyEnd(q, key string) (int, bool) {
	ki := 0
	kr := []rune(key)
	space := false
	for i, r := range q {
		if ki == len(kr) {
			if isIdeograph(r) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) || hasHan(key) {
				return i, true
			}
			return 0, false
		}
		k := []rune(titleKey(string(r)))
		if len(k) == 0 {
			if r == 'ـ' || unicode.Is(unicode.Mn, r) {
				continue
			}
			space = true
			continue
		}
		if space && ki > 0 {
			if kr[ki] != ' ' {
				return 0, false
			}
			ki++
		}
		space = false
		if ki >= len(kr) || kr[ki] != k[0] {
			return 0, false
		}
		ki++
	}
	if ki == len(kr) {
		return len(q), true
	}
	return 0, false
}

// instrumentQuery parses "TITLE [clause reference]" naming a known
// instrument. A short name needs a clause reference ("Charter" alone is
// searched as a word).
func instrumentQuery(q string) (SymbolQuery, bool) {
	n, rest, ok := matchInstrument(q)
	if !ok {
		return SymbolQuery{}, false
	}
	id, ok := parseClauseRef(zhNumerals(rest))
	if !ok || (id == "" && !n.title) {
		return SymbolQuery{}, false
	}
	lang := refLanguage(rest)
	if lang == "" || n.lang == "ar" || n.lang == "ru" || n.lang == "zh" {
		lang = n.lang
	}
	return SymbolQuery{Instrument: n.inst.key, ID: id, Lang: lang}, true
}

// instrumentDocQuery matches the clauses of the instrument key, by the
// titles its language versions print.
func instrumentDocQuery(key string) (string, []string) {
	for _, in := range instruments {
		if in.key == key {
			var keys []string
			for _, l := range textLangs {
				if t, ok := in.titles[l]; ok {
					keys = append(keys, titleKey(t))
				}
			}
			return in.titles["en"], keys
		}
	}
	return "", nil
}

var zhNumeralRe = regexp.MustCompile(`[零〇一二两三四五六七八九十百千]+`)

// zhNumerals writes Chinese numerals as digits: 第五十一条 → 第51条.
func zhNumerals(s string) string {
	return zhNumeralRe.ReplaceAllStringFunc(s, func(m string) string {
		digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
		units := map[rune]int{'十': 10, '百': 100, '千': 1000}
		total, cur := 0, 0
		for _, r := range m {
			if d, ok := digits[r]; ok {
				cur = d
				continue
			}
			u := units[r]
			if cur == 0 {
				cur = 1 // 十一 = 11
			}
			total += cur * u
			cur = 0
		}
		return strconv.Itoa(total + cur)
	})
}
