package index

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	bindex "github.com/blevesearch/bleve_index_api"
)

// shardSnap is a reader of one shard, opened for loading hits.
type shardSnap struct {
	segs    []*scorch.SegmentSnapshot
	offsets []uint64
	reader  bindex.IndexReader
}

// shardSnaps opens a reader per shard on first use, by the shard's
// name (a hit's Index).
type shardSnaps struct {
	ix    *Index
	snaps map[string]*shardSnap
}

func (ix *Index) newShardSnaps() *shardSnaps {
	return &shardSnaps{ix: ix, snaps: map[string]*shardSnap{}}
}

func (ss *shardSnaps) release() {
	for _, s := range ss.snaps {
		s.reader.Close()
	}
}

func (ss *shardSnaps) of(name string) (*shardSnap, error) {
	if s, ok := ss.snaps[name]; ok {
		return s, nil
	}
	var bi bleveIndex
	for _, s := range ss.ix.shards {
		if s.Name() == name {
			bi = s
		}
	}
	if bi == nil && len(ss.ix.shards) == 1 {
		bi = ss.ix.shards[0]
	}
	if bi == nil {
		return nil, fmt.Errorf("hit of unknown index %q", name)
	}
	if sb, ok := bi.(*safeIndex); ok {
		bi = sb.bleveIndex
	}
	r, err := snapshotReader(bi)
	if err != nil {
		return nil, err
	}
	s := &shardSnap{reader: r}
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		s.segs = is.Segments()
		s.offsets = segmentOffsets(s.segs) // facetcount.go
	}
	ss.snaps[name] = s
	return s, nil
}

// loadPage loads the stored fields and highlights of the hits of a
// search over several shards, as Bleve does in each shard's search
// (LoadAndHighlightFields), but only for the page the alias kept: each
// shard would load and highlight its own first page, ten shards a
// hundred documents for ten hits (17% of the CPU on a 10-shard index of
// 610,000 clauses). req is the request as asked (fields, highlight).
func (ix *Index) loadPage(hits []*bsearch.DocumentMatch, req *bleve.SearchRequest) (err error) {
	var hl highlight.Highlighter
	if req.Highlight != nil {
		style := bleve.Config.DefaultHighlighter
		if req.Highlight.Style != nil {
			style = *req.Highlight.Style
		}
		if hl, err = bleve.Config.Cache.HighlighterNamed(style); err != nil {
			return err
		}
	}
	snaps := ix.newShardSnaps()
	defer snaps.release()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("loading stored fields: %v: %w", p, ErrDamaged)
		}
	}()
	for _, h := range hits {
		s, err := snaps.of(h.Index)
		if err != nil {
			return err
		}
		if err, _ := bleve.LoadAndHighlightFields(h, req, h.Index, s.reader, hl); err != nil {
			return err
		}
	}
	return nil
}

// loadFields fills the Fields of hits (found without req.Fields) with
// the stored fields named, as Bleve does for req.Fields, but reading
// each document by its internal number. Bleve finds a hit's stored
// document by its external id, a dictionary lookup in every segment:
// most of the cost of the parallels of ten hits (hundreds of documents
// when a work has many versions). A hit whose document is not the one
// at that number (the shard changed since the search) is loaded by id.
func (ix *Index) loadFields(hits []*bsearch.DocumentMatch, fields []string) (err error) {
	want := map[string]bool{}
	for _, f := range fields {
		want[f] = true
	}
	snaps := ix.newShardSnaps()
	defer snaps.release()
	snapOf := snaps.of
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("loading stored fields: %v: %w", p, ErrDamaged)
		}
	}()
	for _, h := range hits {
		s, err := snapOf(h.Index)
		if err != nil {
			return err
		}
		h.Fields = nil
		if len(s.segs) > 0 && len(h.IndexInternalID) == 8 {
			n := binary.BigEndian.Uint64(h.IndexInternalID)
			i := segmentOf(s.offsets, n)
			if i >= 0 {
				same := false
				err := s.segs[i].VisitDocument(n-s.offsets[i], func(name string, typ byte, val []byte, pos []uint64) bool {
					if name == "_id" {
						same = string(val) == h.ID
						return same
					}
					if want[name] {
						addStored(h, name, typ, val)
					}
					return true
				})
				if err != nil {
					return err
				}
				if same {
					continue
				}
				h.Fields = nil
			}
		}
		doc, err := s.reader.Document(h.ID)
		if err != nil {
			return err
		}
		if doc != nil {
			doc.VisitFields(func(f bindex.Field) {
				if want[f.Name()] {
					addStored(h, f.Name(), fieldType(f), f.Value())
				}
			})
		}
	}
	return nil
}

func fieldType(f bindex.Field) byte {
	switch f.(type) {
	case bindex.NumericField:
		return 'n'
	case bindex.DateTimeField:
		return 'd'
	}
	return 't'
}

// addStored adds a stored value to h.Fields in the form Bleve's
// req.Fields gives it: text as a string, numbers as float64, dates in
// their layout (RFC 3339 when none; docindex has no timestamp dates).
func addStored(h *bsearch.DocumentMatch, name string, typ byte, val []byte) {
	switch typ {
	case 't':
		h.AddFieldValue(name, string(val))
	case 'n':
		if n, err := document.NewNumericFieldFromBytes(name, nil, val).Number(); err == nil {
			h.AddFieldValue(name, n)
		}
	case 'd':
		if t, layout, err := document.NewDateTimeFieldFromBytes(name, nil, val).DateTime(); err == nil {
			if layout == "" {
				layout = time.RFC3339
			}
			h.AddFieldValue(name, t.Format(layout))
		}
	}
}
