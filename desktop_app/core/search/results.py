"""What a search asks for and what it returns (the API the window and the CLI use)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SearchFilters:
    """All optional; within one filter any listed value matches, across filters all must."""

    # a place: documents whose scope contains it or lies inside it
    region_code: str | None = None
    document_ids: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()  # 省 / 市 / 区县
    departments: tuple[str, ...] = ()  # Department.name
    categories: tuple[str, ...] = ()
    enterprise_facing_only: bool = False
    as_of: date | None = None  # the date validity is judged on (default: today)
    valid_only: bool = False  # only documents applicable on as_of
    has_amount: bool = False  # only items with a curated amount


@dataclass
class Hit:
    """One search result: the item, its snippet and what matched where."""

    item_id: str
    document_id: str
    article: str | None
    locator: str
    title: str  # Item.display_title
    snippet: str
    snippet_highlights: list[tuple[int, int]]  # [start, end) in snippet
    text_highlights: list[tuple[int, int]]  # [start, end) in Item.text
    title_highlights: list[tuple[int, int]]  # [start, end) in title
    score: float
    matched_terms: list[str]  # the words found, as printed in the item where possible
    exact: bool  # every query word matched as typed (no synonym, no pinyin)


@dataclass
class SearchResult:
    """A page of search results, with the facet counts and notes for the whole match."""

    query: str
    total: int
    hits: list[Hit]
    # facet -> value -> number of matches; each facet counted without its own filter.
    # Facets: document (id), level, department, category, enterprise_facing ("true"/"false"),
    # validity (validity state, see core.validity), region (scope_region_code),
    # has_amount ("true"/"false").
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    fallback: bool = False  # no item had every word; partial matches are shown
    suggestions: list[str] = field(default_factory=list)  # words that would find something
    # words of the query left out: no item holds them, and no meaningful piece of them occurs
    dropped: list[str] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)  # in a fallback: the words searched for
    elapsed_ms: float = 0.0
    truncated: bool = False  # the query was longer than the engine considers (MAX_QUERY_CHARS)
    notes: list[str] = field(default_factory=list)  # Chinese, for the user
