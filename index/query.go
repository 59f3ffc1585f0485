package index

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/docindex/docindex/extract"
)

// SymbolQuery is a query addressing a document (and optionally one of its
// clauses) by symbol or file name instead of by its words.
type SymbolQuery struct {
	Symbol string // as typed ("A/RES/78/265"); "" for a file query
	File   string // base name or work name after "file:"; "" for a symbol query
	// Instrument is the key of a known instrument named by title
	// ("charter", see instruments.go); "" otherwise.
	Instrument string
	ID         string // clause id ("para_6__list_1__point_m"); "" for the whole document
	// Lang is the language the clause reference is written in ("par. 6
	// m)" → fr, "الفقرة 6 (م)" → ar), "" when it does not say: that
	// language version is listed first.
	Lang string
}

// symbolRe matches a UN symbol typed in any case; it must also hold a
// digit (see ParseSymbolQuery), so "and/or" is searched as text.
var symbolRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9.]*(/[A-Za-z0-9.()\-]+)+$`)
var yearRe = regexp.MustCompile(`^\((19|20)\d\d\)$`)

// sectionSymbolRe matches the symbols of budget fascicles and the like,
// which hold spaces: "A/81/6 (Sect. 25)", "A/81/6 (Sect. 25)/Part A".
var sectionSymbolRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9.]*(?:/[A-Za-z0-9.\-]+)+ \((?:Sect|Part|Chap|Prog)\.? ?[0-9A-Za-z.]+\)(?:/[A-Za-z]+(?: [A-Z0-9]{1,3})?)*`)

// ParseSymbolQuery recognises symbol-shaped queries: a UN document symbol
// ("A/RES/78/265", "S/RES/2803 (2025)", "A/45/155-S/21174") or
// "file:NAME", optionally followed by a clause reference: "6(m)",
// "para 6 (m)", "para. 6 (m) (ii)", "preambular para 3", "pp 3",
// "art. 51", "art 2 para 4", "art. 2(4)", "annex I, para 12", "text 2,
// para 7" — and every citation docindex prints, in any of the six
// languages: "A/RES/78/265, par. 6 m)", "A/RES/78/265, п. 6 н)",
// "A/RES/78/265، الفقرة 6 (م)", "A/RES/78/265，第6段(m)", "al. 3 du
// préambule", "第2条第4款"… It returns false for anything else, which is
// then searched as text.
func ParseSymbolQuery(q string) (SymbolQuery, bool) {
	q = strings.TrimSpace(q)
	if sq, ok := instrumentQuery(q); ok {
		return sq, true
	}
	var sq SymbolQuery
	var rest string
	// the symbol ends at a space or at the comma of a citation
	// ("A/RES/78/265, para. 6", "A/RES/78/265，第6段")
	first, after := q, ""
	if m := sectionSymbolRe.FindString(q); m != "" {
		// "A/81/6 (Sect. 25)/Part A, para. 25.1": a symbol with spaces
		first, after = m, q[len(m):]
	} else if i := strings.IndexFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '，' || r == '،' }); i >= 0 {
		first, after = q[:i], q[i:]
	}
	switch {
	case len(first) > 5 && strings.EqualFold(first[:5], "file:"):
		sq.File = first[5:]
		rest = after
	case (symbolRe.MatchString(first) || sectionSymbolRe.MatchString(first)) && strings.ContainsAny(first, "0123456789"):
		sq.Symbol = first
		rest = strings.TrimSpace(after)
		// "S/RES/2803 (2025)": the year belongs to the symbol.
		if y, r, _ := strings.Cut(rest, " "); yearRe.MatchString(strings.TrimRight(y, ",，،")) {
			sq.Symbol += " " + strings.TrimRight(y, ",，،")
			rest = r
		}
	default:
		return sq, false
	}
	if sq.Symbol == "" && sq.File == "" {
		return sq, false
	}
	id, ok := parseClauseRef(rest)
	if !ok {
		return sq, false
	}
	sq.ID = id
	sq.Lang = refLanguage(rest)
	return sq, true
}

// refLanguage tells the language of a clause reference from its script
// (Arabic, Cyrillic, Han) or its words; "" when nothing says.
func refLanguage(ref string) string {
	for _, r := range ref {
		switch {
		case unicode.Is(unicode.Arabic, r):
			return "ar"
		case unicode.Is(unicode.Cyrillic, r):
			return "ru"
		case unicode.Is(unicode.Han, r):
			return "zh"
		}
	}
	lang := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(ref), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if l := refLangWords[w]; l != "" {
			if lang != "" && lang != l {
				return ""
			}
			lang = l
		}
	}
	return lang
}

