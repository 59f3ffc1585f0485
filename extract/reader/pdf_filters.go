package reader

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"sync"

	"github.com/ledongthuc/pdf"
)

// Stream decoding for filters the library does not support (LZWDecode,
// ASCIIHexDecode, RunLengthDecode, Flate with PNG predictors other than
// Up). The library panics on those; for unencrypted files we then read
// the raw stream bytes ourselves (the stream's offset is only exposed by
// Value.String, "<<…>>@offset") and decode them here.

var streamOffRe = regexp.MustCompile(`@(\d+)$`)

// readStream returns the decoded bytes of stream v, at most limit bytes.
func (d *docState) readStream(v pdf.Value, limit int) []byte {
	if out, ok := d.inflate(v, limit); ok {
		return out
	}
	var out []byte
	failed := false
	func() {
		defer func() {
			if recover() != nil {
				failed = true
			}
		}()
		rc := v.Reader()
		defer rc.Close()
		out = readUpTo(rc, streamSizeHint(v), limit)
	}()
	if !failed || d == nil || d.encrypted || d.data == nil {
		return out
	}
	return d.decodeRaw(v, limit)
}

// zlibReaders are zlib readers used again from stream to stream: each
// new one allocates and clears a 32 KB window (a tenth of what reading a
// page allocated; the library makes one per stream it decodes).
var zlibReaders sync.Pool

// inflate decodes stream v when it is what most streams are, FlateDecode
// without parameters in a file that is not encrypted, from the file's
// bytes with a pooled zlib reader; what it gives is what the library's
// reader gives (the bytes at the stream's offset, Length long, inflated
// to limit or to an error). ok is false for any other stream, or when
// its offset is not known or its zlib header does not read: the library
// reads it then (readStream).
func (d *docState) inflate(v pdf.Value, limit int) (out []byte, ok bool) {
	if d == nil || d.encrypted || d.data == nil || v.Kind() != pdf.Stream {
		return nil, false
	}
	if f := v.Key("Filter"); f.Kind() != pdf.Name || f.Name() != "FlateDecode" || v.Key("DecodeParms").Kind() != pdf.Null {
		return nil, false
	}
	n := v.Key("Length").Int64()
	m := streamOffRe.FindStringSubmatch(v.String())
	if m == nil || n <= 0 {
		return nil, false
	}
	off, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || off < 0 || off >= int64(len(d.data)) {
		return nil, false
	}
	raw := d.data[off:min(off+n, int64(len(d.data)))]
	br := bytes.NewReader(raw)
	var zr io.ReadCloser
	if p, _ := zlibReaders.Get().(io.ReadCloser); p != nil {
		if p.(zlib.Resetter).Reset(br, nil) != nil {
			return nil, false
		}
		zr = p
	} else if zr, err = zlib.NewReader(br); err != nil {
		return nil, false
	}
	out = readUpTo(zr, inflateHint(len(raw)), limit)
	zlibReaders.Put(zr)
	return out, true
}

// maxSizeHint caps the buffer a stream is first read into: a page's
// content inflates to tens of KB; a large font or image grows its buffer
// as it is read instead of taking four times its encoded size at once
// (a worker's peak memory).
const maxSizeHint = 256 << 10

// inflateHint guesses the decoded size of n compressed bytes: four times
// them (text content inflates three to six times), at most maxSizeHint.
func inflateHint(n int) int { return min(4*n, maxSizeHint) }

// streamSizeHint guesses the decoded size of stream v from its encoded
// Length (inflateHint when compressed, the Length itself otherwise, at
// most maxSizeHint); 0 when unknown.
func streamSizeHint(v pdf.Value) int {
	n := v.Key("Length").Int64()
	if n <= 0 || n > 1<<30 {
		return 0
	}
	if v.Key("Filter").Kind() != pdf.Null {
		return inflateHint(int(n))
	}
	return min(int(n), maxSizeHint)
}

