"""The search tables in the policy database, written at build time and read by the engine.

search_docs    one row per item (rowid = position in document order + 1): the normalized
               fields, so the engine needs no normalization pass when it starts
search_fts     FTS5, contentless, ascii tokenizer: the fields as character bigrams (tokens.py)
search_vocab   each bigram (and each character as "字*") with its document frequency, in all
               fields and in headings; a query word with an unknown bigram cannot match, which
               answers no-hit queries and long pastes without touching FTS
search_dense   bitmaps of the items holding the commonest tokens: reading 70,000 rowids for
               企业 through Python costs 30-40 ms, a bitmap a few microseconds
search_pinyin  distinct headings and key terms with their pinyin syllables
search_meta    version, item count, the synonym groups
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.core.model import Item
from desktop_app.core.search.bigrams.tokens import SEGMENT_SEP, field_token_text
from desktop_app.core.search.colloquial import Colloquial, load_colloquial
from desktop_app.core.search.normalize import normalize_text
from desktop_app.core.search.pinyin import (
    SCOPE_ALL,
    SCOPE_HEAD,
    PinyinEntry,
    load_key_terms,
    syllables,
)
from desktop_app.core.search.synonyms import load_groups

# Bump when the tables or the normalization change: an engine finding another version in a
# database builds the index in memory instead of trusting it.
INDEX_VERSION = "1"
FIELDS = ("title", "path", "body", "depts")
HEAD_FIELDS = ("title", "path")
DENSE_MIN = 1024  # below this many items a token's rowids are cheap to read from FTS
DENSE_FRACTION = 32  # a bitmap is smaller than a rowid list above 1/32 of the items
CHAR_SUFFIX = "*"  # vocab key of a single character (a one-character query)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS search_docs (
    rowid INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL,
    title TEXT NOT NULL,
    path TEXT NOT NULL,
    body TEXT NOT NULL,
    depts TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, path, body, depts, content='', tokenize='ascii'
);
CREATE TABLE IF NOT EXISTS search_vocab (
    token TEXT PRIMARY KEY, df_all INTEGER NOT NULL, df_head INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_dense (
    scope TEXT NOT NULL, token TEXT NOT NULL, bitmap BLOB NOT NULL, PRIMARY KEY (scope, token)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_pinyin (
    hanzi TEXT PRIMARY KEY, scope TEXT NOT NULL, syllables TEXT NOT NULL
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class DocFields:
    """An item's searchable fields, normalized; segments joined by SEGMENT_SEP."""

    title: str
    path: str
    body: str
    depts: str

    @property
    def head(self) -> str:
        return self.title + SEGMENT_SEP + self.path

    @property
    def all(self) -> str:
        return SEGMENT_SEP.join((self.title, self.path, self.body, self.depts))


def item_fields(item: Item) -> DocFields:
    return DocFields(
        title=normalize_text(item.title or ""),
        path=SEGMENT_SEP.join(normalize_text(h) for h in item.path),
        body=normalize_text(item.text),
        depts=SEGMENT_SEP.join(normalize_text(d.name) for d in item.departments),
    )


def _tokens(text: str) -> set[str]:
    """Bigrams within segments plus every character as 字*: what vocab and bitmaps key on."""
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    pairs = {p for p in pairs if SEGMENT_SEP not in p}
    return pairs | {ch + CHAR_SUFFIX for ch in set(text) if ch != SEGMENT_SEP}


