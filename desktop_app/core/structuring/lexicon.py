"""The proposer's word lists (db/structuring/lexicon.yaml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from desktop_app import paths


@dataclass(frozen=True)
class Lexicon:
    qualifications: tuple[tuple[str, str], ...]  # (word, qualification id), longest word first
    new_recognition: tuple[str, ...]
    entities: tuple[tuple[str, dict[str, Any]], ...]  # (word, condition test without quote)
    fact_words: tuple[tuple[str, dict[str, Any]], ...]
    sectors: tuple[str, ...]
    vague: tuple[str, ...]
    benefit_kinds: tuple[tuple[str, str], ...]  # (word, benefit kind), in file order
    payers: tuple[str, ...]
    fallback_kinds: tuple[tuple[str, str], ...] = ()  # (word, kind) for items with no figure

    @property
    def benefit_words(self) -> tuple[str, ...]:
        return tuple(word for word, _ in self.benefit_kinds)


def lexicon_path() -> Path:
    return paths.curated_dir() / "structuring" / "lexicon.yaml"


def _longest_first(pairs: list[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=2)
def load_lexicon(path: Path | None = None) -> Lexicon:
    with (path or lexicon_path()).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    entities: list[tuple[str, Any]] = []
    for entry in data["entities"]:
        if "size_in" in entry:
            test = {"test": "size_in", "sizes": list(entry["size_in"])}
        else:
            test = {"test": "entity_type", "value": entry["entity_type"]}
        entities.extend((word, test) for word in entry["words"])
    fact_words: list[tuple[str, Any]] = []
    for entry in data["fact_words"]:
        if "fact" in entry:
            test = {"test": "fact_true", "fact": entry["fact"]}
        else:
            test = {"test": "qualification", "any_of": [entry["qualification"]]}
        fact_words.extend((word, test) for word in entry["words"])
    return Lexicon(
        qualifications=_longest_first(
            [(w, q["id"]) for q in data["qualifications"] for w in q["words"]]
        ),
        new_recognition=tuple(sorted(data["new_recognition"], key=len, reverse=True)),
        entities=_longest_first(entities),
        fact_words=_longest_first(fact_words),
        sectors=tuple(sorted(data["sectors"], key=len, reverse=True)),
        vague=tuple(sorted(data["vague"], key=len, reverse=True)),
        benefit_kinds=tuple((w, k["kind"]) for k in data["benefit_kinds"] for w in k["words"]),
        payers=tuple(sorted(data["payers"], key=len, reverse=True)),
        fallback_kinds=tuple(
            (w, k["kind"]) for k in data.get("fallback_kinds", []) for w in k["words"]
        ),
    )
