package lang

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	lingua "github.com/pemistahl/lingua-go"
)

// Und is the code for text whose language cannot be told (no letters, or a
// script none of the candidate languages is written in).
const Und = "und"

// DefaultLanguages are the candidates when none are given: the six
// official UN languages, then Portuguese, German and Italian, which turn up
// in UN collections and must be recognized rather than forced into the six.
var DefaultLanguages = []string{"ar", "en", "es", "fr", "ru", "zh", "pt", "de", "it"}

// Tuning. Letter counts are in Latin-letter equivalents (see weight).
const (
	// minLetters is the least number of letters on which a Latin (or other
	// shared-script) text is judged; shorter text gets the fallback.
	minLetters = 20
	// minScriptLetters is the least (weighted) number of letters for a
	// script that alone decides the language (Arabic, Cyrillic, Han...).
	minScriptLetters = 6
	// clearShare is the share of the dominant script above which text is
	// not mixed.
	clearShare = 0.6
	// fallbackShare: in mixed text, the fallback wins when its own script
	// still has at least this share.
	fallbackShare = 0.25
	// keepFallback: DetectOr keeps a fallback written in the same script
	// as the text unless lingua gives it less than this confidence.
	keepFallback = 0.15
	// minMargin is the least lead of the best language over the second
	// (confidence values in [0,1]) for lingua's answer to be trusted.
	minMargin = 0.2
	// sampleLetters bounds the letters given to lingua for one text: long
	// texts are sampled in sampleWindows windows spread over the text.
	// Windows stay under 120 letters: lingua then takes its high-accuracy
	// path (n-grams of 1 to 5 letters), which is also the fast one — from
	// 120 letters on it uses trigrams only and, as the probabilities
	// underflow, arbitrary-precision arithmetic (several ms per call).
	sampleLetters = 880
	sampleWindows = 8
	// docFunctionWords: Detect takes the language of a text that has at
	// least this many distinctive function words of it and almost none of
	// the others without asking lingua (see prefilter.go).
	docFunctionWords = 12
	// DetectOr judges smaller samples: it decides a page or a clause
	// against a known fallback, and runs once per clause.
	orLetters = 220
	orWindows = 2
	// quickSure is the lead of lingua's trigram answer over the runner-up
	// from which it stands without the full models (see identify).
	quickSure = 0.3
	// quickLetters: from this many letters on, a text is judged on
	// trigrams alone, as lingua itself does.
	quickLetters = 120
	// overrule, overruleLetters: a shorter text with a prior (DetectOr's
	// fallback) is given another language only when the trigrams lead by
	// overrule on at least overruleLetters letters.
	overrule        = 0.9
	overruleLetters = 60
)

// scriptOfCode gives the script of each language that lingua knows and
// that is not written in Latin script.
var scriptOfCode = map[string]Script{
	"ar": Arabic, "fa": Arabic, "ur": Arabic,
	"be": Cyrillic, "bg": Cyrillic, "kk": Cyrillic, "mk": Cyrillic, "mn": Cyrillic,
	"ru": Cyrillic, "sr": Cyrillic, "uk": Cyrillic,
	"zh": Han, "ja": Kana, "ko": Hangul,
	"el": Greek, "he": Hebrew, "hi": Devanagari, "mr": Devanagari,
	"hy": Armenian, "ka": Georgian, "bn": Bengali, "gu": Gujarati, "pa": Gurmukhi,
	"ta": Tamil, "te": Telugu, "th": Thai,
}

// Detector identifies the language of text among a fixed set of candidate
// languages. Build it once with NewDetector (loading lingua's models takes
// about a second) and share it: it is safe for concurrent use.
type Detector struct {
	codes  []string
	set    map[string]bool
	groups [numScripts][]string                   // candidate codes per script
	quick  [numScripts]lingua.LanguageDetector    // trigrams only, for scripts with ≥ 2 candidates
	langOf [numScripts]map[lingua.Language]string // lingua language → code
	codeOf map[string]lingua.Language             // code → lingua language

	// full holds high-accuracy detectors (n-grams of 1 to 5 letters) for
	// pairs of candidates, built on first use; lingua loads their models
	// lazily, language by language, so only the languages that a short
	// text actually hesitates between are ever loaded, and fullModels
	// keeps at most one pair of them in memory (see fullVote).
	fullMu sync.Mutex
	full   map[[2]string]lingua.LanguageDetector
	pre    [numScripts]*prefilter // function-word first look, where available
	ready  chan struct{}          // closed once models are loaded
}

