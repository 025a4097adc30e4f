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


_headlines: dict[str, str | None] = {}
_amount_ids: frozenset[str] = frozenset()
_store: PolicyStore | None = None
_overviews: dict[str, MeasureOverview] | None = None


def load(store: PolicyStore) -> None:
    """Read whatever the lookups need from the open store (on the start-up worker).

    Only the stored headline amounts are read here (one query); the full overviews, which need
    the eligibility engine's modules (~90 ms), are built when the detail pane first asks."""
    global _headlines, _amount_ids, _store, _overviews
    headlines = store.headline_amounts()
    # swap whole objects so a paint on the GUI thread never sees a half-filled dict
    _amount_ids = frozenset(k for k, v in headlines.items() if v)
    _headlines = headlines
    _store, _overviews = store, None


def amount_label(item_id: str) -> str | None:
    """A short amount for the results list (e.g. 最高50万元), or None when not known."""
    return _headlines.get(item_id)


def amount_item_ids() -> frozenset[str]:
    """Items with a curated amount: the search engine's has_amount filter and facet."""
    return _amount_ids


def _overview(item_id: str) -> MeasureOverview | None:
    global _overviews
    if _overviews is None:
        if _store is None:
            return None
        from desktop_app.core.eligibility.overview import measure_overviews

        _overviews = measure_overviews(_store)
    return _overviews.get(item_id)


def benefits_for(item_id: str) -> list[dict[str, Any]]:
    """Curated benefits for the detail pane's 待遇与条件 section.

    Each dict may carry (either name of a pair): title|label, amount|amount_text, kind_label,
    summary, conditions (list of str or of {text, quote}), reference|quote, notes (list of
    str) — BenefitOverview.to_dict() fits as it is. Unknown keys are ignored; an empty list
    shows the "not curated yet" note.
    """
    overview = _overview(item_id)
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
