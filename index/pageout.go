package index

import (
	"path/filepath"
	"strings"

	"github.com/docindex/docindex/extract/isolate/pageout"
)

// pageOutSegments asks the kernel to reclaim the pages of the segment
// files of the index under dir that this process has mapped (Bleve maps
// every segment; its merges read them whole, and they stay resident:
// file-backed RSS that grows with the index, 105 MB of a 10× build).
// It returns the number of mappings advised (see package pageout).
func pageOutSegments(dir string) int {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return 0
	}
	prefix := abs + string(filepath.Separator)
	return pageout.Mappings(func(path, _ string) bool {
		return strings.HasPrefix(path, prefix) && strings.HasSuffix(path, ".zap")
	})
}

// fileResident returns the file-backed (and shared) part of the
// resident set of this process, in bytes (0 when unknown).
func fileResident() int64 { return pageout.FileResident() }
