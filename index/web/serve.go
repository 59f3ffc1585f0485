package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// shutdownWait is how long Serve waits for requests in flight after ctx
// is cancelled. Their contexts are cancelled at once, which stops the
// searches (Bleve checks the context as it collects hits), so they end
// well within it; whatever is left is then closed.
const shutdownWait = 2 * time.Second

// Serve serves h on ln until ctx is cancelled, then shuts down: it stops
// accepting connections, cancels the requests in flight and waits up to
// shutdownWait for them. It returns nil after a clean shutdown.
//
// On a loopback address only requests whose Host names that address
// (127.0.0.1:PORT, localhost:PORT, [::1]:PORT) are answered; any other
// Host gets 421. A web page from elsewhere whose name was made to
// resolve to 127.0.0.1 (DNS rebinding) therefore cannot read answers.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	base, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		h = hostGuard(tcp, h)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      2 * time.Minute, // large PDFs on slow links
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	cancelRequests()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		srv.Close() // connections still busy: cut them
		err = nil
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = serr
	}
	return err
}

// allowedHosts are the Host values naming a loopback listener.
func allowedHosts(addr *net.TCPAddr) map[string]bool {
	port := strconv.Itoa(addr.Port)
	hosts := map[string]bool{}
	for _, h := range []string{addr.IP.String(), "localhost"} {
		hosts[strings.ToLower(net.JoinHostPort(h, port))] = true
		if addr.Port == 80 {
			hosts[strings.ToLower(h)] = true
		}
	}
	return hosts
}

func hostGuard(addr *net.TCPAddr, next http.Handler) http.Handler {
	ok := allowedHosts(addr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ok[strings.ToLower(r.Host)] {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusMisdirectedRequest)
			w.Write([]byte("this server answers only requests for " + addr.String() + " or localhost:" + strconv.Itoa(addr.Port) + "\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
