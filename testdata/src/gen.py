#!/usr/bin/env python3
"""Generate docindex's own test documents from the plain-text sources in this folder.

  gen.py build    for each NAME_<lang>.txt here write
                    fodt/NAME_<lang>.fodt            LibreOffice Flat ODF source of the PDF
                    ../expect/text/NAME_<lang>.txt   exact body text (one paragraph per line)
                    ../expect/documents.tsv          file, symbol, language, title, date, body
  gen.py expect   after render.sh has made ../pdf/<lang>/NAME_<lang>.pdf, write
                    ../expect/<lang>__NAME_<lang>.tsv  id, page, first_words, last_words
                  Ids, first and last words come from the source text; only the page column is
                  located in the rendered PDF (pdftotext, page by page), because which page a
                  paragraph starts on is decided by LibreOffice's layout.

Source markup (UTF-8, one paragraph per line; blank lines and lines starting with # ignored):
  %key value             metadata: lang, country, script (latin|cyrillic|arabic|cjk), symbol, job,
                         job_letter, date_iso, body, title, running_title, org, organ, distr,
                         date, date2, date3, line (repeatable), bold
  STYLE [LABEL] :: TEXT  a paragraph; LABEL is its printed number or letter
  fn N :: TEXT           footnote N, referenced in the body as {fn:N}
Inline: *italic* (opening words; not slanted in Arabic and Chinese), ^superscript^,
{fn:N} footnote reference, ~ no-break space (U+00A0).

Table rows: consecutive lines `tr :: cell | cell | …` make one table (the first line is its
header row); its clause is <the clause before it>__table_N, its text the rows as lines with
cells separated by " | " (as docindex reads a table).

Styles: adopt, adopt2, restitle, intro (resolution head); pre (preambular paragraph),
op (numbered operative paragraph), sub (lettered sub-paragraph), item (roman item in a
sub-paragraph), closing1/closing (meeting and date at the end); title, subtitle, h1 (report
heading), rp (report paragraph numbered at the margin).

Clause ids (as in shared/gold/README.md): pre -> preamble__para_k; op/rp "N." -> para_N;
sub -> <parent>__list_1__point_<x> with x the Latin letter at the same position (a, b, c...);
item -> <sub>__list_1__point_<roman> by position (i, ii, ...).
Only the Python standard library is used.
"""
import os
import re
import subprocess
import sys
import unicodedata
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)
FODT = os.path.join(HERE, 'fodt')
EXPECT = os.path.join(TESTDATA, 'expect')
PDF = os.path.join(TESTDATA, 'pdf')

FONT_LATIN = 'Noto Serif'
FONT_ARABIC = 'Noto Naskh Arabic'
FONT_CJK = 'Noto Serif CJK SC'
NBSP = '\u00a0'

CLAUSE_STYLES = {'pre', 'op', 'rp', 'sub', 'item'}
ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x']


# ------------------------------------------------------------------ parsing

def sources():
    return sorted(n[:-4] for n in os.listdir(HERE) if re.match(r'.+_[a-z]{2}\.txt$', n))


