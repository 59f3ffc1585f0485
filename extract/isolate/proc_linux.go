package isolate

import "syscall"

// procAttr puts a worker in its own process group (a Ctrl-C on the
// terminal reaches the parent, which stops its workers itself) and has
// the kernel kill it when the parent dies, even by SIGKILL.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the worker's process group (the worker and anything
// it started, such as an OCR command).
func killGroup(pid int) {
	syscall.Kill(-pid, syscall.SIGKILL)
}
