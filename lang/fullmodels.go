package lang

import (
	"sync"
	"sync/atomic"
	"time"
	_ "unsafe" // go:linkname to lingua's model caches

	lingua "github.com/pemistahl/lingua-go"
)

// lingua keeps every model it loads in package-level caches (one
// sync.Map per n-gram length, language → n-gram probabilities) for the
// life of the process and has no way to drop one. Its full models of one
// Latin-script language take ~18 MB of heap (~20 MB for German), 90 % of
// it in the 4- and 5-grams; a worker of a build whose short texts
// hesitated between four languages held ~75 MB of them to its end.
// fullModels drops the 4- and 5-grams through these caches: a dropped
// model is loaded again by lingua on its next use, so dropping changes
// no answer, only memory and the time of a reload (~0.3 to 0.5 CPU-s a
// language). The trigram models of the candidates are preloaded for
// every text (see NewDetector), and the small unigram and bigram models
// are also loaded by the trigram-only detectors (lingua looks up the
// lower orders of an unknown trigram): they are left alone.
//
// The names are those of lingua-go v1.4.0 (go.mod); a release that
// renames them fails to link, and TestFullModelsBounded checks that
// dropping empties them.

//go:linkname linguaQuadrigrams github.com/pemistahl/lingua-go.quadrigramModels
var linguaQuadrigrams sync.Map

//go:linkname linguaFivegrams github.com/pemistahl/lingua-go.fivegramModels
var linguaFivegrams sync.Map

// fullModels tracks the languages whose full models lingua holds (its
// caches are per process, so this is too). Under LimitFullModels,
// full-model votes run under its lock, one at a time, so that no other
// pair is loaded meanwhile.
var fullModels fullCache

type fullCache struct {
	sync.Mutex
	resident []lingua.Language // in the order first used
	used     bool              // a vote since the last ReleaseUnused
	onePair  bool              // LimitFullModels
	// votes counts the full-model votes of the process (see
	// Detector.FullModelUses); written under the lock, read without it.
	votes atomic.Uint64
}

// LimitFullModels makes this process keep lingua's full models of at most
// one pair of languages in memory (~40 MB at most, de and en), those of
// the text being judged: the others are dropped before it, and loaded
// again when a text needs them. For a process that must stay small (an
// extraction worker of a build, where few texts need them). Without it,
// the models of every pair used stay (up to ~100 MB for the six
// Latin-script default candidates), and a stream of short doubtful texts
// (search queries) does not pay for reloads.
func LimitFullModels() {
	fullModels.Lock()
	defer fullModels.Unlock()
	fullModels.onePair = true
}

// admit makes a and b the languages of the next full-model vote; under
// LimitFullModels the full models of the other resident languages are
// dropped first, so that only a and b are in memory. It reports whether
// the vote loads the full models of a or b. Called with fullModels
// locked.
func (f *fullCache) admit(a, b lingua.Language) (loads bool) {
	keep := []lingua.Language{a, b}
	if f.onePair {
		f.evict(keep)
	}
	for _, l := range keep {
		if !containsLanguage(f.resident, l) {
			f.resident = append(f.resident, l)
			loads = true
		}
	}
	f.used = true
	f.votes.Add(1)
	return loads
}

// evict drops the full models of the resident languages not in keep and
// returns how many languages it dropped. Called with fullModels locked.
func (f *fullCache) evict(keep []lingua.Language) int {
	n := 0
	kept := f.resident[:0]
	for _, l := range f.resident {
		if containsLanguage(keep, l) {
			kept = append(kept, l)
			continue
		}
		linguaQuadrigrams.Delete(l)
		linguaFivegrams.Delete(l)
		n++
	}
	f.resident = kept
	return n
}

// afterLoad, when set (SetAfterModelLoad), is called while and after
// lingua loads models.
var afterLoad atomic.Pointer[func()]

// loadTick is how often afterLoad runs while lingua loads models.
const loadTick = 20 * time.Millisecond

// SetAfterModelLoad makes f run while lingua reads models from the
// executable into memory (every loadTick) and once after: while the
// trigram models load at start, and while a full-model vote loads a
// language's full models. An extraction worker gives back the pages of
// the executable that held them (read once, a few MB a model), so that
// they do not add up while the models' heap grows.
func SetAfterModelLoad(f func()) { afterLoad.Store(&f) }

// loading runs the afterLoad hook every loadTick until the returned
// function is called, which runs it once more.
func loading() (done func()) {
	p := afterLoad.Load()
	if p == nil || *p == nil {
		return func() {}
	}
	f := *p
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(loadTick)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				f()
			}
		}
	}()
	return func() {
		close(stop)
		<-stopped
		f()
	}
}

func containsLanguage(ls []lingua.Language, l lingua.Language) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}
