//go:build race

package index

// raceDetector is true when the tests run under -race.
const raceDetector = true
