#!/usr/bin/env bash
# Regenerate the bad-input catalogue in this folder from the project's own sample PDFs.
# Each file is a small, deliberately broken or unusual "PDF" for reliability tests: the
# extractor must return a clear error naming the file and the reason (or, for the readable
# ones, a result), never panic or hang. See ../README.md for what each file is.
#
# Needs (Debian): qpdf poppler-utils img2pdf; libreoffice-writer-nogui for empty_pages.pdf
# (falls back to a hand-written PDF without it).
set -euo pipefail
cd "$(dirname "$0")"
src=../pdf/en/A_RES_99_101_en.pdf
small=../pdf/en/A_99_345_en.pdf
[[ -s $src && -s $small ]] || { echo "render the samples first: ../src/render.sh" >&2; exit 1; }

# 1. plain text with a .pdf name
printf 'This is not a PDF file.\nIt is a plain text file whose name ends in .pdf.\n' > not_a_pdf.pdf

# 2. zero bytes
: > empty_file.pdf

# 3. the first half of a valid PDF (no xref, no trailer, no %%EOF)
size=$(stat -c %s "$src")
head -c $((size / 2)) "$src" > truncated.pdf

# 4. encrypted, empty user password (opens without a password; copying/printing restricted)
qpdf --encrypt "" owner 256 -- "$small" encrypted_owner.pdf

# 4b. the same with AES-128 (what most encrypted real-world PDFs use)
qpdf --encrypt "" owner 128 --use-aes=y -- "$small" encrypted_owner_aes128.pdf

# 5. encrypted, user password required ("user"; owner password "owner")
qpdf --encrypt user owner 256 -- "$small" encrypted_user.pdf

# 6. a valid PDF with a page tree of zero pages
qpdf --deterministic-id --empty zero_pages.pdf

# 7. three blank pages, no text at all
if command -v soffice >/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cat > "$tmp/empty_pages.fodt" <<'FODT'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
 <office:body><office:text><text:p/><text:p text:style-name="PB"/><text:p text:style-name="PB"/></office:text></office:body>
</office:document>
FODT
  soffice -env:UserInstallation=file://"$tmp/profile" --headless --convert-to pdf --outdir "$tmp" "$tmp/empty_pages.fodt" >/dev/null 2>&1
  qpdf --deterministic-id "$tmp/empty_pages.pdf" empty_pages.pdf
else
  # hand-written: three empty A4 pages; qpdf writes the cross-reference table
  printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R 4 0 R 5 0 R]/Count 3/MediaBox[0 0 595 842]>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R>>endobj\n4 0 obj<</Type/Page/Parent 2 0 R>>endobj\n5 0 obj<</Type/Page/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' > empty_pages.raw
  qpdf --deterministic-id empty_pages.raw empty_pages.pdf || true
  rm -f empty_pages.raw
fi

# 8. one page that is only a scanned image (no text layer): page 1 of the English resolution
#    rasterized at 60 dpi in grey
pdftoppm -f 1 -l 1 -r 60 -gray -png "$src" page
img2pdf --pagesize A4 -o image_only.pdf page-1.png
rm -f page-1.png

# 9. a valid PDF whose cross-reference table points to the wrong offsets (every in-use entry
#    moved 7 bytes forward); readers must notice and rebuild it or fail cleanly
python3 - "$small" broken_xref.pdf <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
i = data.rindex(b'\nxref\n')
j = data.index(b'trailer', i)
table = re.sub(rb'(?m)^(\d{10}) (\d{5}) n',
               lambda m: b'%010d %s n' % (int(m.group(1)) + 7, m.group(2)), data[i:j])
assert table != data[i:j], 'no xref table found'
open(sys.argv[2], 'wb').write(data[:i] + table + data[j:])
PY

ls -l *.pdf
