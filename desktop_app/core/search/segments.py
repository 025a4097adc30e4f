"""The indexes a search engine reads: the bundled database's, then the user library's.

Each database keeps its own search tables (bigrams/index.py) over its own items, so importing
a document never rebuilds the bundled index. The engine places the segments one after the
other (bit positions offset … offset + size - 1) and ORs their answers.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field

from desktop_app.core.model import Item
from desktop_app.core.search import bitset
from desktop_app.core.search.bigrams.index import (
    HEAD_FIELDS,
    DocFields,
    IndexData,
    IndexMissing,
    build_search_index,
    load_index,
    load_vocabulary,
)
from desktop_app.core.search.bigrams.tokens import match_expression
from desktop_app.core.search.colloquial import Colloquial
from desktop_app.core.search.pinyin import PinyinEntry
from desktop_app.core.store import PolicyStore

log = logging.getLogger(__name__)
HEAD = "head"


@dataclass
class Segment:
    """One database's index, placed at its offset among the engine's items."""

    conn: sqlite3.Connection
    offset: int
    size: int
    dense: dict[tuple[str, str], int]
    _vocab: dict[str, dict[str, int]] | None = field(default=None, repr=False, compare=False)
    _vocab_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def vocab(self) -> dict[str, dict[str, int]]:
        """scope (all | head) -> token -> document frequency, read on first use."""
        with self._vocab_lock:
            if self._vocab is None:
                self._vocab = load_vocabulary(self.conn)
            return self._vocab

    def lookup(self, word: str, scope: str, keys: list[str], texts: list[str]) -> int:
        """This segment's items (bit 0 = its first) whose scope text contains word."""
        vocab = self.vocab[scope]
        if any(k not in vocab for k in keys):
            return 0
        dense = [self.dense.get((scope, k)) for k in keys]
        if all(m is not None for m in dense):
            candidates = bitset.full(self.size)
            for m in dense:
                candidates &= m or 0
            if len(word) <= 2:  # one character or one bigram: the bitmap is the answer
                return candidates
            start = self.offset
            return bitset.from_indices(
                (i for i in bitset.iter_bits(candidates) if word in texts[start + i]), self.size
            )
        expr = match_expression(word, HEAD_FIELDS if scope == HEAD else None)
        rows = self.conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (expr,))
        return bitset.from_indices((r - 1 for (r,) in rows), self.size)


@dataclass
class Corpus:
    """Every segment with its items, fields and vocabularies, as the engine reads them."""

    segments: list[Segment]
    items: list[Item]
    fields: list[DocFields]
    pinyin: list[PinyinEntry]
    synonyms: list[list[str]]
    colloquial: Colloquial = field(default_factory=Colloquial)


def open_index(conn: sqlite3.Connection, items: list[Item]) -> tuple[sqlite3.Connection, IndexData]:
    """The database's index if current, else one built in memory (an old database, or a
    store of the user's own data without search tables)."""
    try:
        data = load_index(conn)
        if sorted(data.item_ids) == sorted(i.id for i in items):
            return conn, data
        log.warning("search index does not match the items; building it in memory")
    except IndexMissing as exc:
        log.info("no usable search index (%s); building it in memory", exc)
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    build_search_index(memory, items)
    return memory, load_index(memory)


def load_corpus(store: PolicyStore) -> Corpus:
    corpus = Corpus([], [], [], [], [])
    pinyin: dict[str, PinyinEntry] = {}
    first = True
    for conn, items in store.search_sources():
        if not items and not first:
            continue  # an empty library adds nothing
        index_conn, data = open_index(conn, items)
        by_id = {item.id: item for item in items}
        corpus.segments.append(
            Segment(
                index_conn,
                len(corpus.items),
                len(data.item_ids),
                data.dense,
            )
        )
        corpus.items += [by_id[i] for i in data.item_ids]
        corpus.fields += data.fields
        for entry in data.pinyin:
            pinyin.setdefault(entry.hanzi, entry)
        if first:  # the reviewed vocabularies come with the bundled data
            corpus.synonyms = data.synonyms
            corpus.colloquial = data.colloquial
        first = False
    corpus.pinyin = list(pinyin.values())
    return corpus
