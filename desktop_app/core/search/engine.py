"""The search engine: query words → matching items, filtered, counted, ranked, highlighted.

Semantics: a word matches an item when its normalized form is a substring of the item's
normalized title, headings, text or department names (or a synonym or, for Latin letters, a
pinyin reading does). Several words: all must match. When no item has all words, the best
partial matches are shown instead (fallback): words with no hits are cut into the longest
pieces that do occur (小微企业贷款贴息 → 小微企业贷款 + 贴息) and items are ranked by how much of
the query they cover.

Ranking, best first: matched as typed (not only through a synonym or pinyin), matched in a
heading, an enterprise-facing measure; then, in tiers small enough to score one by one, where
and how often the words occur; then document order.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date

from desktop_app.core.model import Item
from desktop_app.core.search import bitset
from desktop_app.core.search.bigrams.index import (
    CHAR_SUFFIX,
    DocFields,
)
from desktop_app.core.search.bigrams.tokens import SEGMENT_SEP
from desktop_app.core.search.facets import FacetIndex
from desktop_app.core.search.hits import HitBuilder
from desktop_app.core.search.normalize import normalize_text
from desktop_app.core.search.pinyin import PinyinMatcher, is_pinyin_query
from desktop_app.core.search.query import QueryWord, parse
from desktop_app.core.search.results import SearchFilters, SearchResult
from desktop_app.core.search.segments import load_corpus
from desktop_app.core.search.synonyms import SynonymTable
from desktop_app.core.search.terms import ALL, EXACT, HEAD, PINYIN, SYNONYM, Term, Variant
from desktop_app.core.store import PolicyStore

log = logging.getLogger(__name__)

W_EXACT, W_HEAD, W_PRIOR = 4, 2, 1  # tier weights: exact outranks heading + prior together
FINE_MAX = 1000  # tiers up to this size are ordered by a per-item score
FALLBACK_CHARS = 64  # a no-hit word is cut into pieces over its first characters only
MAX_SUGGESTIONS = 8
MAX_QUERY_CHARS = 200  # of what was typed or pasted; the rest is not searched
TRUNCATED_NOTE = f"检索词过长，只按前{MAX_QUERY_CHARS}个字检索。"
MAX_RELATED = 24  # synonym and colloquial forms of one word; more is noise and costs lookups
PIECE_MAX = 12  # the longest fallback piece tried at one place of a no-hit word


@dataclass
class _Ranked:
    """The matching terms of a query and how they rank, before paging."""

    groups: list[tuple[int, int]]
    terms: list[Term]
    fallback: bool = False
    units: list[Term] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


class SearchEngine:
    """Search over a PolicyStore's items; reads the index tables once, then answers in memory
    and with FTS lookups. Safe to call from one thread at a time (calls are serialized)."""

    # Tests set this so that a bug fails loudly; the window gets an empty result instead.
    raise_errors = False

    def __init__(self, store: PolicyStore, amount_item_ids: frozenset[str] = frozenset()) -> None:
        self.store = store
        self._lock = threading.Lock()
        corpus = load_corpus(store)
        self._sources = corpus.segments
        self._items: list[Item] = corpus.items
        self._fields: list[DocFields] = corpus.fields
        self._all_texts = [f.all for f in self._fields]
        self._head_texts = [f.head for f in self._fields]
        self._max_len = {
            ALL: max((len(t) for t in self._all_texts), default=0),
            HEAD: max((len(t) for t in self._head_texts), default=0),
        }
        self._dense = {k: v for seg in self._sources for k, v in seg.dense.items()}
        self._synonyms = SynonymTable(corpus.synonyms)
        self._colloquial = corpus.colloquial
        self._pinyin = PinyinMatcher(corpus.pinyin)
        # words a person reviewed as meaningful: a fallback piece may always be one of these
        self._reviewed = frozenset(
            [w for g in corpus.synonyms for w in g]
            + [w for k, v in corpus.colloquial.expansions.items() for w in (k, *v)]
            + [normalize_text(e.hanzi) for e in corpus.pinyin if e.scope == ALL]
        )
        self.size = len(self._items)
        self._universe = bitset.full(self.size)
        self._facets = FacetIndex(self._items, store.documents(), frozenset(amount_item_ids))
        self._hits = HitBuilder(self._items, self._fields)

    # -- public ------------------------------------------------------------------------

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> SearchResult:
        """Never raises: any input gives results or an empty list."""
        started = time.perf_counter()
        text = query if isinstance(query, str) else ""
        considered = text[:MAX_QUERY_CHARS]  # a pasted page is not a query; the note says so
        try:
            with self._lock:
                result = self._search(considered, filters or SearchFilters(), limit, offset)
        except Exception:
            if self.raise_errors:
                raise
            log.exception("search failed for %r", text[:100])
            result = SearchResult(query=considered, total=0, hits=[])
        if len(text) > MAX_QUERY_CHARS:
            result.truncated = True
            result.notes.append(TRUNCATED_NOTE)
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def warm_up(self) -> None:
        """Read what the first word looked up needs (each segment's vocabulary), so that the
        first keystroke after start-up does not wait for it."""
        for segment in self._sources:
            _ = segment.vocab

    def item_index(self, item_id: str) -> int | None:
        return next((i for i, it in enumerate(self._items) if it.id == item_id), None)

    # -- matching ----------------------------------------------------------------------

    def _mask(self, word: str, scope: str, memo: dict[tuple[str, str], int]) -> int:
        key = (word, scope)
        cached = memo.get(key)
        if cached is not None:
            return cached
        memo[key] = mask = self._lookup(word, scope)
        return mask

    def _lookup(self, word: str, scope: str) -> int:
        """Items whose normalized scope text contains word: exact substring semantics."""
        if not word or len(word) > self._max_len[scope]:
            return 0
        keys = [word + CHAR_SUFFIX] if len(word) == 1 else _bigrams(word)
        mask = 0
        for seg in self._sources:
            texts = self._all_texts if scope == ALL else self._head_texts
            mask |= seg.lookup(word, scope, keys, texts) << seg.offset
        return mask

    def _term(self, word: str, memo: dict[tuple[str, str], int], pinyin: bool = True) -> Term:
        variants = [Variant(word, EXACT, ALL)]
        related = self._synonyms.variants(word)
        for target in self._colloquial.expand(word):
            related += [target, *self._synonyms.variants(target)]
        related = [w for w in dict.fromkeys(related) if w != word][:MAX_RELATED]
        variants += [Variant(w, SYNONYM, ALL) for w in related]
        if pinyin and is_pinyin_query(word):
            known = {v.word for v in variants}
            variants += [
                Variant(w, PINYIN, scope)
                for w, scope in self._pinyin.words(word).items()
                if w not in known
            ]
        term = Term(word, variants)
        for v in variants:
            v.mask = self._mask(v.word, v.scope, memo)
            term.mask |= v.mask
            if v.kind == EXACT:
                term.exact_mask = v.mask
            if v.mask:
                term.head_mask |= v.mask if v.scope == HEAD else self._mask(v.word, HEAD, memo)
        return term

    def _segments(
        self, word: str, memo: dict[tuple[str, str], int]
    ) -> tuple[list[Term], list[str]]:
        """A no-hit word cut, left to right, into the longest pieces that mean something here,
        with what was left out (question words such as 吗 or 多少 are left out silently).

        A piece means something when a person reviewed it (a synonym, a colloquial word, a
        key term) and it finds items, or when it occurs in the texts as a word of its own
        (see _is_word): 无人机 does not become 人机 because 法人机构 holds those two characters.
        A single character (的, 企, a) matches almost everything and is never a piece.
        """
        word = word[:FALLBACK_CHARS]
        fillers = self._colloquial.fillers
        pieces: list[Term] = []
        dropped: list[str] = []
        run = ""  # characters left out since the last piece
        i = 0
        while i < len(word):
            found: Term | None = None
            filler = 0
            for j in range(min(len(word), i + PIECE_MAX), i, -1):
                piece = word[i:j]
                if piece in fillers:
                    filler = j
                    break
                if j - i < 2:
                    continue
                if piece in self._reviewed:
                    term = self._term(piece, memo, pinyin=False)
                    if term.mask:
                        found = term
                        break
                elif self._mask(piece, ALL, memo) and self._is_word(piece, memo):
                    found = self._term(piece, memo, pinyin=False)
                    break
            if found is None and not filler:
                run += word[i]
                i += 1
                continue
            if run:
                dropped.append(run)
                run = ""
            if found is not None:
                pieces.append(found)
                i += len(found.word)
            else:
                i = filler
        if run:
            dropped.append(run)
        return pieces, [d for d in dropped if d not in fillers]

    def _rarity(self, mask: int) -> int:
        """4 for a word in every item, up to about 4 + log2(items) for one in a single item."""
        return 4 + (self.size // max(1, mask.bit_count())).bit_length()

    def _is_word(self, piece: str, memo: dict[tuple[str, str], int]) -> bool:
        """Whether piece stands as a word somewhere in the texts: it is met with at least two
        different neighbours on each side (or at a segment's edge), as words are and
        fragments across a word boundary (人机 in 法人机构) are not."""
        left: set[str] = set()
        right: set[str] = set()
        for i in bitset.iter_bits(self._mask(piece, ALL, memo)):
            text = self._all_texts[i]
            at = text.find(piece)
            while at >= 0:
                left.add(text[at - 1] if at > 0 else SEGMENT_SEP)
                end = at + len(piece)
                right.add(text[end] if end < len(text) else SEGMENT_SEP)
                if _open(left) and _open(right):
                    return True
                at = text.find(piece, at + 1)
        return False

    # -- the search --------------------------------------------------------------------

    def _search(self, query: str, filters: SearchFilters, limit: int, offset: int) -> SearchResult:
        memo: dict[tuple[str, str], int] = {}
        words = parse(query)
        on = filters.as_of if isinstance(filters.as_of, date) else date.today()
        filter_masks = self._facets.filter_masks(filters, on)
        allowed = self._universe
        for m in filter_masks.values():
            allowed &= m

        if not words:
            matches = self._universe
            ranked = _Ranked([(0, matches & allowed)] if matches & allowed else [], [])
        else:
            terms = [self._term(w.norm, memo) for w in words]
            matches = self._universe
            for t in terms:
                matches &= t.mask
            if matches:
                ranked = self._rank(terms, matches & allowed)
            else:
                ranked, matches = self._fallback(words, terms, allowed, memo)

        total = sum(m.bit_count() for _, m in ranked.groups)
        limit = max(0, min(int(limit), total))
        offset = max(0, int(offset))
        page = self._page(ranked, offset, limit)
        hits = [self._hits.hit(i, score, ranked.terms) for i, score in page]
        suggestions = self._suggest(words, ranked, memo) if (not total or ranked.fallback) else []
        return SearchResult(
            query=query,
            total=total,
            hits=hits,
            facets=self._facets.counts(matches, filter_masks, on, filters),
            fallback=ranked.fallback and total > 0,
            suggestions=suggestions,
            dropped=ranked.dropped,
            pieces=[u.word for u in ranked.units] if ranked.fallback else [],
        )

    def _rank(self, terms: list[Term], pool: int) -> _Ranked:
        exact = self._universe
        head = 0
        for t in terms:
            exact &= t.exact_mask
            head |= t.head_mask
        parts = [(exact, W_EXACT), (head, W_HEAD), (self._facets.prior, W_PRIOR)]
        return _Ranked(bitset.weighted_groups(parts, pool), terms)

    def _fallback(
        self,
        words: list[QueryWord],
        terms: list[Term],
        allowed: int,
        memo: dict[tuple[str, str], int],
    ) -> tuple[_Ranked, int]:
        units: list[Term] = []
        dropped: list[str] = []
        for t, w in zip(terms, words, strict=True):
            if t.mask:
                units.append(t)
                continue
            pieces, left_out = self._segments(t.word, memo)
            units += pieces
            dropped += left_out if pieces else [w.raw]
        union = 0
        head = 0
        every = self._universe if units else 0
        for u in units:
            union |= u.mask
            head |= u.head_mask
            every &= u.mask
        # items holding every meaning of the query first; then coverage (characters of the
        # query found, a rare word counting for more than a common one), then heading, prior
        parts = [(u.mask, u.weight * self._rarity(u.mask)) for u in units]
        parts += [(u.exact_mask, 2 * u.weight) for u in units]
        parts += [(head, W_HEAD), (self._facets.prior, W_PRIOR)]
        parts.append((every, 1 + sum(w for _, w in parts)))
        groups = bitset.weighted_groups(parts, union & allowed)
        ranked = _Ranked(groups, units, fallback=True, units=units, dropped=dropped)
        return ranked, union

    # -- pages and hits ----------------------------------------------------------------

    def _fine(self, i: int, terms: list[Term]) -> float:
        """Where and how often the words occur in item i (only used inside a tier)."""
        f = self._fields[i]
        score = 0.0
        for t in terms:
            best = 0.0
            for v in t.variants:
                weight = 1.0 if v.kind == EXACT else 0.5
                title, path = f.title.count(v.word), f.path.count(v.word)
                if v.scope == HEAD:
                    body = depts = 0
                else:
                    body, depts = f.body.count(v.word), f.depts.count(v.word)
                found = 3 * min(title, 1) + min(path, 1) + min(body, 3) + 0.25 * min(depts, 1)
                best = max(best, weight * found)
            score += best
        return score

    def _page(self, ranked: _Ranked, offset: int, limit: int) -> list[tuple[int, float]]:
        out: list[tuple[int, float]] = []
        skip = offset
        for score, mask in ranked.groups:
            if len(out) >= limit:
                break
            n = mask.bit_count()
            if skip >= n:
                skip -= n
                continue
            need = limit - len(out)
            if ranked.terms and n <= FINE_MAX:
                scored = [(self._fine(i, ranked.terms), i) for i in bitset.iter_bits(mask)]
                scored.sort(key=lambda p: (-p[0], p[1]))
                out += [(i, score + f / (f + 1)) for f, i in scored[skip : skip + need]]
            else:
                chosen = itertools.islice(bitset.iter_bits(mask), skip, skip + need)
                out += [(i, float(score)) for i in chosen]
            skip = 0
        return out

    def _suggest(
        self, words: list[QueryWord], ranked: _Ranked, memo: dict[tuple[str, str], int]
    ) -> list[str]:
        """Words that would find something: pieces of the query, synonyms that occur."""
        typed = {w.norm for w in words}
        out: list[str] = []
        for unit in ranked.units:
            if unit.mask and unit.word not in typed:
                out.append(unit.word)
        for w in words:
            for alt in self._synonyms.variants(w.norm):
                if self._mask(alt, ALL, memo):
                    out.append(alt)
        return list(dict.fromkeys(out))[:MAX_SUGGESTIONS]


def _open(neighbours: set[str]) -> bool:
    return len(neighbours) >= 2 or SEGMENT_SEP in neighbours


def _bigrams(word: str) -> list[str]:
    return list(dict.fromkeys(word[i : i + 2] for i in range(len(word) - 1)))
