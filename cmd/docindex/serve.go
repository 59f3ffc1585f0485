package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"runtime/debug"

	"github.com/docindex/docindex/index"
	"github.com/docindex/docindex/index/web"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "serve a search page and JSON API over an index (read-only)",
		run:     runServe,
	})
}

// serveMemoryLimit is the Go runtime's soft memory limit for serve.
const serveMemoryLimit = 384 << 20

func runServe(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	indexPaths := indexPathsFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: docindex serve [--index PATH]... [--addr HOST:PORT]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	// Searches allocate in bursts; a soft limit keeps the heap well
	// below the 1 GB the server may use whatever clients send
	// (GOMEMLIMIT overrides it).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	ix, err := index.OpenAll(indexPaths.paths...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex serve: open index %s: %v\n", indexPaths, err)
		return 1
	}
	defer ix.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex serve: %v\n", err)
		return 1
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(os.Stderr, "docindex serve: warning: listening on %s, reachable from other machines\n", ln.Addr())
	}
	fmt.Fprintf(os.Stderr, "docindex serve: index %s, http://%s/ (Ctrl-C to stop)\n", indexPaths, ln.Addr())
	h := web.New(ix, web.Options{Log: log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds)})
	if err := web.Serve(ctx, ln, h); err != nil {
		fmt.Fprintf(os.Stderr, "docindex serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "docindex serve: stopped\n")
	return 0
}
