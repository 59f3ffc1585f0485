//go:build !race

package extract

// hangTimeout is how long a hostile file may take before its test calls
// it a hang.
const hangTimeout = 60e9
