// Package textutil holds the small text helpers shared by the PDF reader
// (extract/reader) and document analysis (extract): the bottom layer,
// importing nothing of the project.
package textutil

// IsSpace reports whether c is ASCII white space as PDF and Go regexps'
// \s know it: space, tab, line feed, carriage return, form feed.
func IsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// AllDigits reports whether b is non-empty and only ASCII digits.
func AllDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
