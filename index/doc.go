// Package index owns the Bleve index: the mapping (one Bleve document per
// clause, clause text in a per-language field analyzed by that language's
// analyzer, plus one record per file for incremental builds), building and
// updating it, and searching it (free text, symbol-shaped queries,
// highlighting, parallel versions of a clause in other languages).
// The web search page lives in the subpackage index/web.
package index
