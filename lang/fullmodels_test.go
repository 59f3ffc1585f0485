package lang

import (
	"math"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	lingua "github.com/pemistahl/lingua-go"
)

// withoutFullModels returns a detector of the default languages, its
// trigram models loaded, with no full models in memory.
func withoutFullModels(t *testing.T) *Detector {
	t.Helper()
	d, err := NewDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	d.Wait()
	fullModels.Lock()
	fullModels.evict(nil)
	fullModels.Unlock()
	return d
}

// residentFull lists the languages (ISO codes, sorted) that have models
// in lingua's caches of 4-grams and 5-grams.
func residentFull() [2][]string {
	var out [2][]string
	for i, m := range []*sync.Map{&linguaQuadrigrams, &linguaFivegrams} {
		m.Range(func(k, _ any) bool {
			out[i] = append(out[i], strings.ToLower(k.(lingua.Language).IsoCode639_1().String()))
			return true
		})
		sort.Strings(out[i])
	}
	return out
}

// Under LimitFullModels, whatever pairs of languages short doubtful texts
// need, lingua's full models of at most one pair are in memory, and dropping them changes no
// answer: the same text gets the same scores from reloaded models.
func TestFullModelsBounded(t *testing.T) {
	d := withoutFullModels(t)
	LimitFullModels()
	defer func() {
		fullModels.Lock()
		fullModels.onePair = false
		fullModels.Unlock()
	}()
	win := []string{"first cage third cage"} // a made-up short text
	first := d.fullVote(Latin, "en", "fr", win)
	for _, p := range [][2]string{{"en", "fr"}, {"es", "pt"}, {"pt", "it"}, {"en", "fr"}} {
		got := d.fullVote(Latin, p[0], p[1], win)
		want := []string{p[0], p[1]}
		sort.Strings(want)
		for i, codes := range residentFull() {
			if !reflect.DeepEqual(codes, want) {
				t.Errorf("after the pair %v: models of %d-grams held for %v, want %v", p, []int{4, 5}[i], codes, want)
			}
		}
		if p == [2]string{"en", "fr"} && !sameScores(got, first) {
			t.Errorf("en/fr scores %v after a reload, %v before", got, first)
		}
	}
	// votes at once: still one pair in the end
	var wg sync.WaitGroup
	for _, p := range [][2]string{{"en", "fr"}, {"es", "pt"}, {"en", "es"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.fullVote(Latin, p[0], p[1], win)
		}()
	}
	wg.Wait()
	for i, codes := range residentFull() {
		if len(codes) != 2 {
			t.Errorf("after concurrent votes: models of %d-grams held for %v, want one pair", []int{4, 5}[i], codes)
		}
	}
	// used since the last call: kept for the next document
	if d.ReleaseUnused() {
		t.Error("ReleaseUnused dropped models used since the last call")
	}
	if !d.ReleaseUnused() {
		t.Error("ReleaseUnused kept unused models")
	}
	for i, codes := range residentFull() {
		if len(codes) != 0 {
			t.Errorf("after ReleaseUnused: models of %d-grams held for %v", []int{4, 5}[i], codes)
		}
	}
	if d.ReleaseUnused() {
		t.Error("ReleaseUnused reported dropping with nothing held")
	}
	// several documents in flight: a vote since the oldest one began
	// keeps the models, none since drops them
	since := d.FullModelUses()
	d.fullVote(Latin, "en", "fr", win)
	if d.FullModelUses() != since+1 {
		t.Errorf("FullModelUses %d after one vote from %d", d.FullModelUses(), since)
	}
	if d.ReleaseUnusedSince(since) {
		t.Error("ReleaseUnusedSince dropped models used since")
	}
	if !d.ReleaseUnusedSince(d.FullModelUses()) {
		t.Error("ReleaseUnusedSince kept models unused since")
	}
	for i, codes := range residentFull() {
		if len(codes) != 0 {
			t.Errorf("after ReleaseUnusedSince: models of %d-grams held for %v", []int{4, 5}[i], codes)
		}
	}
}

// sameScores compares confidence values up to rounding (lingua sums them
// in map order).
func sameScores(a, b map[string]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || math.Abs(v-w) > 1e-9 {
			return false
		}
	}
	return true
}

// The hook of SetAfterModelLoad runs while and after a full-model vote
// that loads models (once after, and every loadTick while lingua loads
// them: a pair of full models takes more than a tick to load), and not
// for a vote whose models are already in memory.
func TestAfterModelLoad(t *testing.T) {
	d := withoutFullModels(t)
	var calls atomic.Int64
	SetAfterModelLoad(func() { calls.Add(1) })
	defer SetAfterModelLoad(nil)
	win := []string{"first cage third cage"}
	t0 := time.Now()
	d.fullVote(Latin, "en", "fr", win)
	took := time.Since(t0)
	n := calls.Load()
	if n < 1 {
		t.Fatalf("hook not run after a vote that loaded the en/fr full models")
	}
	if took > 3*loadTick && n < 2 {
		t.Errorf("hook run %d times while loading for %v (every %v wanted)", n, took, loadTick)
	}
	d.fullVote(Latin, "en", "fr", win)
	if m := calls.Load(); m != n {
		t.Errorf("hook run %d more times for a vote with its models in memory", m-n)
	}
	fullModels.Lock()
	fullModels.evict(nil)
	fullModels.Unlock()
}
