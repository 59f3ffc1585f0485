package reader

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// AES-256 decryption (PDF 2.0, ISO 32000-2: security handler revisions 5
// and 6, crypt filter AESV3) of documents that open without a password.
//
// The PDF library decrypts only RC4 and AES-128 (/V up to 4) and refuses
// /V 5. Most such files need no password to open (an owner password
// restricting printing or copying only), so before the bytes reach the
// library, decryptAES256 checks that the empty user password is valid,
// computes the file key, and writes a plain copy of the file: every
// indirect object with its strings decrypted (as hex strings) and its
// stream data decrypted (filters untouched, /Length corrected), without
// the encryption dictionary and the old cross-reference sections, and a
// fresh cross-reference table (or stream, when objects live in object
// streams) with a trailer holding the original /Root, /Info and /ID. With
// AES-256 every string and stream uses the file key itself (no
// per-object key), and the objects inside an object stream are decrypted
// with the stream.

// errNotAES256 is returned by aes256Key for files it does not handle.
var errNotAES256 = errors.New("not an AES-256 (revision 5 or 6) standard security handler")

// aes256Params is what decryption needs from the encryption dictionary.
type aes256Params struct {
	id          int // object number of the encryption dictionary
	key         []byte
	strings     bool // strings are encrypted (/StrF not /Identity)
	streams     bool // streams are encrypted (/StmF not /Identity)
	encMetadata bool // metadata streams are encrypted
}

// aes256Key returns the file key of an AES-256 encrypted PDF for the
// user password pw (nil: the empty password, the only one documents are
// opened with). It returns errNotAES256 for files without such
// encryption (unencrypted, RC4, AES-128, other handlers) and ErrEncrypted
// when pw is not the user password.
func aes256Key(data, pw []byte) (*aes256Params, error) {
	id, dict, _ := encryptObject(data)
	if dict.kind != objDict {
		return nil, errNotAES256
	}
	info := encInfoOf(dict)
	if info.filter != "Standard" || info.v != 5 || (info.r != 5 && info.r != 6) {
		return nil, errNotAES256
	}
	u, ue := dict.key("U"), dict.key("UE")
	if u.kind != objStr || ue.kind != objStr || len(u.str) < 48 || len(ue.str) < 32 {
		return nil, fmt.Errorf("%w (AES-256, revision %d): the encryption dictionary is damaged (/U or /UE too short)", ErrEncryptionUnsupported, info.r)
	}
	key := userFileKey(info.r, pw, []byte(u.str), []byte(ue.str))
	if key == nil {
		return nil, fmt.Errorf("%w (AES-256, revision %d)", ErrEncrypted, info.r)
	}
	em := dict.key("EncryptMetadata")
	p := &aes256Params{id: id, key: key,
		strings:     dict.key("StrF").name() != "Identity",
		streams:     dict.key("StmF").name() != "Identity",
		encMetadata: em.kind != objBool || em.num != 0,
	}
	return p, nil
}

// encryptObject finds the encryption dictionary: the object that the
// last /Encrypt entry of data refers to, read with the object tokenizer.
// id is 0 when no /Encrypt entry is a reference, dict is objNone when
// the object is not found, and named reports whether data has an
// /Encrypt entry at all.
func encryptObject(data []byte) (id int, dict pdfObj, named bool) {
	ref := pdfObj{}
	for end := len(data); ; {
		k := bytes.LastIndex(data[:end], []byte("/Encrypt"))
		if k < 0 {
			break
		}
		end = k
		p := &objParser{b: data, i: k}
		if t := p.next(); t.kind != tkName || t.str != "Encrypt" {
			continue
		}
		named = true
		if v := p.value(0); v.kind == objRef {
			ref = v
			break
		}
	}
	if ref.kind != objRef {
		return 0, pdfObj{}, named
	}
	off := -1
	for _, h := range objHeads(data) {
		if h.id == ref.ref[0] && h.gen == ref.ref[1] {
			off = h.off
		}
	}
	if off < 0 {
		return ref.ref[0], pdfObj{}, true
	}
	return ref.ref[0], objectDict(data, off), true
}

// userFileKey returns the file key of an AES-256 encrypted PDF (security
// handler revision r, /U and /UE strings u and ue) for the user password
// pw, or nil when pw is not the user password (ISO 32000-2 Algorithms 2.A
// and 2.B; pw is the UTF-8 password, already SASLprep-processed and cut
// to 127 bytes).
func userFileKey(r int, pw, u, ue []byte) []byte {
	if len(u) < 48 || len(ue) < 32 {
		return nil
	}
	h := func(salt []byte) []byte {
		if r == 5 {
			s := sha256.Sum256(append(append([]byte(nil), pw...), salt...))
			return s[:]
		}
		return hash2B(pw, salt, nil)
	}
	// U[0:32] is the hash of the password with the validation salt
	// U[32:40]
	if !bytes.Equal(h(u[32:40]), u[:32]) {
		return nil
	}
	// the intermediate key, the hash with the key salt U[40:48], decrypts
	// /UE (AES-256-CBC, zero IV, no padding) into the file key
	block, err := aes.NewCipher(h(u[40:48]))
	if err != nil {
		return nil
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, ue[:32])
	return key
}

