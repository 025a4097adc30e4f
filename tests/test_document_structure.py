"""Each document's structure as the issue and the source layout require."""

from __future__ import annotations

import re

from desktop_app.core.store import PolicyStore

CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + CN[n - 11]
    tens, ones = divmod(n, 10)
    return CN[tens - 1] + "十" + (CN[ones - 1] if ones else "")


def test_xiamen_has_fifty_numbered_measures_with_xiamen_units(store: PolicyStore) -> None:
    items = store.items("xm")
    assert [i.article for i in items] == [str(n) for n in range(1, 51)]
    assert all(i.kind == "measure" and i.departments for i in items)
    assert items[29].text.startswith("对招用16-24岁登记失业人员")
    assert items[29].path == ["四、加强对中小微企业的要素保障", "（十）加大稳岗扩岗支持力度"]
    assert [d.name for d in items[29].departments if d.basis == "item"] == ["市人社局"]


def test_xiamen_standing_units_apply_to_every_later_item(store: PolicyStore) -> None:
    items = store.items("xm")
    standing = {"各区人民政府", "自贸委", "火炬管委会"}
    first = {d.name for d in items[0].departments}
    assert standing <= first and all(d.basis == "item" for d in items[0].departments)
    for item in items[1:]:
        assert {d.name for d in item.departments if d.basis == "standing"} == standing, item.id
        assert any("不再一一列出" in n for n in item.source_notes)


def test_xiamen_units_take_the_group_prefix(store: PolicyStore) -> None:
    units = [d.name for d in store.item("xm-4").departments if d.basis == "item"]  # type: ignore[union-attr]
    assert units == ["市工信局", "市发改委", "市直各相关部门"]
    units = [d.name for d in store.item("xm-25").departments if d.basis == "item"]  # type: ignore[union-attr]
    assert "人民银行厦门市分行" in units and "厦门证监局" in units


def test_yanjiang_items_three_to_twentyfive_and_general_requirements(store: PolicyStore) -> None:
    items = [i for i in store.items("yj2020") if i.article]
    assert [i.article for i in items] == [f"（{_cn(n)}）" for n in range(1, 26)]
    assert [i.kind for i in items[:2]] == ["general", "general"]
    assert all(i.kind == "measure" for i in items[2:])
    assert items[13].title == "加大政府采购支持力度"
    assert items[13].path == ["四、加大财税支持力度"]


def test_yanjiang_lead_unit_marked_from_item_three(store: PolicyStore) -> None:
    by_article = {i.article: i for i in store.items("yj2020")}
    first = by_article["（三）"]
    assert [(d.name, d.lead) for d in first.departments] == [
        ("区发改局", True),
        ("区市场监管局", False),
        ("区行政审批局", False),
        ("雁江生态环境局", False),
    ]
    for n in range(3, 23):
        item = by_article[f"（{_cn(n)}）"]
        assert item.departments and item.departments[0].lead, item.id
        assert sum(d.lead for d in item.departments) == 1
    for n in (23, 24, 25):
        assert by_article[f"（{_cn(n)}）"].departments == []


def test_sanming_twelve_tasks_and_four_safeguards_each_with_units(store: PolicyStore) -> None:
    items = store.items("sm")
    tasks = [i for i in items if i.id.startswith("sm-2-")]
    safeguards = [i for i in items if re.fullmatch(r"sm-3-\d", i.id)]
    assert len(tasks) == 12 and len(safeguards) == 4
    assert all(i.departments and i.departments_text for i in tasks + safeguards)
    assert tasks[0].title == "建培育库" and tasks[0].article == "1."
    assert tasks[0].path == ["二、重点任务", "（一）完善培育体系"]
    assert [d.name for d in tasks[1].departments] == [
        "市工信局",
        "市财政局",
        "各县（市、区）人民政府",
    ]
    assert safeguards[0].title == "加强统筹协调"
    end = store.item("sm-end")
    assert end is not None and end.text.startswith("本方案有效期从2022年1月1日至2025年12月31日")


