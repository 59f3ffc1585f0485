package hostile

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// Expect is what a build must say about one file of a Corpus.
type Expect struct {
	Name string // path relative to the corpus directory
	// Reason is a substring of the file's failure reason; empty for a
	// good file, which must be indexed.
	Reason string
	// Repair marks a damaged file that may be read with a warning
	// ("repaired: …") instead of failing; either way it must be listed.
	Repair bool
}

// Good reports whether the file must be indexed.
func (e Expect) Good() bool { return e.Reason == "" && !e.Repair }

// Corpus writes into dir a folder of hostile PDF files, one or more of
// every class of issue #11 and of the engine's limits, plus the good
// files given (name → bytes, written under good/ and, truncated, under
// truncated/), and returns what a build must report for each. Special
// files (a named pipe, a socket, broken symbolic links) are made too; a
// closer returned stops the socket's listener.
func Corpus(dir string, good map[string][]byte) ([]Expect, func(), error) {
	var out []Expect
	var firstErr error
	write := func(name string, data []byte, reason string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil && firstErr == nil {
			firstErr = err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil && firstErr == nil {
			firstErr = err
		}
		out = append(out, Expect{Name: name, Reason: reason})
	}
	const limit = "resource limit exceeded"

	// object streams placed in themselves: a stack overflow in the
	// library (after a repair that finds no usable resources: no text)
	write("objstm/self.pdf", ObjStmSelfReference(6), "no text layer")
	write("objstm/pair.pdf", ObjStmSelfReference(7), "no text layer")
	// /Extends loops, plain and disguised
	for i, v := range [][2]string{
		{"/Extends", " "}, {"/Ext#65nds", " "}, {"/Extends", " % comment\n"}, {"/#45xtends", "%c\r"},
		{"/Exte#6Eds", "\n%\n"}, {"/E#78tends", " "},
	} {
		write(fmt.Sprintf("extends/loop%d.pdf", i), ExtendsLoop(v[0], v[1]), "extend each other")
	}
	// ToUnicode expansion
	for _, n := range []int{100, 200, 500, 1000, 2000, 4000} {
		for _, fonts := range []int{1, 10, 100} {
			write(fmt.Sprintf("cmap/dest%d_fonts%d.pdf", n, fonts), CMapBomb(n, fonts), "ToUnicode")
		}
	}
	// floods of text operators
	for _, n := range []int{250_000, 500_000, 1_000_000, 2_000_000} {
		for _, move := range []bool{false, true} {
			write(fmt.Sprintf("ops/flood%d_move%v.pdf", n, move), OperatorFlood(n, move), "text operators")
		}
	}
	// decompression bombs: one stream, and a stream drawn by nested forms
	for _, mib := range []int{65, 128, 256, 512} {
		write(fmt.Sprintf("bomb/flate%dmib.pdf", mib), FlateBomb(mib), limit)
	}
	for _, depth := range []int{20, 60, 200} {
		write(fmt.Sprintf("forms/deep%d.pdf", depth), DeepForms(depth), "nested")
	}
	// cross-reference numbers that size the library's object table
	for name, dict := range map[string]string{
		"size": "/Size 68719476736", "index": "/Index [68719476736 1]", "w": "/W [1 68719476736 2]",
		"columns": "/DecodeParms << /Predictor 12 /Columns 68719476736 >>",
	} {
		b := OnePage([]byte(TextOp(700, "numbers")), "")
		write("xref/huge_"+name+".pdf", b.BytesXrefStream(dict), limit)
		out[len(out)-1].Repair = true // rebuilt, or refused
	}
	// not PDFs at all, and a page tree without pages
	write("bad/empty.pdf", nil, "empty file")
	write("bad/text.pdf", []byte("just some text\n"), "not a PDF")
	write("bad/html.pdf", []byte("<!DOCTYPE html><html><body>%PDF</body></html>"), "not a PDF")
	write("bad/header_only.pdf", []byte("%PDF-1.7\n"), "PDF")
	raw := bytes.Repeat([]byte("\x00\xff\x1b[31m(stream)\r\n"), 400)
	write("bad/garbage.pdf", append([]byte("%PDF-1.4\n"), raw...), "PDF")
	nopages := &Builder{}
	nopages.Add("<< /Type /Catalog /Pages 2 0 R >>")
	nopages.Add("<< /Type /Pages /Kids [] /Count 0 >>")
	write("bad/no_pages.pdf", nopages.Bytes(""), "no pages")
	blank := OnePage([]byte("0 0 m 100 100 l S\n"), "")
	write("bad/blank.pdf", blank.Bytes(""), "no text layer")

	// special files and broken links: listed, never opened
	special := func(name, reason string, make func(p string) error) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := make(p); err != nil {
			return // not on this system (no named pipes, no symbolic links)
		}
		out = append(out, Expect{Name: name, Reason: reason})
	}
	special("special/fifo.pdf", "named pipe", mkfifo)
	special("special/fifo2.pdf", "named pipe", mkfifo)
	special("special/loop.pdf", "symbolic link loop", func(p string) error { return os.Symlink(filepath.Base(p), p) })
	special("special/dangling.pdf", "dangling symbolic link", func(p string) error { return os.Symlink("nowhere.pdf", p) })
	special("special/null.pdf", "character device", func(p string) error { return os.Symlink("/dev/null", p) })
	var ln net.Listener
	special("special/socket.pdf", "socket", func(p string) error {
		var err error
		ln, err = net.Listen("unix", p)
		return err
	})
	closer := func() {
		if ln != nil {
			ln.Close()
		}
	}

	// good files, and the same truncated to a third and to a half
	for name, data := range good {
		write("good/"+name, data, "")
		for _, frac := range []int{3, 2} {
			n := fmt.Sprintf("truncated/%s_1of%d.pdf", strings.TrimSuffix(name, ".pdf"), frac)
			write(n, data[:len(data)/frac], "")
			out[len(out)-1].Repair = true
		}
	}
	return out, closer, firstErr
}

// FlateBomb is a page whose content inflates from a small stream to mib
// MiB of spaces.
func FlateBomb(mib int) []byte {
	var z bytes.Buffer
	w := newZ(&z)
	w.Write([]byte(TextOp(700, "before the bomb")))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < mib; i++ {
		w.Write(chunk)
	}
	w.Close()
	b := OnePage(nil, "")
	b.Set(5, Stream("/Filter /FlateDecode", z.Bytes()))
	return b.Bytes("")
}

// DeepForms is a chain of n distinct Form XObjects, each drawing the
// next.
func DeepForms(n int) []byte {
	b := OnePage([]byte("/X Do\n"), "/X 6 0 R")
	for i := 0; i < n; i++ {
		next := ""
		if i+1 < n {
			next = "/X Do\n"
		}
		res := fmt.Sprintf("/Resources << /Font << /F1 4 0 R >> /XObject << /X %d 0 R >> >>", 7+i)
		b.Add(Stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] "+res, []byte(TextOp(700-i%50*12, fmt.Sprintf("level%d", i))+next)))
	}
	return b.Bytes("")
}
