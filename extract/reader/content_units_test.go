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
