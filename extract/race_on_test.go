//go:build race

package extract

// hangTimeout is how long a hostile file may take before its test calls
// it a hang: the race detector slows decoding five to twenty times.
const hangTimeout = 180e9
