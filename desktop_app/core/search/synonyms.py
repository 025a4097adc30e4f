"""The reviewed synonym list (db/search/synonyms.yaml) and how a query term is expanded."""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from desktop_app import paths
from desktop_app.core.search.normalize import normalize_text

MAX_VARIANTS = 24  # 小微企业贷款补贴 has 2×3×5 forms; more is noise, and each costs a lookup


def synonyms_path() -> Path:
    return paths.curated_dir() / "search" / "synonyms.yaml"


def load_groups(path: Path | None = None) -> list[list[str]]:
    """Normalized groups of two or more distinct words; the file's order is kept."""
    with (path or synonyms_path()).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    groups: list[list[str]] = []
    for raw in data.get("groups", []):
        words = list(dict.fromkeys(w for w in (normalize_text(str(x)) for x in raw) if w))
        if len(words) >= 2:
            groups.append(words)
    return groups


class SynonymTable:
    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = [list(g) for g in groups]
        self._alternatives: dict[str, list[str]] = {}
        for group in self.groups:
            for word in group:
                known = self._alternatives.setdefault(word, [])
                known += [w for w in group if w != word and w not in known]
        self._longest = max((len(w) for w in self._alternatives), default=0)

    def variants(self, term: str) -> list[str]:
        """Other forms of a normalized term, each group word replaced by its synonyms.

        The term itself is not in the list. At each position the longest group word wins, so
        小型微型 is replaced as a whole rather than matched as 小型 + 微型.
        """
        if not self._alternatives:
            return []
        pieces: list[tuple[str, ...]] = []
        i = 0
        while i < len(term):
            for size in range(min(self._longest, len(term) - i), 0, -1):
                word = term[i : i + size]
                if word in self._alternatives:
                    pieces.append((word, *self._alternatives[word]))
                    i += size
                    break
            else:
                pieces.append((term[i],))
                i += 1
        if all(len(p) == 1 for p in pieces):
            return []
        out: list[str] = []
        for combo in itertools.islice(itertools.product(*pieces), MAX_VARIANTS + 1):
            form = "".join(combo)
            if form != term:
                out.append(form)
        return out[:MAX_VARIANTS]
