"""How people ask (db/search/colloquial.yaml): one-way expansions of their words into the
texts' words, and the question words that carry no meaning for search."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.core.search.normalize import normalize_text


def colloquial_path() -> Path:
    return paths.curated_dir() / "search" / "colloquial.yaml"


@dataclass(frozen=True)
class Colloquial:
    """People's own words mapped to the texts' words, and question words to drop."""

    expansions: dict[str, list[str]] = field(default_factory=dict)  # normalized
    fillers: frozenset[str] = frozenset()

    def expand(self, word: str) -> list[str]:
        """The texts' words for a normalized typed word (the word itself excluded)."""
        return self.expansions.get(word, [])

    def to_json(self) -> dict[str, Any]:
        return {"expansions": self.expansions, "fillers": sorted(self.fillers)}

    @classmethod
    def from_json(cls, data: Any) -> Colloquial:
        if not isinstance(data, dict):
            return cls()
        return _normalized(data.get("expansions") or {}, data.get("fillers") or [])


def _normalized(raw_expansions: Any, raw_fillers: Any) -> Colloquial:
    expansions: dict[str, list[str]] = {}
    if isinstance(raw_expansions, dict):
        for key, targets in raw_expansions.items():
            word = normalize_text(str(key))
            if not word or not isinstance(targets, list):
                continue
            forms = [normalize_text(str(t)) for t in targets]
            forms = [f for f in dict.fromkeys(forms) if f and f != word]
            if forms:
                expansions[word] = forms
    fillers = (
        frozenset(w for w in (normalize_text(str(f)) for f in raw_fillers or []) if w)
        if isinstance(raw_fillers, list)
        else frozenset()
    )
    return Colloquial(expansions, fillers)


def load_colloquial(path: Path | None = None) -> Colloquial:
    import yaml  # the builder reads the YAML; the app reads the database

    source = path or colloquial_path()
    if not source.exists():
        return Colloquial()
    with source.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return _normalized(data.get("expansions"), data.get("fillers"))
