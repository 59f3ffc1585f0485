package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/extract/isolate"
	"github.com/docindex/docindex/extract/isolate/pageout"
	"github.com/docindex/docindex/lang"
)

// workerCommand is the hidden subcommand that runs one extraction worker
// (see extract/isolate): `build` and `extract` start a few of them.
const workerCommand = "__worker"

func init() {
	register(&command{
		name:    workerCommand,
		summary: "extraction worker (started by build and extract)",
		run: func(ctx context.Context, args []string) int {
			return isolate.Serve(workerLanguages)
		},
		hidden: true,
	})
}

// workerSetup is what the cmd sends to its workers besides
// extract.Options.
type workerSetup struct {
	Languages []string `json:"languages,omitempty"`
}

func workerLanguages(raw json.RawMessage) (extract.Languages, error) {
	var s workerSetup
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
	}
	d, err := lang.NewDetector(s.Languages)
	if err != nil {
		return nil, fmt.Errorf("--languages: %w", err)
	}
	// a worker keeps lingua's full models of one pair of languages at
	// most, and drops them after a document that did not need them
	// (isolate's worker calls ReleaseUnused): they are ~40 MB a pair,
	// needed by few texts of a build
	lang.LimitFullModels()
	// lingua reads its models from files embedded in the executable:
	// once loaded, their pages of the executable (~20 MB for a pair of
	// full models) are not read again, and are given back
	lang.SetAfterModelLoad(func() { pageout.ExecutableData() })
	return d, nil
}

// isolationFlags adds --max-memory to fs; start returns a started pool
// of worker processes extracting with opt (its Langs built by each worker
// from --languages): workers files at once over processes processes
// (at most workers), each reading ceil(workers/processes) files at once.
func isolationFlags(fs *flag.FlagSet) func(opt extract.Options, workers, processes int, pageText bool) (*isolate.Pool, error) {
	maxMem := byteSize(isolate.DefaultMaxMemory)
	fs.Var(&maxMem, "max-memory", "memory cap of one extraction worker process, whatever the files it reads at once (e.g. 512MiB, 2GiB)")
	return func(opt extract.Options, workers, processes int, pageText bool) (*isolate.Pool, error) {
		workers = max(workers, 1)
		processes = min(max(processes, 1), workers)
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		var s workerSetup
		if f := fs.Lookup("languages"); f != nil && f.Value.String() != "" {
			s.Languages = strings.Split(f.Value.String(), ",")
		}
		raw, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		p, err := isolate.New(isolate.Config{
			Command:   []string{exe, workerCommand},
			Workers:   processes,
			PerWorker: (workers + processes - 1) / processes,
			MaxMemory: int64(maxMem),
			Options:   opt,
			Setup:     raw,
			PageText:  pageText,
		})
		if err != nil {
			return nil, err
		}
		if err := p.Start(); err != nil {
			p.Close()
			return nil, err
		}
		return p, nil
	}
}

// byteSize is a flag value in bytes written with an optional unit (KiB,
// MiB, GiB, or K, M, G, KB, MB, GB as powers of 1024 too).
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<50)/mult {
		return fmt.Errorf("want a size such as 512MiB or 2GiB, got %q", s)
	}
	*b = byteSize(n * mult)
	return nil
}