// ReadUpTo reads r to its end or to limit bytes, into a buffer of hint
// bytes grown as needed (io.ReadAll starts at 512 bytes and copies at
// every doubling), with a spare byte for a caller's separator. It
// returns what was read and the error that stopped it (nil at the end
// of r or at limit): what came before an error is kept, so a damaged
// stream still gives its first part. extract reads files with it too.
func ReadUpTo(r io.Reader, hint, limit int) ([]byte, error) {
	if limit <= 0 {
		return nil, nil
	}
	buf := make([]byte, 0, min(max(hint, 512), limit)+1)
	for len(buf) < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), limit)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// readUpTo is ReadUpTo for a stream, whose read errors end it.
func readUpTo(r io.Reader, hint, limit int) []byte {
	b, _ := ReadUpTo(r, hint, limit)
	return b
}

func (d *docState) decodeRaw(v pdf.Value, limit int) []byte {
	m := streamOffRe.FindStringSubmatch(v.String())
	if m == nil {
		return nil
	}
	off, err := strconv.Atoi(m[1])
	n := int(v.Key("Length").Int64())
	if err != nil || off < 0 || off >= len(d.data) || n < 0 {
		return nil
	}
	if off+n > len(d.data) {
		n = len(d.data) - off
	}
	b := d.data[off : off+n]
	filter, parms := v.Key("Filter"), v.Key("DecodeParms")
	var names []string
	var ps []pdf.Value
	switch filter.Kind() {
	case pdf.Name:
		names, ps = []string{filter.Name()}, []pdf.Value{parms}
	case pdf.Array:
		for i := 0; i < filter.Len(); i++ {
			names = append(names, filter.Index(i).Name())
			ps = append(ps, parms.Index(i))
		}
	}
	for i, f := range names {
		var err error
		b, err = decodeFilter(f, ps[i], b, limit)
		if err != nil {
			if errors.Is(err, ErrUnsupportedFilter) {
				d.noteUnsupported(f)
			}
			return nil
		}
		if b == nil {
			return nil
		}
	}
	if len(b) > limit {
		b = b[:limit]
	}
	return b
}

// ErrUnsupportedFilter is wrapped by the error of a stream whose filter
// the reader does not decode (image codecs such as DCTDecode or
// JBIG2Decode, unknown names). The stream is not read; Read warns about
// it.
var ErrUnsupportedFilter = errors.New("unsupported filter")

// decodeFilter decodes b with the filter name and its parameters; at
// most limit bytes are produced. A filter it does not decode gives an
// error wrapping ErrUnsupportedFilter.
func decodeFilter(name string, parms pdf.Value, b []byte, limit int) ([]byte, error) {
	if out := applyFilter(name, parms, b, limit); out != nil || supportedFilter(name) {
		return out, nil
	}
	return nil, fmt.Errorf("%w /%s", ErrUnsupportedFilter, name)
}

// supportedFilter reports whether applyFilter decodes filter name.
func supportedFilter(name string) bool {
	switch name {
	case "FlateDecode", "Fl", "LZWDecode", "LZW", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "RunLengthDecode", "RL":
		return true
	}
	return false
}

// noteUnsupported counts a stream left unread for its filter.
func (d *docState) noteUnsupported(filter string) {
	if d.unsupported == nil {
		d.unsupported = map[string]int{}
	}
	d.unsupported[filter]++
}

// unsupportedWarnings say which streams were not read for their filter.
func (d *docState) unsupportedWarnings() []string {
	var out []string
	for _, f := range slices.Sorted(maps.Keys(d.unsupported)) {
		out = append(out, fmt.Sprintf("%v /%s: %d streams not read", ErrUnsupportedFilter, f, d.unsupported[f]))
	}
	return out
}

