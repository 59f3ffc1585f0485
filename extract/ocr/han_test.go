package ocr

import "testing"

// TestKeepHanBetweenSure: one Han character scored low between two sure
// words of its line is kept; at a line's end, beside an unsure word, or
// two characters, it is not.
func TestKeepHanBetweenSure(t *testing.T) {
	words := []Word{
		w(1, 100, "第", 93), w(1, 130, "八", 92), w(1, 160, "十", 0), w(1, 190, "七", 88), w(1, 220, "条", 96),
		w(2, 100, "大", 96), w(2, 130, "会", 20), // last of its line
		w(3, 100, "我", 96), w(3, 130, "们", 10), w(3, 160, "的", 50), w(3, 190, "国", 96), // beside an unsure word
		w(4, 100, "托", 96), w(4, 130, "管理", 10), w(4, 190, "事", 96), // two characters
		w(5, 100, "in", 96), w(5, 130, "x", 10), w(5, 160, "it", 96), // not Han
	}
	if got := Text(KeepConfident(words, MinWordConf)); got != "第 八 十 七 条\n大\n我 的 国\n托 事\nin it" {
		t.Errorf("kept %q", got)
	}
}

func TestLatinOnHan(t *testing.T) {
	words := []Word{
		w(1, 100, "职权", 96), w(2, 100, "RIVER", 18), w(3, 100, "UN", 90), w(4, 100, "x", 10), w(5, 100, "A1", 10),
	}
	if got := latinOnHan(words); len(got) != 1 || got[0] != 1 {
		t.Errorf("latinOnHan %v, want [1]", got)
	}
	if s, c, ok := hanRead([]Word{{Text: "第八", Conf: 90}, {Text: "十七条", Conf: 70}}); !ok || s != "第八十七条" || c != 78 {
		t.Errorf("hanRead %q %v %v", s, c, ok)
	}
	for _, ws := range [][]Word{{{Text: "第八", Conf: 50}}, {{Text: "RIV", Conf: 90}}, nil} {
		if _, _, ok := hanRead(ws); ok {
			t.Errorf("hanRead %v accepted", ws)
		}
	}
}
