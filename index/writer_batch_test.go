package index

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract"
)

// The writer commits its batch by weight as well as by count: a few
// long clauses fill a batch long before BatchOps operations.
func TestWriterBatchBytes(t *testing.T) {
	w, err := OpenWriter(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.BatchOps = 1 << 20
	w.BatchBytes = 10000
	long := strings.Repeat("the general assembly decides ", 100) // 2900 bytes
	doc := func(n int) *extract.Document {
		d := &extract.Document{Language: "en"}
		for i := 0; i < n; i++ {
			d.Clauses = append(d.Clauses, extract.Clause{ID: string(rune('a' + i)), Text: long, Language: "en"})
		}
		return d
	}
	if err := w.Put(doc(2), FileRecord{Path: "/x/a.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() == 0 || w.batchBytes < 2*len(long) {
		t.Fatalf("two clauses of %d bytes committed early (batch %d ops, %d bytes)", len(long), w.batch.Size(), w.batchBytes)
	}
	if err := w.Put(doc(2), FileRecord{Path: "/x/b.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() != 0 || w.batchBytes != 0 {
		t.Errorf("four clauses of %d bytes (budget %d) not committed: batch %d ops, %d bytes", len(long), w.BatchBytes, w.batch.Size(), w.batchBytes)
	}
	// by count, as before
	w.BatchOps, w.BatchBytes = 3, 1<<30
	if err := w.Put(doc(1), FileRecord{Path: "/x/c.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() == 0 {
		t.Errorf("a clause and a record (2 ops of 3) committed")
	}
	if err := w.Put(doc(1), FileRecord{Path: "/x/d.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() != 0 {
		t.Errorf("4 ops with BatchOps 3 not committed: %d", w.batch.Size())
	}
}
