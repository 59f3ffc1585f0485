package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/docindex/docindex/index"
)

// Reliability of the docindex binary (issue 7), tested on a real child
// process:
//
//   - crash safety: `docindex build` killed with SIGKILL at random points
//     leaves an index that opens and answers searches, whose file records
//     and clauses agree; an uninterrupted re-run then yields exactly the
//     clauses of a clean build (no duplicates, nothing stale or missing);
//   - SIGINT/SIGTERM: the build stops after the current batch, prints its
//     summary and says it was interrupted; the index is consistent;
//   - concurrency: a second process opening an index that a build holds
//     fails fast saying the index is in use by another process instead
//     of hanging;
//   - bad input through the CLI: each file's message names the file.
//
// The default run uses testdata (4 kills). The full run over
// ../shared/corpus with 20 kills:
//
//	DOCINDEX_KILLTEST=1 go test ./cmd/docindex -run TestCLIReliability/kill -v -timeout 20m
//
// DOCINDEX_KILLS overrides the number of kills, DOCINDEX_KILLSEED the
// random seed.

// relBatchOps is the commit batch of the builds under test (operations:
// clause documents and file records), small so that kills land between
// batches; set by relKillSources.
var relBatchOps = 10

// relBinary builds the docindex binary into dir.
func relBinary(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "docindex")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// relRepoRoot is the repository root (two levels up from cmd/docindex).
func relRepoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestCLIReliability(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it (seconds to minutes)")
	}
	dir := t.TempDir()
	bin := relBinary(t, dir)
	root := relRepoRoot(t)
	t.Run("kill", func(t *testing.T) { relKillTest(t, bin, root) })
	t.Run("signals", func(t *testing.T) { relSignalTest(t, bin, root) })
	t.Run("creation", func(t *testing.T) { relCreationTest(t, bin, root) })
	t.Run("locked", func(t *testing.T) { relLockTest(t, bin, root) })
	t.Run("extract-messages", func(t *testing.T) { relExtractMessages(t, bin, root) })
}

// relIndexState is what an index holds: file records and clause documents.
type relIndexState struct {
	records map[string]index.FileRecord
	clauses map[string][]int // path → seqs of its clause documents
	total   int              // clause documents
}

// inspectIndex opens the index read-only and lists its documents; it
// fails the test when records and clauses disagree.
func relInspectIndex(t *testing.T, path string) relIndexState {
	t.Helper()
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true, "bolt_timeout": "10s"})
	if err != nil {
		t.Fatalf("index %s does not open: %v", path, err)
	}
	defer bi.Close()
	st := relIndexState{records: map[string]index.FileRecord{}, clauses: map[string][]int{}}
	list := func(typ string, fields []string, fn func(id string, f map[string]interface{})) {
		q := query.NewTermQuery(typ)
		q.SetField("type")
		for from := 0; ; from += 1000 {
			req := bleve.NewSearchRequestOptions(q, 1000, from, false)
			req.Fields = fields
			req.SortBy([]string{"_id"})
			res, err := bi.Search(req)
			if err != nil {
				t.Fatalf("index %s: listing %s documents: %v", path, typ, err)
			}
			for _, h := range res.Hits {
				fn(h.ID, h.Fields)
			}
			if len(res.Hits) < 1000 {
				return
			}
		}
	}
	list("file", []string{"record"}, func(id string, f map[string]interface{}) {
		s, _ := f["record"].(string)
		var r index.FileRecord
		if err := json.Unmarshal([]byte(s), &r); err != nil {
			t.Errorf("record %q: %v", id, err)
			return
		}
		if _, dup := st.records[r.Path]; dup {
			t.Errorf("two records for %s", r.Path)
		}
		st.records[r.Path] = r
	})
	list("clause", nil, func(id string, _ map[string]interface{}) {
		parts := strings.Split(id, "\x00")
		if len(parts) != 3 || parts[0] != "c" {
			t.Errorf("clause document id %q", id)
			return
		}
		seq, err := strconv.Atoi(parts[2])
		if err != nil {
			t.Errorf("clause document id %q", id)
			return
		}
		st.clauses[parts[1]] = append(st.clauses[parts[1]], seq)
		st.total++
	})
	// Every clause belongs to a recorded file and every recorded file
	// has exactly its clauses 0..n-1.
	for p, seqs := range st.clauses {
		r, ok := st.records[p]
		if !ok {
			t.Errorf("%d clauses of %s without a file record (orphans)", len(seqs), p)
			continue
		}
		sort.Ints(seqs)
		for i, s := range seqs {
			if s != i || s >= r.Clauses {
				t.Errorf("%s: clause seqs %v, record says %d clauses (stale or missing clauses)", p, seqs, r.Clauses)
				break
			}
		}
	}
	for p, r := range st.records {
		if n := len(st.clauses[p]); n != r.Clauses {
			t.Errorf("%s: record says %d clauses, index holds %d", p, r.Clauses, n)
		}
	}
	return st
}

