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
    assert {"draft", "unknown", "lapsed", "in_force"} <= states


def _check_measure(got: Any, expected: dict[str, Any]) -> list[str]:
    """What differs between one measure's result and its expectation."""
    mid = got.item.id
    problems = []
    if got.status != expected["status"]:
        problems.append(
            f"{mid}: status {got.status} ≠ {expected['status']} "
            f"(failed={got.failed}, missing={got.missing})"
        )
    checks = {
        "amount": got.amount.text,
        "validity": got.validity.state,
        "validity_label": got.validity.label,
        "conditions_status": got.conditions_status,
    }
    for key, value in checks.items():
        if key in expected and value != expected[key]:
            problems.append(f"{mid}: {key} {value} ≠ {expected[key]}")
    if "validity_basis" in expected:
        basis = got.validity.basis or {}
        if expected["validity_basis"] not in basis.get("quote", ""):
            problems.append(f"{mid}: validity basis {basis} lacks {expected['validity_basis']}")
    for wording in expected.get("confirmations_contain", []):
        if not any(wording in c for c in got.confirmations):
            problems.append(f"{mid}: no confirmation mentions {wording}: {got.confirmations}")
    for wording in expected.get("failed_contain", []):
        if not any(wording in c for c in got.failed):
            problems.append(f"{mid}: no failed condition mentions {wording}: {got.failed}")
    if expected.get("nothing_to_confirm"):
        flagged = [c.text for c in got.all_conditions() if c.needs_confirmation]
        if flagged:
            problems.append(f"{mid}: conditions flagged for confirmation: {flagged}")
    if "confirmations" in expected and got.confirmations != expected["confirmations"]:
        problems.append(f"{mid}: confirmations {got.confirmations} ≠ {expected['confirmations']}")
    for wording in expected.get("notes_contain", []):
        if not any(wording in n for n in got.notes):
            problems.append(f"{mid}: no note mentions {wording}: {got.notes}")
    if "stacks_with" in expected:
        stacks = {b.label: (b.stacks_with or {}).get("measure") for b in got.benefits}
        for label, target in expected["stacks_with"].items():
            if label not in stacks or stacks[label] != target:
                problems.append(f"{mid}: {label} stacks with {stacks.get(label)} ≠ {target}")
    if "departments" in expected:
        shown = [d["shown"] for d in got.departments]
        if shown[: len(expected["departments"])] != expected["departments"]:
            problems.append(f"{mid}: departments {shown} ≠ {expected['departments']}")
    if "payers" in expected:
        payers = [b.payer["name"] if b.payer else None for b in got.benefits]
        if payers != expected["payers"]:
            problems.append(f"{mid}: payers {payers} ≠ {expected['payers']}")
    if "benefits" in expected:
        states = {b.label: b.state for b in got.benefits}
        for label, state in expected["benefits"].items():
            if states.get(label) != state:
                problems.append(f"{mid}: benefit {label} {states.get(label)} ≠ {state}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(store: PolicyStore, case: dict[str, Any]) -> None:
    as_of = case["as_of"] if isinstance(case["as_of"], date) else date.fromisoformat(case["as_of"])
    result = match(store, Profile.from_dict(case["profile"]), as_of)
    by_id = {r.item.id: r for r in result.results}
    if "size" in case:
        assert result.size.size == case["size"], result.size.explanation
    if "total" in case:
        assert result.totals["eligible"]["text"] == case["total"]
    if "total_adds" in case:
        assert [p["measure_id"] for p in result.totals["parts"]] == case["total_adds"]
    if "counts" in case:
        assert result.to_dict()["counts"] == case["counts"]
    if "out_of_region" in case:
        assert len(result.other_regions) == case["out_of_region"]
    problems = []
    for measure_id, expected in case["expect"].items():
        if expected["status"] == "out_of_region":
            # another region's measure is no result at all, only an id under other_regions
            if measure_id in by_id or measure_id not in result.other_regions:
                problems.append(f"{measure_id}: expected out of region")
            continue
        if measure_id not in by_id:
            problems.append(f"{measure_id}: not among the results")
            continue
        problems += _check_measure(by_id[measure_id], expected)
    assert problems == []
