"""Any input gives a document or a DocumentReadError with a Chinese message, never another
exception: texts made of the pieces the reader looks for, and damaged real files."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.importing.reader import DocumentReadError, read_bytes
from tests.import_helpers import FIXTURES

_WORDS = """
一、|（一）|1.|（1）|①|一是|第一条 |第一章 |第一部分 |责任单位：|（责任单位：市工信局）
|以下责任单位均需各区，不再一一列出|列首位的为牵头单位，下同|（省财政厅牵头，省工信厅配合）
|关于印发《|》的通知|序号|。|，|《|（|2024年1月1日|二〇二四年五月二十日|有效期三年
|本办法自印发之日起施行|市工信局|— 3 —|第3页|附件|（征求意见稿）|某县人民政府
|闽政〔2023〕1号|鼓楼区|3|x
"""
PIECES = [w.strip("\n") for w in _WORDS.split("|")] + ["\t", "\n", "\n\n", "  ", "\r\n", "\u3000"]


def _read(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name)
    except DocumentReadError as exc:
        assert exc.message and "请" in exc.message
        return
    for item in doc.items:
        assert item.text.strip()
    for passage in doc.metadata.evidence.values():
        assert passage in doc.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.sampled_from(["utf-8", "gb18030"]))
def test_texts_of_the_pieces_read_or_are_refused(pieces: list[str], encoding: str) -> None:
    _read("".join(pieces).encode(encoding), "doc.txt")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([".pdf", ".docx"]),
    st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=40),
    st.integers(0, 10**7),
)
def test_damaged_files_read_or_are_refused(
    suffix: str, flips: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray((FIXTURES / f"jiangle-county-measures{suffix}").read_bytes())
    for position, value in flips:
        data[position % len(data)] = value
    _read(bytes(data[: max(1, cut % (len(data) + 1))]), f"damaged{suffix}")