// searchWorks opens the index the way `docindex search` does and runs a
// query; with clauses in the index it must find something.
func relSearchWorks(t *testing.T, path string, st relIndexState) {
	t.Helper()
	ix, err := index.Open(path)
	if err != nil {
		t.Fatalf("index.Open(%s): %v", path, err)
	}
	defer ix.Close()
	// Every document recorded with clauses is found whole through its
	// symbol: the search path (filters, facets, stored fields) reads what
	// the writer committed, whichever files a kill left in. (A word query
	// would depend on which languages were done first.)
	want := map[string]int{}
	for _, r := range st.records {
		if r.Error == "" && r.Clauses > 0 && r.Symbol != "" {
			want[r.Symbol] += r.Clauses
		}
	}
	for sym, n := range want {
		res, err := ix.Search(context.Background(), index.SearchRequest{Symbol: sym, Limit: 5})
		if err != nil {
			t.Fatalf("search --symbol %s: %v", sym, err)
		}
		if res.Total != uint64(n) {
			t.Errorf("index with %d clauses: --symbol %s finds %d clauses, its files record %d", st.total, sym, res.Total, n)
		}
		if len(res.Hits) == 0 {
			t.Errorf("--symbol %s: no hits shown", sym)
		}
	}
	if st.total > 0 && len(want) == 0 {
		t.Errorf("index with %d clauses has no file recorded with a symbol", st.total)
	}
}

func relSummary(st relIndexState) map[string]int {
	m := map[string]int{}
	for p, r := range st.records {
		m[p] = r.Clauses
		if r.Error != "" {
			m[p] = -1
		}
	}
	return m
}

func relDiffSummaries(a, b map[string]int) []string {
	var out []string
	for p, n := range a {
		if m, ok := b[p]; !ok {
			out = append(out, fmt.Sprintf("%s: only in clean build (%d)", p, n))
		} else if m != n {
			out = append(out, fmt.Sprintf("%s: clean %d, after kills %d", p, n, m))
		}
	}
	for p, m := range b {
		if _, ok := a[p]; !ok {
			out = append(out, fmt.Sprintf("%s: only after kills (%d)", p, m))
		}
	}
	sort.Strings(out)
	return out
}

// buildCmd returns the command for `docindex build` of src into idx.
func relBuildCmd(bin, idx string, src []string) *exec.Cmd {
	// --ocr never: the scans of testdata/bad and odd/ are reported as
	// such (OCR is tested in extract)
	args := append([]string{"build", "--quiet", "--workers", "2", "--ocr", "never", "--index", idx}, src...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DOCINDEX_INDEX=", "DOCINDEX_BATCH_OPS="+strconv.Itoa(relBatchOps))
	return cmd
}

// runBuild runs a build to the end and returns its exit status and output.
func relRunBuild(t *testing.T, bin, idx string, src []string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	cmd := relBuildCmd(bin, idx, src)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("build: %v", err)
	}
	if code != 0 && code != 3 {
		t.Fatalf("build exit %d:\n%s", code, out.String())
	}
	return code, out.String()
}

// killSources returns the folders to build and the number of kills.
func relKillSources(t *testing.T, root string) ([]string, int) {
	kills := 4
	src := []string{filepath.Join(root, "testdata", "pdf"), filepath.Join(root, "testdata", "bad")}
	if os.Getenv("DOCINDEX_KILLTEST") != "" {
		kills = 20
		relBatchOps = 200
		corpus := filepath.Join(filepath.Dir(root), "shared", "corpus")
		if _, err := os.Stat(corpus); err == nil {
			src = []string{corpus}
		} else {
			t.Logf("%s absent: killing builds of testdata", corpus)
		}
	}
	if n, err := strconv.Atoi(os.Getenv("DOCINDEX_KILLS")); err == nil && n > 0 {
		kills = n
	}
	return src, kills
}

