package lang

import (
	"strings"
	"sync"
	"testing"
)

var (
	testOnce sync.Once
	testDet  *Detector
	testErr  error
)

func newTestDetector(t testing.TB) *Detector {
	testOnce.Do(func() { testDet, testErr = NewDetector(nil) })
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testDet
}

// Sentences written for these tests (not taken from any document).
var sentences = []struct{ lang, text string }{
	{"en", "The committee decided to postpone its consideration of the item until the next session."},
	{"en", "Member States are invited to submit their views on the draft guidelines before the end of May."},
	{"fr", "Le comité a décidé de reporter l’examen de cette question à sa prochaine session."},
	{"fr", "Les États Membres sont invités à faire part de leurs observations sur le projet avant la fin du mois de mai."},
	{"es", "El comité decidió aplazar el examen de este tema hasta su próximo período de sesiones."},
	{"es", "Se invita a los Estados Miembros a que presenten sus observaciones sobre el proyecto antes de fines de mayo."},
	{"pt", "O comitê decidiu adiar o exame deste tema até a sua próxima sessão ordinária."},
	{"pt", "Os Estados-Membros são convidados a apresentar as suas observações sobre o projeto até ao fim de maio."},
	{"de", "Der Ausschuss beschloss, die Prüfung dieses Punktes auf seine nächste Tagung zu verschieben."},
	{"de", "Die Mitgliedstaaten werden gebeten, ihre Stellungnahmen zum Entwurf bis Ende Mai einzureichen."},
	{"it", "Il comitato ha deciso di rinviare l’esame di questo punto alla sua prossima sessione."},
	{"it", "Gli Stati membri sono invitati a presentare le loro osservazioni sul progetto entro la fine di maggio."},
	{"ar", "قررت اللجنة تأجيل النظر في هذا البند إلى دورتها المقبلة."},
	{"ar", "تُدعى الدول الأعضاء إلى تقديم آرائها بشأن مشروع المبادئ التوجيهية قبل نهاية أيار/مايو."},
	{"ru", "Комитет постановил отложить рассмотрение этого пункта до своей следующей сессии."},
	{"ru", "Государствам-членам предлагается представить свои замечания по проекту до конца мая."},
	{"zh", "委员会决定将本项目的审议推迟到下一届会议。"},
	{"zh", "请会员国在五月底之前就准则草案提出意见。"},
}

func TestDetectSentences(t *testing.T) {
	d := newTestDetector(t)
	for _, s := range sentences {
		if got := d.Detect(s.text); got != s.lang {
			t.Errorf("Detect(%q) = %q, want %q", s.text, got, s.lang)
		}
		// a confident answer overrides a fallback in another language
		for _, fb := range []string{"en", "fr", "ar"} {
			if got := d.DetectOr(s.text, fb); got != s.lang {
				t.Errorf("DetectOr(%q, %q) = %q, want %q", s.text, fb, got, s.lang)
			}
		}
	}
}

