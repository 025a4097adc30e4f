"""A matching item as a search result: the snippet around the matches, the matched words
highlighted in the title and the text, and named as the item prints them."""

from __future__ import annotations

from desktop_app.core.model import Item
from desktop_app.core.search.bigrams.index import DocFields
from desktop_app.core.search.normalize import Normalized, normalize
from desktop_app.core.search.results import Hit
from desktop_app.core.search.snippet import snippet, spans
from desktop_app.core.search.terms import ALL, HEAD, Term

_CACHE_LIMIT = 4096  # normalized texts kept (an item's title and text are normalized once)


class HitBuilder:
    def __init__(self, items: list[Item], fields: list[DocFields]) -> None:
        self._items = items
        self._fields = fields
        self._norm_cache: dict[tuple[int, str], Normalized] = {}

    def _normalized(self, i: int, which: str, text: str) -> Normalized:
        key = (i, which)
        norm = self._norm_cache.get(key)
        if norm is None:
            if len(self._norm_cache) >= _CACHE_LIMIT:
                self._norm_cache.clear()
            norm = self._norm_cache[key] = normalize(text)
        return norm

    def hit(self, i: int, score: float, terms: list[Term]) -> Hit:
        """Item i as a result: its snippet, the matched words highlighted as it prints them."""
        item = self._items[i]
        f = self._fields[i]
        head_words: list[str] = []
        all_words: list[str] = []
        present: list[Term] = []
        for t in terms:
            found = False
            for v in t.variants:
                if v.scope == HEAD and v.word in f.head:
                    head_words.append(v.word)
                    found = True
                elif v.scope == ALL and v.word in f.all:
                    all_words.append(v.word)
                    found = True
            if found:
                present.append(t)
        words = list(dict.fromkeys(all_words))
        title = item.display_title
        text_norm = self._normalized(i, "text", item.text)
        title_norm = self._normalized(i, "title", title)
        text_spans = spans(text_norm, words, item.text)
        title_spans = spans(title_norm, list(dict.fromkeys(words + head_words)), title)
        snip, snip_spans = snippet(item.text, text_spans)
        return Hit(
            item_id=item.id,
            document_id=item.document_id,
            article=item.article,
            locator=item.locator,
            title=title,
            snippet=snip,
            snippet_highlights=snip_spans,
            text_highlights=text_spans,
            title_highlights=title_spans,
            score=round(score, 4),
            matched_terms=self._as_printed(
                list(dict.fromkeys(words + head_words)), (text_norm, item.text), (title_norm, title)
            ),
            exact=bool(present) and all(t.word in f.all for t in present),
        )

    @staticmethod
    def _as_printed(words: list[str], *sources: tuple[Normalized, str]) -> list[str]:
        """Each matched word as the item prints it (首台（套） for 首台套) where it is visible."""
        out: list[str] = []
        for word in words:
            shown = word
            for norm, text in sources:
                found = spans(norm, [word], text)
                if found:
                    shown = text[found[0][0] : found[0][1]]
                    break
            out.append(shown)
        return list(dict.fromkeys(out))
