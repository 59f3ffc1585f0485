package extract

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/hostile"
)

// Special files and broken links: listed as errors, never opened (a
// named pipe blocked build and extract forever in open).
func TestFindPDFsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "d")
	os.Mkdir(d, 0o755)
	good := hostile.OnePage([]byte(hostile.TextOp(700, "good")), "").Bytes("")
	os.WriteFile(filepath.Join(d, "good.pdf"), good, 0o644)
	for _, p := range []string{filepath.Join(d, "fifo.pdf"), filepath.Join(dir, "named.pdf")} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("mkfifo:", err)
		}
	}
	os.Symlink("loop.pdf", filepath.Join(d, "loop.pdf"))
	os.Symlink("nowhere.pdf", filepath.Join(d, "dangling.pdf"))
	os.Symlink("good.pdf", filepath.Join(d, "link.pdf"))
	os.Symlink(".", filepath.Join(d, "dirlink"))
	if l, err := net.Listen("unix", filepath.Join(d, "sock.pdf")); err == nil {
		defer l.Close()
	}
	done := make(chan struct{})
	var files []string
	var errs []error
	go func() {
		files, errs = FindPDFs([]string{d, filepath.Join(dir, "named.pdf"), filepath.Join(dir, "missing.pdf")})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("FindPDFs blocked")
	}
	want := []string{filepath.Join(d, "good.pdf"), filepath.Join(d, "link.pdf")}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		t.Errorf("files %q, want %q", files, want)
	}
	got := map[string]string{}
	for _, e := range errs {
		var pe *fs.PathError
		if !errors.As(e, &pe) {
			t.Errorf("error without a path: %v", e)
			continue
		}
		got[filepath.Base(pe.Path)] = pe.Err.Error()
	}
	for name, reason := range map[string]string{
		"fifo.pdf":     "named pipe",
		"named.pdf":    "named pipe",
		"loop.pdf":     "symbolic link loop",
		"dangling.pdf": "dangling symbolic link",
		"sock.pdf":     "socket",
		"missing.pdf":  "no such file",
	} {
		if !strings.Contains(got[name], reason) {
			t.Errorf("%s: error %q, want %q", name, got[name], reason)
		}
	}
	// File refuses a named pipe without blocking
	fileDone := make(chan struct{})
	go func() {
		defer close(fileDone)
		_, err := File(t.Context(), filepath.Join(dir, "named.pdf"), Options{})
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("File(fifo) = %v", err)
		}
	}()
	select {
	case <-fileDone:
	case <-time.After(10 * time.Second):
		t.Fatal("File blocked on a named pipe")
	}
}

// A PDF cut to a third is read as far as it goes, with a warning saying
// so instead of silence.
func TestTruncatedWarning(t *testing.T) {
	b := &hostile.Builder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	var kids []string
	const n = 12
	for i := 0; i < n; i++ {
		kids = append(kids, itoa(4+2*i)+" 0 R")
	}
	b.Add("<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + itoa(n) + " >>")
	b.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i := 0; i < n; i++ {
		b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents " + itoa(5+2*i) + " 0 R >>")
		b.Add(hostile.Stream("", []byte(hostile.TextOp(700, "page "+itoa(i+1)+" "+strings.Repeat("text ", 100)))))
	}
	data := b.Bytes("")
	doc, err := readHostile(t, "whole.pdf", data)
	if err != nil || len(doc.Warnings) != 0 {
		t.Fatalf("whole file: %v, warnings %q", err, doc.Warnings)
	}
	cut := data[:len(data)/3]
	doc, err = readHostile(t, "third.pdf", cut)
	if err != nil {
		t.Fatalf("truncated: %v", err)
	}
	if len(doc.Warnings) != 1 || !strings.HasPrefix(doc.Warnings[0], "repaired: file truncated, ") || !strings.HasSuffix(doc.Warnings[0], " objects unreadable") {
		t.Errorf("warnings %q", doc.Warnings)
	}
	// the page objects cut off are counted
	if strings.HasPrefix(doc.Warnings[0], "repaired: file truncated, 0 ") {
		t.Errorf("warnings %q: no object counted", doc.Warnings)
	}
	// a rebuilt cross-reference table (wrong offsets) says so too
	bad := []byte(strings.Replace(string(data), "startxref\n", "startxref\n1", 1))
	doc, err = readHostile(t, "badxref.pdf", bad)
	if err != nil || len(doc.Warnings) != 1 || doc.Warnings[0] != "repaired: cross-reference table rebuilt" {
		t.Errorf("bad xref offset: %v, warnings %q", err, doc.Warnings)
	}
}
