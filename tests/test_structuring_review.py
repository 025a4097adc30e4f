"""Reviewing proposals, adding one from a selected passage, exporting in the db/benefits format
(the bundled build accepts the file), and local guidance."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from structuring_labels import document_items

from desktop_app import paths
from desktop_app.core import build_db
from desktop_app.core.build_db import build_database, collect_content
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.store import PolicyStore
from desktop_app.core.structuring.export import export_yaml, facts_fragment, needed_facts
from desktop_app.core.structuring.guidance import MARK, guidance_from
from desktop_app.core.structuring.review import (
    ACCEPTED,
    REJECTED,
    edited,
    proposal_from_selection,
    proposals_from_entry,
    start_review,
)


def _county(article: str):  # type: ignore[no-untyped-def]
    return next(i for i in document_items("county-industry-measures.txt") if i.article == article)


def test_accept_reject_and_save_check() -> None:
    registry = load_registry()
    review = start_review(_county("一"), registry, None)
    assert review.entry() is None  # nothing accepted yet
    assert "至少需要接受一项待遇" in review.check(registry)[0]
    review.accept_all()
    assert review.check(registry) == []
    entry = review.entry()
    assert entry is not None and entry["benefits"][0]["amount"]["percent"] == 10
    assert entry["new_facts"]  # the rate's base is a fact the registry lacks
    benefit = next(p for p in review.proposals if p.kind == "benefit")
    review.set_decision(benefit.id, REJECTED)
    assert review.entry() is None


def test_an_edit_with_a_number_absent_from_the_quote_is_refused() -> None:
    registry = load_registry()
    review = start_review(_county("二"), registry, None)
    benefit = next(p for p in review.proposals if p.kind == "benefit")
    changed, errors = edited(
        review, benefit, {"amount": {"type": "fixed", "value": 80, "unit": "万元"}}, registry
    )
    assert changed is None and "80" in errors[0] and "不在引文" in errors[0]
    changed, errors = edited(review, benefit, {"label": "1亿元档奖励"}, registry)
    assert errors == [] and changed is not None
    review.replace(changed)
    assert review.decision(benefit.id) == ACCEPTED
    _, errors = edited(review, benefit, {"quote": "原文中没有的话"}, registry)
    assert "不在条目原文中" in errors[0]


def test_add_a_proposal_from_a_selected_passage() -> None:
    registry = load_registry()
    item = _county("六")
    review = start_review(item, registry, None)
    start = item.text.index("给予50万元奖励")
    added, errors = proposal_from_selection(review, start, start + 9, "benefit", registry)
    assert errors == [] and added is not None
    assert added.amount == {"type": "fixed", "value": 50, "unit": "万元"}
    assert added.id not in {p.id for p in review.proposals}
    start = item.text.index("在“新三板”挂牌")
    cond, errors = proposal_from_selection(review, start, start + 9, "condition", registry)
    assert cond is not None and cond.test is not None
    assert cond.test["test"] == "qualification" and cond.test["any_of"] == ["neeq_listed"]
    nothing, errors = proposal_from_selection(review, 3, 3, "benefit", registry)
    assert nothing is None and errors


def test_not_enterprise_facing_needs_no_rules() -> None:
    registry = load_registry()
    review = start_review(_county("十五"), registry, None)
    review.not_enterprise = True
    assert review.check(registry) == [] and review.entry() is None


def test_stored_rules_come_back_as_accepted_proposals() -> None:
    registry = load_registry()
    review = start_review(_county("四"), registry, None)
    review.accept_all()
    entry = review.entry()
    assert entry is not None
    again = start_review(_county("四"), registry, entry)
    assert again.entry() == entry
    assert all(again.decision(p.id) == ACCEPTED for p in again.proposals)
    assert proposals_from_entry(_county("四"), entry)[0].quote in _county("四").text


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shutil.copytree(paths.curated_dir(), tmp_path / "db")
    monkeypatch.setattr(paths, "curated_dir", lambda: tmp_path / "db")
    monkeypatch.setattr(build_db, "source_digest", lambda: "test")
    load_registry.cache_clear()
    yield tmp_path
    load_registry.cache_clear()


def test_the_bundled_build_accepts_an_exported_file_unchanged(project_copy: Path) -> None:
    content = collect_content()
    registry = load_registry()
    entries = {}
    for item in content.items:
        if item.document_id == "yj2020" and item.enterprise_facing:
            review = start_review(item, registry, None)
            review.accept_all()
            entry = review.entry()
            assert entry is not None, item.id
            entries[item.id] = entry
    text = export_yaml(
        "资阳市雁江区促进中小企业健康发展实施方案", entries, "结构化：测试，2026-12-01"
    )
    (project_copy / "db" / "benefits" / "yj2020.yaml").write_text(text, encoding="utf-8")
    facts = needed_facts(entries)
    if facts:
        with (project_copy / "db" / "facts.yaml").open("a", encoding="utf-8") as fh:
            fh.write("\n" + "\n".join("  " + line for line in facts_fragment(facts).splitlines()))
    load_registry.cache_clear()
    out = project_copy / "policies.sqlite"
    build_database(out)
    store = PolicyStore.open(out)
    try:
        rows = {r["item_id"] for r in store.raw("SELECT item_id FROM benefits")}
    finally:
        store.close()
    assert set(entries) <= rows
    assert yaml.safe_load(text).keys() == entries.keys()


def test_local_guidance_is_checked_and_marked() -> None:
    g = guidance_from(
        "xm-1",
        {
            "office": " 区政务服务中心 3号窗口 ",
            "phone": "0592-1234567转8",
            "year_round": True,
            "materials": "申请表\n营业执照复印件；",
        },
    )
    assert g.problems == ()
    assert g.lines() == [
        ("受理窗口", "区政务服务中心 3号窗口"),
        ("联系电话", "0592-1234567转8"),
        ("申报时间", "常年申报"),
        ("申报材料", "申请表；营业执照复印件"),
    ]
    assert g.to_dict()["mark"] == MARK == "本地补充（非原文）"
    bad = guidance_from("xm-1", {"phone": "请找王科长", "year_round": True, "period": "3月"})
    assert len(bad.problems) == 2
    assert guidance_from("xm-1", {}).empty
