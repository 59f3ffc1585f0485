package index

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// pageOutSegments advises the mapped .zap files under the index
// directory, and only those, and what they hold reads the same after.
func TestPageOutSegments(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	data := bytes.Repeat([]byte("segment page "), 100000) // 1.3 MB
	mapFile := func(path string) []byte {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		m, err := unix.Mmap(int(f.Fd()), 0, len(data), unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { unix.Munmap(m) })
		return m
	}
	if err := os.MkdirAll(filepath.Join(dir, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	seg := mapFile(filepath.Join(dir, "store", "000000000001.zap"))
	notSeg := mapFile(filepath.Join(dir, "root.bolt"))
	elsewhere := mapFile(filepath.Join(other, "000000000002.zap"))
	for _, m := range [][]byte{seg, notSeg, elsewhere} {
		if !bytes.Equal(m, data) { // reads every page
			t.Fatal("a mapped file reads differently")
		}
	}
	if n := pageOutSegments(dir); n != 1 {
		t.Errorf("%d mappings advised, want 1 (the .zap file under the index)", n)
	}
	if !bytes.Equal(seg, data) {
		t.Error("the segment reads differently after being paged out")
	}
	if fileResident() <= 0 {
		t.Error("no file-backed memory, with three files mapped")
	}
}
