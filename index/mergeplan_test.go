package index

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/docindex/docindex/extract"
)

// TestWriterMergePlan: the writer's merge options reach scorch's planner
// as scorch reads them (its defaults, then the given fields over them by
// JSON, then its validation), with FloorSegmentSize changed and nothing
// else; a writer opens with them.
func TestWriterMergePlan(t *testing.T) {
	got := mergeplan.DefaultMergePlanOptions
	b, err := json.Marshal(writerMergePlan())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if err := mergeplan.ValidateMergePlannerOptions(&got); err != nil {
		t.Fatal(err)
	}
	want := mergeplan.DefaultMergePlanOptions
	if got.FloorSegmentSize != int64(mergeFloor) || got.FloorSegmentSize == want.FloorSegmentSize {
		t.Fatalf("FloorSegmentSize %d, want %d (Bleve's default %d)", got.FloorSegmentSize, mergeFloor, want.FloorSegmentSize)
	}
	got.FloorSegmentSize = want.FloorSegmentSize
	if got.MaxSegmentsPerTier != want.MaxSegmentsPerTier || got.MaxSegmentSize != want.MaxSegmentSize ||
		got.TierGrowth != want.TierGrowth || got.SegmentsPerMergeTask != want.SegmentsPerMergeTask ||
		got.ReclaimDeletesWeight != want.ReclaimDeletesWeight || got.FloorSegmentFileSize != want.FloorSegmentFileSize {
		t.Fatalf("other options changed: %+v", got)
	}
	w, err := OpenWriter(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWriterConsolidates: a writer that committed many small batches
// (many segments, merged lazily under the writer's floor) leaves on
// close a layout that Bleve's default planner would not merge further,
// with every document searchable; the merged layout is the one on disk
// (reopened).
func TestWriterConsolidates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	w, err := OpenWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	w.BatchOps = 4
	const files = 150
	for i := range files {
		d := &extract.Document{Language: "en", Clauses: []extract.Clause{
			{ID: "para_1", Text: fmt.Sprintf("the general assembly decides on item %d", i), Language: "en"},
			{ID: "para_2", Text: "peace and security", Language: "en"},
		}}
		if err := w.Put(d, FileRecord{Path: fmt.Sprintf("/x/%03d.pdf", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	ix := open(t, path)
	segs, release, err := snapshotSegments(ix.shards[0])
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	ms := make([]mergeplan.Segment, len(segs))
	var docs uint64
	for i, s := range segs {
		ms[i] = s
		docs += s.Count()
	}
	if docs != 3*files {
		t.Fatalf("%d documents in %d segments, want %d", docs, len(segs), 3*files)
	}
	opts := mergeplan.DefaultMergePlanOptions
	plan, err := mergeplan.Plan(ms, &opts)
	if err != nil {
		t.Fatal(err)
	}
	if plan != nil && len(plan.Tasks) > 0 {
		t.Errorf("%d segments after close; Bleve's default planner would still merge %d groups", len(segs), len(plan.Tasks))
	}
	res := search(t, ix, SearchRequest{Query: "peace security", Limit: 1})
	if res.Total != files {
		t.Errorf("peace security: %d hits, want %d", res.Total, files)
	}
}

// keepSegments turns off the merge of small segments when writers close
// (consolidate) for the rest of the test, whose index must keep the
// segments of its batches.
func keepSegments(t *testing.T) {
	t.Helper()
	consolidateOnClose = false
	t.Cleanup(func() { consolidateOnClose = true })
}
