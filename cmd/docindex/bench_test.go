package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkBuildVsRecoll runs the real `docindex build` command and
// `recollindex` (Debian recollcmd; stemming en fr es ru ar) side by side
// over ../shared/corpus, alternating them in each iteration so that both
// see the same machine, each from an empty index. It reports both wall
// times, their ratio (docindex / recollindex: ≤ 1 is the target of issue
// #5), the CPU seconds of each (user + system, children included) and the
// peak RSS of docindex build. Model loading and process start are
// included, as a user sees them; OCR is off (--ocr never): recollindex
// does not OCR the scans of odd/ either.
//
//	go test ./cmd/docindex -run '^$' -bench BuildVsRecoll -benchtime 3x
//
// BenchmarkBuildRSS10x builds a corpus of ten copies of ../shared/corpus
// and reports the peak RSS of docindex build at 1× and 10× (the issue asks
// for ≤ 400 MB and flat as the corpus grows).
func BenchmarkBuildVsRecoll(b *testing.B) {
	corpus := benchCorpus(b)
	if _, err := exec.LookPath("recollindex"); err != nil {
		b.Skip("recollindex not installed (apt-get install recollcmd)")
	}
	bin := relBinary(b, b.TempDir())
	var dWall, rWall, dCPU, rCPU time.Duration
	var rss int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tmp := b.TempDir()
		w, c, m := runMeasured(b, exec.Command(bin, "build", "--quiet", "--ocr", "never", "--index", filepath.Join(tmp, "ix"), corpus), true)
		dWall += w
		dCPU += c
		rss = max(rss, m)

		conf := filepath.Join(tmp, "recoll")
		if err := os.MkdirAll(conf, 0o755); err != nil {
			b.Fatal(err)
		}
		cfg := fmt.Sprintf("topdirs = %s\nindexstemminglanguages = english french spanish russian arabic\nloglevel = 1\n", corpus)
		if err := os.WriteFile(filepath.Join(conf, "recoll.conf"), []byte(cfg), 0o644); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command("recollindex", "-c", conf, "-z")
		cmd.Env = append(os.Environ(), "HOME="+conf)
		w, c, _ = runMeasured(b, cmd, false)
		rWall += w
		rCPU += c
	}
	n := float64(b.N)
	b.ReportMetric(dWall.Seconds()/n, "docindex-s")
	b.ReportMetric(rWall.Seconds()/n, "recollindex-s")
	b.ReportMetric(dWall.Seconds()/rWall.Seconds(), "ratio")
	b.ReportMetric(dCPU.Seconds()/n, "docindex-cpu-s")
	b.ReportMetric(rCPU.Seconds()/n, "recollindex-cpu-s")
	b.ReportMetric(float64(rss)/(1<<20), "docindex-RSS-MB")
}

func BenchmarkBuildRSS10x(b *testing.B) {
	corpus := benchCorpus(b)
	bin := relBinary(b, b.TempDir())
	big := filepath.Join(b.TempDir(), "corpus10")
	for k := 0; k < 10; k++ {
		if err := copyPDFs(corpus, filepath.Join(big, fmt.Sprintf("copy%02d", k))); err != nil {
			b.Fatal(err)
		}
	}
	var rss1, rss10 int64
	var wall1, wall10 time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tmp := b.TempDir()
		w, _, m := runMeasured(b, exec.Command(bin, "build", "--quiet", "--ocr", "never", "--index", filepath.Join(tmp, "ix1"), corpus), true)
		rss1, wall1 = max(rss1, m), wall1+w
		w, _, m = runMeasured(b, exec.Command(bin, "build", "--quiet", "--ocr", "never", "--index", filepath.Join(tmp, "ix10"), big), true)
		rss10, wall10 = max(rss10, m), wall10+w
	}
	b.ReportMetric(float64(rss1)/(1<<20), "RSS-1x-MB")
	b.ReportMetric(float64(rss10)/(1<<20), "RSS-10x-MB")
	b.ReportMetric(wall1.Seconds()/float64(b.N), "wall-1x-s")
	b.ReportMetric(wall10.Seconds()/float64(b.N), "wall-10x-s")
}

// benchCorpus returns ../shared/corpus (beside the repository) or skips.
func benchCorpus(b *testing.B) string {
	root, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	corpus := filepath.Join(filepath.Dir(root), "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		b.Skip("../shared/corpus not found")
	}
	return corpus
}

// runMeasured runs cmd and returns its wall time, CPU time (user +
// system) and peak RSS in bytes. A docindex build exits 1 when some files
// failed (the corpus has broken files on purpose); other exit codes are
// errors.
func runMeasured(b *testing.B, cmd *exec.Cmd, docindex bool) (time.Duration, time.Duration, int64) {
	b.Helper()
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok || !docindex || ee.ExitCode() != 3 {
			b.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out.String())
		}
	}
	ps := cmd.ProcessState
	var rss int64
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return wall, ps.UserTime() + ps.SystemTime(), rss
}

// copyPDFs copies the PDF files under src into dst, keeping their
// relative paths.
func copyPDFs(src, dst string) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil || !fi.Mode().IsRegular() || !strings.HasSuffix(strings.ToLower(p), ".pdf") {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, in); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}