// NewDetector builds a detector for the given ISO 639-1 codes (nil or
// empty: DefaultLanguages). Codes must be known to lingua-go; an unknown
// code is an error naming it. lingua's trigram models are loaded (in the
// background, see Wait) only for languages that share a script with
// another candidate (with the default set: en, es, fr, pt, de, it); its
// full models later, on demand (see identify).
func NewDetector(codes []string) (*Detector, error) {
	if len(codes) == 0 {
		codes = DefaultLanguages
	}
	d := &Detector{set: map[string]bool{}, codeOf: map[string]lingua.Language{}, full: map[[2]string]lingua.LanguageDetector{}}
	var linguaLangs [numScripts][]lingua.Language
	for _, c := range codes {
		code := strings.ToLower(strings.TrimSpace(c))
		if code == "" {
			continue
		}
		l := lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(code))
		if l == lingua.Unknown || len(code) != 2 {
			return nil, fmt.Errorf("unknown language code %q (want an ISO 639-1 code such as en, fr, ar)", c)
		}
		if d.set[code] {
			continue
		}
		d.set[code] = true
		d.codes = append(d.codes, code)
		d.codeOf[code] = l
		s, ok := scriptOfCode[code]
		if !ok {
			s = Latin
		}
		d.groups[s] = append(d.groups[s], code)
		linguaLangs[s] = append(linguaLangs[s], l)
	}
	if len(d.codes) == 0 {
		return nil, fmt.Errorf("no candidate languages given")
	}
	type load struct {
		s  Script
		ls []lingua.Language
	}
	var loads []load
	for s, ls := range linguaLangs {
		if len(ls) < 2 {
			continue
		}
		loads = append(loads, load{Script(s), ls})
		d.pre[s] = newPrefilter(d.groups[s])
		d.langOf[s] = map[lingua.Language]string{}
		for _, l := range ls {
			d.langOf[s][l] = strings.ToLower(l.IsoCode639_1().String())
		}
	}
	d.ready = make(chan struct{})
	if len(loads) == 0 {
		close(d.ready)
		return d, nil
	}
	// Load lingua's trigram models in the background (a tenth of a
	// second): scripts that decide alone, function words and the reading
	// of the first PDF do not wait for them; the first call that needs
	// lingua does. The trigram models are what lingua itself uses for
	// text of 120 letters or more; they are about 7 % of the size of its
	// full models (1- to 5-grams, ~100 MB for six Latin-script
	// languages), which are loaded only for the pairs of languages that
	// short, doubtful texts need (see identify). Kept small, the live
	// heap costs the garbage collector little on every cycle of a build.
	go func() {
		done := loading()
		for _, l := range loads {
			d.quick[l.s] = lingua.NewLanguageDetectorBuilder().
				FromLanguages(l.ls...).
				WithLowAccuracyMode().
				WithPreloadedLanguageModels().
				Build()
		}
		done()
		close(d.ready)
	}()
	return d, nil
}

// fullPair returns the high-accuracy detector for candidates a and b
// (same script), building it on first use. Its models load lazily inside
// lingua, on the first text it judges.
func (d *Detector) fullPair(a, b string) lingua.LanguageDetector {
	if b < a {
		a, b = b, a
	}
	k := [2]string{a, b}
	d.fullMu.Lock()
	defer d.fullMu.Unlock()
	m, ok := d.full[k]
	if !ok {
		m = lingua.NewLanguageDetectorBuilder().
			FromLanguages(d.codeOf[a], d.codeOf[b]).
			Build()
		d.full[k] = m
	}
	return m
}

// fullVote is vote with lingua's full models of candidates a and b.
// Under LimitFullModels they are the only full models in memory while it
// runs: such votes run one at a time (see fullModels); otherwise they run
// concurrently (a server judging several queries at once).
func (d *Detector) fullVote(s Script, a, b string, windows []string) map[string]float64 {
	m := d.fullPair(a, b)
	fullModels.Lock()
	done := func() {}
	if fullModels.admit(d.codeOf[a], d.codeOf[b]) {
		done = loading()
	}
	if !fullModels.onePair {
		fullModels.Unlock()
		defer done()
		return d.vote(s, m, windows)
	}
	defer fullModels.Unlock()
	defer done()
	return d.vote(s, m, windows)
}

