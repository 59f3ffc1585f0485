//go:build linux || openbsd || dragonfly || solaris || illumos || darwin || freebsd || netbsd

package index

import (
	"fmt"
	"os"
	"syscall"
)

// statKey is what the file system says of a file besides its size and
// modification time: its device, inode and status-change time (ctime,
// which every write, rename and chmod moves to the current time, and
// which no user can set back). "" when unknown.
func statKey(fi os.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d:%d", st.Dev, st.Ino, ctimeNano(st))
}
