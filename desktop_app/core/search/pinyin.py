"""Pinyin for headings and key terms: computed when the index is built, matched at query time.

Officials type pinyin initials (zjtx) or full spelling (zhuanjingtexin) when an input method is
not at hand. Converting 100,000 items' text at every query would be slow and polyphones go
wrong in running text, so only headings (item titles and the section headings above items)
and the reviewed key terms (db/search/key_terms.yaml) get pinyin, once, at build time. A
pinyin query finds the Chinese words whose pinyin contains it; the engine then searches for
those words: heading words in headings, key terms anywhere.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.core.search.normalize import find_all, normalize_text

SCOPE_HEAD = "head"  # found in headings only
SCOPE_ALL = "all"  # a key term: found in any field
MIN_QUERY = 2  # one letter is the initial of thousands of characters
MAX_WORDS = 40  # a short pinyin query can fit many headings; keep the search bounded


def key_terms_path() -> Path:
    return paths.curated_dir() / "search" / "key_terms.yaml"


def load_key_terms(path: Path | None = None) -> list[str]:
    import yaml  # the builder reads the YAML; the app reads the database

    with (path or key_terms_path()).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    terms = (normalize_text(str(t)) for t in data.get("terms", []))
    return list(dict.fromkeys(t for t in terms if t))


def syllables(hanzi: str) -> list[str]:
    """One syllable per character (a non-Chinese character stands for itself)."""
    from pypinyin import Style, lazy_pinyin  # build time only: keeps the app's start fast

    # A run of non-Chinese characters comes back whole unless split: one item per character.
    # (pypinyin accepts a list from the errors callback; its type hints say str.)
    per_char: Any = list
    out = lazy_pinyin(hanzi, style=Style.NORMAL, errors=per_char)
    if len(out) != len(hanzi):  # never seen; per character keeps offsets right regardless
        out = [(lazy_pinyin(ch, style=Style.NORMAL, errors=per_char) or [ch])[0] for ch in hanzi]
    return [s.lower() for s in out]


def is_pinyin_query(term: str) -> bool:
    return len(term) >= MIN_QUERY and term.isascii() and term.isalpha()


@dataclass(frozen=True)
class PinyinEntry:
    """A heading or key term with its pinyin syllables."""

    hanzi: str  # normalized heading or key term
    scope: str
    syllables: tuple[str, ...]


class PinyinMatcher:
    """All entries' initials and full spellings in two strings, searched with str.find."""

    def __init__(self, entries: list[PinyinEntry]) -> None:
        self.entries = entries
        initials: list[str] = []
        spelled: list[str] = []
        self._initial_starts: list[int] = []
        self._full_starts: list[int] = []
        # per entry: syllable start offset in the full spelling -> character index
        self._syllable_at: list[dict[int, int]] = []
        self._syllable_offsets: list[list[int]] = []
        pos_i = pos_f = 0
        for entry in entries:
            self._initial_starts.append(pos_i)
            self._full_starts.append(pos_f)
            init = "".join(s[0] if s else "?" for s in entry.syllables)
            full = "".join(entry.syllables)
            offsets: list[int] = []
            run = 0
            for s in entry.syllables:
                offsets.append(run)
                run += len(s)
            self._syllable_offsets.append(offsets)
            self._syllable_at.append({o: i for i, o in enumerate(offsets)})
            initials.append(init)
            spelled.append(full)
            pos_i += len(init) + 1
            pos_f += len(full) + 1
        # "\n" separates entries so that no match runs from one heading into the next
        self._initials = "\n".join(initials)
        self._full = "\n".join(spelled)

    def words(self, query: str) -> dict[str, str]:
        """Chinese words (substrings of entries) whose pinyin contains query -> their scope.

        Initials must match whole characters; a full spelling must start at a syllable and
        may end inside one (zhuanj… while typing).
        """
        found: dict[str, str] = {}
        if not is_pinyin_query(query):
            return found
        for pos in find_all(self._initials, query):
            k = bisect.bisect_right(self._initial_starts, pos) - 1
            start = pos - self._initial_starts[k]
            self._add(found, self.entries[k], start, start + len(query))
            if len(found) >= MAX_WORDS:
                return found
        for pos in find_all(self._full, query):
            k = bisect.bisect_right(self._full_starts, pos) - 1
            offset = pos - self._full_starts[k]
            first = self._syllable_at[k].get(offset)
            if first is None:
                continue
            offsets = self._syllable_offsets[k]
            last = bisect.bisect_right(offsets, offset + len(query) - 1) - 1
            self._add(found, self.entries[k], first, last + 1)
            if len(found) >= MAX_WORDS:
                break
        return found

    @staticmethod
    def _add(found: dict[str, str], entry: PinyinEntry, start: int, end: int) -> None:
        word = entry.hanzi[start:end]
        # a Latin or digit run matches itself literally; only Chinese needs the pinyin route
        if not word or word.isascii():
            return
        if found.get(word) != SCOPE_ALL:
            found[word] = entry.scope
