//go:build !unix

package ocr

import "os/exec"

func setProcessGroup(cmd *exec.Cmd) {}
