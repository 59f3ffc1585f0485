// Package unsymbol knows the United Nations document symbol scheme and the
// names of UN bodies in the six official languages: which body issues a
// symbol series ("E/ESCWA/…" is the Economic and Social Commission for
// Western Asia, "CCPR/…" the Human Rights Committee, "ST/…" the
// Secretariat), and whether a masthead line names a body ("Commission
// économique pour l'Afrique", "Совет Безопасности", "联合国贸易和发展会议").
//
// It knows nothing of PDFs or layout: it takes strings. The table is the
// UN's own scheme (ST/LIB/SER.B/5/Rev.5, "United Nations Document Series
// Symbols"): principal organs by the first component, then the series of
// the subsidiary bodies, regional commissions, treaty bodies and
// programmes that issue documents under their own symbol. Main Committees
// of the General Assembly (A/C.1 … A/C.6) and committees of the Security
// Council are organs of their parent and are reported as the parent.
package unsymbol

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Body is one UN body.
type Body struct {
	// Name is the body's English name, the value docindex stores.
	Name string
	// Principal is set for the principal organs (General Assembly,
	// Security Council, Economic and Social Council, Trusteeship Council,
	// International Court of Justice, Secretariat).
	Principal bool
	// Series are the symbol prefixes the body issues documents under,
	// each ending with "/" ("A/HRC/", "LC/").
	Series []string
	// Names are the body's names in the six languages (and the short
	// forms printed on mastheads). A name starting with "=" names the body
	// only when it is a whole line: acronyms and short names that also
	// occur in running text ("General Assembly", "ESCWA").
	Names []string
}

