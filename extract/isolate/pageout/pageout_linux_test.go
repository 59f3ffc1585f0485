package pageout

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// residentKB is the resident set of this process's mapping of the file
// named name, in kB (from /proc/self/smaps).
func residentKB(t *testing.T, name string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in, kb := false, -1
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) >= 6 && strings.Contains(f[0], "-") && filepath.Base(f[5]) == name:
			in = true
		case len(f) >= 5 && strings.Contains(f[0], "-"):
			in = false
		case in && len(f) >= 2 && f[0] == "Rss:":
			kb, _ = strconv.Atoi(f[1])
		}
	}
	if kb < 0 {
		t.Fatalf("no mapping of %s", name)
	}
	return kb
}

// Mappings advises the mappings it is asked to, and only those: their
// pages leave memory, the others stay, and what they hold reads the same
// after.
func TestMappings(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("mapped page "), 200000) // 2.4 MB
	mapFile := func(name string) []byte {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		// on disk: clean pages, which the kernel reclaims at once
		if _, err := f.Write(data); err != nil || f.Sync() != nil {
			t.Fatal(err)
		}
		m, err := unix.Mmap(int(f.Fd()), 0, len(data), unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { unix.Munmap(m) })
		if !bytes.Equal(m, data) { // reads every page
			t.Fatal("a mapped file reads differently")
		}
		return m
	}
	out, keep := mapFile("out.bin"), mapFile("keep.bin")
	before, kept := residentKB(t, "out.bin"), residentKB(t, "keep.bin")
	if before < len(data)/1024/2 {
		t.Fatalf("%d kB of the mapping in memory after reading it all", before)
	}
	if n := Mappings(func(path, perms string) bool { return filepath.Base(path) == "out.bin" && perms == "r--s" }); n != 1 {
		t.Errorf("%d mappings advised, want 1", n)
	}
	if after := residentKB(t, "out.bin"); after > before/4 {
		t.Errorf("%d of %d kB still in memory after the page-out", after, before)
	}
	if r := residentKB(t, "keep.bin"); r < kept {
		t.Errorf("the mapping not asked for: %d kB in memory, %d before", r, kept)
	}
	if !bytes.Equal(out, data) || !bytes.Equal(keep, data) {
		t.Error("a mapping reads differently after")
	}
	if FileResident() <= 0 {
		t.Error("no file-backed memory, with files mapped")
	}
}

// ExecutableData finds the executable's read-only data (the test binary
// has some) and the program runs on after.
func TestExecutableData(t *testing.T) {
	if n := ExecutableData(); n < 1 {
		t.Errorf("ExecutableData advised %d mappings, want the executable's read-only data", n)
	}
	if n := ExecutableData(); n < 1 { // again, after its pages were read back
		t.Errorf("second call: %d mappings", n)
	}
}
