from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pdf_helpers import embedded_fonts, flat, page_texts
from pypdf import PdfReader

from desktop_app.core.pdf import fonts
from desktop_app.core.pdf.builder import CONTENT_WIDTH, PdfBuilder, PdfWriteError, format_date
from desktop_app.core.pdf.styles import get_styles
from desktop_app.core.pdf.tables import scale_widths

MEASURE_30 = (
    "对招用16-24岁登记失业人员，签订1年以上劳动合同且缴纳失业、工伤、职工养老保险满3个月以上的"
    "中小微企业，给予每人1500元的中小微企业扩岗补助。"
)


def _sample(rows: int = 10) -> PdfBuilder:
    pdf = PdfBuilder(
        "惠企政策适用情况", ["企业名称：厦门某某科技有限公司"], generated=date(2025, 1, 5)
    )
    pdf.heading("一、企业基本信息").key_value_table(
        [("企业名称", "厦门某某科技有限公司"), ("统一社会信用代码", "91350200MA2XXXXX1X")]
    )
    pdf.heading("二、适用措施").paragraph(MEASURE_30)
    pdf.data_table(
        ["序号", "措施内容", "责任单位"],
        [[str(i), f"第{i}行 {MEASURE_30}", "市人社局"] for i in range(1, rows + 1)],
        col_widths=[1, 6, 2],
    )
    pdf.heading("说明", level=2).note_box("仅供参考，以主管部门最终认定为准。", title="说明")
    return pdf


def test_font_is_bundled_and_registered_once() -> None:
    assert fonts.font_path().is_file()
    assert fonts.register_fonts() == fonts.register_fonts() == fonts.FONT_NAME
    assert all(fonts.has_glyph(c) for c in "扩岗补助1500元ABCxyz，。“”（）《》□")
    assert not fonts.has_glyph("😀")


def test_styles_wrap_cjk_and_body_is_readable() -> None:
    styles = get_styles()
    for name in ("title", "subtitle", "h1", "h2", "body", "small", "cell", "cell_header", "note"):
        style = styles.by_name(name)
        assert style.wordWrap == "CJK"
        assert style.fontName == fonts.FONT_NAME
        assert style.fontSize >= 9
    assert styles.body.fontSize >= 10.5


def test_text_numbers_and_page_furniture_on_every_page() -> None:
    pdf = _sample(rows=40)
    data = pdf.build_bytes()
    texts = page_texts(data)
    total = len(texts)
    assert total >= 2
    assert pdf.page_count == total
    assert "1500元" in flat(texts[0])
    assert "扩岗补助" in flat(texts[0])
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共{total}页" in flat(text)
        assert "惠企政策适用情况" in flat(text)
        assert f"生成日期：{format_date(date(2025, 1, 5))}" in flat(text)
    joined = flat("".join(texts))
    assert "第40行" in joined
    assert "仅供参考，以主管部门最终认定为准。" in joined


def test_font_subset_is_embedded_and_nothing_else_is_referenced() -> None:
    found = embedded_fonts(_sample().build_bytes())
    assert found
    for name, has_font_file in found:
        assert "WenQuanYi" in name or "wqy" in name.lower()
        assert has_font_file, f"{name} is not embedded"


def test_long_table_splits_with_header_repeated_on_each_page() -> None:
    pdf = PdfBuilder("长表", generated=date(2025, 1, 5))
    pdf.data_table(
        ["编号", "表头内容列", "表头单位列"],
        [[f"R{i:03d}", f"{MEASURE_30}", "市人社局"] for i in range(1, 121)],
    )
    texts = [flat(t) for t in page_texts(pdf.build_bytes())]
    assert len(texts) >= 3
    for text in texts:
        assert "表头内容列" in text and "表头单位列" in text
    joined = "".join(texts)
    positions = [joined.index(f"R{i:03d}") for i in range(1, 121)]
    assert positions == sorted(positions)


def test_table_taller_than_a_page_still_builds() -> None:
    very_long = MEASURE_30 * 40
    pdf = PdfBuilder("超长单元格").data_table(["序号", "内容"], [["1", very_long]])
    pdf.key_value_table([("全文", very_long)])
    texts = page_texts(pdf.build_bytes())
    assert len(texts) >= 3
    assert flat("".join(texts)).count("1500元") == 80


def test_column_widths_fit_the_text_width() -> None:
    for weights in ([1, 6, 2], [1] * 3, [100, 1, 1, 1], [1] * 12):
        widths = scale_widths(weights)
        assert sum(widths) == pytest.approx(CONTENT_WIDTH)
        assert all(w > 0 for w in widths)
    with pytest.raises(ValueError):
        scale_widths([1, 0])


def test_rows_must_match_header() -> None:
    with pytest.raises(ValueError):
        PdfBuilder("x").data_table(["a", "b"], [["1"]])


def test_build_writes_atomically_and_returns_page_count(tmp_path: Path) -> None:
    target = tmp_path / "摘要.pdf"
    target.write_bytes(b"old content")
    pages = _sample().build(target)
    assert pages == len(PdfReader(target).pages) >= 1
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["摘要.pdf"]


def test_build_into_missing_folder_raises_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(PdfWriteError):
        _sample().build(tmp_path / "missing" / "out.pdf")
    assert list(tmp_path.iterdir()) == []


def _without_dates(data: bytes) -> bytes:
    """The file without its creation/modification dates and the ID derived from them."""
    data = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", data)
    return re.sub(rb"/ID\s*\[[^\]]*\]", b"", data)


def test_same_content_gives_identical_bytes_and_builder_is_reusable() -> None:
    pdf = _sample()
    first = _without_dates(pdf.build_bytes())
    assert _without_dates(pdf.build_bytes()) == first
    assert _without_dates(_sample().build_bytes()) == first


def test_metadata_carries_the_real_creation_date() -> None:
    info = PdfReader(io.BytesIO(_sample().build_bytes())).metadata
    assert info is not None and info.creation_date is not None
    assert abs((info.creation_date.replace(tzinfo=None) - datetime.now()).days) <= 1


def test_paragraph_blank_lines_split_paragraphs() -> None:
    pdf = PdfBuilder("段落").paragraph("第一段第一行\n第一段第二行\n\n第二段")
    text = flat("".join(page_texts(pdf.build_bytes())))
    assert "第一段第一行第一段第二行第二段" in text


def test_note_longer_than_a_page_still_builds() -> None:
    pdf = PdfBuilder("长说明").note_box("\n\n".join([MEASURE_30] * 60), title="说明")
    texts = page_texts(pdf.build_bytes())
    assert len(texts) >= 2
    assert flat("".join(texts)).count("1500元") == 60