// Bodies is the table of known bodies, principal organs first.
var Bodies = []Body{
	{Name: "General Assembly", Principal: true, Series: []string{"A/"}, Names: []string{
		"=General Assembly", "=Assemblée générale", "=Asamblea General", "=Генеральная Ассамблея", "=大会", "=الجمعية العامة"}},
	{Name: "Security Council", Principal: true, Series: []string{"S/"}, Names: []string{
		"=Security Council", "=Conseil de sécurité", "=Consejo de Seguridad", "=Совет Безопасности", "=安全理事会", "=安理会", "=مجلس الأمن"}},
	{Name: "Economic and Social Council", Principal: true, Series: []string{"E/"}, Names: []string{
		"=Economic and Social Council", "=Conseil économique et social", "=Consejo Económico y Social", "=Экономический и Социальный Совет", "=经济及社会理事会", "=经社理事会", "=المجلس الاقتصادي والاجتماعي"}},
	{Name: "Trusteeship Council", Principal: true, Series: []string{"T/"}, Names: []string{
		"=Trusteeship Council", "=Conseil de tutelle", "=Consejo de Administración Fiduciaria", "=Совет по Опеке", "=托管理事会", "=مجلس الوصاية"}},
	{Name: "International Court of Justice", Principal: true, Names: []string{
		"=International Court of Justice", "=Cour internationale de Justice", "=Corte Internacional de Justicia", "=Международный Суд", "=国际法院", "=محكمة العدل الدولية"}},
	{Name: "Secretariat", Principal: true, Series: []string{"ST/"}, Names: []string{
		"=Secretariat", "=Secrétariat", "=Secretaría", "=Секретариат", "=秘书处", "=الأمانة العامة"}},

	// Subsidiary organs of the General Assembly with series of their own.
	{Name: "Human Rights Council", Series: []string{"A/HRC/"}, Names: []string{
		"Human Rights Council", "Conseil des droits de l'homme", "Consejo de Derechos Humanos", "Совет по правам человека", "人权理事会", "مجلس حقوق الإنسان"}},
	{Name: "International Law Commission", Series: []string{"A/CN.4/"}, Names: []string{
		"International Law Commission", "Commission du droit international", "Comisión de Derecho Internacional", "Комиссия международного права", "国际法委员会", "لجنة القانون الدولي"}},
	{Name: "United Nations Commission on International Trade Law", Series: []string{"A/CN.9/"}, Names: []string{
		"United Nations Commission on International Trade Law", "Commission des Nations Unies pour le droit commercial international", "Comisión de las Naciones Unidas para el Derecho Mercantil Internacional", "Комиссия Организации Объединенных Наций по праву международной торговли", "联合国国际贸易法委员会", "لجنة الأمم المتحدة للقانون التجاري الدولي", "=UNCITRAL"}},
	{Name: "Disarmament Commission", Series: []string{"A/CN.10/"}, Names: []string{
		"Disarmament Commission", "Commission du désarmement", "Comisión de Desarme", "Комиссия по разоружению", "裁军审议委员会", "هيئة نزع السلاح"}},
	{Name: "Committee on the Peaceful Uses of Outer Space", Series: []string{"A/AC.105/"}, Names: []string{
		"Committee on the Peaceful Uses of Outer Space", "Comité des utilisations pacifiques de l'espace extra-atmosphérique", "Comisión sobre la Utilización del Espacio Ultraterrestre con Fines Pacíficos", "Комитет по использованию космического пространства в мирных целях", "和平利用外层空间委员会", "لجنة استخدام الفضاء الخارجي في الأغراض السلمية"}},
	{Name: "Executive Committee of the High Commissioner's Programme", Series: []string{"A/AC.96/"}, Names: []string{
		"Executive Committee of the High Commissioner's Programme", "Comité exécutif du Programme du Haut-Commissaire", "Comité Ejecutivo del Programa del Alto Comisionado", "Исполнительный комитет Программы Верховного комиссара", "高级专员方案执行委员会", "اللجنة التنفيذية لبرنامج المفوض السامي"}},
	{Name: "Peacebuilding Commission", Series: []string{"PBC/"}, Names: []string{
		"Peacebuilding Commission", "Commission de consolidation de la paix", "Comisión de Consolidación de la Paz", "Комиссия по миростроительству", "建设和平委员会", "لجنة بناء السلام"}},
	{Name: "Conference on Disarmament", Series: []string{"CD/"}, Names: []string{
		"Conference on Disarmament", "Conférence du désarmement", "Conferencia de Desarme", "Конференция по разоружению", "裁军谈判会议", "مؤتمر نزع السلاح"}},
	{Name: "United Nations Conference on Trade and Development", Series: []string{"TD/", "UNCTAD/"}, Names: []string{
		"United Nations Conference on Trade and Development", "Conférence des Nations Unies sur le commerce et le développement", "Conferencia de las Naciones Unidas sobre Comercio y Desarrollo", "Конференция Организации Объединенных Наций по торговле и развитию", "联合国贸易和发展会议", "مؤتمر الأمم المتحدة للتجارة والتنمية", "=UNCTAD"}},
	{Name: "United Nations Environment Programme", Series: []string{"UNEP/"}, Names: []string{
		"United Nations Environment Programme", "United Nations Environment Assembly", "Programme des Nations Unies pour l'environnement", "Programa de las Naciones Unidas para el Medio Ambiente", "Программа Организации Объединенных Наций по окружающей среде", "联合国环境规划署", "برنامج الأمم المتحدة للبيئة", "=UNEP"}},
	{Name: "Executive Board of UNDP, UNFPA and UNOPS", Series: []string{"DP/"}, Names: []string{
		"Executive Board of the United Nations Development Programme", "Conseil d'administration du Programme des Nations Unies pour le développement", "Junta Ejecutiva del Programa de las Naciones Unidas para el Desarrollo", "Исполнительный совет Программы развития Организации Объединенных Наций", "联合国开发计划署执行局", "المجلس التنفيذي لبرنامج الأمم المتحدة الإنمائي"}},
	{Name: "Executive Board of UN-Women", Series: []string{"UNW/"}, Names: []string{
		"Executive Board of the United Nations Entity for Gender Equality and the Empowerment of Women"}},
	{Name: "United Nations Children's Fund", Series: []string{"E/ICEF/"}, Names: []string{
		"United Nations Children's Fund", "Fonds des Nations Unies pour l'enfance", "Fondo de las Naciones Unidas para la Infancia", "Детский фонд Организации Объединенных Наций", "联合国儿童基金会", "منظمة الأمم المتحدة للطفولة", "=UNICEF"}},

	// The five regional commissions of the Economic and Social Council.
	{Name: "Economic Commission for Africa", Series: []string{"E/ECA/", "ECA/"}, Names: []string{
		"Economic Commission for Africa", "Commission économique pour l'Afrique", "Comisión Económica para África", "Экономическая комиссия для Африки", "非洲经济委员会", "اللجنة الاقتصادية لأفريقيا", "=ECA", "=CEA"}},
	{Name: "Economic Commission for Europe", Series: []string{"E/ECE/", "ECE/"}, Names: []string{
		"Economic Commission for Europe", "Commission économique pour l'Europe", "Comisión Económica para Europa", "Европейская экономическая комиссия", "欧洲经济委员会", "اللجنة الاقتصادية لأوروبا", "=ECE", "=CEE", "=ЕЭК"}},
	{Name: "Economic and Social Commission for Asia and the Pacific", Series: []string{"E/ESCAP/", "ESCAP/"}, Names: []string{
		"Economic and Social Commission for Asia and the Pacific", "Commission économique et sociale pour l'Asie et le Pacifique", "Comisión Económica y Social para Asia y el Pacífico", "Экономическая и социальная комиссия для Азии и Тихого океана", "亚洲及太平洋经济社会委员会", "اللجنة الاقتصادية والاجتماعية لآسيا والمحيط الهادئ", "=ESCAP", "=CESAP", "=ЭСКАТО", "=亚太经社会"}},
	{Name: "Economic Commission for Latin America and the Caribbean", Series: []string{"LC/", "E/CEPAL/", "E/CN.12/"}, Names: []string{
		"Economic Commission for Latin America and the Caribbean", "Commission économique pour l'Amérique latine et les Caraïbes", "Comisión Económica para América Latina y el Caribe", "Экономическая комиссия для Латинской Америки и Карибского бассейна", "拉丁美洲和加勒比经济委员会", "اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي", "=ECLAC", "=CEPAL", "=ЭКЛАК", "=拉加经委会"}},
	{Name: "Economic and Social Commission for Western Asia", Series: []string{"E/ESCWA/", "ESCWA/"}, Names: []string{
		"Economic and Social Commission for Western Asia", "Commission économique et sociale pour l'Asie occidentale", "Comisión Económica y Social para Asia Occidental", "Экономическая и социальная комиссия для Западной Азии", "西亚经济社会委员会", "اللجنة الاقتصادية والاجتماعية لغربي آسيا", "الإسكوا", "=ESCWA", "=CESAO", "=CESPAO", "=ЭСКЗА", "=西亚经社会"}},

	// Functional commissions and other subsidiary bodies of the Economic
	// and Social Council.
	{Name: "Statistical Commission", Series: []string{"E/CN.3/"}, Names: []string{
		"Statistical Commission", "Commission de statistique", "Comisión de Estadística", "Статистическая комиссия", "统计委员会", "اللجنة الإحصائية"}},
	{Name: "Commission for Social Development", Series: []string{"E/CN.5/"}, Names: []string{
		"Commission for Social Development", "Commission du développement social", "Comisión de Desarrollo Social", "Комиссия социального развития", "社会发展委员会", "لجنة التنمية الاجتماعية"}},
	{Name: "Commission on the Status of Women", Series: []string{"E/CN.6/"}, Names: []string{
		"Commission on the Status of Women", "Commission de la condition de la femme", "Comisión de la Condición Jurídica y Social de la Mujer", "Комиссия по положению женщин", "妇女地位委员会", "لجنة وضع المرأة"}},
	{Name: "Commission on Narcotic Drugs", Series: []string{"E/CN.7/"}, Names: []string{
		"Commission on Narcotic Drugs", "Commission des stupéfiants", "Comisión de Estupefacientes", "Комиссия по наркотическим средствам", "麻醉药品委员会", "لجنة المخدرات"}},
	{Name: "Commission on Population and Development", Series: []string{"E/CN.9/"}, Names: []string{
		"Commission on Population and Development", "Commission de la population et du développement", "Comisión de Población y Desarrollo", "Комиссия по народонаселению и развитию", "人口与发展委员会", "لجنة السكان والتنمية"}},
	{Name: "Commission on Crime Prevention and Criminal Justice", Series: []string{"E/CN.15/"}, Names: []string{
		"Commission on Crime Prevention and Criminal Justice", "Commission pour la prévention du crime et la justice pénale", "Comisión de Prevención del Delito y Justicia Penal", "Комиссия по предупреждению преступности и уголовному правосудию", "预防犯罪和刑事司法委员会", "لجنة منع الجريمة والعدالة الجنائية"}},
	{Name: "Commission on Science and Technology for Development", Series: []string{"E/CN.16/"}, Names: []string{
		"Commission on Science and Technology for Development", "Commission de la science et de la technique au service du développement", "Comisión de Ciencia y Tecnología para el Desarrollo", "Комиссия по науке и технике в целях развития", "科学和技术促进发展委员会", "لجنة تسخير العلم والتكنولوجيا لأغراض التنمية"}},
	{Name: "United Nations Forum on Forests", Series: []string{"E/CN.18/"}, Names: []string{
		"United Nations Forum on Forests", "Forum des Nations Unies sur les forêts", "Foro de las Naciones Unidas sobre los Bosques", "Форум Организации Объединенных Наций по лесам", "联合国森林论坛", "منتدى الأمم المتحدة المعني بالغابات"}},
	{Name: "Permanent Forum on Indigenous Issues", Series: []string{"E/C.19/"}, Names: []string{
		"Permanent Forum on Indigenous Issues", "Instance permanente sur les questions autochtones", "Foro Permanente para las Cuestiones Indígenas", "Постоянный форум по вопросам коренных народов", "土著问题常设论坛", "المنتدى الدائم المعني بقضايا الشعوب الأصلية"}},
	{Name: "Committee for Programme and Coordination", Series: []string{"E/AC.51/"}, Names: []string{
		"Committee for Programme and Coordination", "Comité du programme et de la coordination", "Comité del Programa y de la Coordinación", "Комитет по программе и координации", "方案和协调委员会", "لجنة البرنامج والتنسيق"}},

	// Treaty bodies.
	{Name: "Human Rights Committee", Series: []string{"CCPR/"}, Names: []string{
		"Human Rights Committee", "Comité des droits de l'homme", "Comité de Derechos Humanos", "Комитет по правам человека", "人权事务委员会", "اللجنة المعنية بحقوق الإنسان"}},
	{Name: "Committee on Economic, Social and Cultural Rights", Series: []string{"E/C.12/"}, Names: []string{
		"Committee on Economic, Social and Cultural Rights", "Comité des droits économiques, sociaux et culturels", "Comité de Derechos Económicos, Sociales y Culturales", "Комитет по экономическим, социальным и культурным правам", "经济、社会及文化权利委员会", "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية"}},
	{Name: "Committee on the Elimination of Racial Discrimination", Series: []string{"CERD/"}, Names: []string{
		"Committee on the Elimination of Racial Discrimination", "Comité pour l'élimination de la discrimination raciale", "Comité para la Eliminación de la Discriminación Racial", "Комитет по ликвидации расовой дискриминации", "消除种族歧视委员会", "لجنة القضاء على التمييز العنصري"}},
	{Name: "Committee on the Elimination of Discrimination against Women", Series: []string{"CEDAW/"}, Names: []string{
		"Committee on the Elimination of Discrimination against Women", "Comité pour l'élimination de la discrimination à l'égard des femmes", "Comité para la Eliminación de la Discriminación contra la Mujer", "Комитет по ликвидации дискриминации в отношении женщин", "消除对妇女歧视委员会", "اللجنة المعنية بالقضاء على التمييز ضد المرأة"}},
	{Name: "Committee on the Rights of the Child", Series: []string{"CRC/"}, Names: []string{
		"Committee on the Rights of the Child", "Comité des droits de l'enfant", "Comité de los Derechos del Niño", "Комитет по правам ребенка", "儿童权利委员会", "لجنة حقوق الطفل"}},
	{Name: "Subcommittee on Prevention of Torture", Series: []string{"CAT/OP/"}, Names: []string{
		"Subcommittee on Prevention of Torture", "Sous-Comité pour la prévention de la torture", "Subcomité para la Prevención de la Tortura", "Подкомитет по предупреждению пыток", "防范酷刑小组委员会", "اللجنة الفرعية لمنع التعذيب"}},
	{Name: "Committee against Torture", Series: []string{"CAT/"}, Names: []string{
		"Committee against Torture", "Comité contre la torture", "Comité contra la Tortura", "Комитет против пыток", "禁止酷刑委员会", "لجنة مناهضة التعذيب"}},
	{Name: "Committee on the Rights of Persons with Disabilities", Series: []string{"CRPD/"}, Names: []string{
		"Committee on the Rights of Persons with Disabilities", "Comité des droits des personnes handicapées", "Comité sobre los Derechos de las Personas con Discapacidad", "Комитет по правам инвалидов", "残疾人权利委员会", "اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة"}},
	{Name: "Committee on Enforced Disappearances", Series: []string{"CED/"}, Names: []string{
		"Committee on Enforced Disappearances", "Comité des disparitions forcées", "Comité contra la Desaparición Forzada", "Комитет по насильственным исчезновениям", "强迫失踪问题委员会", "اللجنة المعنية بحالات الاختفاء القسري"}},
	{Name: "Committee on Migrant Workers", Series: []string{"CMW/"}, Names: []string{
		"Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families", "Committee on Migrant Workers", "Comité pour la protection des droits de tous les travailleurs migrants et des membres de leur famille", "Comité des travailleurs migrants", "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de Sus Familiares", "Комитет по защите прав всех трудящихся-мигрантов и членов их семей", "保护所有移徙工人及其家庭成员权利委员会", "اللجنة المعنية بحماية حقوق جميع العمال المهاجرين وأفراد أسرهم"}},
}

