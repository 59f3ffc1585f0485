package reader

import "strconv"

// The content-stream tokenizer. pdf.Interpret cannot be used on page
// content: it has no notion of inline images (BI … ID <binary> EI), so
// the image bytes are tokenized as PDF syntax and a stray ')' or '>' in
// them aborts the whole page with "unexpected delimiter" (this is why
// en/A_RES_48_246_en.pdf, en/A_RES_70_10_en.pdf and
// en/A_45_155_S_21174_en.pdf could not be read). This tokenizer skips
// inline image data and never panics; malformed tokens are dropped.

type opKind uint8

const (
	opNum opKind = iota
	opStr
	opName
	opArray
	opDict
	opBool
	opNull
)

type operand struct {
	kind opKind
	num  float64
	str  string    // string bytes or name
	arr  []operand // array elements
}

type contentLexer struct {
	b []byte
	i int
	// pool backs the top-level array operands of the current operator
	// (TJ arrays): reset at each operator, so arrays cost no allocation
	pool []operand
}

func isWS(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// next returns the next operator with its operands; ok is false at the end.
func (l *contentLexer) next(args []operand) (op string, out []operand, ok bool) {
	out = args[:0]
	l.pool = l.pool[:0]
	for {
		t, kw, more := l.token(0)
		if !more {
			return "", out, false
		}
		if kw != "" {
			if kw == "BI" {
				l.skipInlineImage()
				out = out[:0]
				continue
			}
			return kw, out, true
		}
		if len(out) < 64 {
			out = append(out, t)
		}
	}
}

// skipInlineImage advances past "ID <data> EI".
func (l *contentLexer) skipInlineImage() {
	b := l.b
	// find ID keyword
	for l.i+1 < len(b) {
		if b[l.i] == 'I' && b[l.i+1] == 'D' && (l.i == 0 || isWS(b[l.i-1]) || b[l.i-1] == '>' || b[l.i-1] == ']' || b[l.i-1] == ')') && (l.i+2 >= len(b) || isWS(b[l.i+2])) {
			l.i += 3
			break
		}
		l.i++
	}
	// find EI delimited by whitespace, followed by whitespace or EOF
	for l.i+1 < len(b) {
		if b[l.i] == 'E' && b[l.i+1] == 'I' && isWS(b[l.i-1]) && (l.i+2 >= len(b) || isWS(b[l.i+2])) {
			// check the following bytes look like content (ASCII)
			j := l.i + 2
			good := true
			for k := j; k < j+20 && k < len(b); k++ {
				if b[k] > 126 || (b[k] < 32 && !isWS(b[k])) {
					good = false
					break
				}
			}
			if good {
				l.i += 2
				return
			}
		}
		l.i++
	}
	l.i = len(b)
}

// token reads one operand or keyword. depth limits array nesting.
func (l *contentLexer) token(depth int) (t operand, kw string, ok bool) {
	b := l.b
	l.i = skipSpace(b, l.i)
	if l.i >= len(b) {
		return t, "", false
	}
	c := b[l.i]
	switch {
	case c == '(':
		l.i++
		return operand{kind: opStr, str: l.literal()}, "", true
	case c == '<' && l.i+1 < len(b) && b[l.i+1] == '<':
		l.i += 2
		l.skipDict(depth)
		return operand{kind: opDict}, "", true
	case c == '<':
		l.i++
		return operand{kind: opStr, str: l.hex()}, "", true
	case c == '/':
		l.i++
		s := l.i
		for l.i < len(b) && !isPDFSpaceOrDelim(b[l.i]) {
			l.i++
		}
		return operand{kind: opName, str: string(b[s:l.i])}, "", true
	case c == '[':
		l.i++
		var arr []operand
		start := len(l.pool)
		for {
			if depth > 32 {
				break
			}
			save := l.i
			for l.i < len(b) && (isWS(b[l.i])) {
				l.i++
			}
			if l.i >= len(b) {
				break
			}
			if b[l.i] == ']' {
				l.i++
				break
			}
			e, k, more := l.token(depth + 1)
			if !more {
				break
			}
			if k != "" {
				// an operator inside an array: malformed, end the array
				if l.i == save {
					l.i++
				}
				break
			}
			switch {
			case depth == 0 && len(l.pool)-start < 1<<16:
				l.pool = append(l.pool, e) // nested arrays never use the pool
			case depth > 0 && len(arr) < 1<<16:
				arr = append(arr, e)
			}
		}
		if depth == 0 {
			arr = l.pool[start:len(l.pool):len(l.pool)]
		}
		return operand{kind: opArray, arr: arr}, "", true
	case c == ']' || c == ')' || c == '>' || c == '{' || c == '}':
		l.i++ // stray delimiter: ignore
		return operand{kind: opNull}, "", true
	}
	s := l.i
	for l.i < len(b) && !isPDFSpaceOrDelim(b[l.i]) {
		l.i++
	}
	w := b[s:l.i]
	if len(w) == 0 {
		l.i++
		return operand{kind: opNull}, "", true
	}
	if w[0] >= '0' && w[0] <= '9' || w[0] == '-' || w[0] == '+' || w[0] == '.' {
		return operand{kind: opNum, num: parseNumber(w)}, "", true
	}
	switch string(w) {
	case "true":
		return operand{kind: opBool, num: 1}, "", true
	case "false":
		return operand{kind: opBool}, "", true
	case "null":
		return operand{kind: opNull}, "", true
	}
	return t, string(w), true
}

// skipSpace returns the offset of the first byte at or after i in b that
// is neither white space nor in a comment.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		c := b[i]
		if isWS(c) {
			i++
			continue
		}
		if c == '%' {
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
			continue
		}
		break
	}
	return i
}

