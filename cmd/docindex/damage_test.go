package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCLIDamagedIndex runs the binary on a real index of testdata,
// damaged in several ways: `search`, `serve`, `build` and `check` answer
// "index damaged (FILE): rebuild with docindex build --rebuild" with a
// non-zero status and no panic trace; `build --rebuild` replaces the
// index and `check` then says ok. It also checks that the CLI search
// refuses guarded queries with status 2.
func TestCLIDamagedIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	dir := t.TempDir()
	bin := relBinary(t, dir)
	src := filepath.Join(relRepoRoot(t), "testdata", "pdf")
	good := filepath.Join(dir, "good")
	run := func(args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, out.String()
	}
	if code, out := run("build", "--quiet", "--index", good, src); code != 0 {
		t.Fatalf("build: %d %s", code, out)
	}
	if code, out := run("check", "--index", good); code != 0 || !strings.Contains(out, "ok") {
		t.Fatalf("check of a good index: %d %s", code, out)
	}
	for _, q := range []string{"text_en:/.*/", "_id:*", "wid:*", "type:file", "a* b* c* d* e*"} {
		if code, out := run("search", "--index", good, q); code != 2 || !strings.Contains(out, "query refused") {
			t.Errorf("search %q: %d %s", q, code, out)
		}
	}
	segs, _ := filepath.Glob(filepath.Join(good, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment")
	}
	seg := filepath.Base(segs[0])
	damages := map[string]func(ix string){
		"flipped": func(ix string) {
			p := filepath.Join(ix, "store", seg)
			b, _ := os.ReadFile(p)
			for i := len(b) / 3; i < len(b)/3+16; i++ {
				b[i] ^= 0xff
			}
			os.WriteFile(p, b, 0o600)
		},
		"truncated": func(ix string) {
			fi, _ := os.Stat(filepath.Join(ix, "store", seg))
			os.Truncate(filepath.Join(ix, "store", seg), fi.Size()/3)
		},
		"emptied root.bolt": func(ix string) { os.Truncate(filepath.Join(ix, "store", "root.bolt"), 0) },
	}
	for name, damage := range damages {
		ix := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		if out, err := exec.Command("cp", "-r", good, ix).CombinedOutput(); err != nil {
			t.Fatalf("cp: %v %s", err, out)
		}
		damage(ix)
		for _, args := range [][]string{
			{"search", "--index", ix, "digitization"},
			{"build", "--quiet", "--index", ix, src},
			{"check", "--index", ix},
			{"serve", "--index", ix, "--addr", "127.0.0.1:0"},
		} {
			code, out := run(args...)
			if code == 0 || !strings.Contains(out, "index damaged ("+ix) || !strings.Contains(out, "): rebuild with docindex build --rebuild") {
				t.Errorf("%s: %s: status %d: %s", name, args[0], code, out)
			}
			if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic:") {
				t.Errorf("%s: %s: panic trace: %s", name, args[0], out)
			}
		}
		if code, out := run("build", "--rebuild", "--quiet", "--index", ix, src); code != 0 {
			t.Errorf("%s: build --rebuild: %d %s", name, code, out)
		}
		if code, out := run("check", "--index", ix); code != 0 {
			t.Errorf("%s: check after --rebuild: %d %s", name, code, out)
		}
		if code, out := run("search", "--index", ix, "digitization"); code != 0 || !strings.Contains(out, "A/RES/99/101") {
			t.Errorf("%s: search after --rebuild: %d %s", name, code, out)
		}
	}
}

// TestServeSIGTERM: serve exits within 5 s of SIGTERM.
func TestServeSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	dir := t.TempDir()
	bin := relBinary(t, dir)
	ix := filepath.Join(dir, "ix")
	if out, err := exec.Command(bin, "build", "--quiet", "--index", ix, filepath.Join(relRepoRoot(t), "testdata", "pdf")).CombinedOutput(); err != nil {
		t.Fatalf("build: %v %s", err, out)
	}
	addr := freeLoopbackAddr(t)
	cmd := exec.Command(bin, "serve", "--index", ix, "--addr", addr)
	var out bytes.Buffer
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("serve took %v to exit after SIGTERM", d)
		}
		if err != nil {
			t.Errorf("serve: %v\n%s", err, out.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve still running 15 s after SIGTERM\n%s", out.String())
	}
}
