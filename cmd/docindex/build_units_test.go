package main

import (
	"errors"
	"testing"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/index"
)

func TestBuildLayout(t *testing.T) {
	cases := []struct {
		partition                string
		shards                   int
		wantK, wantN, wantShards int
		wantErr                  bool
	}{
		{"", 0, 0, 0, 0, false},
		{"", 4, 0, 0, 4, false},
		{"1/3", 0, 1, 3, 1, false},
		{"1/3", 1, 1, 3, 1, false},
		{"1/3", 2, 0, 0, 0, true}, // a partition is one index
		{"3/3", 0, 0, 0, 0, true}, // K out of range
		{"x", 0, 0, 0, 0, true},
		{"", -1, 0, 0, 0, true},
		{"", index.MaxShards + 1, 0, 0, 0, true},
	}
	for _, c := range cases {
		k, n, s, err := buildLayout(c.partition, c.shards)
		if (err != nil) != c.wantErr || err == nil && (k != c.wantK || n != c.wantN || s != c.wantShards) {
			t.Errorf("buildLayout(%q, %d) = %d, %d, %d, %v; want %d, %d, %d, error %v",
				c.partition, c.shards, k, n, s, err, c.wantK, c.wantN, c.wantShards, c.wantErr)
		}
	}
}

func TestBuildExitCode(t *testing.T) {
	fail := errors.New("disk full")
	cases := []struct {
		st   index.BuildStats
		err  error
		want int
	}{
		{index.BuildStats{Indexed: 3}, nil, 0},
		{index.BuildStats{Failed: 1}, nil, 3},
		{index.BuildStats{Failures: []index.Failure{{Path: "/x"}}}, nil, 3}, // a walk error
		{index.BuildStats{Failed: 1}, fail, 1},
		{index.BuildStats{Interrupted: true, Failed: 1}, fail, 130},
	}
	for _, c := range cases {
		if got := buildExitCode(&c.st, c.err); got != c.want {
			t.Errorf("buildExitCode(%+v, %v) = %d, want %d", c.st, c.err, got, c.want)
		}
	}
}

func TestIsNoTextError(t *testing.T) {
	// as it comes back from a worker process: text only
	crossed := errors.New("x.pdf: " + extract.ErrNoTextLayer.Error() + ": 3 of 3 pages are images only")
	if !isNoTextError(crossed) || isNoTextError(errors.New("not a PDF file")) {
		t.Error("isNoTextError")
	}
}
