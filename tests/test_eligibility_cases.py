"""Run the YAML eligibility cases in tests/eligibility_cases/ against the real database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from desktop_app.core.eligibility.engine import match, rules_from_store
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.store import PolicyStore

CASES_DIR = Path(__file__).parent / "eligibility_cases"


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text("utf-8")):
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = _load_cases()


def test_there_are_at_least_forty_cases_with_unique_names() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)


def test_every_curated_measure_is_covered_by_a_case(store: PolicyStore) -> None:
    covered = {m for case in CASES for m in case["expect"]}
    assert set(rules_from_store(store)) - covered == set()


def test_cases_cover_every_validity_state_the_data_has(store: PolicyStore) -> None:
    states = {e["validity"] for c in CASES for e in c["expect"].values() if "validity" in e}
    assert {"draft", "unknown"} <= states


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(store: PolicyStore, case: dict[str, Any]) -> None:
    as_of = case["as_of"] if isinstance(case["as_of"], date) else date.fromisoformat(case["as_of"])
    result = match(store, Profile.from_dict(case["profile"]), as_of)
    by_id = {r.item.id: r for r in result.results}
    if "size" in case:
        assert result.size.size == case["size"], result.size.explanation
    if "total" in case:
        assert result.totals["eligible"]["text"] == case["total"]
    problems = []
    for measure_id, expected in case["expect"].items():
        got = by_id[measure_id]
        if got.status != expected["status"]:
            problems.append(
                f"{measure_id}: status {got.status} ≠ {expected['status']} "
                f"(failed={got.failed}, missing={got.missing})"
            )
        if "amount" in expected and got.amount.text != expected["amount"]:
            problems.append(f"{measure_id}: amount {got.amount.text} ≠ {expected['amount']}")
        if "validity" in expected and got.validity.state != expected["validity"]:
            problems.append(f"{measure_id}: validity {got.validity.state} ≠ {expected['validity']}")
    assert problems == []
