package reader

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ledongthuc/pdf"
)

// qpdfKey returns the file key qpdf computes for file with password pw
// (qpdf --show-encryption-key), or skips the test when qpdf is absent.
func qpdfKey(t *testing.T, file, pw string) []byte {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed")
	}
	out, err := exec.Command("qpdf", "--show-encryption", "--show-encryption-key", "--password="+pw, file).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf %s: %v\n%s", file, err, out)
	}
	m := regexp.MustCompile(`Encryption key = ([0-9a-f]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("qpdf %s: no key in\n%s", file, out)
	}
	k, _ := hex.DecodeString(string(m[1]))
	return k
}

// qpdfMake runs qpdf with args (the output file last) in a temporary
// directory and returns the path of the output file.
func qpdfMake(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed")
	}
	out := filepath.Join(t.TempDir(), name)
	if b, err := exec.Command("qpdf", append(args, out)...).CombinedOutput(); err != nil {
		t.Fatalf("qpdf %v: %v\n%s", args, err, b)
	}
	return out
}

// TestAES256FileKey is a known-answer test of Algorithms 2.A/2.B (the
// revision 6 hash) and of the revision 5 hash: the file key computed from
// the user password must be the one qpdf computes, and a wrong password
// must be refused.
func TestAES256FileKey(t *testing.T) {
	src := "../../testdata/pdf/en/A_99_345_en.pdf"
	r5 := qpdfMake(t, "r5.pdf", "--encrypt", "", "owner", "256", "--force-R5", "--", src)
	r5user := qpdfMake(t, "r5user.pdf", "--encrypt", "secret", "owner", "256", "--force-R5", "--", src)
	for _, c := range []struct {
		file, pw string
		r        int
	}{
		{"../../testdata/bad/encrypted_owner.pdf", "", 6},
		{"../../testdata/bad/encrypted_user.pdf", "user", 6},
		{r5, "", 5},
		{r5user, "secret", 5},
	} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		if info := encryptDict(data); info == nil || info.r != c.r || info.v != 5 {
			t.Fatalf("%s: encryption dictionary %+v, want /V 5 /R %d", c.file, info, c.r)
		}
		p, err := aes256Key(data, []byte(c.pw))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if want := qpdfKey(t, c.file, c.pw); !bytes.Equal(p.key, want) {
			t.Errorf("%s: key %x, qpdf says %x", c.file, p.key, want)
		}
		if _, err := aes256Key(data, []byte(c.pw+"x")); !errors.Is(err, ErrEncrypted) {
			t.Errorf("%s: wrong password: %v, want ErrEncrypted", c.file, err)
		}
	}
}

// TestDecryptAES256 checks the decrypted copy: it opens with the PDF
// library as an unencrypted file, its strings (document information) and
// its pages are those of the unencrypted source, for revisions 5 and 6
// and with object streams.
func TestDecryptAES256(t *testing.T) {
	src := "../../testdata/pdf/en/A_99_345_en.pdf"
	srcData, _ := os.ReadFile(src)
	ref, _, err := readText(context.Background(), srcData)
	if err != nil {
		t.Fatal(err)
	}
	srcR, err := pdf.NewReader(bytes.NewReader(srcData), int64(len(srcData)))
	if err != nil {
		t.Fatal(err)
	}
	title := srcR.Trailer().Key("Info").Key("Title").Text()
	if title == "" {
		t.Fatalf("%s has no /Title to compare", src)
	}
	files := map[string]string{"R6": "../../testdata/bad/encrypted_owner.pdf"}
	if _, err := exec.LookPath("qpdf"); err == nil {
		files["R5"] = qpdfMake(t, "r5.pdf", "--encrypt", "", "owner", "256", "--force-R5", "--", src)
		files["R6 object streams"] = qpdfMake(t, "objstm.pdf", "--object-streams=generate", "--encrypt", "", "owner", "256", "--", src)
	}
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if name == "R6 object streams" && !bytes.Contains(data, []byte("/ObjStm")) {
				t.Fatal("qpdf wrote no object stream")
			}
			if _, err := pdf.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
				t.Fatal("the PDF library opens the encrypted file itself: the test no longer tests anything")
			}
			dec, err := decryptAES256(data)
			if err != nil || dec == nil {
				t.Fatalf("decryptAES256: %v (%d bytes)", err, len(dec))
			}
			if bytes.Contains(dec, []byte("/Encrypt")) {
				t.Error("the decrypted copy still has /Encrypt")
			}
			r, err := pdf.NewReader(bytes.NewReader(dec), int64(len(dec)))
			if err != nil {
				t.Fatalf("the decrypted copy does not open: %v", err)
			}
			if got := r.Trailer().Key("Info").Key("Title").Text(); got != title {
				t.Errorf("/Title %q, want %q", got, title)
			}
			if r.NumPage() != srcR.NumPage() {
				t.Errorf("%d pages, want %d", r.NumPage(), srcR.NumPage())
			}
			pages, _, err := readText(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			if got, exp := pagesText(pages), pagesText(ref); got != exp {
				t.Errorf("text differs from %s:\n%.300s\nwant\n%.300s", src, got, exp)
			}
		})
	}
}

// TestDecryptAES256Metadata: the XMP metadata stream reads as XML after
// decryption, whether it was encrypted or left in clear text
// (/EncryptMetadata false). It needs a corpus file that has one.
func TestDecryptAES256Metadata(t *testing.T) {
	s := relSharedDir()
	if s == "" {
		t.Skip("../shared/corpus not present")
	}
	src := filepath.Join(s, "corpus", "en", "S_PV.4507_2002_en.pdf")
	if _, err := os.Stat(src); err != nil {
		t.Skip(err)
	}
	for _, clear := range []bool{false, true} {
		args := []string{"--encrypt", "", "owner", "256"}
		if clear {
			args = append(args, "--cleartext-metadata")
		}
		f := qpdfMake(t, "meta.pdf", append(args, "--", src)...)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, enc, _ := encryptObject(data)
		if em := enc.key("EncryptMetadata"); clear != (em.kind == objBool && em.num == 0) {
			t.Fatalf("cleartext %v: /EncryptMetadata false present: %v", clear, !clear)
		}
		dec, err := decryptAES256(data)
		if err != nil {
			t.Fatal(err)
		}
		r, err := pdf.NewReader(bytes.NewReader(dec), int64(len(dec)))
		if err != nil {
			t.Fatal(err)
		}
		m := r.Trailer().Key("Root").Key("Metadata")
		if m.Kind() != pdf.Stream {
			t.Fatalf("cleartext %v: no metadata stream", clear)
		}
		rd := m.Reader()
		xml, _ := io.ReadAll(rd)
		rd.Close()
		if !bytes.Contains(xml, []byte("<rdf:RDF")) {
			t.Errorf("cleartext %v: metadata is not XMP: %.80q", clear, xml)
		}
	}
}

// TestDecryptAES256Others: files that are not AES-256 encrypted are left
// to the library (nil, no error); one that needs a user password gives
// ErrEncrypted.
func TestDecryptAES256Others(t *testing.T) {
	for _, f := range []string{"../../testdata/bad/encrypted_owner_aes128.pdf", "../../testdata/pdf/en/A_99_345_en.pdf", "../../testdata/bad/broken_xref.pdf"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if dec, err := decryptAES256(data); dec != nil || err != nil {
			t.Errorf("%s: %d bytes, %v; want nil, nil", f, len(dec), err)
		}
	}
	data, err := os.ReadFile("../../testdata/bad/encrypted_user.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if dec, err := decryptAES256(data); dec != nil || !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypted_user.pdf: %d bytes, %v; want ErrEncrypted", len(dec), err)
	}
}

// TestDecryptAES256Damaged: truncated or corrupted AES-256 files never
// panic in the decryption pre-pass, and File gives a result or an error.
func TestDecryptAES256Damaged(t *testing.T) {
	data, err := os.ReadFile("../../testdata/bad/encrypted_owner.pdf")
	if err != nil {
		t.Fatal(err)
	}
	step := 97
	if testing.Short() {
		step = 997
	}
	for n := 0; n < len(data); n += step {
		cut := data[:n]
		bad := bytes.Clone(data)
		bad[n] ^= 0x5a
		for _, d := range [][]byte{cut, bad} {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("at %d: panic %v", n, p)
					}
				}()
				decryptAES256(d)
			}()
		}
	}
}

func FuzzDecryptAES256(f *testing.F) {
	for _, s := range []string{"encrypted_owner.pdf", "encrypted_user.pdf"} {
		if data, err := os.ReadFile("../../testdata/bad/" + s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decryptAES256(data)
	})
}
