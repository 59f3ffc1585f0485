package unsymbol

import (
	"slices"
	"testing"
)

func TestSeriesBody(t *testing.T) {
	for sym, want := range map[string]string{
		"A/RES/78/265":           "General Assembly",
		"A/C.3/80/L.52":          "General Assembly", // a Main Committee is the Assembly
		"A/HRC/WG.6/34/ITA/3":    "Human Rights Council",
		"A/CN.4/L.999":           "International Law Commission",
		"A/CN.9/1100":            "United Nations Commission on International Trade Law",
		"S/2025/317":             "Security Council",
		"S/AC.26/2001/1":         "Security Council",
		"E/2018/41":              "Economic and Social Council",
		"E/ESCWA/30/3":           "Economic and Social Commission for Western Asia",
		"E/ECA/CM/50/1":          "Economic Commission for Africa",
		"ECE/TRANS/WP.29/2024/1": "Economic Commission for Europe",
		"E/ESCAP/80/1":           "Economic and Social Commission for Asia and the Pacific",
		"LC/G.2736":              "Economic Commission for Latin America and the Caribbean",
		"E/CN.6/2024/1":          "Commission on the Status of Women",
		"E/CN.16/2024/2":         "Commission on Science and Technology for Development",
		"E/C.12/GC/25":           "Committee on Economic, Social and Cultural Rights",
		"E/C.19/2024/1":          "Permanent Forum on Indigenous Issues",
		"CCPR/C/GC/36":           "Human Rights Committee",
		"CAT/C/GC/3":             "Committee against Torture",
		"CAT/OP/12/6":            "Subcommittee on Prevention of Torture",
		"CEDAW/C/GC/39":          "Committee on the Elimination of Discrimination against Women",
		"ST/SGB/2019/8":          "Secretariat",
		"T/1234":                 "Trusteeship Council",
		"td/b/71/1":              "United Nations Conference on Trade and Development",
		"E / ICEF / 2024 / 1":    "United Nations Children's Fund",
	} {
		b, ok := SeriesBody(sym)
		if !ok || b.Name != want {
			t.Errorf("SeriesBody(%q) = %q, %v; want %q", sym, b.Name, ok, want)
		}
	}
	for _, sym := range []string{"", "FCCC/CP/2023/L.1", "ISBA/29/C/1", "RES/78/265", "AB/12"} {
		if b, ok := SeriesBody(sym); ok {
			t.Errorf("SeriesBody(%q) = %q, want none", sym, b.Name)
		}
	}
}

func TestNameIn(t *testing.T) {
	for line, want := range map[string]string{
		"General Assembly":      "General Assembly",
		"GENERAL ASSEMBLY":      "General Assembly",
		"Assemblee generale":    "General Assembly", // accents lost in an old scan
		"Генеральная Ассамблея": "General Assembly",
		"大会":                                                 "General Assembly",
		"الجمعية العامة":                                     "General Assembly",
		"Consejo de Seguridad":                               "Security Council",
		"Conseil économique et social":                       "Economic and Social Council",
		"Совет по Опеке":                                     "Trusteeship Council",
		"Human Rights Council":                               "Human Rights Council",
		"Human Rights Committee":                             "Human Rights Committee",
		"Comité des droits de l’homme":                       "Human Rights Committee", // curly apostrophe
		"Conseil des droits de l'homme":                      "Human Rights Council",
		"Commission économique pour l’Afrique":               "Economic Commission for Africa",
		"Comisión Económica para América Latina y el Caribe": "Economic Commission for Latin America and the Caribbean",
		"CEPAL": "Economic Commission for Latin America and the Caribbean",
		"Экономическая и социальная комиссия для Азии и Тихого океана": "Economic and Social Commission for Asia and the Pacific",
		"Economic and Social Commission for Western Asia (ESCWA)":      "Economic and Social Commission for Western Asia",
		"西亚经济社会委员会":                                                                       "Economic and Social Commission for Western Asia",
		"اللجنة الاقتصادية لأفريقيا":                                                      "Economic Commission for Africa",
		"اللجنة الاقتصادية لافريقيا":                                                      "Economic Commission for Africa", // hamza not written
		"Comité contre la torture":                                                        "Committee against Torture",
		"Комитет по правам ребенка":                                                       "Committee on the Rights of the Child",
		"Committee on the Elimination of Racial Discrimination Hundred and tenth session": "Committee on the Elimination of Racial Discrimination",
		"Secretariat": "Secretariat",
	} {
		b, ok := NameIn(line)
		if !ok || b.Name != want {
			t.Errorf("NameIn(%q) = %q, %v; want %q", line, b.Name, ok, want)
		}
	}
	for _, line := range []string{
		"",
		"Resolution adopted by the General Assembly on 21 March 2024",
		"General Assembly resolution 78/265", // whole-line name with more after it
		"Human Rights Councils",              // a longer word
		"Human Rights Council: report of the Working Group on the Universal Periodic Review of Italy, submitted in accordance with paragraph 5",
		"United Nations",
		"الأمم المتحدة",
		"The Secretariat notes that",
		"ESCWA member States",
	} {
		if b, ok := NameIn(line); ok {
			t.Errorf("NameIn(%q) = %q, want none", line, b.Name)
		}
	}
}

func TestParts(t *testing.T) {
	for sym, want := range map[string][]string{
		"A/80/500-S/2025/656": {"A/80/500", "S/2025/656"},
		"A/79/1 - E/2024/2":   {"A/79/1", "E/2024/2"},
		"A/RES/78/265":        {"A/RES/78/265"},
		"A/HRC/WG.6/34/ITA-3": {"A/HRC/WG.6/34/ITA-3"},
		"S/RES/2803 (2025)":   {"S/RES/2803 (2025)"},
		"E/CN.6/2024/L.3-x/1": {"E/CN.6/2024/L.3-x/1"},
	} {
		if got := Parts(sym); !slices.Equal(got, want) {
			t.Errorf("Parts(%q) = %q, want %q", sym, got, want)
		}
	}
}

// Every body has a name in each of the six languages' scripts or a symbol
// series, and no two bodies share a series or a name.
func TestTableConsistent(t *testing.T) {
	seenSeries := map[string]string{}
	seenName := map[string]string{}
	for _, b := range Bodies {
		if len(b.Series) == 0 && len(b.Names) == 0 {
			t.Errorf("%s: neither series nor names", b.Name)
		}
		for _, s := range b.Series {
			if s[len(s)-1] != '/' {
				t.Errorf("%s: series %q does not end with /", b.Name, s)
			}
			if o, dup := seenSeries[s]; dup {
				t.Errorf("series %q of both %s and %s", s, o, b.Name)
			}
			seenSeries[s] = b.Name
		}
		for _, n := range b.Names {
			f := Fold(n)
			if o, dup := seenName[f]; dup && o != b.Name {
				t.Errorf("name %q of both %s and %s", n, o, b.Name)
			}
			seenName[f] = b.Name
		}
	}
}

func TestSeriesPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"E/ESCWA/C.1/19/4": "E/ESCWA/",
		"E/ESCWAIC.1/19/4": "E/",
		"e/escwa/30/3":     "E/ESCWA/",
		"XYZ/1":            "",
	} {
		if got := SeriesPrefix(in); got != want {
			t.Errorf("SeriesPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}
