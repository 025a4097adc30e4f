"""The schema of an enterprise export file (format policy-desk-enterprises) and of a stored
evaluation result: what `profiles import` and the GUI's 导入 accept, entry by entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop_app.core.schema import values as v
from desktop_app.core.schema.errors import InputError, ProfileError

FORMAT = "policy-desk-enterprises"
FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"[0-9A-Za-z-]{1,64}")
MAX_EVALUATIONS = 10_000  # per enterprise; years of weekly evaluations fit many times over
MAX_NOTES = 5000


def validate_envelope(data: Any) -> list[Any]:
    """The file's outer object; returns the raw list of enterprise entries."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(["这不是惠企政策通导出的企业信息文件，没有导入任何内容。"])
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(["文件缺少有效的格式版本号（format_version），没有导入任何内容。"])
    if version > FORMAT_VERSION:
        raise InputError(
            [
                f"文件由更新版本的程序导出（格式第{version}版），请升级程序后再导入。没有导入任何内容。"
            ]
        )
    enterprises = data.get("enterprises")
    if not isinstance(enterprises, list):
        raise InputError(["文件中没有企业列表（enterprises），没有导入任何内容。"])
    return enterprises


def validate_evaluation(result: Any) -> dict[str, Any]:
    """The columns stored for a saved evaluation (MatchResult.to_dict()): as_of, data_version,
    the four counts and the total's text. Raises InputError naming what is wrong."""
    if not isinstance(result, dict):
        raise InputError(["评估结果应为一个对象"])
    problems: list[str] = []
    if not v.plain_json(result, "评估结果", problems):
        raise InputError(problems)
    counts = result.get("counts")
    totals = result.get("totals")
    if not isinstance(counts, dict):
        counts = {}
        problems.append("评估结果缺少各类措施的项数（counts）")
    numbers = {
        key: v.count(counts.get(key, 0), f"{label}项数（counts.{key}）", problems)
        for key, label in (
            ("eligible", "符合"),
            ("possible", "可能符合"),
            ("ineligible", "不符合"),
            ("not_in_force", "文件不在有效期内"),  # 0 in evaluations saved before #12
        )
    }
    total = totals.get("eligible") if isinstance(totals, dict) else None
    total_text = total.get("text") if isinstance(total, dict) else None
    if not isinstance(total_text, str) or v.has_surrogates(total_text):
        problems.append("评估结果缺少合计金额（totals.eligible.text）")
    as_of = v.day(result.get("as_of"), "评估日期（as_of）", problems)
    if as_of is None and not problems:
        problems.append("评估结果缺少评估日期（as_of）")
    data_version = result.get("data_version")
    if data_version is not None and (
        not isinstance(data_version, str) or v.has_surrogates(data_version)
    ):
        problems.append("评估结果的数据版本（data_version）应为文字")
    if problems or as_of is None:
        raise InputError(problems)
    _readable_result(result)
    return {
        "as_of": as_of.isoformat(),
        "data_version": data_version or "",
        **numbers,
        "total_text": total_text,
    }


def _readable_result(result: dict[str, Any]) -> None:
    """What is stored must be what the result page can reopen: MatchResult.from_dict."""
    from desktop_app.core.eligibility.results import MatchResult

    try:
        MatchResult.from_dict(result)
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as exc:
        # ResultFormatError is a ValueError; the rest are what a hand-edited file can provoke
        message = str(exc) if isinstance(exc, ValueError) else "内容不完整"
        raise InputError([f"评估结果无法打开（{v.shown_long(message)[:80]}）"]) from exc


@dataclass
class ExchangeEntry:
    """One enterprise of an export file, validated: what the import writes."""

    index: int
    id: str | None
    name: str
    profile: dict[str, Any]
    notes: str
    created: str | None
    updated: str
    updated_trusted: bool  # False: the stamp lies in the future and may not overwrite
    evaluations: list[tuple[str | None, str | None, dict[str, Any]]] = field(default_factory=list)


