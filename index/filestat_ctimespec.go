//go:build darwin || freebsd || netbsd

package index

import (
	"fmt"
	"os"
	"syscall"
)

// statKey: see filestat_ctim.go (the same fields, named Ctimespec here).
func statKey(fi os.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d:%d", st.Dev, st.Ino, st.Ctimespec.Nano())
}
