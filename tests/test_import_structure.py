"""Headings, items and their nesting in every common numbering scheme, read from small texts."""

from __future__ import annotations

from desktop_app.core.importing.reader import ImportedDocument, ImportedItem, read_bytes


def read(text: str) -> ImportedDocument:
    return read_bytes(text.encode("utf-8"), "doc.txt")


def items(text: str) -> list[ImportedItem]:
    return [i for i in read(text).items if i.kind != "preamble"]


def test_chapters_sections_and_articles() -> None:
    doc = items(
        "某县中小企业发展专项资金管理办法\n"
        "第一章 总则\n"
        "第一条 为规范专项资金管理，制定本办法。\n"
        "第二条 专项资金由县财政预算安排。\n"
        "第二章 支持范围\n"
        "第一节 技术改造\n"
        "第三条 支持技术改造。对设备投资200万元以上的项目给予补助。\n"
        "补助比例为设备投资额的5%。\n"
        "第十一条 本办法自2024年1月1日起施行。\n"
    )
    assert [(i.article, i.locator, i.path) for i in doc] == [
        ("第一条", "第一条", ["第一章 总则"]),
        ("第二条", "第二条", ["第一章 总则"]),
        ("第三条", "第三条", ["第二章 支持范围", "第一节 技术改造"]),
        ("第十一条", "第十一条", ["第二章 支持范围", "第一节 技术改造"]),
    ]
    # an article's second paragraph belongs to it
    assert doc[2].text == (
        "第三条 支持技术改造。对设备投资200万元以上的项目给予补助。\n补助比例为设备投资额的5%。"
    )
    assert doc[2].title == "支持技术改造"
    assert doc[0].title is None  # one sentence with a comma is not a title
    assert doc[3].kind == "general"  # the article stating the document's period


def test_chinese_parenthesised_arabic_and_circled_numbers_nest_in_order_of_appearance() -> None:
    doc = items(
        "某市实施细则\n"
        "一、支持对象\n"
        "（一）申报条件\n"
        "1.在本市注册登记。\n"
        "2、依法纳税。\n"
        "3．无不良信用记录。\n"
        "二、支持标准\n"
        "（一）设备补助\n"
        "1.一般项目。按以下标准补助：\n"
        "（1）设备投资500万元以上的，补助5%；\n"
        "（2）设备投资500万元以下的，补助3%。\n"
        "2.智能化项目。给予以下奖励：\n"
        "①认定为示范工厂的，奖励50万元；\n"
        "②认定为数字化车间的，奖励20万元。\n"
        "（二）贷款贴息\n"
        "对当年新增贷款按LPR的30%给予贴息。\n"
    )
    assert [(i.article, i.locator) for i in doc] == [
        ("1.", "一（一）1."),
        ("2、", "一（一）2、"),
        ("3．", "一（一）3．"),
        ("1.", "二（一）1."),
        ("（1）", "（1）"),
        ("（2）", "（2）"),
        ("2.", "二（一）2."),
        ("①", "①"),
        ("②", "②"),
        (None, "二、（二）第1段"),
    ]
    assert doc[4].path == ["二、支持标准", "（一）设备补助", "1.一般项目"]
    assert doc[7].path == ["二、支持标准", "（一）设备补助", "2.智能化项目"]
    assert doc[9].path == ["二、支持标准", "（二）贷款贴息"]
    assert doc[3].title == "一般项目"
    # "1.在本市注册登记。" is one sentence: no title of its own
    assert doc[0].title is None


def test_shi_items_at_a_paragraph_start_and_not_inside_one() -> None:
    doc = items(
        "某县工作报告\n"
        "一、工作开展情况\n"
        "（一）优化营商环境。一是清理涉企收费。二是压缩审批时限。\n"
        "二、存在的问题\n"
        "一是融资难问题仍然突出。部分企业贷款难。\n"
        "二是政策知晓率不高。\n"
    )
    assert [(i.article, i.path, i.title) for i in doc] == [
        ("（一）", ["一、工作开展情况"], "优化营商环境"),
        ("一是", ["二、存在的问题"], "融资难问题仍然突出"),
        ("二是", ["二、存在的问题"], None),
    ]
    assert doc[0].text == "（一）优化营商环境。一是清理涉企收费。二是压缩审批时限。"