func applyFilter(name string, parms pdf.Value, b []byte, limit int) []byte {
	switch name {
	case "FlateDecode", "Fl":
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil
		}
		out, _ := io.ReadAll(io.LimitReader(zr, int64(limit)))
		return predict(out, parms)
	case "LZWDecode", "LZW":
		early := 1
		if e := parms.Key("EarlyChange"); e.Kind() == pdf.Integer {
			early = int(e.Int64())
		}
		return predict(lzwDecode(b, early, limit), parms)
	case "ASCIIHexDecode", "AHx":
		out, _ := decodeHex(b)
		return out
	case "ASCII85Decode", "A85":
		if i := bytes.Index(b, []byte("~>")); i >= 0 {
			b = b[:i]
		}
		b = bytes.TrimPrefix(bytes.TrimSpace(b), []byte("<~"))
		out, _ := io.ReadAll(io.LimitReader(ascii85.NewDecoder(bytes.NewReader(b)), int64(limit)))
		return out
	case "RunLengthDecode", "RL":
		var out []byte
		for i := 0; i < len(b) && len(out) < limit; {
			n := int(b[i])
			i++
			switch {
			case n < 128:
				end := min(i+n+1, len(b))
				out = append(out, b[i:end]...)
				i = end
			case n > 128:
				if i < len(b) {
					out = append(out, bytes.Repeat(b[i:i+1], 257-n)...)
				}
				i++
			default:
				return out
			}
		}
		return out
	}
	return nil // image codecs and unknown filters: not text
}

// predict undoes a PNG or TIFF predictor.
func predict(b []byte, parms pdf.Value) []byte {
	pred := int(parms.Key("Predictor").Int64())
	if pred < 10 {
		return b
	}
	cols := int(parms.Key("Columns").Int64())
	if cols <= 0 {
		cols = 1
	}
	colors := int(parms.Key("Colors").Int64())
	if colors <= 0 {
		colors = 1
	}
	bpc := int(parms.Key("BitsPerComponent").Int64())
	if bpc <= 0 {
		bpc = 8
	}
	bpp := max(1, colors*bpc/8)
	row := (cols*colors*bpc + 7) / 8
	var out []byte
	prev := make([]byte, row)
	for i := 0; i+1 <= len(b); i += row + 1 {
		t := b[i]
		end := min(i+1+row, len(b))
		cur := make([]byte, row)
		copy(cur, b[i+1:end])
		for k := 0; k < row; k++ {
			var a, c byte
			if k >= bpp {
				a = cur[k-bpp]
				c = prev[k-bpp]
			}
			up := prev[k]
			switch t {
			case 1:
				cur[k] += a
			case 2:
				cur[k] += up
			case 3:
				cur[k] += byte((int(a) + int(up)) / 2)
			case 4:
				cur[k] += paeth(a, up, c)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// lzwDecode decodes PDF LZW data (MSB first, 9 to 12 bit codes).
func lzwDecode(b []byte, early, limit int) []byte {
	var out []byte
	table := make([][]byte, 4096)
	for i := 0; i < 256; i++ {
		table[i] = []byte{byte(i)}
	}
	next := 258
	width := 9
	var bitBuf uint32
	bits := 0
	var prev []byte
	pos := 0
	for len(out) < limit {
		for bits < width && pos < len(b) {
			bitBuf = bitBuf<<8 | uint32(b[pos])
			pos++
			bits += 8
		}
		if bits < width {
			break
		}
		code := int(bitBuf>>(bits-width)) & (1<<width - 1)
		bits -= width
		switch {
		case code == 256:
			next, width, prev = 258, 9, nil
			continue
		case code == 257:
			return out
		}
		var entry []byte
		if code < next && table[code] != nil {
			entry = table[code]
		} else if code == next && prev != nil {
			entry = append(append([]byte{}, prev...), prev[0])
		} else {
			return out
		}
		out = append(out, entry...)
		if prev != nil && next < 4096 {
			e := make([]byte, len(prev)+1)
			copy(e, prev)
			e[len(prev)] = entry[0]
			table[next] = e
			next++
		}
		prev = entry
		if next+early >= 1<<width && width < 12 {
			width++
		}
	}
	return out
}
