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
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"

	"github.com/docindex/docindex/index"
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
	if name == "--version" || name == "-version" {
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "docindex: unknown command %q\n", name)
		if s := closestCommand(name); s != "" {
			fmt.Fprintf(os.Stderr, "Did you mean 'docindex %s'?\n", s)
		}
		fmt.Fprintln(os.Stderr)
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

// closestCommand is the command name within two edits of name, "" when
// there is none.
func closestCommand(name string) string {
	best, bestD := "", 3
	for n := range commands {
		if d := index.EditDistance(strings.ToLower(name), n); d < bestD || (d == bestD && n < best) {
			best, bestD = n, d
		}
	}
	return best
}

func init() {
	register(&command{
		name:    "version",
		summary: "print the version of docindex and of its index schema",
		run: func(ctx context.Context, args []string) int {
			fmt.Println(versionString())
			return 0
		},
	})
}

// versionString is the module version (or VCS revision of a source
// build), the Go version and the index schema this docindex reads.
func versionString() string {
	v, rev, dirty := "(devel)", "", false
	goVersion := runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev
		if dirty {
			v += "+dirty"
		}
	}
	return fmt.Sprintf("docindex %s (%s, index schema %d)", v, goVersion, index.SchemaVersion)
}
