#!/usr/bin/env bash
# Re-render docindex's own test PDFs from the text sources in this folder.
#
#   ./render.sh          gen.py build  -> fodt/*.fodt, ../expect/text/*.txt, ../expect/documents.tsv
#                        soffice       -> ../pdf/<lang>/<name>.pdf
#                        gen.py expect -> ../expect/<lang>__<name>.tsv (clause ids and pages)
#   ./render.sh NAME...  only the named sources (e.g. A_RES_99_101_ar), then the expectations
#
# Needs (Debian): libreoffice-writer-nogui fonts-noto-core fonts-noto-cjk poppler-utils
set -euo pipefail
cd "$(dirname "$0")"

command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer-nogui" >&2; exit 1; }
command -v pdftotext >/dev/null || { echo "pdftotext not found: apt-get install poppler-utils" >&2; exit 1; }
fonts=$(fc-list : family)
for f in "Noto Serif" "Noto Naskh Arabic" "Noto Serif CJK SC"; do
  grep -qx "$f" <<<"$fonts" || grep -q "^$f," <<<"$fonts" || { echo "font missing: $f (fonts-noto-core fonts-noto-cjk)" >&2; exit 1; }
done

python3 gen.py build

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
filter='pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  for f in fodt/*.fodt; do names+=("$(basename "$f" .fodt)"); done
fi
for name in "${names[@]}"; do
  lang=${name##*_}
  out=../pdf/$lang
  mkdir -p "$out"
  rm -f "$out/$name.pdf"
  soffice -env:UserInstallation=file://"$profile" --headless --convert-to "$filter" --outdir "$out" "fodt/$name.fodt" >/dev/null 2>&1
  [[ -s "$out/$name.pdf" ]] || { echo "conversion failed: $name" >&2; exit 1; }
  echo "$out/$name.pdf $(stat -c %s "$out/$name.pdf") bytes"
done

python3 gen.py expect
