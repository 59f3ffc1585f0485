#!/usr/bin/env bash
# Regenerate the scanned test PDFs in this folder from the project's own
# rendered samples (../pdf): each page rasterized at 200 dpi in grey,
# turned 0.4 degrees, blurred a little and thresholded to black and white
# (a fax-like scan, ~45 KB a page), wrapped as an image-only PDF (one
# 1-bit Flate image per page) by wrap.go. No text layer: docindex reads
# them by OCR.
#
#   A_RES_99_101_en_scanned.pdf   the English resolution, both pages
#   A_RES_99_101_ar_scanned.pdf   the Arabic resolution, both pages
#   A_RES_99_101_ru_scanned.pdf   the Russian resolution, page 1
#   A_RES_99_101_zh_scanned.pdf   the Chinese resolution, page 1
#   rotated_en_scanned.pdf        page 1 of the English one turned 90
#                                 degrees (orientation detection)
#
# Needs (Debian): poppler-utils, imagemagick, go.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

scan() { # scan PDF FIRST LAST OUT [extra convert options]
	local pdf=$1 first=$2 last=$3 out=$4
	shift 4
	pdftoppm -r 200 -gray -f "$first" -l "$last" "$pdf" "$tmp/p"
	local imgs=()
	for p in "$tmp"/p-*.pgm; do
		convert "$p" -rotate 0.4 -background white -flatten -blur 0x0.7 -threshold 55% "$@" "${p%.pgm}.pbm"
		imgs+=("${p%.pgm}.pbm")
	done
	go run wrap.go "$out" 200 "${imgs[@]}"
	rm -f "$tmp"/p-*
}

scan ../pdf/en/A_RES_99_101_en.pdf 1 2 A_RES_99_101_en_scanned.pdf
scan ../pdf/ar/A_RES_99_101_ar.pdf 1 2 A_RES_99_101_ar_scanned.pdf
scan ../pdf/ru/A_RES_99_101_ru.pdf 1 1 A_RES_99_101_ru_scanned.pdf
scan ../pdf/zh/A_RES_99_101_zh.pdf 1 1 A_RES_99_101_zh_scanned.pdf
scan ../pdf/en/A_RES_99_101_en.pdf 1 1 rotated_en_scanned.pdf -rotate 90
ls -l ./*.pdf
