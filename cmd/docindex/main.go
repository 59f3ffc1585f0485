// Command docindex turns folders of United Nations PDF documents into a
// searchable, clause-level, multilingual index.
//
// This package is the thin CLI: flags, wiring, output formats and exit
// codes. Each subcommand lives in its own file and registers itself in
// init; the work is done by the extract, lang and index packages.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"syscall"
)

// command is one subcommand. run returns the process exit status.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string) int
	// hidden commands are not listed by usage (the worker mode).
	hidden bool
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func usage() {
	fmt.Fprintf(os.Stderr, "usage: docindex <command> [flags] [args]\n\ncommands:\n")
	names := make([]string, 0, len(commands))
	for n, c := range commands {
		if c.hidden {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(os.Stderr, "\nRun 'docindex <command> -h' for a command's flags.\n")
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	name := os.Args[1]
	if name == "-h" || name == "--help" || name == "help" {
		usage()
		os.Exit(0)
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "docindex: unknown command %q\n\n", name)
		usage()
		os.Exit(2)
	}
	// SIGINT/SIGTERM cancel the context; commands stop cleanly after the
	// work in hand (a build finishes its current batch).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// DOCINDEX_CPUPROFILE=FILE writes a CPU profile of the command, for
	// measuring the real command rather than a benchmark of it.
	if p := os.Getenv("DOCINDEX_CPUPROFILE"); p != "" {
		if c.hidden {
			// a worker profiles itself beside its parent's profile
			p = fmt.Sprintf("%s.worker%d", p, os.Getpid())
		}
		f, err := os.Create(p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "docindex: %v\n", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer f.Close()
	}
	code := c.run(ctx, os.Args[2:])
	stop()
	pprof.StopCPUProfile()
	os.Exit(code)
}