def label(index: int, raw: Any) -> str:
    name = raw.get("name") if isinstance(raw, dict) else None
    profile = raw.get("profile") if isinstance(raw, dict) else None
    if not isinstance(name, str) and isinstance(profile, dict):
        name = profile.get("name")
    shown = f"“{v.shown(name)}”" if isinstance(name, str) and name.strip() else ""
    return f"第{index}条企业记录{shown}"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def validate_entry(
    index: int,
    raw: Any,
    seen_ids: dict[str, int],
    problems: list[str],
    notes: list[str],
    now: datetime | None = None,
) -> ExchangeEntry | None:
    """One entry, or None after adding why it is skipped to `problems`. `seen_ids` (id →
    entry number) catches the same enterprise twice in one file: the first copy is kept."""
    from desktop_app.core.userdata.profiles import normalise_profile

    now = now or datetime.now(UTC)
    where = label(index, raw)
    if not isinstance(raw, dict):
        problems.append(f"{where}：格式不对，已跳过")
        return None
    try:
        name, profile = normalise_profile(raw.get("profile"))
    except ProfileError as exc:
        problems.append(f"{where}：{'；'.join(exc.problems)}，已跳过")
        return None
    raw_id = raw.get("id")
    entry_id = raw_id if isinstance(raw_id, str) and ID_PATTERN.fullmatch(raw_id) else None
    if entry_id is not None:
        if entry_id in seen_ids:
            problems.append(
                f"{where}：编号与第{seen_ids[entry_id]}条企业记录相同（同一企业出现两次），已跳过"
            )
            return None
        seen_ids[entry_id] = index
    updated = v.stamp(raw.get("updated"))
    trusted = updated is not None and not v.in_future(updated, now)
    if updated is not None and not trusted:
        notes.append(
            f"{where}的更新时间{updated.date().isoformat()}晚于今天，不可信："
            "不会用它覆盖已保存的企业，新导入时按今天记录"
        )
    created = v.stamp(raw.get("created"))
    if created is not None and v.in_future(created, now):
        created = None
    raw_notes = raw.get("notes")
    entry = ExchangeEntry(
        index=index,
        id=entry_id,
        name=name,
        profile=profile,
        notes=_notes(raw_notes),
        created=_iso(created) if created else None,
        updated=_iso(updated if trusted and updated else now),
        updated_trusted=trusted,
    )
    entry.evaluations = _evaluations(where, raw.get("evaluations"), problems, now)
    return entry


def _notes(raw: Any) -> str:
    if not isinstance(raw, str) or v.has_surrogates(raw):
        return ""
    text = "".join(ch for ch in raw if ch.isprintable() or ch in "\n\t").strip()
    return text[:MAX_NOTES]


def _evaluations(
    where: str, raw: Any, problems: list[str], now: datetime
) -> list[tuple[str | None, str | None, dict[str, Any]]]:
    if v.blank(raw) or raw == []:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}的评估记录（evaluations）应为列表，已跳过全部评估记录")
        return []
    if len(raw) > MAX_EVALUATIONS:
        problems.append(f"{where}的评估记录超过{MAX_EVALUATIONS}条，已跳过全部评估记录")
        return []
    found: list[tuple[str | None, str | None, dict[str, Any]]] = []
    seen: set[str] = set()
    for n, ev in enumerate(raw, start=1):
        result = ev.get("result") if isinstance(ev, dict) else None
        try:
            validate_evaluation(result)
        except InputError as exc:
            problems.append(
                f"{where}的第{n}条评估记录不完整（{'；'.join(exc.problems)}），已跳过该评估记录"
            )
            continue
        assert isinstance(ev, dict) and isinstance(result, dict)
        ev_id = ev.get("id")
        ev_id = ev_id if isinstance(ev_id, str) and ID_PATTERN.fullmatch(ev_id) else None
        if ev_id is not None and ev_id in seen:
            problems.append(f"{where}的第{n}条评估记录与前面一条编号相同，已跳过")
            continue
        if ev_id is not None:
            seen.add(ev_id)
        created = v.stamp(ev.get("created"))
        if created is not None and v.in_future(created, now):
            created = None
        found.append((ev_id, _iso(created) if created else None, result))
    return found
