package isolate

import "testing"

// fakeLangs is a language detector whose full models are "used" by the
// documents that call use, and counts the releases that dropped them.
type fakeLangs struct {
	uses    uint64
	held    bool
	dropped int
}

func (f *fakeLangs) Detect(string) string           { return "en" }
func (f *fakeLangs) DetectOr(string, string) string { return "en" }
func (f *fakeLangs) Normalize(_, s string) string   { return s }
func (f *fakeLangs) FullModelUses() uint64          { return f.uses }
func (f *fakeLangs) use()                           { f.uses++; f.held = true }
func (f *fakeLangs) ReleaseUnusedSince(n uint64) bool {
	if f.uses != n || !f.held {
		return false
	}
	f.held = false
	f.dropped++
	return true
}

// After each document the worker lets a detector that can drop models do
// so unless a document in flight used them since the oldest one began;
// detectors that cannot, and none at all, are left alone.
func TestReleaseModels(t *testing.T) {
	f := &fakeLangs{}
	rl := newReleaser(f)
	// one document at a time: one that used the models keeps them for
	// the next, one that did not drops them
	rl.begin(1)
	f.use()
	rl.end(1)
	if f.dropped != 0 {
		t.Error("dropped by the document that used them")
	}
	rl.begin(2)
	rl.end(2)
	if f.dropped != 1 {
		t.Error("kept after a document that did not use them")
	}
	// two at once: document 3 uses them, 4 ends without: kept while 3 is
	// in flight, dropped after the next that does not use them
	rl.begin(3)
	rl.begin(4)
	f.use()
	rl.end(4)
	if f.dropped != 1 {
		t.Error("dropped while a document in flight used them")
	}
	rl.begin(5)
	rl.end(3)
	if f.dropped != 1 {
		t.Error("dropped by the document that used them")
	}
	rl.end(5)
	if f.dropped != 2 {
		t.Error("kept after the documents that used them were done")
	}
	newReleaser(nil).begin(1)
	newReleaser(nil).end(1)
}