// name is one folded name of a body.
type name struct {
	folded string
	whole  bool
	body   int
}

var (
	names []name
	// series by prefix, longest first
	series []struct {
		prefix string
		body   int
	}
)

func init() {
	for i, b := range Bodies {
		for _, n := range b.Names {
			whole := strings.HasPrefix(n, "=")
			names = append(names, name{folded: Fold(strings.TrimPrefix(n, "=")), whole: whole, body: i})
		}
		for _, s := range b.Series {
			series = append(series, struct {
				prefix string
				body   int
			}{s, i})
		}
	}
	// longest names first, so that "Human Rights Council" is not taken
	// for a shorter name it begins with
	sortByLen(len(names), func(i int) int { return len(names[i].folded) }, func(i, j int) { names[i], names[j] = names[j], names[i] })
	sortByLen(len(series), func(i int) int { return len(series[i].prefix) }, func(i, j int) { series[i], series[j] = series[j], series[i] })
}

// sortByLen sorts n items by decreasing key, stably (insertion sort: the
// tables are small and built once).
func sortByLen(n int, key func(int) int, swap func(i, j int)) {
	for i := 1; i < n; i++ {
		for j := i; j > 0 && key(j) > key(j-1); j-- {
			swap(j, j-1)
		}
	}
}

// SeriesBody returns the body that issues documents under symbol's series
// (the longest matching prefix, so "E/ESCWA/30/3" is ESCWA, not the
// Economic and Social Council), and false for a symbol outside the scheme.
// Symbols are compared case-insensitively, spaces ignored.
func SeriesBody(symbol string) (Body, bool) {
	s := strings.ToUpper(strings.Join(strings.Fields(symbol), ""))
	for _, e := range series {
		if strings.HasPrefix(s, e.prefix) {
			return Bodies[e.body], true
		}
	}
	return Body{}, false
}

