package index

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestUnchangedByStat(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	prev := FileRecord{Size: 100, ModTime: t0, Stat: "1:2:3", Indexed: t0.Add(time.Hour)}
	if !unchangedByStat(prev, prev) {
		t.Fatal("the same record: want unchanged")
	}
	for _, c := range []struct {
		name string
		edit func(prev, now *FileRecord)
	}{
		{"size", func(_, now *FileRecord) { now.Size++ }},
		{"mtime", func(_, now *FileRecord) { now.ModTime = now.ModTime.Add(time.Nanosecond) }},
		{"inode or ctime", func(_, now *FileRecord) { now.Stat = "1:2:4" }},
		{"no stat recorded (an older index)", func(prev, now *FileRecord) { prev.Stat, now.Stat = "", "" }},
		{"no stat readable here", func(prev, _ *FileRecord) { prev.Stat = "" }},
		{"read within the racy window", func(prev, _ *FileRecord) { prev.Indexed = t0.Add(racyWindow) }},
		{"read before its modification time (clocks apart)", func(prev, _ *FileRecord) { prev.Indexed = t0.Add(-time.Minute) }},
		{"no reading time", func(prev, _ *FileRecord) { prev.Indexed = time.Time{} }},
	} {
		p, n := prev, prev
		c.edit(&p, &n)
		if unchangedByStat(p, n) {
			t.Errorf("%s: unchanged without reading, want compared by content", c.name)
		}
	}
	p := prev
	p.Indexed = t0.Add(racyWindow + time.Nanosecond)
	if !unchangedByStat(p, p) {
		t.Error("read just after the racy window: want unchanged")
	}
}

// TestBuildReadsOnlyWhatChanged: an unchanged file is not read again
// (Hashed 0, nothing extracted); a touched one is read, found the same
// and its record refreshed so that the next build does not read it; a
// file rewritten with the same size and its modification time set back
// is re-indexed (its ctime moved); a file read within the racy window
// of its modification is compared by content; --checksum reads every
// file. For one index and for a sharded one (Refresh goes to the
// file's shard).
func TestBuildReadsOnlyWhatChanged(t *testing.T) {
	if fi, err := os.Stat("filestat_test.go"); err != nil || statKey(fi) == "" {
		t.Skipf("no inode and status-change time on %s", runtime.GOOS)
	}
	for _, shards := range []int{1, 3} {
		t.Run(fmt.Sprintf("shards=%d", shards), func(t *testing.T) {
			dir := corpusFixture(t)
			src := filepath.Join(dir, "src")
			ixPath := filepath.Join(dir, "ix")
			var files []string
			filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
				if err == nil && fi.Mode().IsRegular() {
					files = append(files, p)
				}
				return err
			})
			past := time.Now().Add(-time.Hour)
			for _, f := range files {
				if err := os.Chtimes(f, past, past); err != nil {
					t.Fatal(err)
				}
			}
			run := func(step string, opt BuildOptions, hashed, unchanged, indexed int) {
				t.Helper()
				resetExtractCalls()
				opt.Shards = shards
				st := buildWith(t, ixPath, opt, src)
				if st.Hashed != hashed || st.Unchanged != unchanged || st.Indexed != indexed || st.Failed != 0 {
					t.Fatalf("%s: hashed %d unchanged %d indexed %d failed %d, want %d %d %d 0", step, st.Hashed, st.Unchanged, st.Indexed, st.Failed, hashed, unchanged, indexed)
				}
				if n := extractCallCount(); n != indexed {
					t.Fatalf("%s: %d files extracted, want %d", step, n, indexed)
				}
			}
			n := len(files)
			run("first build", BuildOptions{}, n, 0, n)
			run("unchanged", BuildOptions{}, 0, n, 0)

			// touched: read once, then trusted again
			en := filepath.Join(src, "en", "UN_Charter_en.pdf")
			if err := os.Chtimes(en, past.Add(time.Minute), past.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			run("touched", BuildOptions{}, 1, n, 0)
			run("after touched", BuildOptions{}, 0, n, 0)
			ix := open(t, ixPath)
			recs, err := ix.Files()
			ix.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				if r.Path == en && (r.Clauses != 2 || r.Language != "en" || r.Pages != 2 || r.SHA256 == "" || !r.ModTime.Equal(past.Add(time.Minute).UTC().Truncate(0))) {
					t.Errorf("refreshed record: %+v", r)
				}
			}

			// same size, new content, modification time set back
			data, err := os.ReadFile(en)
			if err != nil {
				t.Fatal(err)
			}
			changed := bytes.Replace(data, []byte("Purposes"), []byte("Porposes"), 1)
			if bytes.Equal(changed, data) || len(changed) != len(data) {
				t.Fatal("fixture: no 'Purposes' to change")
			}
			fi, _ := os.Stat(en)
			if err := os.WriteFile(en, changed, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(en, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
			run("rewritten, mtime set back", BuildOptions{}, 1, n-1, 1)
			ix = open(t, ixPath)
			if res := search(t, ix, SearchRequest{Query: "Porposes"}); res.Total != 1 {
				t.Errorf("new text not indexed: %d hits", res.Total)
			}
			ix.Close()
			run("after rewritten", BuildOptions{}, 0, n, 0)

			// modified now: its next reading is within the racy window
			if err := os.WriteFile(en, data, 0o644); err != nil {
				t.Fatal(err)
			}
			run("modified now", BuildOptions{}, 1, n-1, 1)
			run("again within the racy window", BuildOptions{}, 1, n, 0)

			run("--checksum", BuildOptions{Checksum: true}, n, n, 0)
			verify(t, ixPath)
		})
	}
}
