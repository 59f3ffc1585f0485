package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Command is the tesseract executable looked up on PATH.
const Command = "tesseract"

// HowToInstall is the one line printed when OCR is wanted but missing.
const HowToInstall = "to read scanned pages, install Tesseract 5 (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-fra tesseract-ocr-rus tesseract-ocr-spa) and rebuild"

var (
	availOnce sync.Once
	availPath string
)

// Available reports whether tesseract is on PATH (looked up once).
func Available() bool {
	availOnce.Do(func() {
		availPath, _ = exec.LookPath(Command)
	})
	return availPath != ""
}

// ErrNotInstalled is returned when tesseract is not on PATH.
var ErrNotInstalled = errors.New("tesseract not found on PATH")

// run runs tesseract with args, the image on standard input, in its own
// process group killed with ctx, with one OpenMP thread (the build runs
// documents in parallel already). It returns standard output.
func run(ctx context.Context, img []byte, args ...string) ([]byte, error) {
	if !Available() {
		return nil, ErrNotInstalled
	}
	cmd := exec.CommandContext(ctx, availPath, append([]string{"stdin", "stdout"}, args...)...)
	cmd.Stdin = bytes.NewReader(img)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	setProcessGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return out.Bytes(), fmt.Errorf("tesseract: %v: %s", err, msg)
	}
	return out.Bytes(), nil
}

// DetectOSD runs orientation and script detection on an image.
func DetectOSD(ctx context.Context, img []byte, dpi int) (OSD, error) {
	args := []string{"--psm", "0"}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	out, err := run(ctx, img, args...)
	if err != nil {
		// tesseract exits non-zero when a page has too few characters
		if o, perr := ParseOSD(out); perr == nil {
			return o, nil
		}
		return OSD{}, err
	}
	return ParseOSD(out)
}

// Recognize reads an image with the language packs ("eng", "ara",
// "eng+fra") and returns its TSV. The page is segmented as one column of
// text of variable sizes (--psm 4): with automatic segmentation (--psm
// 3) Tesseract drops the paragraph numbers of hanging indents ("1."
// far left of its paragraph) as noise. Columns side by side are
// separated again by the engine's layout, from the word boxes.
func Recognize(ctx context.Context, img []byte, packs string, dpi int) ([]byte, error) {
	args := []string{"-l", packs, "--psm", "4"}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	return run(ctx, append([]byte(nil), img...), append(args, "tsv")...)
}
