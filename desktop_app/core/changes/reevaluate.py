"""Re-evaluate every saved enterprise on today's data and compare with its last saved
evaluation. Nothing saved is changed: the report is computed, shown and printed.

Used at start after the policy data changed (in the background), on demand (企业 → 变化提醒)
and by `policy-desk profiles changes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from desktop_app.core.batch.roster import RosterRow
from desktop_app.core.batch.screen import Screener, Verdict
from desktop_app.core.changes.compare import MeasureChange, compare_saved
from desktop_app.core.eligibility.amounts import AmountResult
from desktop_app.core.eligibility.engine import evaluate_measure, size_of
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import SizeInfo
from desktop_app.core.model import Document, Item
from desktop_app.core.services import PolicyData
from desktop_app.core.userdata.baselines import Baseline, backfill_measures, last_evaluations
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.saved_measures import SavedMeasure, saved_measures
from desktop_app.core.validity import Validity, validity_on


@dataclass(frozen=True)
class EnterpriseChanges:
    enterprise_id: str
    name: str
    baseline_evaluation: str  # the saved evaluation compared against
    baseline_as_of: str
    baseline_created: str
    baseline_data_version: str
    changes: list[MeasureChange]
    baseline_data_label: str = ""  # what the data contained then, as people read it

    def to_dict(self) -> dict[str, Any]:
        return {
            "enterprise_id": self.enterprise_id,
            "name": self.name,
            "baseline": {
                "evaluation_id": self.baseline_evaluation,
                "as_of": self.baseline_as_of,
                "created": self.baseline_created,
                "data_version": self.baseline_data_version,
                "data_version_label": self.baseline_data_label,
            },
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass
class ChangeReport:
    as_of: date
    data_version: str
    enterprises: list[EnterpriseChanges] = field(default_factory=list)  # with changes only
    checked: int = 0
    not_evaluated: list[str] = field(default_factory=list)  # names: no saved evaluation yet
    unreadable: list[dict[str, str]] = field(default_factory=list)  # {name, reason}
    cancelled: bool = False
    data_version_label: str = ""  # what today's data contains (core.data_label)

    @property
    def change_count(self) -> int:
        return sum(len(e.changes) for e in self.enterprises)

    def summary(self) -> str:
        if not self.enterprises:
            return f"已核对 {self.checked} 家企业，政策数据变化没有影响它们的评估结果。"
        return (
            f"{len(self.enterprises)} 家已保存企业的评估结果有变化（共 {self.change_count} 项），"
            f"已核对 {self.checked} 家。"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "data_version": self.data_version,
            "data_version_label": self.data_version_label,
            "checked": self.checked,
            "summary": self.summary(),
            "enterprises": [e.to_dict() for e in self.enterprises],
            "not_evaluated": self.not_evaluated,
            "unreadable": self.unreadable,
            "cancelled": self.cancelled,
        }


class _QuickResult:
    """One measure's verdict from the batch screener, read by compare like a MeasureResult:
    status, amount, summary and citation as the engine gave them; the document and its
    validity per document and date; the failed conditions from the engine's full evaluation
    of this one measure for this enterprise, run only when compare asks (a measure lost)."""

    __slots__ = ("_failed", "amount", "citation", "document", "item", "status", "title", "validity")

    def __init__(
        self, verdict: Verdict, quick: _QuickEvaluator, failed: Callable[[], list[str]]
    ) -> None:
        self.item: Item = verdict.item
        self.status: str = verdict.status
        self.amount: AmountResult = verdict.amount
        self.citation: str = verdict.citation
        self.title: str = verdict.summary or verdict.item.display_title  # MeasureResult.title
        self.document: Document = quick.document(verdict.item.document_id)
        self.validity: Validity = quick.validity(verdict.item.document_id)
        self._failed = failed

    @property
    def failed(self) -> list[str]:
        return self._failed()


class _QuickEvaluator:
    """New results by the batch screener (core.batch.screen: the engine's evaluate_measure,
    reused across enterprises that read the same values), compared like match()'s."""

    def __init__(self, data: PolicyData, on: date) -> None:
        self.data = data
        self.on = on
        self.screener = Screener(data, on, data.registry)
        self._validity: dict[str, Validity] = {}

    def document(self, document_id: str) -> Document:
        doc = self.data.document(document_id)
        assert doc is not None  # the screener evaluated a measure of it
        return doc

    def validity(self, document_id: str) -> Validity:
        found = self._validity.get(document_id)
        if found is None:
            found = self._validity[document_id] = validity_on(self.document(document_id), self.on)
        return found

    def changes(self, old: dict[str, SavedMeasure], profile: Profile) -> list[MeasureChange]:
        outcome = self.screener.outcome(RosterRow(0, profile))
        sizes: list[SizeInfo] = []

        def failed(item: Item) -> list[str]:
            # exactly match()'s call for this measure, with the enterprise's own profile
            if not sizes:
                sizes.append(size_of(profile))
            rules = self.screener.rules[item.id]
            result = evaluate_measure(
                self.data, item, rules, profile, sizes[0], self.on, self.data.registry
            )
            return result.failed

        results = [_QuickResult(v, self, partial(failed, v.item)) for v in outcome.results]
        return compare_saved(old, results, self.on)