// ReleaseUnused drops lingua's full models from memory unless a text
// needed them since the previous call, and reports whether it dropped
// any. A process that detects the languages of one document after
// another (an extraction worker) calls it after each: the ~40 MB of a
// pair, needed by a rare short doubtful text, are not kept for the rest
// of the run, while a run of documents that need them does not reload
// them for each. They are reloaded (about half a second of CPU per
// language) when a text needs them again.
func (d *Detector) ReleaseUnused() bool {
	fullModels.Lock()
	defer fullModels.Unlock()
	if fullModels.used {
		fullModels.used = false
		return false
	}
	return fullModels.evict(nil) > 0
}

// FullModelUses counts the texts judged with lingua's full models so far
// in this process (the models are shared by every Detector). With
// ReleaseUnusedSince, a process that reads several documents at once
// (an extraction worker) drops the models only when none of the
// documents in flight used them.
func (d *Detector) FullModelUses() uint64 { return fullModels.votes.Load() }

// ReleaseUnusedSince drops lingua's full models from memory unless a text
// needed them since FullModelUses returned uses, and reports whether it
// dropped any. Under LimitFullModels a full-model vote holds the lock
// that this takes: models are never dropped in the middle of a vote.
func (d *Detector) ReleaseUnusedSince(uses uint64) bool {
	fullModels.Lock()
	defer fullModels.Unlock()
	if fullModels.votes.Load() != uses {
		return false
	}
	fullModels.used = false
	return fullModels.evict(nil) > 0
}

// Wait blocks until lingua's trigram models are loaded (calls that need them wait
// by themselves; Wait is for measuring without the load).
func (d *Detector) Wait() { <-d.ready }

// Languages returns the candidate codes in the order given.
func (d *Detector) Languages() []string { return append([]string(nil), d.codes...) }

// Detect returns the ISO 639-1 code of the dominant language of text, or
// "und" when text has no letters or is written in a script none of the
// candidates uses. The dominant script decides where one candidate uses it;
// among candidates sharing a script, a text plainly in one of them by its
// function words (at least docFunctionWords) is settled at once, and
// otherwise lingua judges sampleWindows windows spread over the text, which
// vote. The cost is bounded whatever the length of text.
func (d *Detector) Detect(text string) string {
	return d.Decide(text).Lang
}

// DetectOr returns the language of text (a page, a clause, a line), or
// fallback (normally the document's language) when the text is too short,
// too mixed, only names, or too close between candidates to decide. In
// order:
//   - no letters: fallback;
//   - text plainly in the fallback by its function words (prefilter.go):
//     fallback, without lingua (most pages and clauses: this keeps
//     detection cheap);
//   - at least fallbackShare of the letters in the fallback's script while
//     another script dominates (a Chinese sentence quoting an English
//     error message): fallback;
//   - a script that decides alone (Arabic, Cyrillic, Han with the default
//     candidates): that language, from minScriptLetters letters on;
//   - Latin (or another shared script): fewer than minLetters letters or
//     no word in lower case (names, acronyms): fallback; otherwise lingua
//     on up to orLetters letters, where the fallback is a strong prior —
//     lingua must give it less than keepFallback, and its own choice a
//     lead of minMargin, to overrule it (lines of an English document that
//     look French or Italian are far more often English titles and names
//     than French); a text under quickLetters letters is judged on
//     trigrams only and overrules the fallback only with a lead of
//     overrule on overruleLetters letters (see identify).
func (d *Detector) DetectOr(text, fallback string) string {
	if fallback == "" {
		fallback = Und
	}
	c := CountScripts(text)
	if fallback != Und {
		// plainly in the fallback language by its function words?
		if dom, share := c.Dominant(); share >= clearShare && d.pre[dom] != nil && d.pre[dom].accepts(text, fallback) {
			return fallback
		}
	}
	r := d.decide(text, c, orLetters, orWindows, fallback)
	if r.Letters == 0 {
		return fallback
	}
	if fallback != Und {
		fs := d.scriptOf(fallback)
		if fs != r.Script && r.Shares[fs] >= fallbackShare {
			// a good part of the text is in the fallback's script
			return fallback
		}
		if v, ok := r.Scores[fallback]; ok && v >= keepFallback {
			return fallback
		}
	}
	if r.Confident {
		return r.Lang
	}
	return fallback
}

// Normalize returns text in storage form (see the package function).
func (d *Detector) Normalize(lang, text string) string { return Normalize(lang, text) }

func (d *Detector) scriptOf(code string) Script { return ScriptOfLanguage(code) }

