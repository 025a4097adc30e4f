"""The one font every PDF uses: WenQuanYi Micro Hei, bundled and embedded as a subset.

A PDF that relies on a viewer's fonts prints differently (or with empty boxes) from machine to
machine, so the bundled TrueType face is always embedded. Registration is lazy because loading
the 5 MB collection costs ~0.1 s, which the CLI and GUI should not pay until a PDF is made.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.paths import fonts_dir

FONT_FILE = "wqy-microhei.ttc"
FONT_NAME = "WenQuanYiMicroHei"
# Face 0 of the collection is the proportional "Micro Hei"; face 1 is the monospaced variant.
_SUBFONT_INDEX = 0

_lock = threading.Lock()
_font: TTFont | None = None


class FontMissingError(RuntimeError):
    """The bundled font file is absent: the installation is incomplete."""


def font_path() -> Path:
    return fonts_dir() / FONT_FILE


def register_fonts() -> str:
    """Register the bundled font with reportlab (once per process) and return its name."""
    _loaded_font()
    return FONT_NAME


def has_glyph(char: str) -> bool:
    """Whether the font can draw this single character (anything else would print as tofu)."""
    return ord(char) in _loaded_font().face.charToGlyph


def _loaded_font() -> TTFont:
    global _font
    font = _font
    if font is not None:
        return font
    # Locked because the GUI may build a PDF in a worker thread while another starts.
    with _lock:
        if _font is None:
            path = font_path()
            if not path.is_file():
                raise FontMissingError(f"找不到程序自带的字体文件：{path}")
            loaded = TTFont(FONT_NAME, str(path), subfontIndex=_SUBFONT_INDEX)
            pdfmetrics.registerFont(loaded)
            # The face has no bold or italic; mapping every style to it keeps <b>/<i> markup
            # from failing with "can't map font" instead of merely rendering plain.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _font = loaded
        return _font
