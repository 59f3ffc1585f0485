package reader

import (
	"math"
	"reflect"

	"github.com/ledongthuc/pdf"
)

// The PDF library resolves an object stored in an object stream by first
// resolving the stream, recursively and without a depth limit: an object
// stream that the cross-reference data places in itself (or two that
// place each other) recurses until the Go runtime dies of a stack
// overflow, a crash no recover catches. And it looks for an object along
// the /Extends chain of object streams without a loop check. Both are
// checked here, on the library's own cross-reference table, before any
// object is resolved through it.

// xrefEntry is one row of the library's cross-reference table.
type xrefEntry struct {
	inStream bool
	stream   uint32 // the object stream holding the object (inStream)
	offset   int64
}

// xrefTable reads the library's cross-reference table (unexported, read
// by reflection; nil if the library's layout changes, which the hostile
// tests would catch).
func xrefTable(r *pdf.Reader) []xrefEntry {
	v := reflect.ValueOf(r)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return nil
	}
	x := v.Elem().FieldByName("xref")
	if !x.IsValid() || x.Kind() != reflect.Slice {
		return nil
	}
	out := make([]xrefEntry, x.Len())
	for i := range out {
		e := x.Index(i)
		in, st, off := e.FieldByName("inStream"), e.FieldByName("stream"), e.FieldByName("offset")
		if !in.IsValid() || !st.IsValid() || !off.IsValid() {
			return nil
		}
		id := st.FieldByName("id")
		if !id.IsValid() {
			return nil
		}
		out[i] = xrefEntry{inStream: in.Bool(), stream: uint32(id.Uint()), offset: off.Int()}
	}
	return out
}

// objectStreamError reports object streams that the library would
// follow forever: one stored in an object stream (itself or another: the
// format forbids it, and that is how the self-reference recurses), or an
// /Extends chain that loops (read from the stream dictionaries in data,
// with names and comments normalised so that /Ext#65nds or a comment
// before the reference are seen).
func objectStreamError(r *pdf.Reader, data []byte) error {
	table := xrefTable(r)
	streams := map[uint32]bool{}
	for id, e := range table {
		if !e.inStream {
			continue
		}
		s := e.stream
		if int(s) >= len(table) {
			continue // the library finds no object there
		}
		if table[s].inStream {
			return limitError("object %d is in object stream %d, which the cross-reference data places in an object stream itself (a loop)", id, s)
		}
		streams[s] = true
	}
	for s := range streams {
		seen := map[uint32]bool{}
		for cur := s; ; {
			if seen[cur] {
				return limitError("object streams extend each other in a loop (object %d)", cur)
			}
			seen[cur] = true
			next, ok := extendsOf(data, table, cur)
			if !ok {
				break
			}
			if int(next) >= len(table) || table[next].inStream {
				if int(next) < len(table) {
					return limitError("object stream %d extends object %d, which is in an object stream", cur, next)
				}
				break
			}
			cur = next
		}
	}
	return nil
}

// extendsOf returns the object number that the dictionary of stream id
// names in /Extends.
func extendsOf(data []byte, table []xrefEntry, id uint32) (uint32, bool) {
	off := table[id].offset
	if off <= 0 || off >= int64(len(data)) {
		return 0, false
	}
	ext := objectDict(data, int(off)).key("Extends")
	if ext.kind != objRef || ext.ref[0] > math.MaxUint32 {
		return 0, false
	}
	return uint32(ext.ref[0]), true
}