func relKillTest(t *testing.T, bin, root string) {
	src, kills := relKillSources(t, root)
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("DOCINDEX_KILLSEED"), 10, 64); err == nil {
		seed = s
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	t.Logf("sources %v, %d kills, seed %d", src, kills, seed)

	// The reference: a clean, uninterrupted build; it also measures the
	// start-up time (until the index directory appears: loading the
	// language models) and the indexing time after it.
	clean := filepath.Join(t.TempDir(), "clean.bleve")
	start := time.Now()
	cmd := relBuildCmd(bin, clean, src)
	var cleanOut bytes.Buffer
	cmd.Stdout = &cleanOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	startup := time.Duration(0)
	for startup == 0 {
		select {
		case <-exited:
			startup = time.Since(start)
			exited <- nil
		case <-time.After(5 * time.Millisecond):
			if _, err := os.Stat(clean); err == nil {
				startup = time.Since(start)
			}
		}
	}
	<-exited
	work := time.Since(start) - startup
	ref := relInspectIndex(t, clean)
	if ref.total == 0 {
		t.Fatalf("clean build has no clauses")
	}
	t.Logf("clean build: %d files, %d clauses; start-up %v, indexing %v", len(ref.records), ref.total, startup.Round(time.Millisecond), work.Round(time.Millisecond))
	// Pages without text are counted, those of failed image-only files too.
	noText, scans := 0, 0
	for _, r := range ref.records {
		noText += r.NoTextPages
		if strings.Contains(r.Error, "no text layer") {
			scans++
			if r.NoTextPages == 0 {
				t.Errorf("%s: %s, but no pages without text recorded", r.Path, r.Error)
			}
		}
	}
	if m := regexp.MustCompile(`\((\d+) without text\)`).FindStringSubmatch(cleanOut.String()); m == nil || m[1] != strconv.Itoa(noText) {
		t.Errorf("summary does not count the %d pages without text:\n%s", noText, cleanOut.String())
	}
	if scans == 0 {
		t.Errorf("no file failed with \"no text layer\" (testdata/bad has two)")
	}

	// Kill builds at random points; when a build completes before its
	// kill, check it and start over with a fresh index (so that kills
	// keep landing in all phases, index creation included).
	done, runs, finished := 0, 0, 0
	var idx string
	fresh := func() {
		runs++
		idx = filepath.Join(t.TempDir(), fmt.Sprintf("run%d.bleve", runs))
	}
	fresh()
	var killedStates []int
	for done < kills {
		// the kill point: start-up plus, one time in five, 0-30 ms (index
		// creation, first batch), otherwise uniform in 1.2 × the indexing
		// time (later batches, the final commit, or after the end)
		d := startup + time.Duration(rng.Int64N(int64(30*time.Millisecond)))
		if rng.IntN(5) > 0 {
			d = startup + time.Duration(rng.Int64N(int64(work)*6/5+1))
		}
		cmd := relBuildCmd(bin, idx, src)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case <-exited:
			// finished before the kill: a complete build
			finished++
			st := relInspectIndex(t, idx)
			relSearchWorks(t, idx, st)
			if diff := relDiffSummaries(relSummary(ref), relSummary(st)); len(diff) > 0 {
				t.Errorf("run %d completed after kills, differs from the clean build:\n%s", runs, strings.Join(diff, "\n"))
			}
			fresh()
			continue
		case <-time.After(d):
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		done++
		if _, err := os.Stat(idx); err != nil {
			t.Logf("kill %d at %v: no index yet", done, d.Round(time.Millisecond))
			continue
		}
		st := relInspectIndex(t, idx)
		relSearchWorks(t, idx, st)
		killedStates = append(killedStates, st.total)
		t.Logf("kill %d at %v: index opens, %d files recorded, %d clauses", done, d.Round(time.Millisecond), len(st.records), st.total)
		if t.Failed() {
			t.Fatalf("index inconsistent after kill %d (output so far:\n%s)", done, out.String())
		}
	}
	// Complete the last killed index with uninterrupted builds: the first
	// re-run completes it, a second one must find nothing to do.
	code, out := relRunBuild(t, bin, idx, src)
	st := relInspectIndex(t, idx)
	relSearchWorks(t, idx, st)
	if st.total != ref.total {
		t.Errorf("after %d kills and a re-run: %d clauses, clean build %d", kills, st.total, ref.total)
	}
	if diff := relDiffSummaries(relSummary(ref), relSummary(st)); len(diff) > 0 {
		t.Errorf("after kills and a re-run, differs from the clean build:\n%s", strings.Join(diff, "\n"))
	}
	_, out2 := relRunBuild(t, bin, idx, src)
	if !strings.Contains(out2, " 0 indexed,") {
		t.Errorf("second re-run re-indexed files:\n%s", out2)
	}
	st2 := relInspectIndex(t, idx)
	if st2.total != ref.total {
		t.Errorf("second re-run: %d clauses, want %d", st2.total, ref.total)
	}
	t.Logf("%d kills (%d builds finished before their kill, %d fresh indexes); clause counts after kills %v; final re-run exit %d: %d clauses, clean build %d",
		kills, finished, runs, killedStates, code, st.total, ref.total)
	if t.Failed() {
		t.Logf("re-run output:\n%s", out)
	}
}