// ScriptOfLanguage returns the script language code is written in (Han for
// Chinese and Japanese, Latin when not known otherwise).
func ScriptOfLanguage(code string) Script {
	if s, ok := scriptOfCode[code]; ok {
		if s == Kana {
			return Han
		}
		return s
	}
	return Latin
}

// Result is the full answer of Decide.
type Result struct {
	Lang      string  // best language, "und" when none
	Confident bool    // enough letters, one script dominating, clear lead
	Mixed     bool    // no script has a clear majority
	Script    Script  // dominant script (Han also for Japanese)
	Letters   int     // letters counted in known scripts
	Margin    float64 // lead of Lang over the runner-up (1 when the script decides)
	// Scores are lingua's confidence values (summing to 1) of the
	// candidates written in Script, when lingua was asked.
	Scores map[string]float64
	// Shares of each script in the letters (weighted, see Dominant; Kana
	// counted with Han).
	Shares [numScripts]float64
}

// Decide identifies the language of text and says how sure it is.
func (d *Detector) Decide(text string) Result {
	return d.decide(text, CountScripts(text), sampleLetters, sampleWindows, Und)
}

// decide is Decide with the script counts of text, and lingua given at
// most maxLetters letters in at most windows windows; prior is the
// language expected (DetectOr's fallback) or Und.
func (d *Detector) decide(text string, c ScriptCounts, maxLetters, windows int, prior string) Result {
	r := Result{Lang: Und, Letters: c.Letters()}
	if r.Letters == 0 {
		r.Confident = true
		return r
	}
	w, total := c.weighted()
	for s := range w {
		r.Shares[s] = w[s] / total
	}
	r.Shares[Han] += r.Shares[Kana]
	r.Shares[Kana] = 0
	dom, share := c.Dominant()
	r.Script = dom
	r.Mixed = share < clearShare
	r.Margin = 1
	var group []string
	if dom == Han {
		kana := float64(c[Kana]) / float64(c[Han]+c[Kana])
		switch {
		case kana >= 0.1 && d.set["ja"], !d.set["zh"] && d.set["ja"]:
			group = []string{"ja"}
		case kana < 0.1 && d.set["zh"]:
			group = []string{"zh"}
		}
	} else {
		group = d.groups[dom]
	}
	domLetters := share * total
	switch len(group) {
	case 0:
		// a script none of the candidates is written in
		r.Confident = !r.Mixed && domLetters >= minScriptLetters
		return r
	case 1:
		r.Lang = group[0]
		min := float64(minScriptLetters)
		if dom == Latin {
			min = minLetters
		}
		r.Confident = !r.Mixed && domLetters >= min
		return r
	}
	if maxLetters == sampleLetters && !r.Mixed && d.pre[dom] != nil {
		// a document plainly in one language by its function words
		if b := d.pre[dom].best(text, docFunctionWords); b != "" {
			r.Lang, r.Confident = b, true
			return r
		}
	}
	if maxLetters == orLetters && (c[dom] < minLetters || cased(dom) && lowerWords(text, dom, 2) < 2) {
		// DetectOr gives the fallback for such text whatever lingua says,
		// so it is not asked: too short, or only capitalized words —
		// names and acronyms ("Mr. Badr Ben Mohamed Almouzri", "ASGI;
		// Associazione Senza Confini"), which have no language
		r.Lang, r.Margin = group[0], 0
		return r
	}
	var n int
	r.Lang, r.Margin, r.Scores, n = d.identify(dom, text, c[dom], maxLetters, windows, prior)
	r.Confident = !r.Mixed && n >= minLetters && r.Margin >= minMargin
	return r
}