func TestDetectEdgeCases(t *testing.T) {
	d := newTestDetector(t)
	tests := []struct {
		name, text, fallback, want string
	}{
		// no letters
		{"numbers only", "12.3 45/67 (2024) — 8 9", "", "und"},
		{"numbers only, with fallback", "1. 2. (3)", "fr", "fr"},
		{"empty", "", "", "und"},
		// short text: the fallback wins
		{"short Latin", "Article 5", "fr", "fr"},
		{"short Latin, other fallback", "Annexe II", "en", "en"},
		{"short title", "Resolution", "es", "es"},
		// a script that decides alone is enough even when short
		{"short Arabic in English text", "الجمعية العامة", "en", "ar"},
		{"short Chinese in French text", "联合国大会", "fr", "zh"},
		{"short Russian in English text", "Генеральная Ассамблея", "en", "ru"},
		// mixed text: the dominant language
		{"English quoting French", "The Special Rapporteur recalled the motto « liberté, égalité, fraternité » in his report to the Council on the rights of migrants.", "", "en"},
		{"French quoting an English title", "Le Secrétaire général a présenté son rapport intitulé « Our Common Agenda » aux États Membres lors de la séance plénière.", "", "fr"},
		{"Arabic with a Latin acronym", "أعربت منظمة الصحة العالمية (WHO) عن قلقها إزاء انتشار المرض في المنطقة.", "en", "ar"},
		{"Chinese with a Latin acronym", "联合国开发计划署（UNDP）发布了2024年人类发展报告。", "en", "zh"},
		{"Russian with a symbol", "Доклад Генерального секретаря (A/79/123) был рассмотрен на пленарном заседании.", "en", "ru"},
		// URLs and symbols are not words
		{"URL in Arabic text", "انظر https://www.un.org/en/documents/index.html", "ar", "ar"},
		{"symbol only", "A/RES/78/265 E/ESCWA/2017/EC.4/L.1", "fr", "fr"},
		// scripts without a candidate
		{"Japanese, not a candidate", "国連総会は本日、気候変動に関する決議を採択しました。", "en", "und"},
		{"Greek, not a candidate", "Η Γενική Συνέλευση ενέκρινε το ψήφισμα χωρίς ψηφοφορία.", "en", "und"},
		// lines of a document in its language that look foreign
		{"English line that looks French", "International protection, durable solutions and assistance", "en", "en"},
		{"English line that looks Italian", "to respond to a request for personal data;", "en", "en"},
		// names and acronyms have no language: the fallback stays
		{"names only", "Mr. Badr Ben Mohamed Almouzri Mr. Fadi Bou Ali", "en", "en"},
		{"organization names", "Associazione Astro Nascente; Assopace; Associazione Senza Confini;", "en", "en"},
		// a clearly foreign line in a document
		{"Italian line in an English document", "La Commissione ha approvato all’unanimità il testo della risoluzione sulla tutela dei minori.", "en", "it"},
		{"English paragraph in a French document", "The Commission adopted by consensus the text of the resolution on the protection of children and young people.", "fr", "en"},
	}
	for _, tc := range tests {
		var got string
		if tc.fallback == "" {
			got = d.Detect(tc.text)
		} else {
			got = d.DetectOr(tc.text, tc.fallback)
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q (%q)", tc.name, got, tc.want, tc.text)
		}
	}
}

func TestDetectLongMixedDocument(t *testing.T) {
	d := newTestDetector(t)
	// a long French document with an English annex a third of its size:
	// French dominates; sampling must not be fooled by where the annex is.
	var b strings.Builder
	for i := 0; i < 60; i++ {
		b.WriteString(sentences[2].text + " " + sentences[3].text + "\n")
	}
	for i := 0; i < 25; i++ {
		b.WriteString(sentences[0].text + " " + sentences[1].text + "\n")
	}
	if got := d.Detect(b.String()); got != "fr" {
		t.Errorf("long French document with English annex: got %q, want fr", got)
	}
}