def parse(name):
    path = os.path.join(HERE, name + '.txt')
    meta = {'line': []}
    paras, notes = [], {}
    with open(path, encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            if line.startswith('%'):
                k, _, v = line[1:].partition(' ')
                if k == 'line':
                    meta['line'].append(v)
                else:
                    meta[k] = v
                continue
            head, sep, text = line.partition(' :: ')
            if not sep:
                sys.exit(f'{path}:{n}: missing " :: "')
            style, _, label = head.partition(' ')
            if style == 'fn':
                notes[label] = text
            else:
                paras.append((style, label, text))
    for k in ('lang', 'script', 'symbol', 'job', 'job_letter', 'date_iso', 'body', 'title'):
        if k not in meta:
            sys.exit(f'{path}: missing %{k}')
    return meta, paras, notes


def spans(text, ital=False):
    """Split inline markup into (kind, value, italic), kind in t (text), sup, fn."""
    out, buf, i = [], '', 0
    while i < len(text):
        c = text[i]
        if c in '*^' and text.find(c, i + 1) > i:
            j = text.find(c, i + 1)
            if buf:
                out.append(('t', buf, ital))
                buf = ''
            if c == '*':
                out.extend(spans(text[i + 1:j], True))
            else:
                out.append(('sup', text[i + 1:j].replace('~', NBSP), ital))
            i = j + 1
        elif text.startswith('{fn:', i):
            j = text.index('}', i)
            if buf:
                out.append(('t', buf, ital))
                buf = ''
            out.append(('fn', text[i + 4:j], ital))
            i = j + 1
        else:
            buf += NBSP if c == '~' else c
            i += 1
    if buf:
        out.append(('t', buf, ital))
    return out


def plain(text):
    """The text as printed, without footnote reference marks; no-break spaces as spaces
    (LibreOffice draws U+00A0 with the space glyph, so the PDF text layer has U+0020)."""
    return ''.join(v for k, v, _ in spans(text) if k != 'fn').replace(NBSP, ' ')


def clauses(meta, paras):
    """(id, style, label, text) for every clause paragraph, in document order."""
    out = []
    pre = 0
    parent = sub = None
    nsub = nitem = 0
    tables = {}
    for k, (style, label, text) in enumerate(paras):
        if style == 'tr':
            if k > 0 and paras[k - 1][0] == 'tr':
                cid = out[-1][0]
                out[-1] = (cid, 'table', '', out[-1][3] + '\n' + table_line(text))
                continue
            if not out:
                sys.exit(f'{meta["symbol"]} {meta["lang"]}: a table before any paragraph')
            parent_id = out[-1][0]
            tables[parent_id] = tables.get(parent_id, 0) + 1
            out.append((f'{parent_id}__table_{tables[parent_id]}', 'table', '', table_line(text)))
            continue
        if style not in CLAUSE_STYLES:
            continue
        if style == 'pre':
            pre += 1
            cid = f'preamble__para_{pre}'
            parent, nsub = cid, 0
        elif style in ('op', 'rp'):
            num = re.sub(r'[^0-9.]', '', label).strip('.')
            if not num:
                sys.exit(f'{meta["symbol"]} {meta["lang"]}: bad paragraph number {label!r}')
            cid = f'para_{num}'
            parent, nsub = cid, 0
        elif style == 'sub':
            if parent is None:
                sys.exit(f'{meta["symbol"]} {meta["lang"]}: sub-paragraph {label} outside a paragraph')
            letter = 'abcdefghijklmnopqrstuvwxyz'[nsub]
            nsub += 1
            bare = label.strip('() ')
            if re.fullmatch('[a-z]', bare) and bare != letter:
                sys.exit(f'{meta["symbol"]} {meta["lang"]}: label {label} at position {letter}')
            cid = f'{parent}__list_1__point_{letter}'
            sub, nitem = cid, 0
        else:  # item
            if sub is None:
                sys.exit(f'{meta["symbol"]} {meta["lang"]}: item {label} outside a sub-paragraph')
            rom = ROMAN[nitem]
            nitem += 1
            bare = label.strip('() ')
            if re.fullmatch('[ivx]+', bare) and bare != rom:
                sys.exit(f'{meta["symbol"]} {meta["lang"]}: label {label} at position {rom}')
            cid = f'{sub}__list_1__point_{rom}'
        if style in ('pre', 'op', 'rp'):
            sub = None
        out.append((cid, style, label, text))
    return out


def cells_of(text):
    return [c.strip() for c in text.split('|')]


def table_line(text):
    """A table row as docindex prints it: cells separated by ' | '."""
    return ' | '.join(plain(c) for c in cells_of(text))


def first_last(text, script):
    t = plain(text)
    if script == 'cjk':
        chars = re.sub(r'\s+', '', t)
        return chars[:10], chars[-10:]
    words = t.split()
    return ' '.join(words[:5]), ' '.join(words[-5:])


# ------------------------------------------------------------------ ODF

def x(s):
    return escape(s, {'"': '&quot;'})


# Noto Naskh Arabic has no glyphs for these: in Arabic documents they are set in the Latin font
# explicitly (otherwise LibreOffice picks some other fallback font for them).
NASKH_MISSING = '"#$%&\'()*+-/;<=>?@[\\]^_`{|}~\u201c\u201d\u2018\u2019\u2013\u2014\u2026'


class Doc:
    def __init__(self, name):
        self.name = name
        self.meta, self.paras, self.notes = parse(name)
        self.script = self.meta['script']
        self.rtl = self.script == 'arabic'
        self.cjk = self.script == 'cjk'

    def xt(self, s):
        if not self.rtl:
            return x(s)
        cls = re.escape(NASKH_MISSING)
        out = []
        for run in re.findall(f'[{cls}]+|[^{cls}]+', s):
            out.append(f'<text:span text:style-name="Lat">{x(run)}</text:span>' if run[0] in NASKH_MISSING else x(run))
        return ''.join(out)

    def inline(self, text):
        out = []
        for kind, val, ital in spans(text):
            if kind == 't':
                out.append(f'<text:span text:style-name="Em">{self.xt(val)}</text:span>' if ital else self.xt(val))
            elif kind == 'sup':
                out.append(f'<text:span text:style-name="Sup">{x(val)}</text:span>')
            else:
                out.append(f'<text:note text:id="ftn{val}" text:note-class="footnote">'
                           f'<text:note-citation>{val}</text:note-citation><text:note-body>'
                           f'<text:p text:style-name="Footnote">{self.inline(self.notes[val])}</text:p>'
                           f'</text:note-body></text:note>')
        return ''.join(out)

    def fodt(self):
        m = self.meta
        rtl, cjk = self.rtl, self.cjk
        wm = 'style:writing-mode="rl-tb"' if rtl else 'style:writing-mode="lr-tb"'
        ml = mr = 2.5
        tw = 21.0 - ml - mr
        ind = 1.27
        if rtl:
            pt, lh, fpt = 13, 'fo:line-height="100%"', 10.5
        elif cjk:
            pt, lh, fpt = 11, 'fo:line-height="130%"', 9
        else:
            pt, lh, fpt = 10, 'fo:line-height="12pt"', 8.5

        def sz(p):
            return f'fo:font-size="{p}pt" style:font-size-asian="{p}pt" style:font-size-complex="{p}pt"'
        bold = 'fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"'
        ital = ('fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"'
                if not (rtl or cjk) else '')
        tab0 = '<style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops>'
        tabi = f'<style:tab-stops><style:tab-stop style:position="{ind}cm"/></style:tab-stops>'
        # Arabic is set flush right: LibreOffice justifies Arabic by kashida stretching, which
        # text extractors read as spaces inside words.
        align = 'fo:text-align="start"' if rtl else 'fo:text-align="justify"'

        st = []

        def ps(name, para='', text='', parent='Body', tabs='', cls='text'):
            # every style repeats the writing mode of the document
            if 'writing-mode' not in para:
                para += ' ' + wm
            if rtl:
                # LibreOffice 7.4 takes text-align start/end as left/right whatever the writing
                # mode, while it applies margin-left/text-indent at the start (right) side
                para = para.replace('text-align="start"', 'text-align="RIGHT"').replace(
                    'text-align="end"', 'text-align="left"').replace('RIGHT', 'right')
            st.append(f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="{parent}" '
                      f'style:class="{cls}"><style:paragraph-properties {para}>{tabs}</style:paragraph-properties>'
                      f'<style:text-properties {text}/></style:style>')

        ps('Body', f'{align} {lh} fo:margin-top="0cm" fo:margin-bottom="6pt" fo:orphans="2" fo:widows="2" {wm}',
           f'{sz(pt)}', parent='Standard')
        ps('adopt', f'fo:margin-left="{ind}cm" fo:margin-top="6pt" fo:margin-bottom="0cm" fo:text-align="start" fo:keep-with-next="always"', f'{sz(pt + 2)} {bold}')
        ps('adopt2', f'fo:margin-left="{ind}cm" fo:margin-bottom="18pt" fo:text-align="start" fo:keep-with-next="always"')
        ps('restitle', f'fo:margin-left="{ind}cm" fo:text-indent="-{ind}cm" fo:margin-bottom="12pt" fo:text-align="start" fo:keep-with-next="always"', f'{sz(pt + 2)} {bold}', tabs=tab0)
        ps('intro', f'fo:margin-left="{ind}cm" fo:text-indent="{ind}cm" fo:keep-with-next="always"')
        ps('pre', f'fo:margin-left="{ind}cm" fo:text-indent="{ind}cm"')
        ps('op', f'fo:margin-left="{ind + 1.0}cm" fo:text-indent="-1cm"', tabs=tab0)
        ps('sub', f'fo:margin-left="{ind + 2.0}cm" fo:text-indent="-1cm"', tabs=tab0)
        ps('item', f'fo:margin-left="{ind + 3.0}cm" fo:text-indent="-1cm"', tabs=tab0)
        ps('closing1', 'fo:text-align="end" fo:margin-top="12pt" fo:margin-bottom="0cm" fo:keep-with-next="always"')
        ps('closing', 'fo:text-align="end" fo:margin-bottom="0cm"')
        ps('title', f'fo:margin-left="{ind}cm" fo:margin-top="12pt" fo:margin-bottom="4pt" fo:text-align="start" fo:keep-with-next="always"', f'{sz(pt + 7)} {bold}')
        ps('subtitle', f'fo:margin-left="{ind}cm" fo:margin-bottom="12pt" fo:text-align="start" fo:keep-with-next="always"', f'{sz(pt + 4)} {bold}')
        ps('h1', f'fo:margin-left="{ind}cm" fo:text-indent="-{ind}cm" fo:margin-top="18pt" fo:margin-bottom="12pt" fo:text-align="start" fo:keep-with-next="always"', f'{sz(pt + 4)} {bold}', tabs=tab0)
        ps('rp', f'fo:margin-left="{ind}cm"', tabs=tabi)
        ps('TCell', f'fo:text-align="start" fo:margin-bottom="0cm" fo:line-height="100%" {wm}', sz(pt - 1), parent='Standard')
        ps('TCellH', '', f'{bold}', parent='TCell')
        ps('Footnote', f'fo:margin-left="{ind + 0.6}cm" fo:text-indent="-0.6cm" fo:line-height="100%" fo:margin-bottom="1pt" fo:text-align="start" {wm}',
           sz(fpt), parent='Standard', cls='extra')
        ps('HF', f'fo:text-align="start" fo:margin-bottom="0cm" {wm}', sz(8.5 if not (rtl or cjk) else 9), parent='Standard', cls='extra')
        ps('HFsym', 'fo:text-align="end"', f'{sz(10)} {bold}', parent='HF', cls='extra')
        ps('Foot', 'fo:text-align="left" style:writing-mode="lr-tb"', '', parent='HF', cls='extra',
           tabs=f'<style:tab-stops><style:tab-stop style:position="{tw:.2f}cm" style:type="right"/></style:tab-stops>')
        ps('MhOrg', 'fo:text-align="start"', sz(12), parent='HF', cls='extra')
        ps('MhSym', 'fo:text-align="end"', f'{sz(16)} {bold}', parent='HF', cls='extra')
        ps('MhOrgan', 'fo:text-align="start" fo:margin-top="2pt" fo:margin-bottom="2pt"', f'{sz(20)} {bold}', parent='HF', cls='extra')
        # the distribution block (Latin script in every language) is flush left
        ps('MhDistr', f'fo:text-align="{"end" if rtl else "start"}"', sz(10), parent='HF', cls='extra')
        ps('MhLine', 'fo:text-align="start"', sz(10), parent='HF', cls='extra')
        ps('MhLine1', 'fo:margin-top="10pt"', '', parent='MhLine', cls='extra')
        ps('MhBold', 'fo:margin-right="7.5cm"', bold, parent='MhLine', cls='extra')

        text_styles = (
            f'<style:style style:name="Em" style:family="text"><style:text-properties {ital}/></style:style>'
            '<style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>'
            f'<style:style style:name="Lat" style:family="text"><style:text-properties style:font-name="{FONT_LATIN}" style:font-name-complex="{FONT_LATIN}"/></style:style>'
            '<style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text">'
            '<style:text-properties style:text-position="super 58%"/></style:style>'
            '<style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text">'
            '<style:text-properties style:text-position="super 58%"/></style:style>')

        def cell(content, style):
            return f'<table:table-cell table:style-name="{style}" office:value-type="string">{content}</table:table-cell>'

        sym, job = m['symbol'], m['job']
        run_header = ('<table:table table:name="RH" table:style-name="Thdr">'
                      '<table:table-column table:style-name="ThdrA"/><table:table-column table:style-name="ThdrB"/>'
                      '<table:table-row>'
                      + cell(f'<text:p text:style-name="HF">{self.xt(m.get("running_title", m["title"]))}</text:p>', 'Tcb')
                      + cell(f'<text:p text:style-name="HFsym">{x(sym)}</text:p>', 'Tcb')
                      + '</table:table-row></table:table>')
        pages = '<text:page-number text:select-page="current">1</text:page-number>/<text:page-count>1</text:page-count>'
        foot_r = f'<text:p text:style-name="Foot">{x(job)}<text:tab/>{pages}</text:p>'
        foot_l = f'<text:p text:style-name="Foot">{pages}<text:tab/>{x(job)}</text:p>'
        foot_1 = f'<text:p text:style-name="Foot">{x(job)} ({x(m["job_letter"])})</text:p>'

        distr = f'<text:p text:style-name="MhDistr">{self.xt(m["distr"])}</text:p>'
        for k in ('date', 'date2', 'date3'):
            if m.get(k):
                distr += f'<text:p text:style-name="MhDistr">{self.inline(m[k])}</text:p>'
        mh = ('<table:table table:name="MH" table:style-name="Tmh">'
              '<table:table-column table:style-name="TmhA"/><table:table-column table:style-name="TmhB"/>'
              '<table:table-row>'
              + cell(f'<text:p text:style-name="MhOrg">{self.xt(m["org"])}</text:p>', 'Tm1')
              + cell(f'<text:p text:style-name="MhSym">{x(sym)}</text:p>', 'Tm1')
              + '</table:table-row><table:table-row>'
              + cell(f'<text:p text:style-name="MhOrgan">{self.xt(m["organ"])}</text:p>', 'Tm2')
              + cell(distr, 'Tm2')
              + '</table:table-row></table:table>')
        for k, ln in enumerate(m['line']):
            mh += f'<text:p text:style-name="{"MhLine1" if k == 0 else "MhLine"}">{self.inline(ln)}</text:p>'
        if m.get('bold'):
            mh += f'<text:p text:style-name="MhBold">{self.inline(m["bold"])}</text:p>'

        auto = f'''
  <style:style style:name="Thdr" style:family="table"><style:table-properties style:width="{tw:.2f}cm" table:align="margins" {wm}/></style:style>
  <style:style style:name="ThdrA" style:family="table-column"><style:table-column-properties style:column-width="{tw - 4.5:.2f}cm"/></style:style>
  <style:style style:name="ThdrB" style:family="table-column"><style:table-column-properties style:column-width="4.5cm"/></style:style>
  <style:style style:name="Tcb" style:family="table-cell"><style:table-cell-properties style:vertical-align="bottom" fo:padding="0cm" fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="0.5pt solid #000000"/></style:style>
  <style:style style:name="Tmh" style:family="table"><style:table-properties style:width="{tw:.2f}cm" table:align="margins" {wm}/></style:style>
  <style:style style:name="TmhA" style:family="table-column"><style:table-column-properties style:column-width="{tw - 5.2:.2f}cm"/></style:style>
  <style:style style:name="TmhB" style:family="table-column"><style:table-column-properties style:column-width="5.2cm"/></style:style>
  <style:style style:name="Tm1" style:family="table-cell"><style:table-cell-properties style:vertical-align="bottom" fo:padding-top="0cm" fo:padding-bottom="0.08cm" fo:padding-left="0cm" fo:padding-right="0cm" fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="0.5pt solid #000000"/></style:style>
  <style:style style:name="Tm2" style:family="table-cell"><style:table-cell-properties style:vertical-align="top" fo:padding-top="0.1cm" fo:padding-bottom="0.1cm" fo:padding-left="0cm" fo:padding-right="0cm" fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="1.6pt solid #000000"/></style:style>
  <style:style style:name="Tbody" style:family="table"><style:table-properties style:width="{tw - ind:.2f}cm" fo:margin-left="{0 if rtl else ind}cm" fo:margin-right="{ind if rtl else 0}cm" fo:margin-top="4pt" fo:margin-bottom="8pt" table:align="margins" {wm}/></style:style>
  <style:style style:name="TbodyC" style:family="table-column"><style:table-column-properties style:column-width="{(tw - ind) / 4:.2f}cm"/></style:style>
  <style:style style:name="TbodyCell" style:family="table-cell"><style:table-cell-properties style:vertical-align="top" fo:padding-top="0.05cm" fo:padding-bottom="0.05cm" fo:padding-left="0.1cm" fo:padding-right="0.3cm" fo:border="none"/></style:style>
  <style:page-layout style:name="pm1" style:page-usage="mirrored">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:num-format="1" style:print-orientation="portrait"
     fo:margin-top="1.3cm" fo:margin-bottom="1.2cm" fo:margin-left="{ml}cm" fo:margin-right="{mr}cm" {wm} style:footnote-max-height="0cm">
    <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.15cm" style:distance-after-sep="0.15cm" style:line-style="solid" style:adjustment="{'right' if rtl else 'left'}" style:rel-width="25%" style:color="#000000"/>
   </style:page-layout-properties>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.8cm" style:dynamic-spacing="false"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm" style:dynamic-spacing="false"/></style:footer-style>
  </style:page-layout>'''

        body, first = [], None
        for k, (style, label, text) in enumerate(self.paras):
            sname = style
            if k == 0:
                sname = 'First_' + style
                first = (f'<style:style style:name="{sname}" style:family="paragraph" '
                         f'style:parent-style-name="{style}" style:master-page-name="First"/>')
            if style == 'tr':
                if k == 0 or self.paras[k - 1][0] != 'tr':
                    ncol = len(cells_of(text))
                    body.append(f'<table:table table:name="T{k}" table:style-name="Tbody">'
                                + f'<table:table-column table:style-name="TbodyC" table:number-columns-repeated="{ncol}"/>')
                row = ''.join(cell(f'<text:p text:style-name="{"TCellH" if k == 0 or self.paras[k - 1][0] != "tr" else "TCell"}">{self.inline(c)}</text:p>', 'TbodyCell')
                              for c in cells_of(text))
                body.append(f'<table:table-row>{row}</table:table-row>')
                if k + 1 == len(self.paras) or self.paras[k + 1][0] != 'tr':
                    body.append('</table:table>')
                continue
            inner = self.inline(text)
            if label:
                inner = self.xt(label.replace('~', NBSP)) + '<text:tab/>' + inner
            body.append(f'<text:p text:style-name="{sname}">{inner}</text:p>')

        lang, country = m['lang'], m.get('country', 'none')
        lw = f'fo:language="{lang}" fo:country="{country}"' if not (rtl or cjk) else 'fo:language="en" fo:country="GB"'
        la = 'style:language-asian="zh" style:country-asian="CN"'
        lc = f'style:language-complex="ar" style:country-complex="{country if rtl else "EG"}"'
        tp = (f'style:font-name="{FONT_LATIN}" {sz(pt)} {lw} style:font-name-asian="{FONT_CJK}" {la} '
              f'style:font-name-complex="{FONT_ARABIC}" {lc}')
        faces = ''.join(f'<style:font-face style:name="{f}" svg:font-family="&apos;{f}&apos;" '
                        f'style:font-family-generic="roman" style:font-pitch="variable"/>'
                        for f in (FONT_LATIN, FONT_ARABIC, FONT_CJK))
        return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>
  <dc:title>{x(m['symbol'] + ' – ' + m['title'])}</dc:title>
  <dc:language>{lang}</dc:language>
  <meta:initial-creator>docindex testdata</meta:initial-creator>
 </office:meta>
 <office:font-face-decls>{faces}</office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties {wm} style:punctuation-wrap="hanging" style:line-break="strict" style:tab-stop-distance="1.27cm"/>
   <style:text-properties {tp} fo:hyphenate="false"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  {''.join(st)}
  {text_styles}
  <text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" text:citation-body-style-name="Footnote_20_anchor" text:default-style-name="Footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
 </office:styles>
 <office:automatic-styles>{auto}
  {first}
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="First" style:page-layout-name="pm1" style:next-style-name="Running">
   <style:header>{mh}</style:header>
   <style:footer>{foot_1}</style:footer>
  </style:master-page>
  <style:master-page style:name="Running" style:page-layout-name="pm1">
   <style:header>{run_header}</style:header>
   <style:footer>{foot_r}</style:footer>
   <style:footer-left>{foot_l}</style:footer-left>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
{chr(10).join(body)}
  </office:text>
 </office:body>
</office:document>
'''

    def text(self):
        """Body text, one paragraph per line, label + space + text; then the footnotes."""
        lines = []
        for style, label, text in self.paras:
            if style == 'tr':
                # a cell wraps at its column's width, which only LibreOffice knows: its words
                # are written in runs of at most five, words to find rather than paragraphs
                for c in cells_of(text):
                    w = plain(c).split()
                    lines += [' '.join(w[i:i + 5]) for i in range(0, len(w), 5)]
                continue
            lines.append((plain(label.replace('~', NBSP)) + ' ' if label else '') + plain(text))
        if self.notes:
            lines.append('__footnotes__')
            lines += [f'{n} {plain(self.notes[n])}' for n in sorted(self.notes, key=int)]
        return '\n'.join(lines) + '\n'

    def pdf_rel(self):
        return f'{self.meta["lang"]}/{self.name}.pdf'


# ------------------------------------------------------------------ page lookup

STRIP = re.compile('[\\s\u00ad\u0640\u064b-\u065f\u0670\u200b-\u200f\u202a-\u202e\u2066-\u2069]')


def norm(s):
    return STRIP.sub('', unicodedata.normalize('NFKC', s))


def page_texts(pdf):
    out = subprocess.run(['pdftotext', '-enc', 'UTF-8', pdf, '-'], capture_output=True, text=True, check=True).stdout
    pages = out.split('\f')
    if pages and not pages[-1].strip():
        pages.pop()
    return [norm(p) for p in pages]


def find_pages(doc, cls):
    """Page of each clause: the first page, at or after the previous clause's, whose text holds
    the clause's first words (falling back to shorter prefixes of them)."""
    pdf = os.path.join(PDF, doc.pdf_rel())
    pages = page_texts(pdf)
    res, p, pos = [], 0, 0
    for cid, style, label, text in cls:
        first, _ = first_last(text, doc.script)
        if style == 'table':
            first = cells_of(text.split('\n')[0])[0]
        cands = [first]
        words = first.split()
        cands += [' '.join(words[:k]) for k in range(len(words) - 1, 1, -1)]
        found = None
        for cand in cands:
            needle = norm(cand)
            for q in range(p, len(pages)):
                i = pages[q].find(needle, pos if q == p else 0)
                if i >= 0:
                    found = (q, i)
                    break
            if found:
                break
        if not found:
            sys.exit(f'{pdf}: cannot find {cid} ({first!r}) after page {p + 1}')
        p, pos = found[0], found[1] + 1
        res.append(p + 1)
    return res, len(pages)


# ------------------------------------------------------------------ commands

def tsv_row(cells):
    for c in cells:
        if '\t' in str(c) or '\n' in str(c):
            sys.exit(f'tab or newline in TSV cell {c!r}')
    return '\t'.join(str(c) for c in cells) + '\n'


def cmd_build():
    os.makedirs(FODT, exist_ok=True)
    os.makedirs(os.path.join(EXPECT, 'text'), exist_ok=True)
    rows = [tsv_row(['file', 'symbol', 'language', 'title', 'date', 'body'])]
    for name in sources():
        d = Doc(name)
        with open(os.path.join(FODT, name + '.fodt'), 'w', encoding='utf-8') as f:
            f.write(d.fodt())
        with open(os.path.join(EXPECT, 'text', name + '.txt'), 'w', encoding='utf-8') as f:
            f.write(d.text())
        m = d.meta
        rows.append(tsv_row([d.pdf_rel(), m['symbol'], m['lang'], plain(m['title']), m['date_iso'], m['body']]))
        clauses(m, d.paras)  # validate labels early
        print('built', name)
    with open(os.path.join(EXPECT, 'documents.tsv'), 'w', encoding='utf-8') as f:
        f.writelines(rows)


def cmd_expect():
    for name in sources():
        d = Doc(name)
        cls = clauses(d.meta, d.paras)
        pages, npages = find_pages(d, cls)
        out = os.path.join(EXPECT, d.pdf_rel().replace('/', '__')[:-4] + '.tsv')
        with open(out, 'w', encoding='utf-8') as f:
            f.write(tsv_row(['id', 'page', 'first_words', 'last_words']))
            for (cid, style, label, text), pg in zip(cls, pages):
                fw, lw = first_last(text, d.script)
                f.write(tsv_row([cid, pg, fw, lw]))
        print(f'{out}: {len(cls)} clauses, {npages} pages')


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else 'build'
    {'build': cmd_build, 'expect': cmd_expect}.get(cmd, lambda: sys.exit(__doc__))()


if __name__ == '__main__':
    main()
