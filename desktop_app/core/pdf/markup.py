"""Turn arbitrary text (enterprise names typed by users, policy text) into safe Paragraph markup.

reportlab's Paragraph parses its input as XML-ish markup: `a<b` raises, `<img src=...>` tries
to open a file and `R&D` prints wrong. Every string that is not our own markup goes through
`escape()`. Characters the bundled font lacks (emoji, rare ideographs) would print as empty
boxes that look like a rendering fault, so they become the conventional 缺字 mark "□" instead.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape as _xml_escape

from desktop_app.core.pdf.fonts import has_glyph

MISSING_GLYPH = "□"

_ZWJ = "\u200d"
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n\s*")
# Characters already seen to print as themselves. Checking a whole string against this set runs
# at C speed, so ordinary text skips the per-character loop (it dominated build time).
_PLAIN: set[str] = set()
_XML_EXTRA = {'"': "&quot;", "'": "&#39;"}


def _is_modifier(char: str) -> bool:
    """Invisible parts of an emoji sequence: variation selectors and skin-tone modifiers."""
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF


def clean_text(text: str) -> str:
    """Normalise line ends, drop control/format characters, replace undrawable characters.

    Newlines are kept (callers decide whether they mean a line break); tabs and other odd
    whitespace become plain spaces. An emoji sequence joined with ZWJ yields a single "□".
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _PLAIN.issuperset(text):
        return text
    out: list[str] = []
    joining = False  # just dropped a ZWJ after a missing glyph: the sequence goes on
    last_missing = False
    for char in text:
        if char == "\n":
            out.append(char)
            _PLAIN.add(char)
            joining = last_missing = False
            continue
        category = unicodedata.category(char)
        if char == _ZWJ:
            joining = last_missing
            continue
        if _is_modifier(char) or category in ("Cc", "Cf"):
            # Control and format characters (BOM, zero-width, bidi overrides) are invisible
            # or misleading on paper; tabs and similar controls still separate words.
            if char.isspace():
                out.append(" ")
                joining = last_missing = False
            continue
        if char == " ":
            out.append(char)
            _PLAIN.add(char)
        elif char != "\u3000" and char.isspace():  # the ideographic space is meant to print
            out.append(" ")
        elif category not in ("Co", "Cn", "Cs") and has_glyph(char):
            out.append(char)
            _PLAIN.add(char)
        else:
            if not joining:
                out.append(MISSING_GLYPH)
            last_missing = True
            joining = False
            continue
        joining = last_missing = False
    return "".join(out)


def escape(text: str) -> str:
    """Paragraph markup showing `text` literally; newlines become line breaks."""
    cleaned = clean_text(text)
    return "<br/>".join(_xml_escape(line, _XML_EXTRA) for line in cleaned.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Cleaned plain-text paragraphs: split at blank lines, outer newlines trimmed."""
    return [b.strip("\n") for b in _BLANK_LINE.split(clean_text(text)) if b.strip()]