// aesDecrypt decrypts AES-256-CBC data whose first 16 bytes are the IV
// and whose end is PKCS#7 padding. Data of a wrong length or with bad
// padding is decrypted as far as possible (readers are lenient there).
func aesDecrypt(block cipher.Block, b []byte) []byte {
	if len(b) < 32 {
		return nil
	}
	n := (len(b) - 16) / 16 * 16
	out := make([]byte, n)
	cipher.NewCBCDecrypter(block, b[:16]).CryptBlocks(out, b[16:16+n])
	if pad := int(out[n-1]); pad >= 1 && pad <= 16 && bytes.Count(out[n-pad:], out[n-1:]) == pad {
		out = out[:n-pad]
	}
	return out
}

// decryptAES256 returns a decrypted copy of data when it is encrypted
// with AES-256 and opens with the empty user password, nil (and no
// error) when it is not AES-256 encrypted, and ErrEncrypted when a user
// password is required.
func decryptAES256(data []byte) ([]byte, error) {
	if !bytes.Contains(data, []byte("/Encrypt")) {
		return nil, nil
	}
	p, err := aes256Key(data, nil)
	if errors.Is(err, errNotAES256) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(p.key)
	if err != nil {
		return nil, err
	}
	limit := maxObjects(len(data))
	objs, maxID := decryptObjects(data, block, p, limit)
	if len(objs) == 0 {
		return nil, fmt.Errorf("%w (AES-256): no objects found", ErrEncryptionUnsupported)
	}
	// the trailer: that of the last cross-reference section
	trailer, src := trailerDict(data)
	root := trailer.key("Root")
	if root.kind != objRef {
		return nil, fmt.Errorf("%w (AES-256): no /Root in the trailer", ErrEncryptionUnsupported)
	}
	extra := " /Root " + string(src[root.start:root.end])
	if v := trailer.key("Info"); v.kind == objRef {
		extra += " /Info " + string(src[v.start:v.end])
	}
	if v := trailer.key("ID"); v.kind == objArray {
		extra += " /ID " + string(src[v.start:v.end])
	}
	var b bytes.Buffer
	b.Grow(len(data) + 64)
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	ids := make([]int, 0, len(objs))
	for id := range objs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	out := map[int]int{}
	gens := map[int]int{}
	for _, id := range ids {
		out[id] = b.Len()
		gens[id] = objs[id].gen
		fmt.Fprintf(&b, "%d %d obj\n", id, objs[id].gen)
		b.Write(objs[id].text)
		b.WriteString("\nendobj\n")
	}
	// objects in object streams
	compressed := map[int]inStm{}
	d := b.Bytes()
	for _, id := range ids {
		if objectDict(d, out[id]).key("Type").name() != "ObjStm" {
			continue
		}
		list, _ := readObjStm(d, out[id], out)
		for k, oid := range list {
			if oid <= 0 || oid > limit {
				continue
			}
			if _, direct := out[oid]; !direct {
				compressed[oid] = inStm{id, k}
				maxID = max(maxID, oid)
			}
		}
	}
	appendXref(&b, out, gens, compressed, maxID, extra)
	return b.Bytes(), nil
}

// decryptedObject is an indirect object of a decrypted copy: its
// generation and its body, strings and stream data decrypted.
type decryptedObject struct {
	gen  int
	text []byte
}

// decryptObjects decrypts every indirect object of data (the last
// definition of an object number wins; the encryption dictionary and
// cross-reference streams are left out) and returns them with the
// largest object number kept.
func decryptObjects(data []byte, block cipher.Block, p *aes256Params, limit int) (map[int]decryptedObject, int) {
	// object offsets, for indirect /Length values
	heads := objHeads(data)
	offsets := map[int]int{}
	for _, h := range heads {
		offsets[h.id] = h.off
	}
	objs := map[int]decryptedObject{}
	maxID := 0
	pos := 0
	for _, h := range heads {
		if h.off < pos {
			continue // inside the object before
		}
		id, gen := h.id, h.gen
		if id <= 0 || id > limit {
			pos = h.body
			continue
		}
		text, end, skip := decryptObject(data, h.body, block, p, offsets)
		pos = end
		skip = skip || id == p.id
		if id > maxID && !skip {
			maxID = id
		}
		if skip {
			delete(objs, id)
			continue
		}
		objs[id] = decryptedObject{gen, text}
	}
	return objs, maxID
}

