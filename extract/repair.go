package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

var (
	objHeadRe   = regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,10})\s+(\d{1,5})\s+obj\b`)
	catalogRe   = regexp.MustCompile(`/Type\s*/Catalog\b`)
	trailerKeys = regexp.MustCompile(`/(Encrypt|ID|Info)\s*(\d+\s+\d+\s+R|\[[^\]]*\])`)
)

// repairPDF rebuilds the byte stream of a PDF whose header, end marker or
// cross-reference table the library rejects: it drops bytes before the
// %PDF- header, normalizes the header line, and appends a fresh xref table
// found by scanning for "N G obj" (the last definition of each object
// wins, as in an incremental update) with a trailer pointing at the
// catalog. It returns nil when nothing can be done. Objects stored only
// inside object streams cannot be listed this way.
func repairPDF(data []byte) []byte {
	i := bytes.Index(data, []byte("%PDF-"))
	if i < 0 {
		return nil
	}
	d := append([]byte(nil), data[i:]...)
	// the library wants "%PDF-1.x" followed by an end of line
	if len(d) < 9 {
		return nil
	}
	if !(d[5] == '1' && d[6] == '.' && d[7] >= '0' && d[7] <= '7') {
		copy(d[5:8], "1.7")
	}
	if d[8] != '\r' && d[8] != '\n' {
		d[8] = '\n'
	}
	offsets := map[int]int{}
	gens := map[int]int{}
	maxID := 0
	for _, m := range objHeadRe.FindAllSubmatchIndex(d, -1) {
		id, err := strconv.Atoi(string(d[m[2]:m[3]]))
		if err != nil || id <= 0 || id > 10_000_000 {
			continue
		}
		gen, _ := strconv.Atoi(string(d[m[4]:m[5]]))
		offsets[id] = m[2]
		gens[id] = gen
		if id > maxID {
			maxID = id
		}
	}
	if len(offsets) == 0 {
		return nil
	}
	root := ""
	// the catalog: the last object whose dictionary has /Type /Catalog
	for id := range offsets {
		off := offsets[id]
		end := off + 4096
		if end > len(d) {
			end = len(d)
		}
		chunk := d[off:end]
		if k := bytes.Index(chunk, []byte("endobj")); k >= 0 {
			chunk = chunk[:k]
		}
		if catalogRe.Match(chunk) {
			if root == "" || id > atoiPrefix(root) {
				root = fmt.Sprintf("%d %d R", id, gens[id])
			}
		}
	}
	if root == "" {
		return nil
	}
	extra := ""
	if k := bytes.LastIndex(d, []byte("trailer")); k >= 0 {
		seen := map[string]bool{}
		for _, m := range trailerKeys.FindAllSubmatch(d[k:], -1) {
			key := string(m[1])
			if !seen[key] {
				seen[key] = true
				extra += " /" + key + " " + string(m[2])
			}
		}
	}
	var b bytes.Buffer
	b.Write(d)
	b.WriteString("\n")
	xrefAt := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for id := 1; id <= maxID; id++ {
		if off, ok := offsets[id]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", off, gens[id])
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s%s >>\nstartxref\n%d\n%%%%EOF\n", maxID+1, root, extra, xrefAt)
	return b.Bytes()
}

func atoiPrefix(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
