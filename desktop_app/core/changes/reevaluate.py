"""Re-evaluate every saved enterprise on today's data and compare with its last saved
evaluation. Nothing saved is changed: the report is computed, shown and printed.

Used at start after the policy data changed (in the background), on demand (企业 → 变化提醒)
and by `policy-desk profiles changes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from desktop_app.core.changes.compare import MeasureChange, compare
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.userdata.profiles import ProfileRepository


class Matcher(Protocol):
    def match(self, profile: Profile, as_of: date | None = None) -> MatchResult: ...

    @property
    def data_version(self) -> str: ...


@dataclass(frozen=True)
class EnterpriseChanges:
    enterprise_id: str
    name: str
    baseline_evaluation: str  # the saved evaluation compared against
    baseline_as_of: str
    baseline_created: str
    baseline_data_version: str
    changes: list[MeasureChange]

    def to_dict(self) -> dict[str, Any]:
        return {
            "enterprise_id": self.enterprise_id,
            "name": self.name,
            "baseline": {
                "evaluation_id": self.baseline_evaluation,
                "as_of": self.baseline_as_of,
                "created": self.baseline_created,
                "data_version": self.baseline_data_version,
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
            "checked": self.checked,
            "summary": self.summary(),
            "enterprises": [e.to_dict() for e in self.enterprises],
            "not_evaluated": self.not_evaluated,
            "unreadable": self.unreadable,
            "cancelled": self.cancelled,
        }


def changes_for_all(
    repo: ProfileRepository,
    data: Matcher,
    as_of: date | None = None,
    *,
    since: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ChangeReport:
    """For each saved enterprise: its last evaluation saved on or before `since` (default:
    its last one) against a new evaluation on `as_of` (default today)."""
    on = as_of or date.today()
    report = ChangeReport(on, data.data_version)
    records = repo.search("")
    for n, record in enumerate(records, 1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(n, len(records))
        evaluations = [
            e for e in repo.evaluations(record.id) if since is None or e.created[:10] <= str(since)
        ]
        if not evaluations:
            report.not_evaluated.append(record.name)
            continue
        baseline = evaluations[0]
        try:
            stored = repo.get_evaluation(baseline.id).result or {}
            profile = record.to_profile()
            new = data.match(profile, on)
        except (ValueError, KeyError, TypeError) as exc:
            # a profile today's rules refuse (e.g. a region code retired since) or a damaged
            # stored result: said, and the others go on
            report.unreadable.append(
                {"name": record.name, "reason": str(exc) or type(exc).__name__}
            )
            continue
        report.checked += 1
        found = compare(stored, new)
        if found:
            report.enterprises.append(
                EnterpriseChanges(
                    record.id,
                    record.name,
                    baseline.id,
                    baseline.as_of,
                    baseline.created,
                    baseline.data_version,
                    found,
                )
            )
    return report