type refToken struct {
	word string // lower-cased word or number
	item string // content of a parenthesised item: "m", "ii", "4"
}

// zhRef rewrites the Chinese forms of a clause reference into words the
// tokenizer knows: 第6段 → para 6, 第2条第4款 → art 2 para 4,
// 序言部分 → preamble, 附件 → annex, 案文 → text.
var zhRef = strings.NewReplacer("序言部分", " preamble ", "附件", " annex ", "案文", " text ", "结论", " conclusions ", "第", " ", "段", " ", "款", " ", "条", " art-of ")
var zhArt = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*art-of`)

// zhTable is a table of a clause: 表1
var zhTable = regexp.MustCompile(`表\s*(\d+)`)

func tokenizeRef(s string) ([]refToken, bool) {
	if strings.ContainsAny(s, "第段款条序附案结表") {
		s = zhTable.ReplaceAllString(s, " table $1 ")
		s = zhArt.ReplaceAllString(zhRef.Replace(s), " art $1 ")
		if strings.Contains(s, "art-of") {
			return nil, false
		}
	}
	var out []refToken
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || r == ',' || r == ';' || r == '，' || r == '،' || r == '؛' || r == '、':
			i++
		case r == '(' || r == '（':
			j := i + 1
			for j < len(rs) && rs[j] != ')' && rs[j] != '）' {
				j++
			}
			if j == len(rs) {
				return nil, false
			}
			item := strings.TrimSpace(string(rs[i+1 : j]))
			if item == "" {
				return nil, false
			}
			out = append(out, refToken{item: item})
			i = j + 1
		case r == '’' || r == '‘' || r == '`':
			// Arabic texts number roman items ’1‘ ’2‘
			j := i + 1
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			if j == i+1 || j == len(rs) || (rs[j] != '‘' && rs[j] != '’' && rs[j] != '`') {
				return nil, false
			}
			out = append(out, refToken{item: string(rs[i+1 : j])})
			i = j + 1
		case r == '§' || r == '¶':
			out = append(out, refToken{word: "para"})
			i++
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || (rs[j] == '.' && j+1 < len(rs) && unicode.IsDigit(rs[j+1]))) {
				j++
			}
			out = append(out, refToken{word: string(rs[i:j])})
			if j < len(rs) && rs[j] == '.' {
				j++ // "3." as printed
			}
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.Is(unicode.Mn, rs[j]) || rs[j] == '-') {
				j++
			}
			w := string(rs[i:j])
			if j < len(rs) && rs[j] == ')' { // "m)" without opening parenthesis
				out = append(out, refToken{item: w})
				i = j + 1
				continue
			}
			if j < len(rs) && rs[j] == '.' {
				j++
			}
			out = append(out, refToken{word: strings.ToLower(w), item: w})
			i = j
		default:
			return nil, false
		}
	}
	return out, true
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' {
			return false
		}
	}
	return true
}

var romanRe = regexp.MustCompile(`^(?i)[ivxlc]+$`)

// refWordTable lists the words of clause references in the six
// languages (as docindex prints citations and as people type them), by
// role, with the language that alone uses them where one does (Arabic,
// Cyrillic and Chinese references are told by their script). Words not
// listed make the query a text query.
var refWordTable = []struct {
	role, lang string
	words      []string
}{
	{"para", "en", []string{"para", "paras", "paragraph", "paragraphs", "op"}},
	{"para", "fr", []string{"par", "paragraphe", "al", "alinéa", "alinea"}},
	{"para", "es", []string{"párr", "parr", "párrafo", "parrafo"}},
	{"para", "", []string{"п", "пп", "пункт", "пункта", "пункты", "الفقرة", "فقرة", "الفقرات"}},
	{"preamble", "en", []string{"preambular", "preamble", "pp"}},
	{"preamble", "fr", []string{"préambule", "preambule"}},
	{"preamble", "es", []string{"preámbulo", "preambulo"}},
	{"preamble", "", []string{"преамбулы", "преамбула", "преамбуле", "الديباجة", "ديباجة"}},
	{"annex", "en", []string{"annex"}},
	{"annex", "fr", []string{"annexe"}},
	{"annex", "es", []string{"anexo"}},
	{"annex", "", []string{"приложение", "приложения", "المرفق", "مرفق"}},
	{"art", "en", []string{"article"}},
	{"art", "es", []string{"artículo", "articulo"}},
	{"art", "", []string{"art", "ст", "статья", "статьи", "المادة", "مادة"}},
	{"text", "en", []string{"text"}},
	{"text", "fr", []string{"texte"}},
	{"text", "es", []string{"texto"}},
	{"text", "", []string{"текст", "النص"}},
	// a table inside a clause ("para. 3, table 1")
	{"table", "en", []string{"table"}},
	{"table", "fr", []string{"tableau"}},
	{"table", "es", []string{"cuadro"}},
	{"table", "", []string{"таблица", "таблицы", "الجدول", "جدول"}},
	// the conclusions of a reproduced text ("text 1, conclusions, para. 1")
	{"conclusions", "", []string{"conclusions", "conclusiones", "выводы", "الاستنتاجات", "结论"}},
	{"noise", "fr", []string{"du"}},
	{"noise", "es", []string{"del"}},
	{"noise", "", []string{"de", "of", "the", "من"}},
}

