//go:build !linux

package pageout

// Mappings does nothing outside Linux (see pageout_linux.go).
func Mappings(match func(path, perms string) bool) int { return 0 }

// ExecutableData does nothing outside Linux.
func ExecutableData() int { return 0 }

// FileResident is unknown outside Linux.
func FileResident() int64 { return 0 }
