"""Export every saved enterprise (with its evaluation history) to one JSON file, and import
such a file back.

The file is written to a temporary name and renamed into place, so an interrupted export never
leaves a truncated file under the chosen name. An import reads and checks the whole file
first, then writes everything in one transaction: a broken file changes nothing, and an entry
that does not validate is skipped and reported in Chinese rather than half-written.

Identity is the enterprise id: importing a file exported from this database (or a colleague's
copy of it) updates an enterprise only when the file's version is newer, and adds evaluations
whose ids are not yet present. A different enterprise that merely has the same name is
imported as its own record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app import APP_NAME, __version__
from desktop_app.core.schema import InputError, load_json
from desktop_app.core.schema.exchange import (
    FORMAT,
    FORMAT_VERSION,
    ExchangeEntry,
    validate_entry,
    validate_envelope,
)
from desktop_app.core.user_files import UserFileError, read_user_file, write_user_file
from desktop_app.core.userdata.profiles import (
    ProfileRepository,
    RecordNotFoundError,
    new_id,
    now_iso,
)
from desktop_app.core.userdata.user_db import transaction

MAX_FILE_BYTES = 512 * 1024 * 1024  # far above any real client list; stops a wrong file early


class ExchangeError(Exception):
    """The file cannot be exported or imported; the message is Chinese and meant for the user."""


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # same id, and the file's copy is not newer
    evaluations_added: int = 0
    problems: list[str] = field(default_factory=list)  # skipped entries, in Chinese
    notes: list[str] = field(default_factory=list)  # things done that the user should know

    @property
    def summary(self) -> str:
        parts = [f"新增 {self.added} 家", f"更新 {self.updated} 家"]
        if self.unchanged:
            parts.append(f"{self.unchanged} 家已是最新未改动")
        if self.evaluations_added:
            parts.append(f"导入评估记录 {self.evaluations_added} 条")
        if self.problems:
            parts.append(f"跳过 {len(self.problems)} 条有误的记录")
        return "，".join(parts) + "。"

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "evaluations_added": self.evaluations_added,
            "problems": list(self.problems),
            "notes": list(self.notes),
            "summary": self.summary,
        }


# -- export ------------------------------------------------------------------------------------


def export_data(repo: ProfileRepository, skipped: list[str] | None = None) -> dict[str, Any]:
    """Every readable enterprise; an evaluation that cannot be read is left out and named in
    `skipped` (the rest of a damaged database still gets out)."""
    enterprises = []
    for record in reversed(repo.search()):  # oldest update first: stable, diff-friendly files
        evaluations = []
        for summary in reversed(repo.evaluations(record.id)):
            try:
                full = repo.get_evaluation(summary.id)
            except RecordNotFoundError:
                if skipped is not None:
                    skipped.append(f"“{record.name}”的一条评估记录已损坏，未导出")
                continue
            evaluations.append({"id": full.id, "created": full.created, "result": full.result})
        enterprises.append(
            {
                "id": record.id,
                "name": record.name,
                "notes": record.notes,
                "created": record.created,
                "updated": record.updated,
                "profile": record.profile,
                "evaluations": evaluations,
            }
        )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported": now_iso(),
        "app": f"{APP_NAME} {__version__}",
        "enterprises": enterprises,
    }


def export_file(repo: ProfileRepository, path: Path, skipped: list[str] | None = None) -> int:
    """Write every enterprise to path; returns how many. Atomic: all or the old file stays."""
    data = export_data(repo, skipped)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    try:
        write_user_file(path, text.encode("utf-8"))
    except UserFileError as exc:
        raise ExchangeError(str(exc)) from exc
    return len(data["enterprises"])


# -- import ------------------------------------------------------------------------------------


def read_file(path: Path) -> dict[str, Any]:
    try:
        raw = read_user_file(path, "文件", MAX_FILE_BYTES, "企业信息导出文件")
    except UserFileError as exc:
        raise ExchangeError(str(exc)) from exc
    try:
        data = load_json(raw, "文件")
    except InputError as exc:
        raise ExchangeError(
            f"文件内容不是有效的企业信息导出文件：{exc}。没有导入任何内容。"
        ) from exc
    try:
        validate_envelope(data)
    except InputError as exc:
        raise ExchangeError(str(exc)) from exc
    assert isinstance(data, dict)
    return data


def import_data(repo: ProfileRepository, data: dict[str, Any]) -> ImportReport:
    report = ImportReport()
    seen: dict[str, int] = {}
    entries = [
        entry
        for index, raw in enumerate(validate_envelope(data), start=1)
        if (entry := validate_entry(index, raw, seen, report.problems, report.notes)) is not None
    ]
    existing_names = {r.name for r in repo.search()}
    repo._writable()  # a damaged database is repaired before anything is written into it
    with transaction(repo.conn):
        for entry in entries:
            _import_entry(repo, entry, existing_names, report)
    return report


def _import_entry(
    repo: ProfileRepository, entry: ExchangeEntry, existing_names: set[str], report: ImportReport
) -> None:
    conn = repo.conn
    current = (
        conn.execute("SELECT updated FROM enterprises WHERE id = ?", (entry.id,)).fetchone()
        if entry.id
        else None
    )
    if current is None:
        if entry.name in existing_names:
            report.notes.append(f"“{entry.name}”与已有企业同名，已作为另一家企业导入")
        enterprise_id = repo._write(
            entry.name,
            entry.profile,
            entry.id or new_id(),
            entry.notes,
            created=entry.created,
            updated=entry.updated,
        )
        existing_names.add(entry.name)
        report.added += 1
    else:
        assert entry.id is not None
        enterprise_id = entry.id
        if entry.updated_trusted and entry.updated > current["updated"]:
            repo._write(entry.name, entry.profile, entry.id, entry.notes, updated=entry.updated)
            report.updated += 1
        else:
            report.unchanged += 1
    for ev_id, created, result in entry.evaluations:
        if ev_id is not None:
            owner = conn.execute(
                "SELECT enterprise_id FROM evaluations WHERE id = ?", (ev_id,)
            ).fetchone()
            if owner is not None:
                if owner["enterprise_id"] == enterprise_id:
                    continue  # already here: evaluations never change once recorded
                ev_id = None  # an id clash with another enterprise's record: keep both
        repo._add_evaluation(enterprise_id, result, eval_id=ev_id, created=created)
        report.evaluations_added += 1


def import_file(repo: ProfileRepository, path: Path) -> ImportReport:
    return import_data(repo, read_file(path))
