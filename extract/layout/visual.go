package layout

// visualRunes splits a word in logical order into its characters in
// visual (left to right) order, as a PDF draws them, so that makeLine's
// bidi resolution reads them back in logical order; rtl is the direction
// of the word's line (a bracket of "(2025)" in an Arabic line is drawn
// mirrored). Combining marks stay with the letter before them.
func visualRunes(s string, rtl bool) []string {
	var items []string
	for _, r := range s {
		if len(items) > 0 && isMarkText(string(r)) {
			items[len(items)-1] += string(r)
			continue
		}
		items = append(items, string(r))
	}
	if !rtl {
		plain := true
		for _, it := range items {
			if itemClass(it) == bidiR {
				plain = false
				break
			}
		}
		if plain {
			return items
		}
	}
	order := visualOrder(items, rtl)
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = items[k]
	}
	return out
}
