"""The facts registry (db/facts.yaml): the questions the engine may ask about an enterprise."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from desktop_app import paths

FACT_TYPES = ("integer", "number", "boolean", "choice", "date")


@dataclass(frozen=True)
class FactDef:
    id: str
    label: str
    type: str
    group: str
    unit: str | None = None
    help: str | None = None
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["choices"] = list(self.choices)
        return data


@dataclass(frozen=True)
class QualificationDef:
    id: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FactsRegistry:
    facts: dict[str, FactDef]
    qualifications: dict[str, QualificationDef]

    def fact(self, fact_id: str) -> FactDef:
        return self.facts[fact_id]

    def to_dict(self) -> dict[str, Any]:
        return {
            "qualifications": [q.to_dict() for q in self.qualifications.values()],
            "facts": [f.to_dict() for f in self.facts.values()],
        }


def default_path() -> Path:
    return paths.curated_dir() / "facts.yaml"


@lru_cache(maxsize=4)
def load_registry(path: Path | None = None) -> FactsRegistry:
    with (path or default_path()).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    facts: dict[str, FactDef] = {}
    for raw in data["facts"]:
        if raw["type"] not in FACT_TYPES:
            raise ValueError(f"facts.yaml: {raw['id']} 的类型 {raw['type']} 未知")
        if raw["id"] in facts:
            raise ValueError(f"facts.yaml: {raw['id']} 重复")
        facts[raw["id"]] = FactDef(
            id=raw["id"],
            label=raw["label"],
            type=raw["type"],
            group=raw["group"],
            unit=raw.get("unit"),
            help=raw.get("help"),
            min=raw.get("min"),
            max=raw.get("max"),
            choices=tuple(raw.get("choices", ())),
        )
    quals = {q["id"]: QualificationDef(q["id"], q["label"]) for q in data["qualifications"]}
    return FactsRegistry(facts, quals)
