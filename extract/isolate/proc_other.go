//go:build !linux

package isolate

import "syscall"

func procAttr() *syscall.SysProcAttr { return nil }

func killGroup(pid int) {}
