"""The one place where curated benefits reach the window.

The reviewed benefits, conditions and amount summaries (desktop_app.core.eligibility.overview:
measure_overviews(store), amount_item_ids(store)) are wired in here and nowhere else. Until
then every lookup returns nothing and the views show their empty states; no other GUI module
needs to change when the data arrives.

load(store) runs on the start-up worker, before the search engine is created, so anything
slow (parsing the rules) stays off the GUI thread; the lookups below are then plain dict reads
called while painting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.core.store import PolicyStore


def load(store: PolicyStore) -> None:
    """Read whatever the lookups need from the open store (on the start-up worker)."""


def amount_label(item_id: str) -> str | None:
    """A short amount for the results list (e.g. 最高50万元), or None when not known."""
    return None


def amount_item_ids() -> frozenset[str]:
    """Items with a curated amount: the search engine's has_amount filter and facet."""
    return frozenset()


def benefits_for(item_id: str) -> list[dict[str, Any]]:
    """Curated benefits for the detail pane's 待遇与条件 section.

    Each dict may carry (either name of a pair): title|label, amount|amount_text, kind_label,
    summary, conditions (list of str or of {text, quote}), reference|quote, notes (list of
    str) — BenefitOverview.to_dict() fits as it is. Unknown keys are ignored; an empty list
    shows the "not curated yet" note.
    """
    return []
