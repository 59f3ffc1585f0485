package index

import (
	"regexp"
	"strings"
	"unicode"
)

// SymbolQuery is a query addressing a document (and optionally one of its
// clauses) by symbol or file name instead of by its words.
type SymbolQuery struct {
	Symbol string // as typed ("A/RES/78/265"); "" for a file query
	File   string // base name or work name after "file:"; "" for a symbol query
	ID     string // clause id ("para_6__list_1__point_m"); "" for the whole document
}

// symbolRe matches a UN symbol typed in any case; it must also hold a
// digit (see ParseSymbolQuery), so "and/or" is searched as text.
var symbolRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9.]*(/[A-Za-z0-9.()\-]+)+$`)
var yearRe = regexp.MustCompile(`^\((19|20)\d\d\)$`)

// ParseSymbolQuery recognises symbol-shaped queries: a UN document symbol
// ("A/RES/78/265", "S/RES/2803 (2025)", "A/45/155-S/21174") or
// "file:NAME", optionally followed by a clause reference: "6(m)",
// "para 6 (m)", "para. 6 (m) (ii)", "preambular para 3", "pp 3",
// "art. 51", "art 2 para 4", "art. 2(4)", "annex I, para 12". It returns
// false for anything else, which is then searched as text.
func ParseSymbolQuery(q string) (SymbolQuery, bool) {
	q = strings.TrimSpace(q)
	var sq SymbolQuery
	var rest string
	first, after, _ := strings.Cut(q, " ")
	switch {
	case len(first) > 5 && strings.EqualFold(first[:5], "file:"):
		sq.File = first[5:]
		rest = after
	case symbolRe.MatchString(first) && strings.ContainsAny(first, "0123456789"):
		sq.Symbol = first
		rest = strings.TrimSpace(after)
		// "S/RES/2803 (2025)": the year belongs to the symbol.
		if y, r, _ := strings.Cut(rest, " "); yearRe.MatchString(y) {
			sq.Symbol += " " + y
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
	return sq, true
}

type refToken struct {
	word string // lower-cased word or number
	item string // content of a parenthesised item: "m", "ii", "4"
}

func tokenizeRef(s string) ([]refToken, bool) {
	var out []refToken
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || r == ',' || r == ';':
			i++
		case r == '(':
			j := i + 1
			for j < len(rs) && rs[j] != ')' {
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
			for j < len(rs) && unicode.IsLetter(rs[j]) {
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

// parseClauseRef turns a clause reference into a clause id (see the
// gold README for the id scheme). "" is the whole document.
func parseClauseRef(s string) (string, bool) {
	toks, ok := tokenizeRef(s)
	if !ok {
		return "", false
	}
	var (
		annex, pre, art     bool
		annexLabel          string
		num, artNum, artPar string
		items               []string
	)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.word == "annex":
			annex = true
			if i+1 < len(toks) && toks[i+1].word != "" && (isNumber(toks[i+1].word) || romanRe.MatchString(toks[i+1].word)) {
				annexLabel = strings.ToUpper(toks[i+1].word)
				i++
			}
		case t.word == "preambular" || t.word == "preamble" || t.word == "pp":
			pre = true
		case t.word == "art" || t.word == "article":
			art = true
		case t.word == "para" || t.word == "paras" || t.word == "paragraph" || t.word == "par" || t.word == "op":
			// noise word
		case t.word != "" && isNumber(t.word):
			switch {
			case art && artNum == "":
				artNum = t.word
			case art && artPar == "":
				artPar = t.word
			case !art && num == "":
				num = t.word
			default:
				return "", false
			}
		case t.word == "" && t.item != "":
			if art && artNum != "" && artPar == "" && len(items) == 0 && isNumber(t.item) {
				artPar = t.item // art. 2(4)
				continue
			}
			items = append(items, strings.ToLower(t.item))
		default:
			return "", false
		}
	}
	var parts []string
	if annex {
		if annexLabel != "" {
			parts = append(parts, "annex_"+annexLabel)
		} else {
			parts = append(parts, "annex")
		}
	}
	switch {
	case art:
		if artNum == "" {
			return "", false
		}
		parts = append(parts, "art_"+artNum)
		if artPar != "" {
			parts = append(parts, "para_"+artPar)
		}
	case pre:
		if num == "" {
			return "", false
		}
		parts = append(parts, "preamble", "para_"+num)
	case num != "":
		parts = append(parts, "para_"+num)
	default:
		if len(items) > 0 || annex {
			return "", false
		}
		return "", true
	}
	for _, it := range items {
		parts = append(parts, "list_1", "point_"+it)
	}
	return strings.Join(parts, "__"), true
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
