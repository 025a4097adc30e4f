"""Extraction artefacts are undone; the published text is kept."""

from __future__ import annotations

from desktop_app.core.importing.blocks import Block, RawText
from desktop_app.core.importing.cleanup import clean, squeeze_spaces
from desktop_app.core.importing.reader import read_bytes
from tests.import_helpers import wrap

PARAGRAPHS = [
    "某县促进中小企业发展若干措施",
    "一、财政支持",
    "（一）设立专项资金。县财政每年安排不少于500万元中小企业发展专项资金，用于支持中小企业"
    "技术改造、创新发展和公共服务体系建设，对亩均税收15万元以上的企业优先支持。",
    "（二）支持技术改造。对设备投资额在200万元以上的项目，按设备投资额的5%给予补助，"
    "单个项目最高不超过100万元。",
    "二、融资支持",
    "（一）实施贷款贴息。对中小企业新增流动资金贷款按贷款市场报价利率的30%给予贴息，"
    "单家企业年度贴息最高20万元。",
]


def test_spaces_inside_words_and_numbers_go() -> None:
    assert squeeze_spaces("第 1 0 条 支持") == "第10条 支持"
    assert squeeze_spaces("给予 30 万元奖励") == "给予30万元奖励"
    assert squeeze_spaces("亩 均 税 收") == "亩均税收"
    assert squeeze_spaces("（ 一 ） 设立专项资金") == "（一）设立专项资金"
    assert squeeze_spaces("　　一、 总体要求") == "一、总体要求"


def test_heading_number_keeps_to_its_word() -> None:
    assert squeeze_spaces("9. A级景区创建奖励") == "9.A级景区创建奖励"
    assert squeeze_spaces("1 . 建培育库。") == "1.建培育库。"


def test_spaces_between_latin_words_are_text() -> None:
    assert squeeze_spaces("支持 Word 2016 和 Windows Server 平台") == (
        "支持Word 2016和Windows Server平台"
    )


def test_hard_wrapped_text_file_is_joined_back_into_paragraphs() -> None:
    lines: list[str] = []
    for paragraph in PARAGRAPHS:
        lines += wrap(paragraph, 20)
    doc = read_bytes("\n".join(lines).encode("utf-8"), "wrapped.txt")
    assert [i.text for i in doc.items] == [PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[5]]
    assert doc.metadata.title == PARAGRAPHS[0]


def test_page_break_inside_a_sentence_and_footers_between_pages() -> None:
    lines: list[Block] = []
    page = 1
    for paragraph in PARAGRAPHS:
        for line in wrap(paragraph, 20):
            lines.append(Block(line, page=page))
            if len(lines) % 7 == 0:
                lines.append(Block(f"— {page} —", page=page))
                page += 1
    raw = RawText(lines, wrapped=True)
    assert [p.text for p in clean(raw)] == PARAGRAPHS


def test_footer_forms_and_a_bare_page_number_only_at_a_page_edge() -> None:
    blocks = [
        Block("一、财政支持", page=1),
        Block("第3页", page=1),
        Block("第 4 页 共 9 页", page=2),
        Block("- 5 -", page=2),
        Block("（一）设立专项资金。", page=2),
        Block("12", page=2),
        Block("5/9", page=3),
        Block("二、融资支持", page=3),
    ]
    texts = [p.text for p in clean(RawText(blocks, wrapped=True))]
    assert texts == ["一、财政支持", "（一）设立专项资金。", "二、融资支持"]


def test_running_head_repeated_on_every_page_goes() -> None:
    blocks = []
    for page, text in enumerate(["一、财政支持", "（一）设立专项资金。", "二、融资支持"], start=1):
        blocks += [Block("某县若干措施", page=page), Block(text, page=page), Block("", page=page)]
    texts = [p.text for p in clean(RawText(blocks, wrapped=True))]
    assert texts == ["一、财政支持", "（一）设立专项资金。", "二、融资支持"]


def test_a_title_broken_inside_its_brackets_is_one_line() -> None:
    text = "关于印发《某县促进中小企业\n发展若干措施》的通知\n各乡镇：\n现印发给你们。\n"
    paragraphs = [p.text for p in clean(RawText([Block(t) for t in text.split("\n")], False))]
    assert paragraphs[0] == "关于印发《某县促进中小企业发展若干措施》的通知"
    assert paragraphs[1:] == ["各乡镇：", "现印发给你们。"]


def test_paragraph_files_are_not_joined_at_line_ends() -> None:
    text = "一、财政支持\n（一）对企业给予奖励\n（二）对园区给予补助\n"
    doc = read_bytes(text.encode(), "p.txt")
    assert [i.text for i in doc.items] == ["（一）对企业给予奖励", "（二）对园区给予补助"]
