package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/hostile"
	"github.com/docindex/docindex/index"
)

// TestHostileFolderBuild builds, with the real binary, a folder of 70+
// hostile PDFs (every class of issue #11 and of the engine's limits,
// written by extract/hostile) beside the project's good sample files:
// every good file must be indexed, every hostile one listed under
// failed: with its reason (damaged ones may be read with a warning, and
// are then listed under warnings:), within a time bound far below any
// hang. It reports the peak RSS of the whole build: the sum of the
// resident sets of the parent and its worker processes, sampled every
// 20 ms from /proc (peak-RSS-MB), and the sum of each process's own
// peak, VmHWM (an upper bound: the peaks need not coincide).
func TestHostileFolderBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it over 70+ hostile files")
	}
	dir := t.TempDir()
	bin := relBinary(t, dir)
	good := map[string][]byte{}
	src := filepath.Join(relRepoRoot(t), "testdata", "pdf")
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			good[filepath.Base(p)] = b
		}
		return nil
	})
	corpus := filepath.Join(dir, "corpus")
	expects, closer, err := hostile.Corpus(corpus, good)
	defer closer()
	if err != nil {
		t.Fatal(err)
	}
	nHostile := 0
	for _, e := range expects {
		if !e.Good() {
			nHostile++
		}
	}
	if nHostile < 70 || len(good) == 0 {
		t.Fatalf("%d hostile files, %d good", nHostile, len(good))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "build", "--json", "--quiet", "--index", filepath.Join(dir, "ix"), corpus)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var peakSum int64
	hwm := map[int]int64{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			sum := int64(0)
			for _, pid := range processTree(cmd.Process.Pid) {
				rss, peak := procMemory(pid)
				sum += rss
				hwm[pid] = max(hwm[pid], peak)
			}
			peakSum = max(peakSum, sum)
		}
	}()
	err = cmd.Wait()
	wall := time.Since(start)
	close(stop)
	wg.Wait()
	if ctx.Err() != nil {
		t.Fatalf("build did not finish in 10 minutes (hang)\n%s", stderr.String())
	}
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 3) {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	var st index.BuildStats
	if err := json.Unmarshal(stdout.Bytes(), &st); err != nil {
		t.Fatalf("summary: %v\n%s", err, stdout.String())
	}
	failed := map[string]string{}
	for _, f := range st.Failures {
		rel, _ := filepath.Rel(corpus, f.Path)
		failed[rel] = f.Err
		if len([]rune(f.Err)) > 201 || strings.ContainsAny(f.Err, "\n\r\x00") {
			t.Errorf("%s: reason not one short printable line: %q", rel, f.Err)
		}
	}
	warned := map[string]bool{}
	for _, w := range st.Warnings {
		rel, _ := filepath.Rel(corpus, w.Path)
		warned[rel] = true
	}
	indexed := 0
	for _, e := range expects {
		reason, isFailed := failed[e.Name]
		switch {
		case e.Good():
			if isFailed {
				t.Errorf("good file %s failed: %s", e.Name, reason)
			}
			indexed++
		case e.Repair:
			if !isFailed && !warned[e.Name] {
				t.Errorf("damaged file %s read in silence (neither failed nor warned)", e.Name)
			}
		case !isFailed:
			t.Errorf("hostile file %s not listed under failed:", e.Name)
		case !strings.Contains(reason, e.Reason):
			t.Errorf("%s: reason %q, want %q", e.Name, reason, e.Reason)
		}
	}
	var hwmSum int64
	for pid, v := range hwm {
		hwmSum += v
		t.Logf("process %d: VmHWM %d MB", pid, v>>20)
	}
	t.Logf("%d hostile + %d good files: %d indexed, %d failed, %d with warnings, %d listed; %.1f s; %d processes; peak RSS of the whole build %d MB (sum of VmHWM %d MB)",
		nHostile, len(good), st.Indexed, st.Failed, st.Warned, len(st.Failures), wall.Seconds(), len(hwm), peakSum>>20, hwmSum>>20)
	if st.Indexed < indexed {
		t.Errorf("%d indexed, want at least the %d good files", st.Indexed, indexed)
	}
	if peakSum > 1536<<20 {
		t.Errorf("peak RSS %d MB > 1.5 GB", peakSum>>20)
	}
}

// processTree returns pid and its descendants (from /proc/*/stat).
func processTree(root int) []int {
	ents, _ := os.ReadDir("/proc")
	parent := map[int]int{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) > 1 {
			parent[pid], _ = strconv.Atoi(f[1])
		}
	}
	out := []int{root}
	for i := 0; i < len(out); i++ {
		for pid, pp := range parent {
			if pp == out[i] {
				out = append(out, pid)
			}
		}
	}
	return out
}

// procMemory returns VmRSS and VmHWM of pid in bytes.
func procMemory(pid int) (rss, hwm int64) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = n << 10
		case "VmHWM:":
			hwm = n << 10
		}
	}
	return rss, hwm
}