// lastTrailer returns the dictionary of the cross-reference section that
// startxref points at (a trailer or a cross-reference stream), or of the
// last "trailer" keyword when that cannot be followed.
func lastTrailer(data []byte) []byte {
	tail := data[max(0, len(data)-4096):]
	if off, ok := startxref(tail); ok {
		if off > 0 && off < len(data) {
			sec := data[off:]
			if bytes.HasPrefix(bytes.TrimLeft(sec, " \t\r\n\f\x00"), []byte("xref")) {
				if t := bytes.Index(sec, []byte("trailer")); t >= 0 {
					sec = sec[t:]
					if e := bytes.Index(sec, []byte("startxref")); e >= 0 {
						sec = sec[:e]
					}
					return sec
				}
			} else if e := bytes.Index(sec, []byte("stream")); e >= 0 && e < 1<<16 {
				return sec[:e]
			}
		}
	}
	if k := bytes.LastIndex(data, []byte("trailer")); k >= 0 {
		return data[k:]
	}
	return nil
}

// trailerDict parses the trailer dictionary lastTrailer finds; src is
// the bytes the spans of its values refer to.
func trailerDict(data []byte) (dict pdfObj, src []byte) {
	sec := lastTrailer(data)
	if bytes.HasPrefix(sec, []byte("trailer")) {
		src = sec[len("trailer"):]
		return parseObject(src), src
	}
	if at := afterObjHeader(sec); at >= 0 {
		return parseObject(sec[at:]), sec[at:]
	}
	return pdfObj{}, nil
}

// decryptObject rewrites the body of the indirect object starting at
// start (just after "N G obj"): strings become decrypted hex strings and
// stream data is decrypted. It returns the new body (without "endobj"),
// the offset after the object, and skip for objects that must not be
// copied (the encryption dictionary, cross-reference streams).
func decryptObject(data []byte, start int, block cipher.Block, p *aes256Params, offsets map[int]int) (text []byte, end int, skip bool) {
	var w bytes.Buffer
	lx := &objParser{b: data, i: start}
	for {
		from := lx.i
		t := lx.next()
		// white space and comments before the token are copied as they are
		w.Write(data[from:t.start])
		switch {
		case t.kind == tkEOF:
			return w.Bytes(), len(data), false
		case t.kind == tkStr:
			s := []byte(t.str)
			if p.strings {
				if dec := aesDecrypt(block, s); dec != nil || len(s) == 0 {
					s = dec
				}
			}
			w.WriteByte('<')
			w.WriteString(hex.EncodeToString(s))
			w.WriteByte('>')
		case t.kind == tkKeyword && t.str == "endobj":
			return w.Bytes(), t.end, false
		case t.kind == tkKeyword && t.str == "stream":
			return decryptStream(data, t.end, w.Bytes(), block, p, offsets)
		default:
			w.Write(data[t.start:t.end])
		}
	}
}

// decryptStream handles the stream of an object whose dictionary (already
// rewritten) is dict; at is the offset just after the "stream" keyword.
func decryptStream(data []byte, at int, dict []byte, block cipher.Block, p *aes256Params, offsets map[int]int) ([]byte, int, bool) {
	if at < len(data) && data[at] == '\r' {
		at++
	}
	if at < len(data) && data[at] == '\n' {
		at++
	}
	d := parseObject(dict)
	n := streamLength(data, d, offsets)
	// the length must end at "endstream"; otherwise search for it
	if n < 0 || at+n > len(data) || !bytes.HasPrefix(bytes.TrimLeft(data[at+n:min(len(data), at+n+32)], " \t\r\n\f\x00"), []byte("endstream")) {
		e := bytes.Index(data[at:], []byte("endstream"))
		if e < 0 {
			return nil, len(data), true
		}
		n = e
		for n > 0 && (data[at+n-1] == '\n' || data[at+n-1] == '\r') {
			n--
		}
	}
	raw := data[at : at+n]
	end := at + n
	if e := bytes.Index(data[end:], []byte("endobj")); e >= 0 {
		end += e + len("endobj")
	} else {
		end = len(data)
	}
	typ := d.key("Type").name()
	if typ == "XRef" {
		return nil, end, true
	}
	plain := p.streams && !slices.Contains(d.key("Filter").names(), "Crypt") && (p.encMetadata || typ != "Metadata")
	if plain {
		raw = aesDecrypt(block, raw)
	}
	var w bytes.Buffer
	if l := d.key("Length"); l.kind != objNone {
		w.Write(dict[:l.start])
		fmt.Fprintf(&w, "%d", len(raw))
		w.Write(dict[l.end:])
	} else {
		w.Write(dict)
	}
	w.WriteString("stream\n")
	w.Write(raw)
	w.WriteString("\nendstream")
	return w.Bytes(), end, false
}
