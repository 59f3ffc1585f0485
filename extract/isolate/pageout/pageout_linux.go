package pageout

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Mappings asks the kernel to reclaim the resident pages of each mapping
// of this process for which match(path, perms) is true (path: the mapped
// file, "" for anonymous memory; perms: as in /proc/self/maps, such as
// "r--p"), and returns the number of mappings advised. A mapping that is
// gone, or replaced by another, between reading the map and the call is
// harmless: clean file pages are read again on their next access, and
// anonymous memory stays without swap.
func Mappings(match func(path, perms string) bool) int {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return 0
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 {
			continue
		}
		path := ""
		if len(f) >= 6 {
			path = f[5]
		}
		if !match(path, f[1]) {
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
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(start), uintptr(end-start), unix.MADV_PAGEOUT); errno == 0 {
			n++
		}
	}
	return n
}

// ExecutableData gives back the resident pages of the executable's
// read-only data (its non-executable read-only mappings: constants,
// tables, embedded files such as lingua's language models) that this
// process alone holds, and returns the number of mappings advised. Its
// code, and the data that a parent running the same executable holds
// too, stay.
func ExecutableData() int {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return 0
	}
	return Mappings(func(path, perms string) bool {
		return path == exe && perms == "r--p"
	})
}

// FileResident returns the file-backed (and shared) part of the resident
// set of this process, in bytes (0 when unknown).
func FileResident() int64 {
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
