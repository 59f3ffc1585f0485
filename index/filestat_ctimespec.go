//go:build darwin || freebsd || netbsd

package index

import "syscall"

// ctimeNano is the file's status-change time (see statKey).
func ctimeNano(st *syscall.Stat_t) int64 { return st.Ctimespec.Nano() }
