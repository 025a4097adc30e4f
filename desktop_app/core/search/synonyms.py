"""The reviewed synonym list (db/search/synonyms.yaml) and how a query term is expanded."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from desktop_app import paths
from desktop_app.core.search.normalize import normalize_text

MAX_VARIANTS = 24  # 小微企业贷款补贴 has 2×3×5 forms; more is noise, and each costs a lookup


def synonyms_path() -> Path:
    return paths.curated_dir() / "search" / "synonyms.yaml"


def load_groups(path: Path | None = None) -> list[list[str]]:
    """Normalized groups of two or more distinct words; the file's order is kept."""
    import yaml  # the builder reads the YAML; the app reads the database

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
        # longest first: at each position the longest group word wins, as one regex scan
        # (linear in the term, in C) instead of a dictionary probe per position and length
        words = sorted(self._alternatives, key=lambda w: (-len(w), w))
        self._pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None

    def variants(self, term: str) -> list[str]:
        """Other forms of a normalized term, each group word replaced by its synonyms.

        The term itself is not in the list. At each position the longest group word wins, so
        小型微型 is replaced as a whole rather than matched as 小型 + 微型.
        """
        if self._pattern is None:
            return []
        spans = [(m.start(), m.end(), m.group()) for m in self._pattern.finditer(term)]
        if not spans:
            return []
        # itertools.product varies the last span fastest, and each span's first choice is the
        # word as typed: the first MAX_VARIANTS forms only change the last few spans, so only
        # those are combined and the text before them is shared (linear in the term)
        k, count = 0, 1
        while k < len(spans) and count <= MAX_VARIANTS:
            k += 1
            count *= 1 + len(self._alternatives[spans[-k][2]])
        tail_spans = spans[len(spans) - k :]
        prefix = term[: tail_spans[0][0]]
        literals: list[str] = []  # the text before each of those spans
        last = tail_spans[0][0]
        for start, end, _word in tail_spans:
            literals.append(term[last:start])
            last = end
        tail = term[last:]
        choices = [(word, *self._alternatives[word]) for _s, _e, word in tail_spans]
        out: list[str] = []
        for combo in itertools.islice(itertools.product(*choices), MAX_VARIANTS + 1):
            middle = "".join(lit + word for lit, word in zip(literals, combo, strict=True))
            form = prefix + middle + tail
            if form != term:
                out.append(form)
        return out[:MAX_VARIANTS]
