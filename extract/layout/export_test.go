package layout

// Bounds of the table search, for the tests of package layout_test.
const (
	MaxTableCols = maxTableCols
	MaxPageRows  = maxPageRows
)

// IsLabelCell is isLabelCell, for the tests of package layout_test.
var IsLabelCell = isLabelCell
