//go:build !linux

package index

// pageOutSegments is a no-op outside Linux (see pageout_linux.go).
func pageOutSegments(dir string) int { return 0 }

// fileResident is unknown outside Linux.
func fileResident() int64 { return 0 }
