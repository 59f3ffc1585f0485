package extract

import (
	"slices"
	"testing"
)

// mastRows lays out masthead lines one under the other, 14 pt apart, from
// the top of a 792 pt page.
func mastRows(lines ...string) []row {
	rows := make([]row, len(lines))
	for i, t := range lines {
		rows[i] = row{page: 1, text: t, x0: 72, x1: 300, y: 60 + 14*float64(i), size: 10}
	}
	return rows
}

// The body comes from the UN symbol scheme and the names on the masthead,
// in the six languages, for bodies well beyond those of the corpus.
func TestPickBody(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		// a regional commission's own series wins over the Council it reports to
		{[]string{"E/ECA/CM/50/1", "Economic and Social Council", "Economic Commission for Africa"}, "Economic Commission for Africa"},
		{[]string{"LC/G.2736", "Comisión Económica para América Latina y el Caribe"}, "Economic Commission for Latin America and the Caribbean"},
		{[]string{"ECE/TRANS/WP.29/2024/1", "Европейская экономическая комиссия"}, "Economic Commission for Europe"},
		// treaty bodies
		{[]string{"CCPR/C/GC/36", "International Covenant on Civil and Political Rights", "Human Rights Committee"}, "Human Rights Committee"},
		{[]string{"CRC/C/GC/25", "Convention relative aux droits de l’enfant"}, "Committee on the Rights of the Child"},
		// the Secretariat
		{[]string{"ST/SGB/2019/8", "Secretariat"}, "Secretariat"},
		// a Main Committee document is the General Assembly's
		{[]string{"A/C.3/80/L.52", "General Assembly", "Third Committee"}, "General Assembly"},
		// joint symbols name both organs
		{[]string{"A/79/1-E/2024/2", "General Assembly", "Economic and Social Council"}, "General Assembly; Economic and Social Council"},
		{[]string{"A/80/500-S/2025/656", "General Assembly", "Security Council"}, "General Assembly; Security Council"},
		// no symbol: the name on the masthead, in any language
		{[]string{"Совет по Опеке", "Официальные отчеты"}, "Trusteeship Council"},
		{[]string{"اللجنة الاقتصادية والاجتماعية لغربي آسيا"}, "Economic and Social Commission for Western Asia"},
		{[]string{"人权理事会", "第五十八届会议"}, "Human Rights Council"},
		// a body named on the masthead refines a principal-organ symbol
		{[]string{"E/CN.6/2024/1", "Economic and Social Council", "Commission on the Status of Women"}, "Commission on the Status of Women"},
		{[]string{"E/2024/50", "Economic and Social Council", "Commission on Narcotic Drugs"}, "Commission on Narcotic Drugs"},
		// the organ of the symbol when nothing is named
		{[]string{"S/2025/317"}, "Security Council"},
		{[]string{"Letter dated 4 March 2022"}, ""},
	} {
		rows := mastRows(tc.lines...)
		sym, _ := pickSymbol(rows, 792)
		if got := pickBody(rows, 792, sym); got != tc.want {
			t.Errorf("%q: body %q, want %q", tc.lines, got, tc.want)
		}
	}
}

// Every symbol of the masthead is kept, the cited one first.
func TestPickSymbolAll(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  []string
	}{
		{[]string{"E/2018/41", "E/ESCWA/30/18/Report", "ECONOMIC AND SOCIAL COMMISSION"}, []string{"E/ESCWA/30/18/Report", "E/2018/41"}},
		{[]string{"CCPR/C/GC/36", "E/C.12/GC/25"}, []string{"CCPR/C/GC/36", "E/C.12/GC/25"}},
		{[]string{"A/80/500", "S/2025/656", "General Assembly"}, nil}, // one joint symbol
		{[]string{"CCPR/C/GC/36"}, nil},
		{[]string{"United Nations"}, nil},
	} {
		sym, all := pickSymbol(mastRows(tc.lines...), 792)
		if !slices.Equal(all, tc.want) || len(all) > 0 && sym != all[0] {
			t.Errorf("%q: symbol %q, all %q; want %q", tc.lines, sym, all, tc.want)
		}
	}
}