// relSignalTest sends SIGTERM, then SIGINT, to builds in progress.
func relSignalTest(t *testing.T, bin, root string) {
	src, _ := relKillSources(t, root)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		idx := filepath.Join(t.TempDir(), "sig.bleve")
		var out, errOut bytes.Buffer
		cmd := relBuildCmd(bin, idx, src)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// wait until the index exists (start-up done), then signal
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := os.Stat(idx); err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
		cmd.Process.Signal(sig)
		sent := time.Now()
		var err error
		select {
		case err = <-exited:
		case <-time.After(2 * time.Minute):
			cmd.Process.Kill()
			t.Fatalf("%v: build did not stop within 2 minutes", sig)
		}
		stopTime := time.Since(sent)
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		st := relInspectIndex(t, idx)
		relSearchWorks(t, idx, st)
		t.Logf("%v: exit %d after %v; %d files, %d clauses; stderr %q", sig, code, stopTime.Round(time.Millisecond), len(st.records), st.total, strings.TrimSpace(errOut.String()))
		switch code {
		case 130:
			if !strings.Contains(errOut.String(), "interrupted; the index is consistent") {
				t.Errorf("%v: exit 130 without saying so: %q", sig, errOut.String())
			}
			if !strings.Contains(out.String(), "files: ") {
				t.Errorf("%v: no summary of what was done:\n%s", sig, out.String())
			}
		case 0, 1:
			t.Logf("%v: the build had finished before the signal", sig)
		default:
			t.Errorf("%v: exit %d\n%s%s", sig, code, out.String(), errOut.String())
		}
		// a re-run completes the index
		relRunBuild(t, bin, idx, src)
		relInspectIndex(t, idx)
	}
}

// relLockedRe is the message for an index held by another process.
var relLockedRe = regexp.MustCompile(`(in use|locked) by another (docindex )?process`)