def _full_changes(
    data: PolicyData, on: date
) -> Callable[[dict[str, SavedMeasure], Profile], list[MeasureChange]]:
    def changes(old: dict[str, SavedMeasure], profile: Profile) -> list[MeasureChange]:
        return compare_saved(old, data.match(profile, on).results, on)

    return changes


def changes_for_all(
    repo: ProfileRepository,
    data: PolicyData,
    as_of: date | None = None,
    *,
    since: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    quick: bool = True,
) -> ChangeReport:
    """For each saved enterprise: its last evaluation saved on or before `since` (default:
    its last one) against a new evaluation on `as_of` (default today).

    quick (the default) evaluates with the batch screener and explains only the measures that
    changed; quick=False runs match() for every enterprise (the same report, slower: the tests
    hold the two equal)."""
    on = as_of or date.today()
    report = ChangeReport(on, data.data_version, data_version_label=data.data_version_label)
    records = repo.search("")
    baselines = last_evaluations(repo, since)
    changes_of = _QuickEvaluator(data, on).changes if quick else _full_changes(data, on)
    backfill: dict[str, dict[str, SavedMeasure]] = {}
    for n, record in enumerate(records, 1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(n, len(records))
        baseline = baselines.get(record.id)
        if baseline is None:
            report.not_evaluated.append(record.name)
            continue
        try:
            old = _old_side(repo, baseline, backfill)
            found = changes_of(old, record.to_profile())
        except (ValueError, KeyError, TypeError) as exc:
            # a profile today's rules refuse (e.g. a region code retired since) or a damaged
            # stored result: said, and the others go on
            report.unreadable.append(
                {"name": record.name, "reason": str(exc) or type(exc).__name__}
            )
            continue
        report.checked += 1
        if found:
            e = baseline.evaluation
            report.enterprises.append(
                EnterpriseChanges(
                    record.id,
                    record.name,
                    e.id,
                    e.as_of,
                    e.created,
                    e.data_version,
                    found,
                    e.data_version_text,
                )
            )
    backfill_measures(repo, backfill)
    return report


def _old_side(
    repo: ProfileRepository, baseline: Baseline, backfill: dict[str, dict[str, SavedMeasure]]
) -> dict[str, SavedMeasure]:
    """The saved evaluation's measures: its stored summary, else read from the whole result
    (and kept for the back-fill)."""
    if baseline.measures is not None:
        return baseline.measures
    evaluation = baseline.evaluation
    stored = evaluation.result or repo.get_evaluation(evaluation.id).result or {}
    backfill[evaluation.id] = old = saved_measures(stored)
    return old
