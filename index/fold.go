package index

import "github.com/docindex/docindex/lang"

// The text analyzers fold each token with the lang package's index form
// (lang.FoldToken) before Bleve's language filters run.
func init() { FoldToken = lang.FoldToken }