// identify runs lingua (restricted to the candidates written in script s)
// on the words of text written in s, sampling long texts in windows and
// letting the windows vote. It returns the best code, its lead over the
// second, the scores and the number of letters judged.
//
// lingua is asked in two stages. Its trigram models judge first; their
// answer stands when it is sure (a lead of quickSure) and, when a prior
// language is expected, when it is that language — or when the text is
// long enough (quickLetters) for trigrams to be what lingua itself would
// use. Otherwise lingua's full high-accuracy models (1- to 5-grams) decide
// between the two languages the trigrams hesitate between (the prior and
// the trigrams' choice, or their first two).
func (d *Detector) identify(s Script, text string, letters, maxLetters, nwin int, prior string) (string, float64, map[string]float64, int) {
	windows, n := sampleWords(text, s, letters, maxLetters, nwin)
	<-d.ready
	votes := d.vote(s, d.quick[s], windows)
	best, second := rank(d.groups[s], votes)
	lead := votes[best] - votes[second]
	switch {
	case n >= quickLetters:
		// long text: trigrams are lingua's own choice
	case prior != Und && d.inGroup(s, prior):
		// a short text in a document of a known language: the trigrams
		// may confirm the prior, or overrule it when they are all but
		// certain on enough letters; otherwise the prior stands
		if best != prior && (lead < overrule || n < overruleLetters) {
			v := map[string]float64{prior: 1}
			return prior, 0, v, n
		}
	case lead < quickSure:
		// a short text on its own, and the trigrams hesitate: lingua's
		// full models decide between the first two
		if votes[best] == 0 {
			break
		}
		votes = d.fullVote(s, best, second, windows)
		best, second = rank(d.groups[s], votes)
		lead = votes[best] - votes[second]
	}
	if votes[best] == 0 {
		// lingua could not tell: first candidate of the script, no confidence
		return best, 0, votes, n
	}
	return best, lead, votes, n
}

// vote runs model on each window and returns the candidates' confidence
// values, averaged over the windows weighted by their length.
func (d *Detector) vote(s Script, model lingua.LanguageDetector, windows []string) map[string]float64 {
	votes := make(map[string]float64, len(d.groups[s]))
	total := 0.0
	for _, win := range windows {
		vals := model.ComputeLanguageConfidenceValues(win)
		k := float64(utf8.RuneCountInString(win))
		for _, v := range vals {
			votes[d.langOf[s][v.Language()]] += v.Value() * k
		}
		total += k
	}
	if total > 0 {
		for c := range votes {
			votes[c] /= total
		}
	}
	return votes
}

// rank returns the two codes of group with the highest votes (first in
// group order on ties).
func rank(group []string, votes map[string]float64) (best, second string) {
	for _, code := range group {
		switch {
		case best == "" || votes[code] > votes[best]:
			best, second = code, best
		case second == "" || votes[code] > votes[second]:
			second = code
		}
	}
	return best, second
}

func (d *Detector) inGroup(s Script, code string) bool {
	for _, c := range d.groups[s] {
		if c == code {
			return true
		}
	}
	return false
}

// sampleWords returns the words of text written in script s, as one or
// more space-joined windows of at most maxLetters letters in all: the
// whole text when it is short enough, else nwin windows spread evenly over
// it. It also returns the number of letters taken.
func sampleWords(text string, s Script, letters, maxLetters, nwin int) ([]string, int) {
	if letters <= maxLetters {
		w, n := collectWords(text, s, maxLetters)
		return []string{w}, n
	}
	per := maxLetters / nwin
	step := len(text) / nwin
	out := make([]string, 0, nwin)
	total := 0
	for i := 0; i < nwin; i++ {
		start := i * step
		// start after the next space, to begin with a whole token
		if i > 0 {
			k := strings.IndexAny(text[start:], " \n")
			if k < 0 {
				break
			}
			start += k + 1
		}
		if w, n := collectWords(text[start:], s, per); n > 0 {
			out = append(out, w)
			total += n
		}
	}
	return out, total
}

// collectWords joins with spaces the maximal runs of letters of script s
// (and the combining marks inside them) found in the word tokens of text
// (junk tokens such as URLs and symbols skipped), up to max letters. It
// returns the words and the number of letters taken.
func collectWords(text string, s Script, max int) (string, int) {
	var b strings.Builder
	n := 0
	forTokens(text, func(tok string, junk bool) bool {
		if n >= max {
			return false
		}
		if junk {
			return true
		}
		inWord := false
		for _, r := range tok {
			if ScriptOf(r) == s || (inWord && unicode.Is(unicode.Mn, r)) {
				if !inWord && b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteRune(r)
				inWord = true
				n++
				continue
			}
			inWord = false
		}
		return true
	})
	return b.String(), n
}

// lowerWords counts the words of script s in text that start with a
// lower-case letter, up to max.
func lowerWords(text string, s Script, max int) int {
	n := 0
	start := true
	for _, r := range text {
		if !unicode.IsLetter(r) {
			start = r != '-' && r != '\'' && r != '’'
			continue
		}
		if start && ScriptOf(r) == s && unicode.IsLower(r) {
			if n++; n >= max {
				return n
			}
		}
		start = false
	}
	return n
}

// cased reports scripts with upper and lower case.
func cased(s Script) bool {
	return s == Latin || s == Cyrillic || s == Greek || s == Armenian
}
