package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/extract/isolate"
	"github.com/docindex/docindex/index"
)

// TestMain lets the test binary serve as its own extraction worker: the
// tests that call runBuild or runExtract in process start workers with
// os.Executable(), which is this binary.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		if os.Getenv("DOCINDEX_TEST_CRASH") == "1" {
			os.Exit(isolate.ServeWith(workerLanguages, crashOnDemand))
		}
		os.Exit(isolate.Serve(workerLanguages))
	}
	os.Exit(m.Run())
}

// crashOnDemand reads a file as extract.File does, a moment later (so that
// files are in flight together); a file named crash.pdf kills its worker.
func crashOnDemand(ctx context.Context, path string, opt extract.Options) (*extract.Document, error) {
	time.Sleep(300 * time.Millisecond)
	if filepath.Base(path) == "crash.pdf" {
		os.Exit(3)
	}
	return extract.File(ctx, path, opt)
}

// A build whose files are read three at a time by one worker process,
// one of which crashes it: only that file fails, with its reason; the
// others, in flight with it, are read again alone and indexed.
func TestBuildSharedWorkerCrash(t *testing.T) {
	t.Setenv("DOCINDEX_TEST_CRASH", "1")
	src := t.TempDir()
	pdfs, _ := filepath.Glob("../../testdata/pdf/*/*.pdf")
	if len(pdfs) < 4 {
		t.Fatalf("%d sample files", len(pdfs))
	}
	for _, f := range append(pdfs, pdfs[0]) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		if _, err := os.Stat(filepath.Join(src, name)); err == nil {
			name = "crash.pdf"
		}
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := filepath.Join(t.TempDir(), "ix")
	code, out := bsRun(t, runBuild, "--index", ix, "--quiet", "--json", "--workers", "3", "--processes", "1", src)
	var st index.BuildStats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("exit %d, summary: %v\n%s", code, err, out)
	}
	if code != 3 || st.Indexed != len(pdfs) || len(st.Failures) != 1 ||
		filepath.Base(st.Failures[0].Path) != "crash.pdf" || st.Failures[0].Err != "extractor crashed: exit status 3" {
		t.Errorf("exit %d, %d of %d good files indexed, failures %+v", code, st.Indexed, len(pdfs), st.Failures)
	}
}

func TestWorkerHiddenFromUsage(t *testing.T) {
	if commands[workerCommand] == nil || !commands[workerCommand].hidden {
		t.Fatal("no hidden worker command")
	}
}

func TestByteSizeFlag(t *testing.T) {
	for in, want := range map[string]int64{"1GiB": 1 << 30, "512MiB": 512 << 20, "2G": 2 << 30, "1048576": 1 << 20, "64 MB": 64 << 20} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("%q: %d, %v", in, b, err)
		}
	}
	for _, in := range []string{"", "-1", "lots", "1TiB"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	isolationFlags(fs)
	if f := fs.Lookup("max-memory"); f == nil || !strings.Contains(f.Usage, "memory cap") || f.DefValue != "1073741824" {
		t.Errorf("--max-memory flag %+v", f)
	}
}

// Workers never outlive their build: killed with it (SIGKILL: the
// kernel's parent-death signal) or stopped by it (SIGTERM).
func TestWorkersDieWithBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := relBinary(t, dir)
	src := filepath.Join(dir, "src")
	for k := 0; k < 30; k++ {
		if err := os.CopyFS(filepath.Join(src, strconv.Itoa(k)), os.DirFS(filepath.Join(relRepoRoot(t), "testdata", "pdf"))); err != nil {
			t.Fatal(err)
		}
	}
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGTERM} {
		cmd := exec.Command(bin, "build", "--quiet", "--workers", "2", "--processes", "2", "--index", filepath.Join(dir, "ix"+sig.String()), src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var workers []int
		deadline := time.Now().Add(20 * time.Second)
		for len(workers) < 2 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			workers = processTree(cmd.Process.Pid)[1:]
		}
		if len(workers) == 0 {
			t.Fatalf("%v: no worker process seen", sig)
		}
		cmd.Process.Signal(sig)
		cmd.Wait()
		for _, pid := range workers {
			gone := false
			for i := 0; i < 100 && !gone; i++ {
				b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
				gone = err != nil || bytes.Contains(b, []byte(") Z "))
				if !gone {
					time.Sleep(20 * time.Millisecond)
				}
			}
			if !gone {
				t.Errorf("%v: worker %d still running after its build", sig, pid)
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		t.Logf("%v: %d workers gone with their build", sig, len(workers))
	}
}