def dense_threshold(item_count: int, dense_min: int = DENSE_MIN) -> int:
    return max(dense_min, item_count // DENSE_FRACTION)


def build_search_index(
    conn: sqlite3.Connection, items: Sequence[Item], *, dense_min: int = DENSE_MIN
) -> None:
    """Write the search tables for items (in document order) into conn; replaces old ones."""
    for table in ("search_meta", "search_docs", "search_fts", "search_vocab", "search_dense"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute("DROP TABLE IF EXISTS search_pinyin")
    # one statement at a time: executescript() would commit a transaction the caller holds
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    fields = [item_fields(item) for item in items]
    conn.executemany(
        "INSERT INTO search_docs (rowid, item_id, title, path, body, depts) VALUES (?,?,?,?,?,?)",
        (
            (n, it.id, f.title, f.path, f.body, f.depts)
            for n, (it, f) in enumerate(zip(items, fields, strict=True), 1)
        ),
    )
    conn.executemany(
        "INSERT INTO search_fts (rowid, title, path, body, depts) VALUES (?,?,?,?,?)",
        (
            (n, *(field_token_text(getattr(f, name)) for name in FIELDS))
            for n, f in enumerate(fields, 1)
        ),
    )
    df_all: Counter[str] = Counter()
    df_head: Counter[str] = Counter()
    for f in fields:
        df_all.update(_tokens(f.all))
        df_head.update(_tokens(f.head))
    conn.executemany(
        "INSERT INTO search_vocab (token, df_all, df_head) VALUES (?,?,?)",
        ((tok, n, df_head.get(tok, 0)) for tok, n in df_all.items()),
    )
    _write_dense(conn, fields, df_all, df_head, dense_threshold(len(fields), dense_min))
    _write_pinyin(conn, fields)
    meta = {
        "version": INDEX_VERSION,
        "item_count": str(len(fields)),
        "dense_threshold": str(dense_threshold(len(fields), dense_min)),
        "synonyms": json.dumps(load_groups(), ensure_ascii=False),
        "colloquial": json.dumps(load_colloquial().to_json(), ensure_ascii=False),
    }
    conn.executemany("INSERT INTO search_meta (key, value) VALUES (?, ?)", meta.items())


def _write_dense(
    conn: sqlite3.Connection,
    fields: list[DocFields],
    df_all: Counter[str],
    df_head: Counter[str],
    threshold: int,
) -> None:
    dense_all = {t for t, n in df_all.items() if n >= threshold}
    dense_head = {t for t, n in df_head.items() if n >= threshold}
    if not dense_all:
        return
    size = len(fields)
    buffers = {("all", t): bytearray((size >> 3) + 1) for t in dense_all} | {
        ("head", t): bytearray((size >> 3) + 1) for t in dense_head
    }
    for i, f in enumerate(fields):
        byte, bit = i >> 3, 1 << (i & 7)
        for t in _tokens(f.all) & dense_all:
            buffers["all", t][byte] |= bit
        if dense_head:
            for t in _tokens(f.head) & dense_head:
                buffers["head", t][byte] |= bit
    conn.executemany(
        "INSERT INTO search_dense (scope, token, bitmap) VALUES (?,?,?)",
        ((scope, tok, bytes(buf)) for (scope, tok), buf in buffers.items()),
    )


def _write_pinyin(conn: sqlite3.Connection, fields: list[DocFields]) -> None:
    try:
        import pypinyin  # noqa: F401
    except ImportError:
        # The packaged app leaves pypinyin out (3.4 MB, build time only): an index it writes
        # for imported documents has no pinyin; the bundled index keeps the key terms'.
        return
    words: dict[str, str] = {}
    for f in fields:
        for heading in f.head.split(SEGMENT_SEP):
            if heading and not heading.isascii():
                words.setdefault(heading, SCOPE_HEAD)
    for term in load_key_terms():
        words[term] = SCOPE_ALL
    conn.executemany(
        "INSERT INTO search_pinyin (hanzi, scope, syllables) VALUES (?,?,?)",
        ((w, scope, " ".join(syllables(w))) for w, scope in words.items()),
    )


@dataclass
class IndexData:
    """What the engine keeps in memory, read once from the tables."""

    item_ids: list[str]
    fields: list[DocFields]
    dense: dict[tuple[str, str], int]
    pinyin: list[PinyinEntry]
    synonyms: list[list[str]]
    dense_threshold: int
    colloquial: Colloquial = field(default_factory=Colloquial)


def load_vocabulary(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Each scope's tokens (all | head) with their document frequency: 11,000 rows for the
    bundle, read on the first search that looks a word up rather than at start-up (the
    first list, every item in document order, needs none)."""
    vocab_all: dict[str, int] = {}
    vocab_head: dict[str, int] = {}
    for token, n_all, n_head in conn.execute("SELECT token, df_all, df_head FROM search_vocab"):
        vocab_all[token] = n_all
        if n_head:
            vocab_head[token] = n_head
    return {SCOPE_ALL: vocab_all, SCOPE_HEAD: vocab_head}


class IndexMissing(Exception):
    """The database has no search tables of this version."""


def load_index(conn: sqlite3.Connection) -> IndexData:
    try:
        meta = dict(conn.execute("SELECT key, value FROM search_meta").fetchall())
    except sqlite3.DatabaseError as exc:
        raise IndexMissing(str(exc)) from exc
    if meta.get("version") != INDEX_VERSION:
        raise IndexMissing(f"search index version {meta.get('version')}")
    ids: list[str] = []
    fields: list[DocFields] = []
    rows = conn.execute(
        "SELECT rowid, item_id, title, path, body, depts FROM search_docs ORDER BY rowid"
    )
    for n, (rowid, item_id, title, path, body, depts) in enumerate(rows, 1):
        if rowid != n:
            raise IndexMissing("search_docs rowids are not consecutive")
        ids.append(item_id)
        fields.append(DocFields(title, path, body, depts))
    dense = {
        (scope, token): int.from_bytes(blob, "little")
        for scope, token, blob in conn.execute("SELECT scope, token, bitmap FROM search_dense")
    }
    pinyin = [
        PinyinEntry(hanzi, scope, tuple(sy.split(" ")))
        for hanzi, scope, sy in conn.execute("SELECT hanzi, scope, syllables FROM search_pinyin")
    ]
    return IndexData(
        item_ids=ids,
        fields=fields,
        dense=dense,
        pinyin=pinyin,
        synonyms=json.loads(meta["synonyms"]),
        dense_threshold=int(meta["dense_threshold"]),
        # absent from a database built before the colloquial vocabulary: none
        colloquial=Colloquial.from_json(json.loads(meta.get("colloquial", "{}"))),
    )
