package index

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
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
