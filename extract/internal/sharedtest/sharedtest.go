// Package sharedtest finds the shared test material next to the
// repository (../shared: the corpus of real UN PDFs, the gold tables),
// for the tests of extract and extract/reader. Tests skip when it is
// absent.
package sharedtest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dir is ../shared next to the repository root (the directory holding
// go.mod, found walking up from the working directory), "" when absent.
func Dir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if fi, err := os.Stat(s); err == nil && fi.IsDir() {
				return s
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// PDFs lists every file under dir whose name ends in .pdf, sorted.
func PDFs(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}
