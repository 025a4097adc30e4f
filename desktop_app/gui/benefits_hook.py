"""The one place where curated benefits reach the window.

The reviewed benefits, conditions and amount summaries (desktop_app.core.eligibility.overview)
reach the window here and nowhere else. Before load() has run every lookup returns nothing
and the views show their empty states.

load(store) runs on the start-up worker, before the search engine is created, so anything
slow (parsing the rules) stays off the GUI thread; the lookups below are then plain dict reads
called while painting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.core.eligibility.overview import MeasureOverview
    from desktop_app.core.store import PolicyStore


_overviews: dict[str, MeasureOverview] = {}
_amount_ids: frozenset[str] = frozenset()


def load(store: PolicyStore) -> None:
    """Read whatever the lookups need from the open store (on the start-up worker)."""
    global _overviews, _amount_ids
    from desktop_app.core.eligibility.overview import measure_overviews

    overviews = measure_overviews(store)
    # swap whole objects so a paint on the GUI thread never sees a half-filled dict
    _amount_ids = frozenset(k for k, v in overviews.items() if v.amount_text)
    _overviews = overviews


def amount_label(item_id: str) -> str | None:
    """A short amount for the results list (e.g. 最高50万元), or None when not known."""
    overview = _overviews.get(item_id)
    return overview.amount_text if overview else None


def amount_item_ids() -> frozenset[str]:
    """Items with a curated amount: the search engine's has_amount filter and facet."""
    return _amount_ids


def benefits_for(item_id: str) -> list[dict[str, Any]]:
    """Curated benefits for the detail pane's 待遇与条件 section.

    Each dict may carry (either name of a pair): title|label, amount|amount_text, kind_label,
    summary, conditions (list of str or of {text, quote}), reference|quote, notes (list of
    str) — BenefitOverview.to_dict() fits as it is. Unknown keys are ignored; an empty list
    shows the "not curated yet" note.
    """
    overview = _overviews.get(item_id)
    if overview is None:
        return []
    shared = [{"text": t, "quote": q} for t, q in overview.conditions]
    out = []
    for n, benefit in enumerate(overview.benefits):
        data = benefit.to_dict()
        # the measure's own conditions apply to each of its benefits
        data["conditions"] = shared + data["conditions"]
        data["notes"] = list(overview.notes) + data["notes"] if n == 0 else data["notes"]
        if n == 0:
            data["summary"] = overview.summary
        out.append(data)
    return out
