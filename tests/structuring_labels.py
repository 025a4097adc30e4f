"""The hand-labelled structuring documents (tests/data/structuring/) as items, and the scoring
of proposals against their labels; shared by the test and the benchmark."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop_app.core.model import Item
from desktop_app.core.structuring.proposal import ItemProposals

DATA = Path(__file__).parent / "data" / "structuring"
_ARTICLE = re.compile(
    r"^(第[一二三四五六七八九十百]+条|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"
)


def document_items(name: str) -> list[Item]:
    """Items of a labelled document, one per article (the text keeps its article marker)."""
    items: list[Item] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        match = _ARTICLE.match(line)
        if not match:
            continue
        article = match.group(1).strip("、（）")
        items.append(
            Item(
                id=f"{Path(name).stem}-{len(items) + 1}",
                document_id=Path(name).stem,
                seq=len(items) + 1,
                kind="measure",
                article=article,
                locator=article,
                path=[],
                title=None,
                text=line,
                enterprise_facing=True,
            )
        )
    return items


def labels() -> dict[str, dict[str, list[dict[str, Any]]]]:
    with (DATA / "labels.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _fact_labels(result: ItemProposals, registry_labels: dict[str, str]) -> dict[str, str]:
    found = dict(registry_labels)
    for proposal in result.proposals:
        found.update({f["id"]: f["label"] for f in proposal.new_facts})
    return found


def matches(expected: dict[str, Any], amount: dict[str, Any], fact_labels: dict[str, str]) -> bool:
    if amount.get("type") != expected["type"]:
        return False
    for key in ("value", "unit", "per_unit", "percent", "permille"):
        if key in expected and amount.get(key) != expected[key]:
            return False
    if "base" in expected:
        base = fact_labels.get(amount.get("base_fact", ""), "")
        return expected["base"] in base
    return True


@dataclass
class Score:
    labelled: int
    found: int
    misses: list[str]

    @property
    def share(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0


def score(results: dict[str, dict[str, ItemProposals]], registry_labels: dict[str, str]) -> Score:
    """results: document name -> article -> proposals. A labelled benefit is found when some
    benefit proposal of its article has the labelled amount."""
    labelled = found = 0
    misses = []
    for name, articles in labels().items():
        for article, benefits in articles.items():
            result = results[name][article]
            facts = _fact_labels(result, registry_labels)
            amounts = [p.amount or {} for p in result.proposals if p.kind == "benefit"]
            for expected in benefits:
                labelled += 1
                if any(matches(expected, a, facts) for a in amounts):
                    found += 1
                else:
                    misses.append(f"{name} {article}: {expected} not in {amounts}")
    return Score(labelled, found, misses)
