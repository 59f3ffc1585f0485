//go:build !unix

package hostile

import "errors"

func mkfifo(p string) error { return errors.New("no named pipes on this system") }
