package isolate

import "testing"

// fakeLangs is a language detector that counts ReleaseUnused calls.
type fakeLangs struct {
	calls int
	drop  bool
}

func (f *fakeLangs) Detect(string) string           { return "en" }
func (f *fakeLangs) DetectOr(string, string) string { return "en" }
func (f *fakeLangs) Normalize(_, s string) string   { return s }
func (f *fakeLangs) ReleaseUnused() bool {
	f.calls++
	return f.drop
}

// After each document the worker lets a detector that can drop models do
// so; detectors that cannot, and none at all, are left alone.
func TestReleaseModels(t *testing.T) {
	for _, drop := range []bool{false, true} {
		f := &fakeLangs{drop: drop}
		releaseModels(f)
		releaseModels(f)
		if f.calls != 2 {
			t.Errorf("drop=%v: ReleaseUnused called %d times for 2 documents", drop, f.calls)
		}
	}
	releaseModels(nil)
}