// refWords gives the role of each reference word, refLangWords the
// language of those only one language uses.
var refWords, refLangWords = func() (map[string]string, map[string]string) {
	roles, langs := map[string]string{}, map[string]string{}
	for _, e := range refWordTable {
		for _, w := range e.words {
			roles[w] = e.role
			if e.lang != "" {
				langs[w] = e.lang
			}
		}
	}
	return roles, langs
}()

// parseClauseRef turns a clause reference into a clause id (see the
// gold README for the id scheme), reading it in order: annex, article,
// reproduced text ("text 2"), paragraph, preambular paragraph (the
// preamble word before or after the number: "preambular para. 3", "al. 3
// du préambule", "п. 3 преамбулы"), items. "" is the whole document.
func parseClauseRef(s string) (string, bool) {
	toks, ok := tokenizeRef(s)
	if !ok {
		return "", false
	}
	var p refParser
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		role := refWords[t.word]
		switch {
		case role == "annex":
			label := annexLabel(toks, i)
			if label != "" {
				i++ // the label is read with the annex word
			}
			ok = p.annex(label)
		case role == "art":
			p.pendArt = true
		case role == "text":
			p.pendText = true
		case role == "table":
			p.pendTable = true
		case role == "preamble":
			p.preamble()
		case role == "conclusions":
			ok = p.conclusions()
		case role == "para" || role == "noise":
		case t.word != "" && isNumber(t.word):
			ok = p.number(t.word)
		case t.item != "" && (t.word == "" || len([]rune(t.item)) <= 2 && refWords[t.word] == ""):
			ok = p.item(t)
		default:
			ok = false
		}
		if !ok {
			return "", false
		}
	}
	return p.id()
}

// refParser is the state of parseClauseRef: the parts of the id so far
// and the words waiting for their number.
type refParser struct {
	parts []string
	// words read whose number has not come yet: "art.", "text",
	// "preambular", "table"
	pendArt, pendText, pendPre, pendTable bool
	lastWasPara                           bool // the last part is a paragraph number
	items, annexes                        int
}

// last is the last part of the id so far ("" at the start).
func (p *refParser) last() string {
	if len(p.parts) == 0 {
		return ""
	}
	return p.parts[len(p.parts)-1]
}

// annexLabel is the number or roman numeral of the annex word toks[i]
// ("annex I", "annex 2"), in upper case, or "" when the annex has none.
func annexLabel(toks []refToken, i int) string {
	if i+1 < len(toks) && toks[i+1].word != "" && (isNumber(toks[i+1].word) || romanRe.MatchString(toks[i+1].word)) {
		return strings.ToUpper(toks[i+1].word)
	}
	return ""
}

// annex opens the id with an annex ("annex_I", or "annex" without a
// label); an annex after another part is not a clause reference.
func (p *refParser) annex(label string) bool {
	if len(p.parts) > 0 {
		return false
	}
	if label != "" {
		p.parts = append(p.parts, "annex_"+label)
	} else {
		p.parts = append(p.parts, "annex")
	}
	p.annexes++
	p.lastWasPara = false
	return true
}