func TestNewDetector(t *testing.T) {
	for _, bad := range [][]string{{"xx"}, {"en", "english"}, {"eng"}, {" ", ""}} {
		_, err := NewDetector(bad)
		if err == nil {
			t.Errorf("NewDetector(%q): no error", bad)
			continue
		}
		if bad[0] == "xx" && !strings.Contains(err.Error(), `"xx"`) {
			t.Errorf("NewDetector(%q): error %q does not name the code", bad, err)
		}
	}
	d, err := NewDetector([]string{"EN", " fr", "en", "ja", "ru", "uk"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Languages(), ","); got != "en,fr,ja,ru,uk" {
		t.Errorf("Languages() = %s", got)
	}
	tests := []struct{ text, want string }{
		{"国連総会は本日、気候変動に関する決議を採択しました。", "ja"},
		// no zh candidate: Han text is taken for Japanese
		{"联合国大会今天通过了关于气候变化的决议。", "ja"},
		{"Генеральна Асамблея ухвалила резолюцію щодо зміни клімату без голосування.", "uk"},
		{"Генеральная Ассамблея приняла резолюцию об изменении климата без голосования.", "ru"},
		// Arabic is not a candidate
		{"قررت اللجنة تأجيل النظر في هذا البند إلى دورتها المقبلة.", "und"},
		{"Le comité a décidé de reporter l’examen de cette question à sa prochaine session.", "fr"},
	}
	for _, tc := range tests {
		if got := d.Detect(tc.text); got != tc.want {
			t.Errorf("Detect(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	// one Latin candidate: no lingua model needed
	d, err = NewDetector([]string{"en", "ar"})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Detect(sentences[0].text); got != "en" {
		t.Errorf("en-only Latin: got %q", got)
	}
	if got := d.DetectOr("Annex", "ar"); got != "ar" {
		t.Errorf("short Latin with a single candidate: got %q, want the fallback", got)
	}
}

func TestDetectConcurrent(t *testing.T) {
	d := newTestDetector(t)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				s := sentences[(g+i)%len(sentences)]
				if got := d.Detect(s.text); got != s.lang {
					errs <- s.lang + "→" + got
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error("concurrent Detect:", e)
	}
}

func TestCountScripts(t *testing.T) {
	c := CountScripts("Abc دعم Мир 中文 かな 한 Ωμέγα https://example.org/abc")
	want := map[Script]int{Latin: 3, Arabic: 3, Cyrillic: 3, Han: 2, Kana: 2, Hangul: 1, Greek: 5}
	for s, n := range want {
		if c[s] != n {
			t.Errorf("%v: %d letters, want %d", s, c[s], n)
		}
	}
	if c.Letters() != 19 {
		t.Errorf("Letters() = %d, want 19", c.Letters())
	}
}

func TestPrefilter(t *testing.T) {
	p := newPrefilter([]string{"en", "fr", "es", "pt", "de", "it"})
	if p == nil {
		t.Fatal("no prefilter for the default Latin candidates")
	}
	if _, ok := p.words["de"]; ok {
		t.Error(`"de" (fr, es, pt) counted as distinctive`)
	}
	if p.group[p.words["the"]] != "en" {
		t.Error(`"the" not distinctive of English`)
	}
	tests := []struct {
		text, fallback string
		want           bool
	}{
		{"Millions of youth do not have access to education, employment or training.", "en", true},
		{"Requerir al Estado y a los representantes que coordinen las diligencias necesarias.", "es", true},
		{"La Commission a adopté les deux rapports et a salué le rôle du Comité.", "fr", true},
		// names, acronyms and hyphenated names are not function words
		{"Port-au-Prince, El Salvador, AU and AI", "fr", false},
		{"Associazione Astro Nascente; Assopace; Associazione Senza Confini", "en", false},
		// foreign words present: lingua must look
		{"Deutsche Gesellschaft für Internationale Zusammenarbeit. These efforts resulted in the first", "en", false},
		// too few
		{"Financial status", "en", false},
		// fallback not a candidate of the filter
		{"the committee and the council", "ar", false},
	}
	for _, tc := range tests {
		if got := p.accepts(tc.text, tc.fallback); got != tc.want {
			t.Errorf("accepts(%q, %s) = %v, want %v", tc.text, tc.fallback, got, tc.want)
		}
	}
	// a candidate without a word list disables the filter
	if newPrefilter([]string{"en", "nl"}) != nil {
		t.Error("prefilter built for a candidate without a list")
	}
	if got := p.best(strings.Repeat(sentences[2].text+" "+sentences[3].text+" ", 5), 12); got != "fr" {
		t.Errorf("best(French text) = %q", got)
	}
}

// DetectOr works on lingua's trigram models alone: the full models
// (~100 MB, the bulk of a build's live heap) are never loaded for it.
func TestDetectOrTrigramsOnly(t *testing.T) {
	d, err := NewDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sentences {
		for _, fb := range []string{"en", "fr", "es", "pt"} {
			d.DetectOr(s.text, fb)
		}
	}
	cases := []struct{ text, fallback, want string }{
		// short: the trigrams lean French on too few letters, the
		// document's language stands
		{"Public information programmes", "en", "en"},
		{"Protection of personal data", "en", "en"},
		// long enough, and plainly English: overrules a French document
		{"Implementation of the Doha Declaration and other resolutions adopted by the Commission at its twenty-ninth session", "fr", "en"},
		{"Technology for sustainable development in the Arab region: round tables", "fr", "en"},
	}
	for _, c := range cases {
		if got := d.DetectOr(c.text, c.fallback); got != c.want {
			t.Errorf("DetectOr(%q, %q) = %q, want %q", c.text, c.fallback, got, c.want)
		}
	}
	d.fullMu.Lock()
	n := len(d.full)
	d.fullMu.Unlock()
	if n != 0 {
		t.Errorf("DetectOr loaded %d pairs of full models, want none", n)
	}
}
