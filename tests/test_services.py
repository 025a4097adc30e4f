"""core.services.PolicyData: the one policy-data service the CLI and the window share."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.citation import citation, locator_phrase
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.search import SearchFilters
from desktop_app.core.services import PolicyData
from desktop_app.core.store import PolicyDatabaseError, PolicyStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = json.loads(
    (ROOT / "resources" / "samples" / "xiamen-manufacturer.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def data(policy_db_path: Path):
    opened = PolicyData.open(policy_db_path)
    yield opened
    opened.close()


def test_lookups_agree_with_the_store(data: PolicyData, store: PolicyStore) -> None:
    assert [d.id for d in data.documents] == [d.id for d in store.documents()]
    assert [i.id for i in data.all_items()] == [i.id for i in store.all_items()]
    item = data.item("yj2020-14")
    assert item is not None and item in data.document_items("yj2020")
    assert data.citation(item) == store.citation(item) == citation(item, data.document("yj2020"))
    assert data.citation(item).endswith(locator_phrase(item)) and "第（十四）条" in data.citation(
        item
    )
    assert data.data_version == store.meta()["data_version"]
    assert data.categories()[-1] == "其他" or "其他" not in data.categories()


def test_rules_are_parsed_once_and_shared(data: PolicyData) -> None:
    assert data.rules() is data.rules()
    assert "xm-30" in data.rules()
    overview = data.overview("xm-30")
    assert overview is not None and overview.amount_text == "每人1500元"
    assert data.amount_label("xm-30") == "每人1500元" and "xm-30" in data.amount_item_ids()
    benefits = data.benefits("xm-30")
    assert benefits and benefits[0]["summary"] == overview.summary
    assert data.benefits("no-such-item") == []


def test_match_through_the_service_equals_match_on_the_store(
    data: PolicyData, store: PolicyStore
) -> None:
    profile = Profile.from_dict(SAMPLE)
    on = date(2026, 11, 22)
    assert data.match(profile, on).to_dict() == match(store, profile, on).to_dict()


def test_one_search_engine_per_open_data(data: PolicyData) -> None:
    engine = data.search_engine()
    assert engine is data.search_engine()
    result = engine.search("贴息", SearchFilters(has_amount=True), limit=5)
    assert result.total > 0
    assert all(h.item_id in data.amount_item_ids() for h in result.hits)


def test_unusable_database_is_a_chinese_error(tmp_path: Path) -> None:
    bad = tmp_path / "policies.sqlite"
    bad.write_bytes(b"not a database")
    with pytest.raises(PolicyDatabaseError, match="政策数据库"):
        PolicyData.open(bad)
