package web

import (
	"bytes"
	"context"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromiumPath finds a Chromium binary, or "" when there is none.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where screenshots go: $DOCINDEX_ARTIFACTS when set, else
// a test temp dir.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("DOCINDEX_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// runChromium runs headless Chromium with a fresh profile and extra args,
// bounded in time, and returns its standard output.
func runChromium(t *testing.T, bin string, extra ...string) string {
	t.Helper()
	profile := t.TempDir()
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
		"--user-data-dir=" + profile,
	}
	args = append(args, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, lastLines(stderr.String(), 20))
	}
	return stdout.String()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestBrowser loads a search and a clause view in headless Chromium,
// checks the rendered DOM for the hit and the right-to-left Arabic
// parallel, and saves screenshots.
func TestBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("chromium not installed")
	}
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	h := testHandler(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, h) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String()

	hit := firstHit(t, h, enQuery, "en")
	searchURL := base + "/search?q=" + url.QueryEscape(enQuery)
	dom := runChromium(t, bin, "--dump-dom", searchURL)
	contains(t, "search DOM", dom,
		`<li class="hit">`,
		hit.Citation,
		`class="snippet" lang="en" dir="ltr"`,
		`<mark>`,
		`href="/clause?`,
	)

	clauseURL := base + ClauseURL(docOf(hit.Doc, hit.Symbol), hit.ID, "en")
	dom = runChromium(t, bin, "--dump-dom", clauseURL)
	contains(t, "clause DOM", dom,
		`<article class="version main" lang="en" dir="ltr">`,
		`<article class="version" lang="ar" dir="rtl">`,
		arWord,
	)

	// the new controls: read in another language, one row per document
	showURL := base + "/search?" + url.Values{"q": {"digitization"}, "show": {"ar"}}.Encode()
	dom = runChromium(t, bin, "--dump-dom", showURL)
	contains(t, "show=ar DOM", dom, `<div class="matched">`, `class="snippet" lang="ar" dir="rtl"`, `<mark>digitization</mark>`,
		`<option value="ar" selected="" lang="ar">Show in العربية</option>`)
	docURL := base + "/search?" + url.Values{"q": {"digital"}, "group": {"document"}}.Encode()
	dom = runChromium(t, bin, "--dump-dom", docURL)
	contains(t, "group=document DOM", dom, `<ol class="docs"`, `<div class="dochead">`, `<h2>Year</h2>`)
	emptyURL := base + "/search?" + url.Values{"q": {"A/RES/99/999"}}.Encode()
	dom = runChromium(t, bin, "--dump-dom", emptyURL)
	contains(t, "unknown symbol DOM", dom, `A/RES/99/999 is not in this index`)

	dir := artifactDir(t)
	shots := []struct{ name, url, size string }{
		{"search.png", base + "/search?q=" + url.QueryEscape(multiQ), "1200,900"},
		{"clause.png", clauseURL, "1200,900"},
		{"search-phone.png", searchURL, "390,844"},
		{"search-show-ar.png", showURL, "1200,900"},
		{"search-by-document.png", docURL, "1200,900"},
		{"search-unknown-symbol.png", emptyURL, "1200,600"},
		{"search-show-fr-phone.png", base + "/search?" + url.Values{"q": {"digitization"}, "show": {"fr"}}.Encode(), "390,844"},
	}
	for _, s := range shots {
		path := filepath.Join(dir, s.name)
		os.Remove(path)
		runChromium(t, bin, "--screenshot="+path, "--window-size="+s.size, s.url)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("screenshot %s: %v", s.name, err)
		}
		if len(b) < 5000 || !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("screenshot %s: %d bytes, not a plausible PNG", path, len(b))
		}
		t.Logf("screenshot: %s", path)
	}
}
