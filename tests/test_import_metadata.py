"""Metadata with the passage that states each value; what the text does not state stays None."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.importing.reader import (
    DocumentReadError,
    ImportedMetadata,
    read_bytes,
    read_document,
)
from tests.import_helpers import FIXTURES

NOTICE = """资雁府办发〔2020〕19号

资阳市雁江区人民政府办公室
关于印发《资阳市雁江区促进中小企业健康
发展实施方案》的通知
各镇人民政府、街道办事处：
根据《关于促进中小企业健康发展的指导意见》（中办发〔2019〕24号），现将《资阳市雁江区促进中小企业健康发展实施方案》印发你们，请认真贯彻执行。
资阳市雁江区人民政府办公室
2020年3月30日
资阳市雁江区促进中小企业健康发展实施方案
一、优化发展环境
（一）降低准入门槛。落实负面清单制度。（责任单位：区发改局）
"""


def meta(text: str, **kwargs: str) -> ImportedMetadata:
    return read_bytes(text.encode("utf-8"), "doc.txt", **kwargs).metadata


def test_notice_wrapped_document() -> None:
    doc = read_bytes(NOTICE.encode("utf-8"), "yj.txt")
    m = doc.metadata
    assert m.title == "资阳市雁江区促进中小企业健康发展实施方案"
    assert m.doc_number == "资雁府办发〔2020〕19号"  # not the cited 中办发〔2019〕24号
    assert m.issuer == "资阳市雁江区人民政府办公室"
    assert m.issued == "2020-03-30"
    assert (m.region_code, m.level, m.doc_type) == ("512002", "区县", "实施方案")
    assert m.status is None
    assert (m.valid_from, m.valid_to, m.validity_basis) == (None, None, None)
    assert m.evidence["issued"] == "2020年3月30日"
    assert m.evidence["doc_number"] == "资雁府办发〔2020〕19号"
    # the notice is kept whole as one preamble item; the plan's items follow
    assert doc.items[0].locator == "印发通知" and "请认真贯彻执行" in doc.items[0].text
    assert [i.article for i in doc.items[1:]] == ["（一）"]


def test_only_a_cited_number_is_no_number_of_its_own() -> None:
    text = (
        "某县若干措施\n根据《若干措施》（国办发〔2018〕15号），制定本措施。\n"
        "一、任务\n（一）甲。乙。\n"
    )
    assert meta(text).doc_number is None


def test_draft_status_and_attachment_header() -> None:
    m = meta("附件\n\n某市专项资金管理实施细则\n（征求意见稿）\n\n为规范管理，制定本细则。\n")
    assert (m.title, m.status, m.evidence["status"]) == (
        "某市专项资金管理实施细则",
        "征求意见稿",
        "（征求意见稿）",
    )
    inline = meta("三明市梯度培育行动方案（征求意见稿）\n一、目标\n到2025年培育100家。\n")
    assert (inline.title, inline.status) == ("三明市梯度培育行动方案", "征求意见稿")


def test_title_over_two_lines() -> None:
    m = meta("附件\n\n全省中小企业促进工作开展情况\n\n和下一步工作举措\n\n今年以来，全省……。\n")
    assert m.title == "全省中小企业促进工作开展情况和下一步工作举措"
    assert m.evidence["title"] == "全省中小企业促进工作开展情况\n和下一步工作举措"
    assert m.region_code is None and m.level is None  # 全省 names no place


def test_date_in_chinese_numerals_and_signature_at_the_end() -> None:
    m = meta("某县若干措施\n一、任务\n（一）甲。乙。\n将乐县人民政府\n二〇二四年五月二十日\n")
    assert (m.issuer, m.issued, m.evidence["issued"]) == (
        "将乐县人民政府",
        "2024-05-20",
        "二〇二四年五月二十日",
    )
    assert m.region_code == "350428"


def test_region_given_by_the_user_wins_and_an_unknown_code_is_refused() -> None:
    text = "某县若干措施\n一、任务\n（一）甲。乙。\n"
    assert meta(text).region_code is None
    given = meta(text, region_code="220524")
    assert (given.region_code, given.level) == ("220524", "区县")
    with pytest.raises(DocumentReadError, match="999999"):
        meta(text, region_code="999999")


def test_region_shared_by_several_places_is_left_for_the_user() -> None:
    doc = read_bytes("鼓楼区人民政府\n2024年1月2日\n".encode(), "x.txt")
    assert doc.metadata.region_code is None
    assert any("对应多个地区" in w for w in doc.warnings)
    named = read_bytes(
        "福州市鼓楼区人民政府关于某事的通知\n一、任务\n（一）甲。乙。\n".encode(), "y.txt"
    )
    assert named.metadata.region_code == "350102"


BODY = "某县若干措施\n一、任务\n（一）甲。乙。\n"
SIGNED = "\n某县人民政府\n2024年5月20日\n"


@pytest.mark.parametrize(
    "closing, signed, valid_from, valid_to, basis_start",
    [
        ("本措施自2024年6月1日起施行，有效期三年。", False, "2024-06-01", "2027-05-31", "推定"),
        (
            "本方案有效期从2022年1月1日至2025年12月31日。",
            False,
            "2022-01-01",
            "2025-12-31",
            "原文载明",
        ),
        ("本办法有效期至2026年12月31日。", False, None, "2026-12-31", "原文载明"),
        ("本办法自2024年1月1日起施行。", False, "2024-01-01", None, "原文载明"),
        ("本办法自印发之日起施行。", True, "2024-05-20", None, "推定"),
        ("本办法自印发之日起施行。", False, None, None, "未注明"),
        ("本细则暂定三年。", False, None, None, "未注明"),
        ("本细则暂定三年。", True, "2024-05-20", "2027-05-19", "推定"),
        ("本办法自印发之日起施行，有效期5年。", True, "2024-05-20", "2029-05-19", "推定"),
        ("本办法试行两年。", True, "2024-05-20", "2026-05-19", "推定"),
        ("本办法由县财政局负责解释。", True, None, None, None),
    ],
)
def test_validity(
    closing: str,
    signed: bool,
    valid_from: str | None,
    valid_to: str | None,
    basis_start: str | None,
) -> None:
    m = meta(BODY + closing + (SIGNED if signed else ""))
    assert (m.valid_from, m.valid_to) == (valid_from, valid_to)
    if basis_start is None:
        assert m.validity_basis is None
    else:
        assert m.validity_basis is not None and m.validity_basis.startswith(basis_start)
        quote = m.validity_basis.split("“", 1)[1].rstrip("”")  # the rule, then its quote
        assert quote and quote in closing
    for field in ("valid_from", "valid_to"):
        if getattr(m, field):
            assert m.evidence[field] in closing


def test_nothing_is_invented() -> None:
    m = meta("一、任务\n（一）对企业给予奖励。具体另行制定。\n")
    stated = {k: v for k, v in vars(m).items() if v and k != "evidence"}
    assert stated == {}
    assert m.evidence == {}


def _all_documents() -> list[Path]:
    fixtures = [p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx", ".pdf")]
    return sorted(paths.documents_dir().glob("*.txt")) + sorted(fixtures)


@pytest.mark.parametrize("path", _all_documents(), ids=lambda p: p.name)
def test_every_value_has_its_passage_in_the_text(path: Path) -> None:
    doc = read_document(path)
    m = doc.metadata
    for field, passage in m.evidence.items():
        assert passage and passage in doc.text, (field, passage)
    for field in ("title", "doc_number", "issuer", "issued", "status", "valid_to"):
        if getattr(m, field) is not None:
            assert field in m.evidence, field


def test_a_period_inside_a_measure_is_not_the_documents() -> None:
    text = (
        "某县若干措施\n一、任务\n"
        "（一）支持高企认定。高新技术企业认定有效期三年，自2024年1月1日起执行新标准。\n"
        "（二）贷款贴息。对新增贷款给予贴息。\n"
        "（三）人才支持。对引进人才给予补贴。\n"
        "（四）用地保障。优先保障用地。\n"
        "（五）服务保障。建立联系制度。\n"
        "（六）宣传引导。加强政策宣传。\n"
    )
    m = meta(text + "某县人民政府\n2024年5月20日\n")
    assert (m.valid_from, m.valid_to, m.validity_basis) == (None, None, None)
    closing = meta(text + "有效期至2026年12月31日。\n")
    assert closing.valid_to == "2026-12-31"


def test_notice_without_title_marks() -> None:
    doc = read_bytes(
        (
            "某省人民政府办公厅关于印发进一步支持中小企业发展若干措施的通知\n闽政办〔2023〕12号\n"
            "各市、县（区）人民政府：\n现印发给你们，请认真贯彻执行。\n某省人民政府办公厅\n2023年4月10日\n"
            "进一步支持中小企业发展若干措施\n一、财税支持\n1．设立专项资金。每年3亿元。\n"
        ).encode(),
        "n.txt",
    )
    m = doc.metadata
    assert (m.title, m.doc_number, m.issued) == (
        "进一步支持中小企业发展若干措施",
        "闽政办〔2023〕12号",
        "2023-04-10",
    )
    assert [i.locator for i in doc.items] == ["印发通知", "1．"]
