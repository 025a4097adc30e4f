"""The enterprises a start page lists: the most recently changed, each with its last evaluation."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.userdata.profiles import ProfileRepository, display_time

RECENT_LIMIT = 10


@dataclass(frozen=True)
class RecentEnterprise:
    id: str
    name: str
    updated: str  # as people read it (2026-11-30 14:05)
    evaluation_id: str | None  # the last evaluation, reopened with one click
    evaluated_as_of: str | None
    summary: str  # 符合 5 项 · 合计 4500元, or 尚未评估


def recent_enterprises(
    repo: ProfileRepository, limit: int = RECENT_LIMIT
) -> list[RecentEnterprise]:
    out: list[RecentEnterprise] = []
    for record in repo.search("")[: max(0, limit)]:
        evaluations = repo.evaluations(record.id)
        last = evaluations[0] if evaluations else None
        if last is None:
            summary = "尚未评估"
        else:
            summary = (
                f"符合 {last.counts.get('eligible', 0)} 项 · "
                f"可能符合 {last.counts.get('possible', 0)} 项 · 合计 {last.total_text}"
            )
        out.append(
            RecentEnterprise(
                id=record.id,
                name=record.name or "（未命名企业）",
                updated=display_time(record.updated),
                evaluation_id=last.id if last else None,
                evaluated_as_of=last.as_of if last else None,
                summary=summary,
            )
        )
    return out