def test_unnumbered_paragraphs_under_headings_and_an_introduction() -> None:
    doc = items(
        "某市工作要点\n"
        "为促进中小企业发展，制定本要点。\n"
        "一、加强政策落实\n"
        "开展惠企政策宣传活动，扩大政策覆盖面。\n"
        "督促各项惠企政策落地见效。\n"
        "二、强化服务保障\n"
        "各部门要按照以下要求抓好落实。\n"
        "（一）建立联系制度。县领导挂钩联系重点企业。\n"
    )
    preamble = read("某市工作要点\n为促进中小企业发展，制定本要点。\n一、x\n").items[0]
    assert (preamble.kind, preamble.locator, preamble.text) == (
        "preamble",
        "前言",
        "为促进中小企业发展，制定本要点。",
    )
    assert [(i.kind, i.article, i.locator, i.path) for i in doc] == [
        ("measure", None, "一、第1段", ["一、加强政策落实"]),
        ("measure", None, "一、第2段", ["一、加强政策落实"]),
        ("general", None, "二、第1段", ["二、强化服务保障"]),  # it introduces the items below
        ("measure", "（一）", "（一）", ["二、强化服务保障"]),
    ]


def test_short_lines_of_one_scheme_are_items_not_headings() -> None:
    doc = items(
        "某县申报指南\n一、支持对象\n（一）专精特新中小企业\n（二）高新技术企业\n（三）科技型中小企业\n"
    )
    assert [(i.article, i.text) for i in doc] == [
        ("（一）", "（一）专精特新中小企业"),
        ("（二）", "（二）高新技术企业"),
        ("（三）", "（三）科技型中小企业"),
    ]


def test_a_heading_number_glued_to_a_latin_word() -> None:
    doc = items(
        "某市旅游奖励办法\n一、奖励项目\n"
        "8.星级饭店。对新评定的四星级饭店奖励20万元。\n"
        "9. A级景区。对新评定的4A级景区奖励50万元。\n"
    )
    assert [(i.article, i.title, i.text) for i in doc] == [
        ("8.", "星级饭店", "8.星级饭店。对新评定的四星级饭店奖励20万元。"),
        ("9.", "A级景区", "9.A级景区。对新评定的4A级景区奖励50万元。"),
    ]


def test_decimals_years_and_cited_articles_are_not_numbers() -> None:
    doc = items(
        "某县措施\n一、财政支持\n"
        "对企业给予奖励，标准如下：\n"
        "2.5倍以内的部分按比例补助。\n"
        "2024年起每年安排资金500万元。\n"
        "第三条规定的企业不在此列。\n"
    )
    assert [i.article for i in doc] == [None, None, None, None]


def test_closing_paragraph_is_not_part_of_the_last_section() -> None:
    doc = items(
        "某县措施\n一、财政支持\n（一）设立专项资金。每年500万元。\n"
        "本措施自2024年1月1日起施行，由县工信局负责解释。\n"
    )
    assert (doc[-1].kind, doc[-1].locator, doc[-1].path) == ("general", "结语", [])


def test_goals_are_general_and_tasks_are_measures() -> None:
    doc = items(
        "某市行动方案\n一、总体目标\n到2025年，培育专精特新企业100家。\n"
        "二、重点任务\n（一）建培育库。建立优质企业培育库。\n"
    )
    assert [i.kind for i in doc] == ["general", "measure"]


def test_parts_above_chapters() -> None:
    doc = items(
        "某市规划\n第一部分 总体要求\n第一章 指导思想\n第一条 坚持创新驱动。加快发展。\n"
        "第二部分 重点任务\n一、强化支持\n（一）技改补助。按5%补助。\n"
    )
    assert [(i.article, i.path) for i in doc] == [
        ("第一条", ["第一部分 总体要求", "第一章 指导思想"]),
        ("（一）", ["第二部分 重点任务", "一、强化支持"]),
    ]
