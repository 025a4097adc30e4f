"""Responsible units in every form a document prints them, split as the bundled parsers do."""

from __future__ import annotations

from typing import Any

from desktop_app.core.importing.reader import ImportedItem, read_bytes


def items(text: str) -> list[ImportedItem]:
    doc = read_bytes(text.encode("utf-8"), "doc.txt")
    return [i for i in doc.items if i.kind != "preamble"]


def units(item: ImportedItem) -> list[tuple[Any, ...]]:
    return [(d["name"], d["as_printed"], d["lead"], d["basis"]) for d in item.departments]


def test_units_line_after_an_item() -> None:
    doc = items(
        "某市方案\n一、重点任务\n"
        "1.建培育库。建立优质中小企业培育库。\n"
        "责任单位：市工信局、财政局，各县（市、区）人民政府\n"
    )
    assert units(doc[0]) == [
        ("市工信局", "市工信局", False, "item"),
        ("市财政局", "财政局", False, "item"),
        ("各县（市、区）人民政府", "各县（市、区）人民政府", False, "item"),
    ]
    assert doc[0].departments_text == "责任单位：市工信局、财政局，各县（市、区）人民政府"
    assert "责任单位" not in doc[0].text  # the line is not part of the item's text


def test_units_in_brackets_at_the_end_stay_in_the_text() -> None:
    text = "（一）降低准入门槛。全面落实负面清单制度。（责任单位：区发改局、区市场监管局）"
    doc = items(f"某区方案\n一、优化环境\n{text}\n")
    assert doc[0].text == text
    assert [u[0] for u in units(doc[0])] == ["区发改局", "区市场监管局"]
    assert doc[0].departments_text == "（责任单位：区发改局、区市场监管局）"


def test_first_listed_is_lead_from_where_it_says_so_on() -> None:
    doc = items(
        "某区方案\n一、任务\n"
        "（一）甲。内容。（责任单位：区财政局、区税务局）\n"
        "（二）乙。内容。（责任单位：区发改局、区市场监管局。列首位的为牵头单位，下同）\n"
        "（三）丙。内容。（责任单位：区金融局、区财政局）\n"
    )
    assert [u[2] for u in units(doc[0])] == [False, False]
    assert [u[2] for u in units(doc[1])] == [True, False]
    assert [u[2] for u in units(doc[2])] == [True, False]


def test_first_listed_is_lead_for_that_item_only_without_xiatong() -> None:
    doc = items(
        "某区方案\n一、任务\n"
        "（一）甲。内容。（责任单位：区发改局、区财政局，列首位的为牵头单位）\n"
        "（二）乙。内容。（责任单位：区金融局、区财政局）\n"
    )
    assert [u[2] for u in units(doc[0])] == [True, False]
    assert [u[2] for u in units(doc[1])] == [False, False]


def test_lead_and_supporting_units() -> None:
    doc = items(
        "某市细则\n一、任务\n（一）设备补助。按投资额补助。\n牵头单位：市工信局；配合单位：市财政局、发改委\n"
    )
    assert units(doc[0]) == [
        ("市工信局", "市工信局", True, "item"),
        ("市财政局", "市财政局", False, "item"),
        ("市发改委", "发改委", False, "item"),
    ]


def test_county_lists_carry_the_county_prefix() -> None:
    doc = items(
        "某县措施\n一、任务\n第一条 设立资金。每年500万元。（责任单位：县工信局、财政局）\n"
    )
    assert [u[0] for u in units(doc[0])] == ["县工信局", "县财政局"]


def test_standing_list_applies_to_every_item_below() -> None:
    doc = items(
        "某市任务分解表\n一、任务\n"
        "（一）建立机制。内容。（责任单位：市发改委、工信局；以下责任单位均需各区人民政府、"
        "管委会，不再一一列出）\n"
        "（二）清单管理。内容。（责任单位：市工信局）\n"
    )
    assert units(doc[0]) == [
        ("市发改委", "市发改委", False, "item"),
        ("市工信局", "工信局", False, "item"),
    ]
    assert units(doc[1]) == [
        ("市工信局", "市工信局", False, "item"),
        ("各区人民政府", "各区人民政府", False, "standing"),
        ("管委会", "管委会", False, "standing"),
    ]
    assert any("不再一一列出" in note for note in doc[1].notes)


def test_units_under_a_heading_cover_its_items() -> None:
    doc = items(
        "某市方案\n一、任务\n（一）完善培育体系\n责任单位：市工信局\n1.建库。内容。\n2.育企。内容。\n"
        "（二）优化环境\n1.服务。内容。\n"
    )
    assert [[u[0] for u in units(i)] for i in doc] == [["市工信局"], ["市工信局"], []]


def test_a_department_heading_is_the_unit_of_its_items() -> None:
    doc = items(
        "工作要点\n十、省农业农村厅\n推进农产品加工企业发展。\n十一、省商务厅\n举办展会。\n"
    )
    assert [units(i) for i in doc] == [
        [("省农业农村厅", "十、省农业农村厅", False, "heading")],
        [("省商务厅", "十一、省商务厅", False, "heading")],
    ]


def test_no_units_stated_means_none() -> None:
    doc = items("某市方案\n一、任务\n（一）建库。建立企业培育库。\n")
    assert doc[0].departments == [] and doc[0].departments_text is None


def test_provincial_forms_by_duty_and_lead_with_support() -> None:
    doc = items(
        "某省若干措施\n一、财税支持\n"
        "1．落实减税政策。减按25%计入应纳税所得额。（省税务局、财政厅按职责分工负责）\n"
        "2．设立专项资金。每年安排3亿元。（省工信厅牵头，省财政厅、发改委配合）\n"
        "3．扩大信贷投放。增长15%以上。（人行福州中心支行负责）\n"
        "4．优化服务。提供免费咨询（含线上服务）\n"
    )
    assert [[(u[0], u[2]) for u in units(i)] for i in doc] == [
        [("省税务局", False), ("省财政厅", False)],
        [("省工信厅", True), ("省财政厅", False), ("省发改委", False)],
        [("人行福州中心支行", False)],
        [],  # a bracket that names no units is text
    ]
    assert doc[0].departments_text == "（省税务局、财政厅按职责分工负责）"
