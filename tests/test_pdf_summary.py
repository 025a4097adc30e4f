"""惠企政策适用清单: the PDF read back as text, for the sample profile and hostile ones."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pdf_helpers import embedded_fonts, flat, page_texts
from pypdf import PdfReader

from desktop_app.cli.main import main
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import ELIGIBLE, POSSIBLE, MatchResult
from desktop_app.core.notice import verdicts, wording
from desktop_app.core.pdf import summary_text
from desktop_app.core.pdf.markup import MISSING_GLYPH
from desktop_app.core.pdf.summary import DISCLAIMER, build_summary_pdf, summary_builder
from desktop_app.core.store import PolicyStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "xiamen-manufacturer.json"
AS_OF = date(2026, 11, 22)
GENERATED = date(2026, 11, 23)
XM30_CITATION = "《厦门市贯彻落实〈关于支持中小微企业健康发展的若干措施〉任务分解表》第30项"


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def _match(store: PolicyStore, data: dict[str, Any]) -> MatchResult:
    return match(store, Profile.from_dict(data), AS_OF)


def _pdf(result: MatchResult) -> tuple[bytes, list[str], str]:
    data = summary_builder(result, generated=GENERATED, brief=False).build_bytes()
    texts = page_texts(data)
    return data, texts, flat("".join(texts))


@pytest.fixture(scope="module")
def sample(store: PolicyStore) -> tuple[MatchResult, bytes, list[str], str]:
    result = _match(store, _sample())
    return (result, *_pdf(result))


def test_sample_summary_header_profile_and_size(
    sample: tuple[MatchResult, bytes, list[str], str],
) -> None:
    result, _, texts, joined = sample
    assert flat("惠企政策告知单") in flat(texts[0])
    assert "企业名称：厦门示例精密制造有限公司" in flat(texts[0])
    assert "评估日期：2026年11月22日" in flat(texts[0])
    # a readable data version, the digest only as a short code in small print
    assert f"（数据代码{result.data_version}）" in joined
    assert f"数据版本：{result.data_version}" not in joined
    assert "生成日期：2026年11月23日" in joined
    # the profile as entered, region by name, units
    assert "福建省/厦门市/湖里区（350206）" in joined
    assert "从业人员85人" in joined and "营业收入4200万元" in joined
    assert "资产总额3600万元" in joined
    assert "专精特新中小企业（2023年6月30日认定）" in joined
    assert "招用16–24岁登记失业人员人数：3人" in joined
    # the size class with the engine's working and source
    assert f"企业规模{result.size.label}" in joined
    assert flat(result.size.explanation) in joined
    assert "20人及以上，300人以下" in joined
    assert "工信部联企业〔2011〕300号" in joined


def test_sample_summary_amounts_sources_and_disclaimer(
    sample: tuple[MatchResult, bytes, list[str], str],
) -> None:
    result, _, _, joined = sample
    xm30 = next(r for r in result.results if r.item.id == "xm-30")
    assert xm30.status == ELIGIBLE
    assert xm30.amount.text == "4500元"  # the engine's figure: 3 hires x 1500元
    assert flat(xm30.amount.working) in joined
    assert XM30_CITATION in joined
    assert flat(summary_text.quoted(xm30.benefits[0].quote)) in joined
    total = result.totals["eligible"]["text"]
    assert f"可估算金额合计{total}" in joined
    assert "未计入" in joined
    for measure in result.by_status(ELIGIBLE) + result.by_status(POSSIBLE):
        if not verdicts.in_region(measure, result):
            continue
        assert flat(measure.amount.text) in joined, measure.item.id
        # the detail cites the document's own numbering, or names the library's as such
        cited = (
            wording.source_text(measure) if wording.library_numbered(measure) else measure.citation
        )
        assert flat(cited) in joined, measure.item.id
    assert flat(DISCLAIMER) in joined
    assert DISCLAIMER == "以上内容依据公开政策文件整理，仅供参考，以主管部门最终认定为准。"


def test_sample_summary_sections_in_order(
    sample: tuple[MatchResult, bytes, list[str], str],
) -> None:
    _, _, _, joined = sample
    headings = [
        "惠企政策告知单",
        "一、可申请的资金支持",
        "二、可能适用，需补充或确认",
        "三、可享受的服务与便利",
        "四、下一步",
        "服务单位",
        "附：惠企政策适用清单（详版）",
        "一、企业基本情况",
        "二、逐项说明",
        "三、补充信息后可能适用",
        "四、不符合的措施",
        "本清单依据企业填写的信息",
    ]
    positions = [joined.find(flat(h)) for h in headings]
    assert all(p >= 0 for p in positions), dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)


def test_conditions_are_marked_and_possible_measures_say_what_is_missing(
    sample: tuple[MatchResult, bytes, list[str], str],
) -> None:
    result, _, _, joined = sample
    assert "✓符合" in joined
    # xm-5 may apply once the enterprise says whether its project was selected
    xm5 = next(r for r in result.results if r.item.id == "xm-5")
    assert xm5.status == POSSIBLE
    assert "需补充：入选省技术创新重点攻关及产业化项目" in joined
    # a 不符合 measure says which condition failed, with the enterprise's own value
    assert "主体类型为个体工商户（本企业：企业）" in joined
    assert "实际：" not in joined
    # other regions' measures are not listed at all, only counted
    assert "三明市" not in joined.split("四、不符合的措施")[1].split("五、")[0]
    assert "企业位于福建省/三明市" not in joined
    assert "项其他地区的措施不适用于本企业所在地" in joined
    # the 2019 work plan's measures are listed for reference, with the basis of their validity
    assert "五、文件不在有效期内的措施" in joined and "已过执行期（推定）" in joined


def test_page_numbers_on_every_page_and_font_embedded(
    sample: tuple[MatchResult, bytes, list[str], str],
) -> None:
    _, data, texts, _ = sample
    total = len(texts)
    assert total == len(PdfReader(io.BytesIO(data)).pages)
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
    fonts = embedded_fonts(data)
    assert fonts, "no fonts found"
    assert all(embedded for _, embedded in fonts), fonts
    assert all("WenQuanYi" in name for name, _ in fonts), fonts


def test_no_detail_table_opens_a_page_without_its_measure_heading(
    sample: tuple[MatchResult, bytes, list[str], str],
) -> None:
    result, _, texts, _ = sample
    headers = ("结果条件企业情况原文依据", "待遇估算金额计算过程原文依据")
    titles = {flat(f"{wording.title(m)}") for m in result.results}
    checked = 0
    for number, text in enumerate(texts, start=1):
        page = flat(text)
        firsts = [page.find(h) for h in headers if h in page]
        if not firsts:
            continue
        before = page[: min(firsts)]
        # the measure's number and title come before the first table on the page
        assert re.search(r"\d+．", before), number
        assert any(title in before for title in titles), number
        checked += 1
    assert checked > 5


def test_build_writes_the_file_and_returns_its_page_count(
    store: PolicyStore, tmp_path: Path
) -> None:
    target = tmp_path / "清单.pdf"
    pages = build_summary_pdf(_match(store, _sample()), target, generated=GENERATED)
    assert pages == len(PdfReader(target).pages) > 3
    assert not list(tmp_path.glob(".*.tmp"))


HOSTILE_NAMES = [
    "<b>&\"'<img src=x>有限公司",
    "R&D <研发> 公司 & \"合伙\" 'x'",
    "🏭星火👨‍👩‍👧科技有限公司🚀",
    "长" * 300,
    "厦门</para><para>注入<br/>公司",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_print_literally(store: PolicyStore, name: str) -> None:
    data = _sample() | {"name": name}
    result = _match(store, data)
    _, texts, joined = _pdf(result)
    # Emoji have no glyph in the font and print as the 缺字 mark; everything else literally.
    # (Profile parsing already drops the invisible joiners inside emoji sequences.)
    assert result.profile.name is not None
    expected = re.sub(r"[\U0001F300-\U0001FAFF]", MISSING_GLYPH, result.profile.name)
    assert flat(expected) in joined
    assert not re.search(r"[\U0001F300-\U0001FAFF]", "".join(texts))
    # the page header carries the name too, shortened when it does not fit
    assert "惠企政策告知单" in texts[-1]


def test_empty_profile_prints_unfilled_fields(store: PolicyStore) -> None:
    result = match(store, Profile.from_dict({}), AS_OF)
    _, texts, joined = _pdf(result)
    assert "企业名称：未填写" in joined
    assert "所在地区未填写" in joined
    assert "从业人员未填写" in joined
    assert "企业规模无法判断" in joined
    assert "已取得资质未填写（按未取得计）" in joined
    assert flat(DISCLAIMER) in joined
    assert f"第 1 页 共 {len(texts)} 页" in texts[0]


def test_size_override_is_shown_with_its_reason(store: PolicyStore) -> None:
    data = _sample() | {"size_override": {"size": "micro", "reason": "以主管部门认定<为准>"}}
    _, _, joined = _pdf(_match(store, data))
    assert "企业规模微型（手动指定）" in joined
    assert "指定理由以主管部门认定<为准>" in joined


def test_unknown_region_code_is_shown_as_entered(store: PolicyStore) -> None:
    # the profile schema refuses such a code; a saved evaluation from 0.1 may still hold one
    profile = dataclasses.replace(Profile.from_dict(_sample()), region="999999")
    _, _, joined = _pdf(match(store, profile, AS_OF))
    assert "999999（行政区划代码，未能识别名称）" in joined


def test_marks_fall_back_to_words_without_the_symbols(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary_text, "has_glyph", lambda char: char not in "✓√✗✘×？")
    m = summary_text.marks()
    assert m.label("met", "符合") == "【符合】"
    assert summary_text.status_mark(POSSIBLE, m) == "【可能符合，需补充或确认】"


def test_marks_use_symbols_the_font_has() -> None:
    m = summary_text.marks()
    assert m.label("met", "符合") == "✓ 符合"
    assert m.label("unmet", "不符合") == "✘ 不符合"  # U+2717 is not in the font
    assert m.label("unknown", "待确认") == "？ 待确认"


def test_quotes_inside_quotes_become_single() -> None:
    assert summary_text.quoted("促进“小微农”融资") == "“促进‘小微农’融资”"
    assert summary_text.quoted("") == "—"


def test_short_source_uses_the_short_title(store: PolicyStore) -> None:
    result = _match(store, _sample())
    xm30 = next(r for r in result.results if r.item.id == "xm-30")
    assert summary_text.short_source(xm30) == "《厦门市中小微企业若干措施任务分解表》第30项"


def test_shared_document_conditions_are_hoisted(store: PolicyStore) -> None:
    result = _match(store, _sample())
    shared = summary_text.document_conditions(result.by_status(ELIGIBLE))
    texts = [c.text for c in shared["xm"]]
    assert texts == ["企业位于福建省"]  # an unstated validity is no condition any more


# -- the report command ---------------------------------------------------------------------


def test_report_command_writes_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "清单.pdf"
    code = main(
        ["report", "--profile", str(SAMPLE), "--as-of", "2026-11-22", "--output", str(target)]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "已生成惠企政策告知单" in out
    joined = flat("".join(page_texts(target.read_bytes())))
    assert "厦门示例精密制造有限公司" in joined and "4500元" in joined


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "找不到企业信息文件"),
        ("{not json", "不是有效的 JSON"),
        ('{"employees": "很多"}', "企业信息有误：从业人员“很多”不是数字"),
        ('{"region": "35"}', "地区代码“35”应为6位数字"),
        ("[1, 2]", "企业信息应为一个 JSON 对象"),
    ],
)
def test_report_command_bad_profiles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, expected: str
) -> None:
    profile = tmp_path / "企业.json"
    if content is not None:
        profile.write_text(content, encoding="utf-8")
    target = tmp_path / "out.pdf"
    code = main(["report", "--profile", str(profile), "--output", str(target)])
    assert code == 2
    assert expected in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--output", "清单.txt"], "输出文件应以 .pdf 或 .docx 结尾"),
        (["--output", "没有这个文件夹/清单.pdf"], "输出文件夹不存在"),
        (["--output", "清单.pdf", "--as-of", "2026-02-30"], "日期“2026-02-30”格式不对"),
    ],
)
def test_report_command_bad_arguments(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["report", "--profile", str(SAMPLE), *args])
    assert code == 2
    assert expected in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


# -- tables that split across pages ----------------------------------------------------------


def _grid_pdf(rows: list[list[str]]) -> list[str]:
    from desktop_app.core.pdf.builder import PdfBuilder
    from desktop_app.core.pdf.summary_tables import grid

    pdf = PdfBuilder("表格测试", generated=GENERATED)
    pdf.flowables(lambda s: [grid(["编号", "内容"], rows, s, widths_cm=(3, 14))])
    return [flat(t) for t in page_texts(pdf.build_bytes())]


def test_table_rows_move_to_the_next_page_whole() -> None:
    rows = [[f"第{n}行", f"行{n}开始" + "政策内容。" * 60 + f"行{n}结束"] for n in range(40)]
    pages = _grid_pdf(rows)
    assert len(pages) > 3
    for n in range(40):
        where = [i for i, p in enumerate(pages) if f"行{n}开始" in p or f"行{n}结束" in p]
        assert len(where) == 1 and f"行{n}开始" in pages[where[0]], n
    for page in pages:
        # the header once, at the top: never again at the foot of a page before a split row
        assert page.count("编号内容") == 1
        assert page.index("编号内容") < page.index("第")


def test_a_row_taller_than_a_page_continues_overleaf() -> None:
    rows = [["甲", "很长的内容开始" + "原文摘录。" * 900 + "很长的内容结束"], ["乙", "短"]]
    pages = _grid_pdf(rows)
    assert len(pages) >= 2
    assert "很长的内容开始" in pages[0] and "很长的内容结束" in "".join(pages[1:])
    assert all("编号内容" in p for p in pages)


@pytest.mark.parametrize("kind", ["sample", "empty", "long name"])
def test_no_page_is_left_empty(store: PolicyStore, kind: str) -> None:
    data = {"sample": _sample(), "empty": {}, "long name": _sample() | {"name": "名" * 300}}[kind]
    _, texts, _ = _pdf(_match(store, data))
    for number, text in enumerate(texts, start=1):
        # what is left without the header line and the page number
        body = [ln for ln in text.splitlines()[1:] if ln.strip() and "页 共" not in ln]
        assert len(body) > 3, (kind, number, text)


def test_nothing_computable_prints_no_made_up_total(store: PolicyStore) -> None:
    _, _, joined = _pdf(match(store, Profile.from_dict({}), AS_OF))
    assert "按所填信息，暂无可直接申请的资金支持。" in joined
    assert "没有评估为“符合”的措施，无可计算金额。" not in joined
    assert "合计0元" not in joined and "合计：0元" not in joined


def test_brief_summary_keeps_the_lists_and_drops_the_explanations(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop_app.cli.main import main

    sample = Path(__file__).parent.parent / "resources" / "samples" / "xiamen-manufacturer.json"
    full, brief = tmp_path / "full.pdf", tmp_path / "brief.pdf"
    args = ["report", "--profile", str(sample), "--as-of", "2026-11-22", "-o", str(full), "--full"]
    assert main(args) == 0
    args = [
        "report",
        "--profile",
        str(sample),
        "--as-of",
        "2026-11-22",
        "-o",
        str(brief),
        "--brief",
    ]
    assert main(args) == 0
    full_pages, brief_pages = PdfReader(full).pages, PdfReader(brief).pages
    assert len(brief_pages) < len(full_pages) / 2
    text = "".join(p.extract_text() for p in brief_pages)
    squashed = "".join(text.split())
    assert "一、可申请的资金支持" in squashed and "4500元" in squashed
    assert "四、下一步" in squashed and "本告知单为简版" in squashed
    assert "二、逐项说明" not in squashed and "四、不符合的措施" not in squashed
    assert "以主管部门最终认定为准" in squashed
    assert f"共{len(brief_pages)}页" in squashed
