"""The facts registry (db/facts.yaml): the questions the engine may ask about an enterprise."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app import paths

FACT_TYPES = ("integer", "number", "boolean", "choice", "date")
GRANTED_SUFFIX = ".granted"  # a qualification's grant date: "<qualification id>.granted"
# Profile fields the engine can name as missing (facts and qualifications have their labels).
PROFILE_FIELD_LABELS = {
    "size": "企业规模（行业、从业人员、营业收入、资产总额）",
    "region": "所在地区",
    "entity_type": "主体类型",
    "established": "成立日期",
    "industry": "所属行业",
}


@dataclass(frozen=True)
class FactDef:
    """One fact a profile can state (db/facts.yaml): its label, type and unit."""

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
    """A qualification an enterprise can hold, and the tiers it implies."""

    id: str
    label: str
    # the tiers this one stands on (a 小巨人 is a 专精特新中小企业), with the quote saying so
    implies: tuple[str, ...] = ()
    tier_quote: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["implies"] = list(self.implies)
        return data


@dataclass(frozen=True)
class FactsRegistry:
    """The facts and qualifications the rules may name."""

    facts: dict[str, FactDef]
    qualifications: dict[str, QualificationDef]

    def fact(self, fact_id: str) -> FactDef:
        return self.facts[fact_id]

    def missing_label(self, key: str) -> str:
        """How a missing fact reads to a person: the one wording for the result page, the
        补充信息 list and the printout."""
        if key in self.facts:
            return self.facts[key].label
        if key in self.qualifications:
            return f"取得{self.qualifications[key].label}认定"
        base = key.removesuffix(GRANTED_SUFFIX)
        if base != key and base in self.qualifications:
            return f"{self.qualifications[base].label}的认定日期"
        return PROFILE_FIELD_LABELS.get(key, key)

    def missing_kind(self, key: str) -> str:
        """fact (to fill in), qualification (to obtain) or profile (a basic field)."""
        if key in self.qualifications:
            return "qualification"
        base = key.removesuffix(GRANTED_SUFFIX)
        if key in self.facts or (base != key and base in self.qualifications):
            return "fact"
        return "profile"

    def held_through(self, qual_id: str) -> tuple[str, ...]:
        """The qualifications whose holder also counts as holding qual_id: itself first, then
        every higher tier that stands on it (directly or through another tier)."""
        out = [qual_id]
        for q in out:
            out += [
                h.id for h in self.qualifications.values() if q in h.implies and h.id not in out
            ]
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "qualifications": [q.to_dict() for q in self.qualifications.values()],
            "facts": [f.to_dict() for f in self.facts.values()],
        }


# Facts that accepted rules of imported documents need (a rate's base, a document's threshold):
# they live with those rules in the user library and join the registry while it is open.
_IMPORTED: dict[str, FactDef] = {}


def set_imported_facts(defs: list[FactDef]) -> None:
    """Make these facts part of every registry loaded from now on (bundled ids win)."""
    wanted = {d.id: d for d in defs}
    if wanted != _IMPORTED:
        _IMPORTED.clear()
        _IMPORTED.update(wanted)
        load_registry.cache_clear()


def default_path() -> Path:
    return paths.curated_dir() / "facts.yaml"


@lru_cache(maxsize=4)
def load_registry(path: Path | None = None) -> FactsRegistry:
    """The registry of db/facts.yaml; without a path, with the open library's imported facts
    (build-db passes the path: bundled rules may only use bundled facts)."""
    import yaml  # with the registry, not with every module that names its types

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
    quals = {
        q["id"]: QualificationDef(
            q["id"], q["label"], tuple(q.get("implies", ())), q.get("tier_quote")
        )
        for q in data["qualifications"]
    }
    for q in quals.values():
        unknown = [i for i in q.implies if i not in quals]
        if unknown:
            raise ValueError(f"facts.yaml: {q.id} 的 implies 含未知资质 {unknown}")
    if path is None:
        facts.update({k: v for k, v in _IMPORTED.items() if k not in facts})
    return FactsRegistry(facts, quals)
