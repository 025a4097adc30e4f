from __future__ import annotations

from datetime import date

import pytest
from pdf_helpers import flat, page_texts
from reportlab.platypus import Paragraph

from desktop_app.core.pdf.builder import PdfBuilder
from desktop_app.core.pdf.markup import MISSING_GLYPH, clean_text, escape
from desktop_app.core.pdf.styles import get_styles

HOSTILE = "厦门<b>R&D</b> \"引号\" '单引' <img src=x> 😀👨‍👩‍👧 有限公司"
LONG_NAME = "厦门" + "超长企业名称" * 49 + "公司"  # 300 characters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a<b", "a&lt;b"),
        ("R&D", "R&amp;D"),
        ("<img src=x>", "&lt;img src=x&gt;"),
        ("\"双\" '单'", "&quot;双&quot; &#39;单&#39;"),
        ("第一行\n第二行", "第一行<br/>第二行"),
        ("&amp;", "&amp;amp;"),
    ],
)
def test_escape_makes_markup_literal(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_clean_text_replaces_emoji_and_drops_controls() -> None:
    assert clean_text("企业😀名称") == f"企业{MISSING_GLYPH}名称"
    # a ZWJ family, a skin tone and a variation selector are one unprintable sign each
    assert clean_text("👨‍👩‍👧") == MISSING_GLYPH
    assert clean_text("👍🏻好") == f"{MISSING_GLYPH}好"
    assert clean_text("❤️") in (MISSING_GLYPH, "❤")
    assert clean_text("a\x00b\x07c\u200bd\ufeffe\u202ef") == "abcdef"
    assert clean_text("a\tb\r\nc\rd") == "a b\nc\nd"
    assert clean_text("　　缩进") == "　　缩进"
    assert clean_text("𠀀") == MISSING_GLYPH  # an Extension B ideograph the font lacks


def test_hostile_text_renders_literally_in_paragraphs() -> None:
    styles = get_styles()
    para = Paragraph(escape(HOSTILE), styles.body)
    para.wrap(400, 1000)  # must not raise or try to load an image


def test_hostile_and_long_names_produce_a_correct_pdf() -> None:
    name = HOSTILE + LONG_NAME
    pdf = PdfBuilder(f"适用情况：{name}", [f"企业名称：{name}"], generated=date(2025, 1, 5))
    pdf.key_value_table([("企业名称", name), (name, "值")])
    pdf.paragraph(name)
    pdf.data_table(["名称", "说明"], [[name, "1500元"], ["A" * 300, name]])
    pdf.note_box(name, title=name)
    texts = page_texts(pdf.build_bytes())
    assert pdf.page_count == len(texts)
    joined = flat("".join(texts))
    for literal in ("<b>R&D</b>", '"引号"', "'单引'", "<img", "src=x>", LONG_NAME, "1500元"):
        assert flat(literal) in joined
    assert MISSING_GLYPH in joined
    assert "😀" not in joined
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共{len(texts)}页" in flat(text)


def test_long_latin_token_in_a_narrow_cell_wraps() -> None:
    token = "ABCDEFGHIJ" * 30
    pdf = PdfBuilder("窄列").data_table(["a", "b", "c", "d", "e", "f"], [[token] * 6])
    joined = flat("".join(page_texts(pdf.build_bytes())))
    assert joined.count("ABCDEFGHIJ") >= 6 * 29


def test_repeated_cleaning_gives_the_same_result() -> None:
    # the fast path for already-seen characters must not change what a string becomes
    for text in ("普通文本 ABC 123", HOSTILE, "a\tb", "👨‍👩‍👧", HOSTILE):
        assert clean_text(text) == clean_text(clean_text(text))
    assert clean_text("企业😀") == f"企业{MISSING_GLYPH}"
