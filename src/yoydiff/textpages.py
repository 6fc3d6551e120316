"""Disclosure text that is not a PDF: a web page saved as .html, or plain .txt, as Page/TextLine objects.

The statement reader works on positioned text lines (parsers/narrative.py); this module lays the lines of a
text or HTML file out the way a PDF page would hold them, so the reader does not know where they came from:
one character per em, one text line per source line, a blank line's height between source lines (a
paragraph break, parsers/narrative.py), LINES_PER_PAGE lines to a page. An HTML table becomes one text line
per row, its cells joined with " | ". Bad input raises InputError with one clear sentence.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import bad_input
from .pdf import Char, Page

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SIZE = 10.0                 # the font size of a laid-out line (points)
LINE_STEP = 3 * SIZE        # a line, then a blank line's height: every source line is its own paragraph
MARGIN = 50.0
LINES_PER_PAGE = 40
CELL_SEPARATOR = " | "
# Block elements: their text starts on a new line.
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
           "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "caption",
           "tbody", "thead", "tfoot", "form", "main", "nav", "title"}
_SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "head"}


def is_text_input(path: str | Path) -> bool:
    """A .txt/.html file, or any file that is not a PDF and reads as text."""
    p = Path(path)
    if p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES:
        return True
    if p.suffix.lower() == ".pdf" or not p.is_file():
        return False
    head = p.read_bytes()[:1024]
    return bool(head) and b"%PDF-" not in head and b"\x00" not in head


def encodings(data: bytes) -> list[str]:
    """The encodings a text or HTML file is tried in, in order: UTF-8 (with or without BOM), the charset an
    HTML page declares, GB18030 (GBK pages)."""
    declared = re.search(rb"""charset\s*=\s*["']?([\w-]+)""", data[:4096], re.I)
    return ["utf-8-sig"] + ([declared.group(1).decode("ascii", "ignore")] if declared else []) + ["gb18030"]


def _decode(data: bytes, path: str) -> str:
    """The text in the first of `encodings` it decodes in."""
    for enc in encodings(data):
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise bad_input("text_encoding", path)


def html_lines(html: str) -> list[str]:
    """The visible text of an HTML page, one line per block element; a table row as its cells joined by " | "."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return []
    out: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        line = re.sub(r"[ \t\u3000\xa0]+", " ", "".join(cur)).strip()
        if line:
            out.append(line)
        cur.clear()

    def walk(node) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                cur.append(child.text(deep=False) or "")
            elif tag in _SKIP or tag == "-comment":
                continue
            elif tag == "tr":
                flush()
                cells = [re.sub(r"\s+", " ", c.text(separator=" ")).strip() for c in child.iter() if c.tag in ("td", "th")]
                if any(cells):
                    out.append(CELL_SEPARATOR.join(cells))
            elif tag in _BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return out


def text_lines(text: str) -> list[str]:
    return [re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip() for ln in text.splitlines() if ln.strip()]


def lay_out(lines: list[str]) -> list[Page]:
    """Pages of positioned characters: one text line per source line, LINES_PER_PAGE to a page."""
    pages = []
    for start in range(0, max(len(lines), 1), LINES_PER_PAGE):
        chunk = lines[start:start + LINES_PER_PAGE]
        chars = []
        width = MARGIN
        for i, line in enumerate(chunk):
            top = MARGIN + i * LINE_STEP
            x = MARGIN
            for ch in line:
                if not ch.isspace():
                    chars.append(Char(ch, x, x + SIZE, top, top + SIZE, SIZE))
                x += SIZE
            width = max(width, x)
        pages.append(Page(len(pages) + 1, width + MARGIN, MARGIN * 2 + len(chunk) * LINE_STEP, tuple(chars), ()))
    return pages


def read_text_pages(path: str | Path) -> list[Page]:
    """The pages of a .txt or .html disclosure; InputError when it is empty or holds no Chinese text."""
    p = Path(path)
    if not p.exists():
        raise bad_input("not_found", path)
    if p.is_dir():
        raise bad_input("directory_file", path)
    data = p.read_bytes()
    if not data.strip():
        raise bad_input("empty", path)
    text = _decode(data, str(path))
    is_html = p.suffix.lower() in HTML_SUFFIXES or bool(re.match(r"\s*(?:<!doctype html|<html)", text, re.I))
    lines = html_lines(text) if is_html else text_lines(text)
    cjk = sum(1 for ln in lines for c in ln if "\u4e00" <= c <= "\u9fff")
    if not cjk:
        raise bad_input("text_not_chinese", path)
    return lay_out(lines)
