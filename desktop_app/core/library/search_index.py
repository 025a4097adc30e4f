"""The user library's search tables kept up to date by each write.

A new document's items come after every stored item in document order (documents by id, items
by seq), so storing it appends to the tables what a full build would write for those items:
their rows (search_docs, search_fts), their document frequencies added to search_vocab, their
bits in the bitmaps of search_dense (a token that now reaches the bitmap threshold gets its
bitmap from every item's stored fields; one that the larger threshold leaves below loses it),
their headings in search_pinyin. The tables end exactly as `build_search_index` would write them
(tests/test_library_index.py compares them after every step). Anything else — a new version of
an existing document, a removal, tables of another index version or not matching the items —
rebuilds the whole index, as before.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence

from desktop_app.core.model import Item
from desktop_app.core.search.bigrams.index import (
    CHAR_SUFFIX,
    FIELDS,
    INDEX_VERSION,
    DocFields,
    dense_threshold,
    item_fields,
)
from desktop_app.core.search.bigrams.index import _tokens as tokens_of
from desktop_app.core.search.bigrams.tokens import SEGMENT_SEP, field_token_text
from desktop_app.core.search.pinyin import SCOPE_HEAD, syllables


def append(conn: sqlite3.Connection, stored: int, new: Sequence[Item], dense_min: int) -> bool:
    """Add `new` (the last items in document order) to tables that hold the `stored` items
    before them; False, with nothing written, when the tables are not those (rebuild then)."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM search_meta").fetchall())
    except sqlite3.DatabaseError:
        return False
    if meta.get("version") != INDEX_VERSION or meta.get("item_count") != str(stored):
        return False
    count = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM search_docs").fetchone()
    if tuple(count) != (stored, stored):
        return False
    fields = [item_fields(item) for item in new]
    conn.executemany(
        "INSERT INTO search_docs (rowid, item_id, title, path, body, depts) VALUES (?,?,?,?,?,?)",
        (
            (stored + n, it.id, f.title, f.path, f.body, f.depts)
            for n, (it, f) in enumerate(zip(new, fields, strict=True), 1)
        ),
    )
    conn.executemany(
        "INSERT INTO search_fts (rowid, title, path, body, depts) VALUES (?,?,?,?,?)",
        (
            (stored + n, *(field_token_text(getattr(f, name)) for name in FIELDS))
            for n, f in enumerate(fields, 1)
        ),
    )
    new_tokens = {
        "all": [tokens_of(f.all) for f in fields],
        "head": [tokens_of(f.head) for f in fields],
    }
    df_all: Counter[str] = Counter()
    df_head: Counter[str] = Counter()
    for found in new_tokens["all"]:
        df_all.update(found)
    for found in new_tokens["head"]:
        df_head.update(found)
    conn.executemany(
        "INSERT INTO search_vocab (token, df_all, df_head) VALUES (?,?,?) ON CONFLICT(token) "
        "DO UPDATE SET df_all = df_all + excluded.df_all, df_head = df_head + excluded.df_head",
        ((tok, n, df_head.get(tok, 0)) for tok, n in df_all.items()),
    )
    size = stored + len(new)
    threshold = dense_threshold(size, dense_min)
    _update_dense(conn, stored, new_tokens, threshold)
    _add_pinyin(conn, fields)
    conn.executemany(
        "UPDATE search_meta SET value = ? WHERE key = ?",
        ((str(size), "item_count"), (str(threshold), "dense_threshold")),
    )
    return True


def _needle(token: str) -> str:
    """What a text holds exactly when `tokens_of(text)` holds token: a bigram never spans
    SEGMENT_SEP, so it is there when it is a substring; 字* is the character."""
    if len(token) == 1 + len(CHAR_SUFFIX) and token.endswith(CHAR_SUFFIX):
        return token[0]
    return token


def _update_dense(
    conn: sqlite3.Connection, stored: int, new_tokens: dict[str, list[set[str]]], threshold: int
) -> None:
    size = stored + len(new_tokens["all"])
    wanted = {
        scope: {
            token
            for (token,) in conn.execute(
                f"SELECT token FROM search_vocab WHERE {column} >= ?", (threshold,)
            )
        }
        for scope, column in (("all", "df_all"), ("head", "df_head"))
    }
    if not wanted["all"]:
        wanted["head"] = set()  # build_search_index writes no bitmaps at all then
    have = {
        (scope, token): int.from_bytes(blob, "little")
        for scope, token, blob in conn.execute("SELECT scope, token, bitmap FROM search_dense")
    }
    gone = [key for key in have if key[1] not in wanted[key[0]]]
    conn.executemany("DELETE FROM search_dense WHERE scope = ? AND token = ?", gone)
    bits = {(scope, t): have.get((scope, t), 0) for scope, tokens in wanted.items() for t in tokens}
    # newly dense: their bits among the stored items, from the items' stored fields
    fresh = [key for key in bits if key not in have]
    if fresh:
        texts: dict[str, list[str]] = {"all": [], "head": []}
        for f in _stored_fields(conn, stored):
            texts["all"].append(f.all)
            texts["head"].append(f.head)
        for scope, token in fresh:
            needle = _needle(token)
            value = 0
            for n, text in enumerate(texts[scope]):
                if needle in text:
                    value |= 1 << n
            bits[scope, token] = value
    for scope, per_item in new_tokens.items():
        for n, found in enumerate(per_item):
            for token in found & wanted[scope]:
                bits[scope, token] |= 1 << (stored + n)
    conn.executemany(
        "INSERT OR REPLACE INTO search_dense (scope, token, bitmap) VALUES (?,?,?)",
        (
            (scope, t, value.to_bytes((size >> 3) + 1, "little"))
            for (scope, t), value in bits.items()
        ),
    )


def _stored_fields(conn: sqlite3.Connection, stored: int) -> list[DocFields]:
    rows = conn.execute(
        "SELECT title, path, body, depts FROM search_docs WHERE rowid <= ? ORDER BY rowid",
        (stored,),
    )
    return [DocFields(*row) for row in rows]


def _add_pinyin(conn: sqlite3.Connection, fields: list[DocFields]) -> None:
    try:
        import pypinyin  # noqa: F401
    except ImportError:
        return  # as build_search_index: the packaged app writes no pinyin for imports
    headings = {h for f in fields for h in f.head.split(SEGMENT_SEP) if h and not h.isascii()}
    # a heading already there (or a key term, SCOPE_ALL) keeps its row, as in a full build;
    # its syllables are not worked out again
    headings -= {hanzi for (hanzi,) in conn.execute("SELECT hanzi FROM search_pinyin")}
    conn.executemany(
        "INSERT OR IGNORE INTO search_pinyin (hanzi, scope, syllables) VALUES (?,?,?)",
        ((h, SCOPE_HEAD, " ".join(syllables(h))) for h in sorted(headings)),
    )
