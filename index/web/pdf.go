package web

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// /pdf/ serves only what was indexed: a file the index records, whose
// extraction succeeded, opened without following a symbolic link, still
// of the size and modification time recorded, and starting with %PDF-.
// Anything else is 404 (not indexed, gone, not a regular file, a link)
// or 410 (changed since it was indexed: build again).

func (h *Handler) pdf(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	// The path is bytes: a file name need not be valid UTF-8.
	if err != nil || len(raw) == 0 || len(raw) > 4096 || strings.ContainsRune(string(raw), 0) {
		h.errorPage(w, r, http.StatusNotFound, "no such document")
		return
	}
	path := string(raw)
	// Only files the index records, by their canonical path: nothing else
	// on the disk is reachable, whatever the path says ("..", "//", "/."
	// and the like are refused, not resolved).
	if !filepath.IsAbs(path) || filepath.Clean(path) != path {
		h.errorPage(w, r, http.StatusNotFound, "no such document in the index")
		return
	}
	rec, ok := h.ix.Record(path)
	if !ok {
		h.errorPage(w, r, http.StatusNotFound, "no such document in the index")
		return
	}
	name := displayName(path)
	if rec.Error != "" {
		h.errorPage(w, r, http.StatusNotFound, name+" was not indexed (it could not be read)")
		return
	}
	f, code, msg := openIndexed(path, rec.Size, rec.ModTime.UnixNano())
	if f == nil {
		h.errorPage(w, r, code, name+": "+msg)
		return
	}
	defer f.Close()
	st, _ := f.Stat()
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "private, max-age=300")
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// openIndexed opens path for serving when it is still the file that was
// indexed; otherwise it returns nil, the status and the reason.
func openIndexed(path string, size, mtime int64) (*os.File, int, string) {
	// oNoFollow: a final component that is a symlink fails (ELOOP);
	// O_NONBLOCK: a FIFO put in place does not block the open.
	f, err := os.OpenFile(path, os.O_RDONLY|oNoFollow|syscall.O_NONBLOCK, 0)
	if err != nil {
		if isLoop(err) {
			return nil, http.StatusNotFound, "the indexed file was replaced by a symbolic link"
		}
		return nil, http.StatusNotFound, "the indexed file is no longer readable"
	}
	st, err := f.Stat()
	lst, lerr := os.Lstat(path)
	switch {
	case err != nil || lerr != nil:
		f.Close()
		return nil, http.StatusNotFound, "the indexed file is no longer readable"
	case !st.Mode().IsRegular():
		f.Close()
		return nil, http.StatusNotFound, "the indexed file is not a regular file"
	case !os.SameFile(st, lst):
		// replaced between the open and the check
		f.Close()
		return nil, http.StatusNotFound, "the indexed file was replaced"
	case st.Size() != size || st.ModTime().UnixNano() != mtime:
		f.Close()
		return nil, http.StatusGone, "the file changed since it was indexed; run docindex build"
	}
	head := make([]byte, 5)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "%PDF-" {
		f.Close()
		return nil, http.StatusGone, "the file is not a PDF"
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, http.StatusNotFound, "the indexed file is no longer readable"
	}
	return f, 0, ""
}

func isLoop(err error) bool {
	var errno syscall.Errno
	if pe, ok := err.(*os.PathError); ok {
		errno, _ = pe.Err.(syscall.Errno)
	}
	return errno == syscall.ELOOP || errno == syscall.EMLINK
}

// displayName is the base name of path for messages and headers, with
// bytes that are not UTF-8 shown as U+FFFD (the path itself keeps them).
func displayName(path string) string {
	return strings.ToValidUTF8(filepath.Base(path), "\uFFFD")
}
