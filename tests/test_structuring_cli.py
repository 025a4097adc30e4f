"""rules propose / accept / export through the real CLI, and accepted rules in match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from desktop_app.cli.main import main
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.rules import parse_rules, validate_rules
from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.structuring.numerals import value_printed
from desktop_app.core.structuring.registry import extended
from tests.structuring_helpers import PROFILE, import_county


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_propose_accept_match_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc_id = import_county(tmp_path).document.id
    code, out, _ = _run(capsys, "rules", "propose", doc_id, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["document_id"] == doc_id
    by_article = {i["article"]: i for i in data["items"]}
    tech = next(p for p in by_article["（一）"]["proposals"] if p["kind"] == "benefit")
    assert tech["amount"]["type"] == "rate" and tech["amount"]["percent"] == 10
    assert tech["amount"]["cap"] == 200 and value_printed(200, tech["quote"])
    for item in data["items"]:
        for p in item["proposals"]:
            assert set(p) >= {"kind", "quote", "amount", "test", "payer", "confidence"}

    code, out, _ = _run(
        capsys, "rules", "accept", doc_id, "--all-proposals", "--by", "王科员", "--json"
    )
    assert code == 0
    accepted = json.loads(out)
    assert len(accepted["saved"]) == 3 and accepted["refused"] == {}

    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(
        capsys, "match", "--profile", str(profile), "--as-of", "2026-12-01", "--json"
    )
    assert code == 0
    results = {r["measure_id"]: r for r in json.loads(out)["results"]}
    tier = results[f"{doc_id}-3"]  # （二）: the item after the preamble and （一）
    assert tier["imported"] is True
    assert tier["provenance"]["structured_by"] == "王科员"
    assert tier["provenance"]["unreviewed"] is True
    assert tier["status"] == "eligible"
    assert tier["amount"]["value_yuan"] == "200000"  # the 省级专精特新 tier: 20万元

    out_file = tmp_path / "rules.yaml"
    code, out, _ = _run(capsys, "rules", "export", doc_id, "--output", str(out_file))
    assert code == 0
    exported = yaml.safe_load(out_file.read_text(encoding="utf-8"))
    assert set(exported) == {f"{doc_id}-{n}" for n in (2, 3, 4)}
    library = PolicyLibrary.open()
    try:
        items = {i.id: i for i in library.items(doc_id)}
        facts = [f for r in library.all_rules().values() for f in r["rules"].get("new_facts", [])]
    finally:
        library.close()
    registry = extended(load_registry(), facts)
    assert validate_rules(parse_rules(exported), {k: items[k] for k in exported}, registry) == []


def test_rules_refuse_unknown_and_bundled_documents(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "rules", "propose", "imp-9999", "--json")
    assert code == 2 and "找不到自行导入的文件" in err and "Traceback" not in err
    code, _, err = _run(capsys, "rules", "propose", "xm")
    assert code == 2 and "程序自带" in err


def test_export_without_accepted_rules_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc_id = import_county(tmp_path).document.id
    code, _, err = _run(capsys, "rules", "export", doc_id, "--output", str(tmp_path / "x.yaml"))
    assert code == 2 and "还没有已接受的规则" in err