def test_hebei_work_items_problems_and_next_steps(store: PolicyStore) -> None:
    items = store.items("hb2019")
    assert [i.title for i in items if i.kind == "report"] == [
        "着力做好法律宣传",
        "着力优化营商环境",
        "着力加大财税支持",
        "着力缓解融资难题",
        "着力支持创新创业",
        "着力推进市场拓展",
        "着力打造服务平台",
    ]
    problems = [i for i in items if i.kind == "problem"]
    assert [i.article for i in problems] == ["一是", "二是", "三是", "四是"]
    steps = [i for i in items if i.kind == "measure"]
    assert len(steps) == 6 and all(i.departments for i in steps)
    assert "人行石家庄中心支行" in [d.name for d in steps[2].departments]


def test_fujian_every_string_lands_in_an_item_or_heading(store: PolicyStore) -> None:
    from desktop_app import paths
    from desktop_app.core.sources.fujian_work_plan import read_strings

    strings = read_strings(
        (paths.documents_dir() / "fujian-2019-sme-work-plan.txt").read_text("utf-8")
    )
    assert len(strings) == 191
    items = store.items("fj2019")
    texts = [i.text for i in items]
    headings = {h for i in items for h in i.path}
    for index, s in enumerate(strings):
        assert any(s in t for t in texts) or s in headings, (index, s)


def test_fujian_cut_titles_rejoined(store: PolicyStore) -> None:
    item = store.item("fj2019-009")
    assert item is not None
    assert item.text.endswith("研究起草《福建民营经济发展促进条例》《福建省促进中小企业发展条例》")
    item = store.item("fj2019-068")
    assert item is not None and item.text.startswith("《福建省物业管理条例（修订）》的落地实施")
    assert all(store.item(f"fj2019-{n:03d}") is None for n in (6, 10, 11, 69))
    intro = store.item("fj2019-005")
    assert intro is not None and intro.source_notes and "缺字" in intro.source_notes[0]


def test_fujian_surviving_department_headings_applied(store: PolicyStore) -> None:
    def units(n: int) -> list[str]:
        item = store.item(f"fj2019-{n:03d}")
        assert item is not None
        return [d.name for d in item.departments]

    assert all(units(n) == ["省农业农村厅"] for n in (71, 72, 73, 75, 76, 78, 79, 80))
    assert all(units(n) == ["福建省税务局"] for n in (153, 154, 156, 157, 158))
    assert all(units(n) == ["国家统计局福建调查总队"] for n in (166, 167, 168))
    # beyond a heading's reach the unit is unknown, never guessed
    assert units(81) == [] and units(159) == [] and units(169) == [] and units(12) == []
    item = store.item("fj2019-075")
    assert item is not None and item.path == [
        "十、省农业农村厅",
        "（二）推动休闲农业和乡村旅游升级",
    ]


def test_every_document_has_enterprise_facing_and_task_items(store: PolicyStore) -> None:
    for doc in store.documents():
        items = store.items(doc.id)
        assert any(i.enterprise_facing for i in items), doc.id
        assert any(not i.enterprise_facing for i in items), doc.id
    assert store.item("xm-30").enterprise_facing  # type: ignore[union-attr]
    assert not store.item("xm-1").enterprise_facing  # type: ignore[union-attr]


def test_citations_name_document_and_article(store: PolicyStore) -> None:
    def cite(item_id: str) -> str:
        item = store.item(item_id)
        assert item is not None
        return store.citation(item)

    assert (
        cite("yj2020-14")
        == "《资阳市雁江区促进中小企业健康发展实施方案》（资雁府办发〔2020〕19号）第（十四）条"
    )
    assert (
        cite("xm-30")
        == "《厦门市贯彻落实〈关于支持中小微企业健康发展的若干措施〉任务分解表》第30项"
    )
    assert (
        cite("sm-2-1-2")
        == "《三明市优质中小企业梯度培育行动方案（征求意见稿）》第二部分（一）第2条"
    )
