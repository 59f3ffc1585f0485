package index

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// pageOutSegments asks the kernel to reclaim the pages of the segment
// files of the index under dir that this process has mapped (Bleve maps
// every segment; its merges read them whole, and they stay resident:
// file-backed RSS that grows with the index, 105 MB of a 10× build).
// MADV_PAGEOUT never loses data (clean file pages are read again on
// their next access; anonymous memory without swap stays), so a mapping
// that is gone, or replaced by another, between reading the map and the
// call is harmless. It returns the number of mappings advised.
func pageOutSegments(dir string) int {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return 0
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return 0
	}
	prefix := abs + string(filepath.Separator)
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 6 || !strings.HasPrefix(f[5], prefix) || !strings.HasSuffix(f[5], ".zap") {
			continue
		}
		lo, hi, ok := strings.Cut(f[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(start), uintptr(end-start), unix.MADV_PAGEOUT)
		if errno == 0 {
			n++
		}
	}
	return n
}

// fileResident returns the file-backed (and shared) part of the
// resident set of this process, in bytes (0 when unknown).
func fileResident() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return 0
	}
	n, _ := strconv.ParseInt(f[2], 10, 64)
	return n * int64(os.Getpagesize())
}
