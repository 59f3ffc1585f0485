package reader

import "strings"

// Approximate widths (1/1000 em) of the standard 14 fonts for ASCII 32–126,
// used when a simple font has no /Widths (old PDFs name Times-Roman or
// Helvetica without embedding or measuring them). Bold and italic faces
// use the regular face's widths; characters outside ASCII use the width
// of an average lower-case letter.
var helveticaWidths = [95]float64{
	278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

var timesWidths = [95]float64{
	250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278,
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
}

// std14Widths returns a /Widths-like table (FirstChar 0) for a font
// without widths, chosen by its name.
func std14Widths(name string) []float64 {
	n := strings.ToLower(name)
	var tab *[95]float64
	avg := 500.0
	switch {
	case strings.Contains(n, "courier") || strings.Contains(n, "mono"):
		w := make([]float64, 256)
		for i := range w {
			w[i] = 600
		}
		return w
	case strings.Contains(n, "helvetica") || strings.Contains(n, "arial") || strings.Contains(n, "sans"):
		tab, avg = &helveticaWidths, 556
	case strings.Contains(n, "times") || strings.Contains(n, "serif") || strings.Contains(n, "roman"):
		tab, avg = &timesWidths, 500
	default:
		return nil
	}
	w := make([]float64, 256)
	for i := range w {
		switch {
		case i >= 32 && i <= 126:
			w[i] = tab[i-32]
		case i == 160:
			w[i] = tab[0]
		default:
			w[i] = avg
		}
	}
	return w
}
