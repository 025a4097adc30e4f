"""The policy data as one service, like Anki's Collection: open it once, pass it to whoever
needs it through their constructor, close it (or replace it as a whole) when the data is
rebuilt.

PolicyData owns every lookup of documents, items, rules and the search engine, so callers
never read a store directly. It reads the bundled database (read-only, replaced on upgrade)
joined with the user's library of imported documents (its own writable SQLite file:
core.library.combined.CombinedStore, a PolicyStore), so the search, the reader, the wizard and
the CLI see the imported documents through the same lookups.

The data is immutable while open, so documents and items are read once and then shared
between threads; the rules, the overviews and the search engine are built on first use.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core import validity as validity_mod
from desktop_app.core.citation import citation
from desktop_app.core.data_label import data_version_label
from desktop_app.core.model import Document, Item
from desktop_app.core.store import PolicyStore, data_date
from desktop_app.core.validity import Validity

if TYPE_CHECKING:
    from desktop_app.core.data_state import DataState
    from desktop_app.core.eligibility.facts import FactsRegistry
    from desktop_app.core.eligibility.overview import MeasureOverview
    from desktop_app.core.eligibility.profile import Profile
    from desktop_app.core.eligibility.results import MatchResult
    from desktop_app.core.eligibility.rules import MeasureRules
    from desktop_app.core.search import SearchEngine


class PolicyData:
    """The open policy data: documents, items, rules, facts registry, search engine."""

    def __init__(
        self,
        store: PolicyStore,
        registry: FactsRegistry | None = None,
        *,
        library_message: str | None = None,
    ) -> None:
        self.store = store  # the bundled database, or it joined with the user's library
        self.path: Path | None = store.path
        # a Chinese note when the user's library had to be moved aside or could not be opened
        self.library_message = library_message
        self._registry = registry
        self.documents: list[Document] = store.documents()
        self.items: list[Item] = store.all_items()
        self._documents = {d.id: d for d in self.documents}
        self._items = {i.id: i for i in self.items}
        self.meta: dict[str, str] = store.meta()
        # what the data contains, as results and dialogs name it (the digest stays data_version)
        self.data_version_label = data_version_label(data_date(store), self.documents)
        self._headlines: dict[str, str | None] = store.headline_amounts()
        self._amount_ids = frozenset(k for k, v in self._headlines.items() if v)
        self._validity: dict[tuple[str, date], Validity] = {}
        self._lock = threading.RLock()  # the lazily built parts may be asked for from two threads
        self._rules: dict[str, MeasureRules] | None = None
        self._overviews: dict[str, MeasureOverview] | None = None
        self._engine: SearchEngine | None = None

    @classmethod
    def open(cls, path: Path, *, library: bool = True) -> PolicyData:
        """Open the database at path (PolicyDatabaseError when it is unusable), with the
        user's library unless library=False."""
        store = PolicyStore.open(path)
        message = None
        if library:
            from desktop_app.core.library.combined import with_library

            store, message = with_library(store)
        try:
            return cls(store, library_message=message)
        except Exception:
            store.close()
            raise

    def close(self) -> None:
        self.store.close()

    # -- documents and items -----------------------------------------------------------------
    @property
    def data_version(self) -> str:
        return self.meta.get("data_version", "")

    def document(self, document_id: str) -> Document | None:
        return self._documents.get(document_id)

    def item(self, item_id: str) -> Item | None:
        return self._items.get(item_id)

    def all_items(self) -> list[Item]:
        """Every item of every document, in document order."""
        return list(self.items)

    def document_items(self, document_id: str) -> list[Item]:
        return [i for i in self.items if i.document_id == document_id]

    def document_text(self, document_id: str) -> str | None:
        return self.store.document_text(document_id)

    def is_imported(self, item_id: str) -> bool:
        return self.store.is_imported(item_id)

    def citation(self, item: Item) -> str:
        return citation(item, self.document(item.document_id))

    def validity(self, document_id: str, on: date) -> Validity | None:
        key = (document_id, on)
        cached = self._validity.get(key)
        if cached is None:
            doc = self._documents.get(document_id)
            if doc is None:
                return None
            cached = self._validity[key] = validity_mod.validity_on(doc, on)
        return cached

    def state(self, on: date) -> DataState:
        """How many documents are in force, ended or drafts on a day; imports; the build date."""
        from desktop_app.core.data_state import data_state

        return data_state(self.documents, on, (self.meta.get("built_at") or "")[:10] or None)

    def departments(self) -> list[str]:
        """Every responsible unit, most frequent first (for the department filter)."""
        counts = Counter(dep.name for item in self.items for dep in item.departments)
        return sorted(counts, key=lambda name: (-counts[name], name))

    def categories(self) -> list[str]:
        """The categories present in the data, most items first, 其他 last."""
        counts = Counter(item.category for item in self.items)
        return sorted(counts, key=lambda c: (c == "其他", -counts[c], c))

    # -- benefits and rules ------------------------------------------------------------------
    def amount_label(self, item_id: str) -> str | None:
        """A short amount for a results list (e.g. 最高50万元), or None when not curated."""
        return self._headlines.get(item_id)

    def amount_item_ids(self) -> frozenset[str]:
        """Items with a curated amount: the search's has_amount filter and facet."""
        return self._amount_ids

    @property
    def registry(self) -> FactsRegistry:
        if self._registry is None:
            from desktop_app.core.eligibility.facts import load_registry

            self._registry = load_registry()
        return self._registry

    def rules(self) -> dict[str, MeasureRules]:
        """Every measure's reviewed conditions and benefits, parsed once."""
        with self._lock:
            if self._rules is None:
                self._rules = self.store.rules()
            return self._rules

    def local_guidance(self, measure_id: str) -> dict[str, Any] | None:
        """The office's 本地补充（非原文） for a measure (kept in the user library), or None."""
        return self.store.local_guidance(measure_id)

    def overview(self, item_id: str) -> MeasureOverview | None:
        """What the measure offers, independent of any enterprise (the detail pane)."""
        return self._measure_overviews().get(item_id)

    def _measure_overviews(self) -> dict[str, MeasureOverview]:
        if self._overviews is None:
            from desktop_app.core.eligibility.overview import measure_overviews

            overviews = measure_overviews(self.rules(), self.registry)
            with self._lock:
                self._overviews = overviews
        return self._overviews

    def warm_up(self) -> None:
        """Build what the first measure looked at reads (the facts registry, the rules, every
        measure's overview); the window runs this on its worker once the first results show,
        so that neither start-up nor the first click waits for it; the search engine's
        vocabulary too, for the first word typed."""
        with self._lock:
            engine = self._engine
        if engine is not None:
            engine.warm_up()
        self._measure_overviews()

    def benefits(self, item_id: str) -> list[dict[str, Any]]:
        """The measure's curated benefits for a detail view (overview.detail_benefits)."""
        from desktop_app.core.eligibility.overview import detail_benefits

        overview = self.overview(item_id)
        return detail_benefits(overview) if overview is not None else []

    def match(self, profile: Profile, as_of: date | None = None) -> MatchResult:
        from desktop_app.core.eligibility.engine import match

        return match(self, profile, as_of, self.registry)

    # -- search ------------------------------------------------------------------------------
    def search_engine(self) -> SearchEngine:
        """The search engine over every item (built on first use: ~0.1 s for the bundle)."""
        with self._lock:
            if self._engine is None:
                from desktop_app.core.search import SearchEngine

                self._engine = SearchEngine(self.store, amount_item_ids=self._amount_ids)
            return self._engine
