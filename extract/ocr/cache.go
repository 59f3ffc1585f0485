package ocr

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// Cache keeps the OCR of pages on disk, keyed by the file's SHA-256, the
// page number, the image resolution and the version of the pipeline, so
// that an unchanged rebuild never runs tesseract again. Entries are small
// JSON files (the TSV of a page, ~20-60 KB); the cache is bounded by
// MaxBytes, oldest entries removed first. An entry that cannot be read
// or parsed is ignored (and removed). A nil *Cache caches nothing.
type Cache struct {
	Dir      string
	MaxBytes int64

	mu   sync.Mutex
	puts int
}

// DefaultCacheDir is $XDG_CACHE_HOME/docindex/ocr (os.UserCacheDir), or
// "" when the system has no cache directory.
func DefaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "docindex", "ocr")
}

// DefaultCacheMax bounds the default cache: about 5,000 pages.
const DefaultCacheMax = 256 << 20

// cacheVersion changes when what is cached changes meaning.
const cacheVersion = 2

// Entry is one cached page: how it was read and Tesseract's TSV.
type Entry struct {
	Version int    `json:"v"`
	Rotate  int    `json:"rotate"`
	Script  string `json:"script"`
	Packs   string `json:"packs"`
	Lang    string `json:"lang"`
	DPI     int    `json:"dpi"`
	TSV     string `json:"tsv"`
	// Fixes are words read again (paragraph numbers); Relabeled is the
	// version of that re-reading (relabelVersion when up to date).
	Fixes     []Fix `json:"fixes,omitempty"`
	Relabeled int   `json:"relabel_v,omitempty"`
}

// Key is the cache key of page (1-based) of the file with SHA-256 sum at
// resolution dpi (0 for an image taken as is from the PDF).
func Key(sum [32]byte, page, dpi int) string {
	h := sha256.New()
	fmt.Fprintf(h, "docindex-ocr/%d/%x/%d/%d", cacheVersion, sum, page, dpi)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, key[:2], key+".json")
}

// Get returns the entry of key, if any and well formed.
func (c *Cache) Get(key string) (*Entry, bool) {
	if c == nil || c.Dir == "" || len(key) < 3 {
		return nil, false
	}
	p := c.path(key)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	var e Entry
	if json.Unmarshal(b, &e) != nil || e.Version != cacheVersion || e.Packs == "" {
		os.Remove(p) // corrupt or stale: read again next time
		return nil, false
	}
	if _, _, _, err := ParseTSV([]byte(e.TSV)); err != nil {
		os.Remove(p)
		return nil, false
	}
	return &e, true
}

// Put stores e under key (atomically: a temporary file renamed); errors
// are ignored, the cache is only an optimisation.
func (c *Cache) Put(key string, e *Entry) {
	if c == nil || c.Dir == "" || len(key) < 3 {
		return
	}
	e.Version = cacheVersion
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	p := c.path(key)
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(f.Name(), p) != nil {
		os.Remove(f.Name())
		return
	}
	c.mu.Lock()
	c.puts++
	check := c.puts%64 == 1
	c.mu.Unlock()
	if check {
		c.Prune()
	}
}

// Prune removes the oldest entries while the cache holds more than
// MaxBytes (DefaultCacheMax when 0), down to three quarters of it.
func (c *Cache) Prune() {
	if c == nil || c.Dir == "" {
		return
	}
	max := c.MaxBytes
	if max <= 0 {
		max = DefaultCacheMax
	}
	type ent struct {
		path string
		size int64
		mod  int64
	}
	var all []ent
	var total int64
	filepath.WalkDir(c.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			all = append(all, ent{p, fi.Size(), fi.ModTime().UnixNano()})
			total += fi.Size()
		}
		return nil
	})
	if total <= max {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].mod < all[j].mod })
	for _, e := range all {
		if total <= max*3/4 {
			break
		}
		if os.Remove(e.path) == nil {
			total -= e.size
		}
	}
}
