"""Where a line of Chinese may break, for reportlab's CJK wrap (wordWrap="CJK").

reportlab's CJK wrap cuts "like a knife" and then hangs one character that may not start a
line in the margin. It never looks at the character before the cut, so a line can end with
"（" or "“", and after a hung "）" the next "、" or "；" starts the following line. This is the
same greedy fill with the Chinese rules (行首行尾禁则) applied to the cut:

- no line starts with closing punctuation (，。；：、）》” …) and none ends with an opening one
  (（《“【 …);
- a run of Latin letters and digits (a phone number, 0592-5551234) is not cut, nor a number
  from the ideograph beside it or its two-character unit (第16项, 30万元), unless no other
  break is within reach (then it is cut as before, so nothing overflows);
- nothing hangs past the end of the line (in a table cell it would cross the border).

install() puts the two splitters reportlab's Paragraph calls (single-run text and mixed runs)
in its module, the way the styles already extend its table of line-start characters.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from reportlab.lib import textsplit as _rl_textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.rl_config import _FUZZ

# reportlab's own table (written for Japanese) lacks the full-width comma, colon, semicolon,
# closing quotes and 》
_EXTRA_CANNOT_START = "，．：；！？》〉”’…｝｣%"
CANNOT_START = frozenset(_rl_textsplit.ALL_CANNOT_START + _EXTRA_CANNOT_START)
CANNOT_END = frozenset(_rl_textsplit.ALL_CANNOT_END)
MAX_BACKOFF = 6  # characters moved to the next line to keep a bracket with its words
# reportlab's own, as imported (the benchmarks' floor builds with them)
_REPORTLAB = (_rl_paragraph.wordSplit, _rl_paragraph.cjkFragSplit)


def _latin(ch: str) -> bool:
    return bool(ch) and ord(ch) < 0x3000 and not ch.isspace()


def _allowed(chars: Sequence[str], k: int) -> bool:
    """May a line end before chars[k]?"""
    if k >= len(chars):
        return True
    before, after = chars[k - 1], chars[k]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if _latin(before) and _latin(after):
        return False
    # a number stays with the character it counts or that counts it (第16项) and with a
    # two-character unit (30万元, 5平方)
    number_first = before.isdigit() and _ideograph(after)
    unit = k >= 2 and chars[k - 2].isdigit() and _ideograph(before) and _ideograph(after)
    return not (number_first or unit or (_ideograph(before) and after.isdigit()))


def _ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _cut(chars: Sequence[str], start: int, over: int) -> int:
    """Where the line from `start` ends, `over` being the first character that does not fit.

    Nothing hangs past the line's end (reportlab hangs a closing mark in the margin, which in
    a table cell prints over the cell's border): the mark goes down with the word before it."""
    if _allowed(chars, over):
        return over
    limit = max(start + 1, over - max(MAX_BACKOFF, (over - start) // 2))
    for k in range(over - 1, limit - 1, -1):
        if _allowed(chars, k):
            return k
    return over  # nowhere better: cut where it overflows (always progresses)


def line_spans(
    chars: Sequence[str],
    widths: Sequence[float],
    max_widths: Sequence[float],
    forced: Sequence[bool] = (),
) -> list[tuple[int, int, float, bool]]:
    """(start, end, width used, forced break) of each line, greedily filled.

    `forced[i]` marks a unit after which the line must end (a <br/>); such a unit belongs to
    the line it ends. A last line of no width is dropped, as reportlab does."""
    spans: list[tuple[int, int, float, bool]] = []
    n = len(chars)
    start = 0
    while start < n:
        max_width = max_widths[min(len(spans), len(max_widths) - 1)]
        used = 0.0
        i = start
        end = -1
        while i < n:
            if forced and forced[i]:
                end = i + 1
                break
            if used + widths[i] > max_width + _FUZZ and i > start:
                end = _cut(chars, start, i)
                break
            used += widths[i]
            i += 1
        if end < 0:  # the rest fits
            if used > 0:
                spans.append((start, n, used, False))
            break
        width = sum(widths[start:end])
        spans.append((start, end, width, bool(forced) and forced[end - 1]))
        start = end
    return spans


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _char_widths(text: str, font_name: str, font_size: float) -> list[float]:
    """Each character's advance, as stringWidth gives it, remembered per font and size: a
    report measures the same few hundred characters tens of thousands of times."""
    table = _WIDTHS.setdefault((font_name, font_size), {})
    out = []
    for ch in text:
        w = table.get(ch)
        if w is None:
            w = table[ch] = stringWidth(ch, font_name, font_size)
        out.append(w)
    return out


def word_split(
    word: str, maxWidths: Any, fontName: str, fontSize: float, encoding: str = "utf8"
) -> list[list[Any]]:
    """reportlab's textsplit.wordSplit for one run of text: [[extra space, line text], …]."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    max_widths = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
    widths = _char_widths(text, fontName, fontSize)
    lines: list[list[Any]] = []
    for n, (start, end, used, _forced) in enumerate(line_spans(text, widths, max_widths)):
        max_width = max_widths[min(n, len(max_widths) - 1)]
        lines.append([max_width - used, text[start:end].strip()])
    return lines


def cjk_frag_split(
    frags: Sequence[Any], maxWidths: Sequence[float], calcBounds: bool, encoding: str = "utf8"
) -> Any:
    """reportlab's paragraph.cjkFragSplit for mixed runs (fonts, colours, <br/>): the same
    lines, assembled run by run instead of one object per character."""
    if any(hasattr(f, "cbDefn") for f in frags):  # inline images: reportlab's own way
        return _cjk_units_split(frags, maxWidths, calcBounds, encoding)
    chars: list[str] = []
    widths: list[float] = []
    owner: list[int] = []  # index of the frag each character comes from
    forced: list[bool] = []
    for n, f in enumerate(frags):
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        pieces = list(text) if text else [""]  # an empty frag (a <br/>) is a unit of its own
        chars += pieces
        widths += _char_widths(text, f.fontName, f.fontSize) if text else [0.0]
        owner += [n] * len(pieces)
        forced += [hasattr(f, "lineBreak")] * len(pieces)
    lines = []
    for n, (start, end, used, is_break) in enumerate(line_spans(chars, widths, maxWidths, forced)):
        max_width = maxWidths[min(n, len(maxWidths) - 1)]
        lines.append(_line(frags, chars, owner, start, end, max_width, used, is_break))
    return _rl_paragraph.ParaLines(kind=1, lines=lines)


def _line(
    frags: Sequence[Any],
    chars: Sequence[str],
    owner: Sequence[int],
    start: int,
    end: int,
    max_width: float,
    used: float,
    is_break: bool,
) -> Any:
    """One line as reportlab's makeCJKParaLine makes it: a word per run of like-styled
    frags, the line's size and extent from the largest of them."""
    words: list[Any] = []
    head: Any = None
    size = ascent = descent = 0.0
    k = start
    while k < end:
        f = frags[owner[k]]
        stop = k
        while stop < end and owner[stop] == owner[k]:
            stop += 1
        text = "".join(chars[k:stop])
        if head is not None and _rl_paragraph.sameFrag(head, f):
            words[-1].text += text
        else:
            word = f.clone()
            word.text = text
            words.append(word)
            head = f
        up, down = _rl_paragraph.getAscentDescent(f.fontName, f.fontSize)
        size, ascent, descent = max(size, f.fontSize), max(ascent, up), min(descent, down)
        k = stop
    return _rl_paragraph.FragLine(
        kind=1,
        extraSpace=max_width - used,
        wordCount=1,
        words=words,
        fontSize=size,
        ascent=ascent,
        descent=descent,
        maxWidth=max_width,
        currentWidth=used,
        lineBreak=is_break,
    )


def _cjk_units_split(
    frags: Sequence[Any], maxWidths: Sequence[float], calcBounds: bool, encoding: str
) -> Any:
    units: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if text:
            units.extend(_rl_paragraph.cjkU(t, f, encoding) for t in text)
        else:
            units.append(_rl_paragraph.cjkU(text, f, encoding))
    widths = []
    for u in units:
        w = u.width
        if hasattr(w, "normalizedValue"):  # an image sized in per cent of the line
            w._normalizer = maxWidths[0]
            w = w.normalizedValue(maxWidths[0])
        widths.append(w)
    forced = [hasattr(u.frag, "lineBreak") for u in units]
    chars = [str(u) for u in units]
    lines = []
    for n, (start, end, used, is_break) in enumerate(line_spans(chars, widths, maxWidths, forced)):
        max_width = maxWidths[min(n, len(maxWidths) - 1)]
        lines.append(
            _rl_paragraph.makeCJKParaLine(
                units[start:end], max_width, used, max_width - used, is_break, calcBounds
            )
        )
    return _rl_paragraph.ParaLines(kind=1, lines=lines)


def install() -> None:
    """Use these splitters for every Paragraph with wordWrap="CJK" (idempotent)."""
    _rl_paragraph.wordSplit = word_split
    _rl_paragraph.cjkFragSplit = cjk_frag_split


@contextlib.contextmanager
def reportlab_own() -> Iterator[None]:
    """reportlab's own splitters for the duration (the benchmarks' bare floor)."""
    ours = (_rl_paragraph.wordSplit, _rl_paragraph.cjkFragSplit)
    _rl_paragraph.wordSplit, _rl_paragraph.cjkFragSplit = _REPORTLAB
    try:
        yield
    finally:
        _rl_paragraph.wordSplit, _rl_paragraph.cjkFragSplit = ours