// SeriesPrefix returns the series prefix of the scheme that symbol
// begins with (the longest: "E/ESCWA/" for "E/ESCWA/C.1/19/4"), upper
// case and without spaces, or "" for a symbol outside the scheme.
func SeriesPrefix(symbol string) string {
	s := strings.ToUpper(strings.Join(strings.Fields(symbol), ""))
	for _, e := range series {
		if strings.HasPrefix(s, e.prefix) {
			return e.prefix
		}
	}
	return ""
}

// Parts splits a joint symbol ("A/80/500-S/2025/656") into the symbols it
// joins; a plain symbol is its own single part. A hyphen followed by
// something that is not a symbol of its own ("A/HRC/WG.6/34/ITA-3") does
// not split: each part must begin with a capital letter and hold a "/".
func Parts(symbol string) []string {
	fs := strings.Split(symbol, "-")
	if len(fs) < 2 {
		return []string{symbol}
	}
	for _, f := range fs {
		f = strings.TrimSpace(f)
		if f == "" || f[0] < 'A' || f[0] > 'Z' || !strings.Contains(f, "/") {
			return []string{symbol}
		}
	}
	for i := range fs {
		fs[i] = strings.TrimSpace(fs[i])
	}
	return fs
}

// NameIn reports which body a masthead line names: the whole line is one
// of the body's names, or (for names not marked whole-line) the line
// begins with one, followed by no more than an acronym or a short
// qualifier ("Economic and Social Commission for Western Asia (ESCWA)").
func NameIn(line string) (Body, bool) {
	f := Fold(line)
	if f == "" {
		return Body{}, false
	}
	for _, n := range names {
		if f == n.folded {
			return Bodies[n.body], true
		}
		if n.whole || !strings.HasPrefix(f, n.folded) {
			continue
		}
		rest := strings.TrimSpace(f[len(n.folded):])
		if rest == "" {
			return Bodies[n.body], true
		}
		r := []rune(rest)
		if unicode.IsLetter([]rune(f[len(n.folded):])[0]) {
			continue // the name is the start of a longer word
		}
		if r[0] == '(' || r[0] == ',' || r[0] == '-' || r[0] == '–' || len(r) <= 30 && !strings.ContainsAny(rest, ":.;") {
			return Bodies[n.body], true
		}
	}
	return Body{}, false
}

// Fold is the form in which names are compared: lower case, accents and
// Arabic vowel marks removed, hamza forms of alef and the tatweel folded,
// apostrophes unified, spaces collapsed.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r) || r == 'ـ':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == '’' || r == '‘' || r == '`' || r == 'ʼ':
			r = '\''
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ё':
			r = 'е'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}