// preamble reads the preamble word: before its number ("preambular
// para. 3") it waits for it; after a paragraph number ("al. 3 du
// préambule", "п. 3 преамбулы") it puts that number in the preamble.
func (p *refParser) preamble() {
	if p.lastWasPara && !p.pendPre {
		n := p.last()
		p.parts = append(p.parts[:len(p.parts)-1], "preamble", n)
		p.lastWasPara = false
		return
	}
	p.pendPre = true
}

// conclusions reads the conclusions of a reproduced text ("text 2,
// conclusions"); they follow a reproduced text only.
func (p *refParser) conclusions() bool {
	if !strings.HasPrefix(p.last(), "cmp_") {
		return false
	}
	p.parts = append(p.parts, "conclusions")
	p.lastWasPara = false
	return true
}

// number reads a number: the number of the word waiting for one (table,
// article, reproduced text), else a paragraph number, which opens the id
// or follows an annex, an article, a reproduced text or its conclusions
// (in the preamble when the preamble word came before it).
func (p *refParser) number(n string) bool {
	switch {
	case p.pendTable:
		// a table of the clause before it, or of the document
		if l := p.last(); l != "" && !strings.HasPrefix(l, "para_") && !strings.HasPrefix(l, "point_") && !strings.HasPrefix(l, "annex") {
			return false
		}
		p.parts = append(p.parts, "table_"+n)
		p.pendTable, p.lastWasPara = false, false
		return true
	case p.pendArt:
		p.parts = append(p.parts, "art_"+n)
		p.pendArt, p.lastWasPara = false, false
		return true
	case p.pendText:
		if len(p.parts) == 0 || p.items > 0 {
			return false
		}
		p.parts = append(p.parts, "cmp_"+n)
		p.pendText, p.lastWasPara = false, false
		return true
	}
	if l := p.last(); l != "" && !strings.HasPrefix(l, "annex") && !strings.HasPrefix(l, "art_") && !strings.HasPrefix(l, "cmp_") && l != "conclusions" {
		return false
	}
	if p.pendPre {
		p.parts = append(p.parts, "preamble")
		p.pendPre = false
	}
	p.parts = append(p.parts, "para_"+n)
	p.items = 0
	p.lastWasPara = true
	return true
}

// item reads a parenthesised item: a numbered paragraph of an article
// ("art. 2(4)"), else a list item of the paragraph, item or article
// before it ("6 (m)", "(m) (ii)").
func (p *refParser) item(t refToken) bool {
	l := p.last()
	if strings.HasPrefix(l, "art_") && isNumber(t.item) && t.word == "" {
		p.parts = append(p.parts, "para_"+t.item) // art. 2(4)
		p.lastWasPara = false
		return true
	}
	if !strings.HasPrefix(l, "para_") && !strings.HasPrefix(l, "point_") && !strings.HasPrefix(l, "art_") {
		return false
	}
	p.parts = append(p.parts, "list_1", "point_"+extract.ItemID(t.item))
	p.items++
	p.lastWasPara = false
	return true
}

// id is the clause id read: none when a word still waits for its number,
// or when only annexes were named ("annex I" alone is not a clause).
func (p *refParser) id() (string, bool) {
	if p.pendArt || p.pendText || p.pendPre || p.pendTable {
		return "", false
	}
	if len(p.parts) == p.annexes && p.annexes > 0 {
		return "", false
	}
	return strings.Join(p.parts, "__"), true
}

// splitSymbolPrefix splits "A/RES/78/265 large language models" (or
// "file:NAME words") into the document and the words.
func splitSymbolPrefix(q string) (SymbolQuery, string, bool) {
	first, rest, _ := strings.Cut(strings.TrimSpace(q), " ")
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return SymbolQuery{}, "", false
	}
	sq, ok := ParseSymbolQuery(first)
	if !ok || sq.ID != "" {
		return SymbolQuery{}, "", false
	}
	return sq, rest, true
}

// bareClauseRef recognises a clause reference without a document that
// names an article ("Article 51", "art. 2(4)", "статья 51", "第五十一条"):
// its id and the language it is written in. Paragraph numbers alone
// ("para 3") are left to the text search: every document has them.
func bareClauseRef(q string) (id, lang string, ok bool) {
	q = strings.TrimSpace(q)
	if q == "" || len(q) > 40 {
		return "", "", false
	}
	id, ok = parseClauseRef(zhNumerals(q))
	if !ok || !strings.HasPrefix(id, "art_") {
		return "", "", false
	}
	return id, refLanguage(q), true
}
