package reader

import (
	"context"
	"testing"
)

func TestNextLine(t *testing.T) {
	tlm := matrix{1, 0, 0, 1, 100, 700}
	if got := nextLine(tlm, 14); got != (matrix{1, 0, 0, 1, 100, 686}) {
		t.Errorf("nextLine = %v", got)
	}
}

func TestShowArrayNumbers(t *testing.T) {
	in := &interp{ctx: context.Background()}
	// horizontal: 500 thousandths of a 10-point font, scaled by Tz 50%
	g := gstate{fontSize: 10, th: 0.5, font: &font{}}
	tm := matrix{1, 0, 0, 1, 100, 700}
	in.showArray(&g, &tm, []operand{{kind: opNum, num: 500}, {kind: opNum, num: -100}})
	if tm != (matrix{1, 0, 0, 1, 100 - 2.5 + 0.5, 700}) {
		t.Errorf("horizontal: %v", tm)
	}
	// vertical font: down the column, not scaled
	g.font = &font{vertical: true}
	tm = matrix{1, 0, 0, 1, 100, 700}
	in.showArray(&g, &tm, []operand{{kind: opNum, num: 500}})
	if tm != (matrix{1, 0, 0, 1, 100, 695}) {
		t.Errorf("vertical: %v", tm)
	}
	if len(in.glyphs) != 0 {
		t.Errorf("numbers showed glyphs: %v", in.glyphs)
	}
}

func TestCountOp(t *testing.T) {
	in := &interp{ctx: context.Background(), ops: maxOpsPerPage - 1}
	if !in.countOp("cm") {
		t.Error("the last operator allowed refused")
	}
	if in.countOp("cm") {
		t.Error("an operator past maxOpsPerPage read")
	}
	// text-showing operators past their own limit abort the document
	in = &interp{ctx: context.Background(), textOps: maxTextOpsPerPage}
	func() {
		defer func() {
			if _, ok := recover().(abortError); !ok {
				t.Error("no abort past maxTextOpsPerPage")
			}
		}()
		in.countOp("TJ")
	}()
	in = &interp{ctx: context.Background(), textOps: maxTextOpsPerPage}
	if !in.countOp("Td") {
		t.Error("a positioning operator refused")
	}
	// a cancelled context is seen every 1024 operators
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in = &interp{ctx: ctx, ops: 1022}
	in.countOp("q") // 1023
	func() {
		defer func() {
			if _, ok := recover().(abortError); !ok {
				t.Error("cancellation not seen at operator 1024")
			}
		}()
		in.countOp("q")
	}()
}

func TestSetTextState(t *testing.T) {
	var g gstate
	args := []operand{{kind: opNum, num: 50}}
	for _, op := range []string{"Tc", "Tw", "Tz", "TL", "Ts"} {
		if !setTextState(op, args, &g) {
			t.Errorf("%s not a text state operator", op)
		}
	}
	if g.tc != 50 || g.tw != 50 || g.th != 0.5 || g.tl != 50 || g.rise != 50 {
		t.Errorf("state %+v", g)
	}
	if setTextState("Td", args, &g) || setTextState("Tf", args, &g) {
		t.Error("Td or Tf taken for a text state operator")
	}
	// a missing operand is 0
	setTextState("Tc", nil, &g)
	if g.tc != 0 {
		t.Errorf("Tc without operand: %v", g.tc)
	}
}

func TestTextOpPositions(t *testing.T) {
	in := &interp{ctx: context.Background()}
	g := gstate{tl: 12}
	tp := textPos{tm: identity, tlm: identity}
	num := func(vs ...float64) []operand {
		var a []operand
		for _, v := range vs {
			a = append(a, operand{kind: opNum, num: v})
		}
		return a
	}
	in.textOp("Td", num(100, 700), &g, &tp)
	in.textOp("T*", nil, &g, &tp)
	if tp.tm != (matrix{1, 0, 0, 1, 100, 688}) || tp.tlm != tp.tm {
		t.Errorf("Td then T*: %v %v", tp.tm, tp.tlm)
	}
	in.textOp("TD", num(0, -20), &g, &tp) // sets the leading to 20
	if g.tl != 20 || tp.tm != (matrix{1, 0, 0, 1, 100, 668}) {
		t.Errorf("TD: leading %v tm %v", g.tl, tp.tm)
	}
	in.textOp("BT", nil, &g, &tp)
	if tp.tm != identity || tp.tlm != identity {
		t.Errorf("BT: %v", tp.tm)
	}
}