// parseNumber reads a PDF number, as readers do when it is malformed
// ("--5", "1.2.3").
func parseNumber(w []byte) float64 {
	if v, ok := parseDecimal(w); ok {
		return v
	}
	if v, err := strconv.ParseFloat(string(w), 64); err == nil {
		return v
	}
	return parseLooseNumber(w)
}

// pow10 are the exact powers of ten parseDecimal divides by.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseDecimal reads the common form of a PDF number — an optional sign,
// digits, an optional point and digits, at most 15 digits in all — with
// the result strconv.ParseFloat gives (the mantissa and the power of ten
// are exact in float64, so one division rounds correctly), without its
// cost; ok is false for anything else.
func parseDecimal(w []byte) (v float64, ok bool) {
	i := 0
	neg := false
	if w[0] == '-' || w[0] == '+' {
		neg = w[0] == '-'
		i++
	}
	var m int64
	digits, frac := 0, -1
	for ; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + int64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	v = float64(m)
	if frac > 0 {
		v /= pow10[frac]
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseLooseNumber reads numbers such as "--5" or "1.2.3" as readers do.
func parseLooseNumber(w []byte) float64 {
	neg := false
	i := 0
	for i < len(w) && (w[i] == '-' || w[i] == '+') {
		if w[i] == '-' {
			neg = !neg
		}
		i++
	}
	v, frac, seenDot := 0.0, 0.1, false
	for ; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			if seenDot {
				v += float64(c-'0') * frac
				frac /= 10
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == '.' && !seenDot:
			seenDot = true
		default:
			i = len(w)
		}
	}
	if neg {
		v = -v
	}
	return v
}

func (l *contentLexer) skipDict(depth int) {
	b := l.b
	level := 1
	for l.i < len(b) && level > 0 {
		c := b[l.i]
		switch {
		case c == '(':
			l.i++
			l.literal()
		case c == '<' && l.i+1 < len(b) && b[l.i+1] == '<':
			level++
			l.i += 2
		case c == '>' && l.i+1 < len(b) && b[l.i+1] == '>':
			level--
			l.i += 2
		case c == '<':
			l.i++
			l.hex()
		default:
			l.i++
		}
	}
}

func (l *contentLexer) literal() string {
	// l.i is just past the opening parenthesis.
	out, n, _ := literalString(l.b[l.i-1:])
	l.i += n - 1
	return string(out)
}

// literalString decodes the literal string "(...)" at the start of b
// (balanced parentheses kept, escapes and octal codes decoded, escaped
// line ends dropped). It returns the bytes, the length of the string in
// b, and whether its closing parenthesis was found (if not, n is len(b)).
func literalString(b []byte) (out []byte, n int, closed bool) {
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '(':
			if depth > 0 {
				out = append(out, c)
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, i + 1, true
			}
			out = append(out, c)
		case '\\':
			i++
			if i >= len(b) {
				return out, len(b), false
			}
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
						v = v*8 + int(b[i]-'0')
						i++
					}
					i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		default:
			out = append(out, c)
		}
	}
	return out, len(b), false
}

func (l *contentLexer) hex() string {
	out, n := decodeHex(l.b[l.i:])
	l.i += n + 1
	return string(out)
}