// relLockTest: while one process writes an index, others fail fast and
// say the index is locked.
func relLockTest(t *testing.T, bin, root string) {
	idx := filepath.Join(t.TempDir(), "lock.bleve")
	relRunBuild(t, bin, idx, []string{filepath.Join(root, "testdata", "pdf", "en")})
	w, err := index.OpenWriter(idx) // holds the index as a build does
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"build", "--quiet", "--index", idx, filepath.Join(root, "testdata", "pdf", "fr")},
		{"search", "--index", idx, "general assembly"},
		{"serve", "--index", idx, "--addr", "127.0.0.1:0"},
	} {
		start := time.Now()
		cmd := exec.Command(bin, args...)
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		if err == nil {
			t.Errorf("%s on a locked index succeeded:\n%s", args[0], out)
			continue
		}
		if !relLockedRe.Match(out) {
			t.Errorf("%s on a locked index: %v, output %q: want %q", args[0], err, out, relLockedRe)
		}
		if took > 30*time.Second {
			t.Errorf("%s took %v to give up", args[0], took)
		}
		t.Logf("%s while a writer holds the index: %v after %v: %s", args[0], err, took.Round(time.Millisecond), strings.TrimSpace(string(out)))
	}
	w.Close()

	// serve holds the index open (shared): a build on the same path fails
	// fast instead of waiting, and serve keeps answering.
	addr := freeLoopbackAddr(t)
	srv := exec.Command(bin, "serve", "--index", idx, "--addr", addr)
	var srvOut bytes.Buffer
	srv.Stdout, srv.Stderr = &srvOut, &srvOut
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	url := "http://" + addr + "/search?q=general+assembly"
	var resp *http.Response
	for i := 0; i < 300; i++ {
		if resp, err = http.Get(url); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("serve does not answer: %v\n%s", err, srvOut.String())
	}
	resp.Body.Close()
	start := time.Now()
	cmd := exec.Command(bin, "build", "--quiet", "--index", idx, filepath.Join(root, "testdata", "pdf", "fr"))
	out, err := cmd.CombinedOutput()
	t.Logf("build while serve runs: %v after %v: %s", err, time.Since(start).Round(time.Millisecond), strings.TrimSpace(string(out)))
	if err == nil {
		t.Logf("build succeeded while serve had the index open")
	} else if !relLockedRe.Match(out) {
		t.Errorf("build while serve runs: %v, output %q: want %q", err, out, relLockedRe)
	}
	resp, err = http.Get(url)
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("serve stopped answering after the build attempt: %v", err)
	} else {
		resp.Body.Close()
	}
}

// relExtractMessages: `docindex extract` over the bad-input catalogue
// prints one line per bad file naming it, with its specific reason, and
// never crashes.
func relExtractMessages(t *testing.T, bin, root string) {
	bad := filepath.Join(root, "testdata", "bad")
	cmd := exec.Command(bin, "extract", "--pages", "--ocr", "never", bad)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("extract over testdata/bad: %v (want exit 1)\n%s", err, stderr.String())
	}
	want := map[string]string{
		"not_a_pdf.pdf":      "not a PDF file",
		"empty_file.pdf":     "empty file",
		"truncated.pdf":      "truncated PDF",
		"encrypted_user.pdf": "a user password is required",
		"zero_pages.pdf":     "has no pages",
		"empty_pages.pdf":    "all 3 pages are blank",
		"image_only.pdf":     "images only",
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	for name, msg := range want {
		found := false
		for _, l := range lines {
			if strings.Contains(l, filepath.Join(bad, name)+": ") && strings.Contains(l, msg) {
				found = true
				t.Logf("%s", l)
			}
		}
		if !found {
			t.Errorf("no line naming %s with %q in:\n%s", name, msg, stderr.String())
		}
	}
	for _, l := range lines {
		if strings.Contains(l, "panic") || strings.Contains(l, "runtime error") {
			t.Errorf("crash: %s", l)
		}
	}
	// the readable ones are printed
	for _, name := range []string{"broken_xref.pdf", "encrypted_owner.pdf", "encrypted_owner_aes128.pdf"} {
		for _, l := range lines {
			if strings.Contains(l, name) {
				t.Errorf("%s should be readable: %s", name, l)
			}
		}
	}
}

// relCreationTest: what a build killed while creating the index leaves
// behind (an empty directory, a half-made path.new) does not stop the next
// build.
func relCreationTest(t *testing.T, bin, root string) {
	src := []string{filepath.Join(root, "testdata", "pdf", "en")}
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.bleve")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if code, out := relRunBuild(t, bin, empty, src); code != 0 {
		t.Errorf("build into an empty directory: exit %d\n%s", code, out)
	}
	if st := relInspectIndex(t, empty); st.total == 0 {
		t.Errorf("build into an empty directory: no clauses")
	}
	half := filepath.Join(dir, "half.bleve")
	if err := os.MkdirAll(filepath.Join(half+".new", "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(half+".new", "index_meta.json"), []byte(`{"storage":"scorch"`), 0o644)
	if code, out := relRunBuild(t, bin, half, src); code != 0 {
		t.Errorf("build next to a half-made index: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(half + ".new"); err == nil {
		t.Errorf("%s.new left behind", half)
	}
	if st := relInspectIndex(t, half); st.total == 0 {
		t.Errorf("build next to a half-made index: no clauses")
	}
}

// freeLoopbackAddr returns a loopback address whose port was free a
// moment ago, for a `serve` started by a test.
func freeLoopbackAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
