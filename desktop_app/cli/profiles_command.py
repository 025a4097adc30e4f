"""profiles list / export / import / changes: the saved enterprises from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.cli.arg_parser import add_command, add_group
from desktop_app.cli.output import CliError, cli_errors, print_json, print_notice, print_text
from desktop_app.core.schema.arguments import shown_path
from desktop_app.core.userdata.exchange import ExchangeError, export_file, import_file
from desktop_app.core.userdata.profiles import ProfileRepository, display_time
from desktop_app.core.userdata.salvage import repair_user_db
from desktop_app.core.userdata.user_db import UserDbError, open_user_db


def register(subparsers: Any) -> None:
    sub = add_group(subparsers, "profiles", help="已保存的企业：列出、导出、导入")

    q = add_command(sub, "list", _list, help="列出已保存的企业", json=True)
    q.add_argument("--search", default="", metavar="文字", help="只列出名称或备注包含该文字的企业")

    q = add_command(sub, "export", _export, help="把全部企业及其评估记录导出到一个文件")
    q.add_argument("file", type=Path, metavar="FILE", help="导出文件（.json）")

    q = add_command(
        sub,
        "changes",
        _changes,
        help="变化提醒：按现在的政策数据重新评估已保存企业，与上次保存的评估比较",
        json=True,
    )
    q.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        help="与该日期当天或之前保存的最后一次评估比较（默认：最后一次评估）",
    )
    q.add_argument("--as-of", metavar="YYYY-MM-DD", help="重新评估的日期（默认今天）")

    add_command(
        sub,
        "repair",
        _repair,
        help="修复损坏的数据库：把可读的记录复制到新的数据库，原文件改名保留",
        json="以 JSON 输出修复结果",
    )

    q = add_command(
        sub,
        "import",
        _import,
        help="从导出文件导入企业（同一企业只在文件中较新时更新）",
        json="以 JSON 输出导入结果",
    )
    q.add_argument("file", type=Path, metavar="FILE", help="导出文件（.json）")


@contextmanager
def _repository() -> Iterator[ProfileRepository]:
    with cli_errors(UserDbError):
        opened = open_user_db()
    if opened.message:
        print_notice(opened.message)
    repo = ProfileRepository(opened.conn)
    try:
        yield repo
    except UserDbError as exc:  # busy, full, read-only or damaged: nothing was written
        raise CliError(str(exc)) from exc
    finally:
        opened.conn.close()
    if repo.damage is not None:
        print_notice(damage_notice(repo.damage.summary, repo.damage.problems))


def damage_notice(summary: str, problems: list[str]) -> str:
    lines = [f"注意：已保存企业的数据库有损坏。{summary}", *problems[:20]]
    if len(problems) > 20:
        lines.append(f"……另有 {len(problems) - 20} 条")
    lines.append(
        "运行 policy-desk profiles repair 可把可读的记录复制到新的数据库（原文件改名保留）；"
        "在此之前不会保存任何改动。"
    )
    return "\n".join(lines)


def _repair(args: argparse.Namespace) -> int:
    path = paths.user_db_path()
    if not path.exists():
        raise CliError(f"还没有已保存企业的数据库：{path}")
    with cli_errors(UserDbError):
        report = repair_user_db(path)
    if args.json:
        print_json(
            {
                "enterprises": len(report.salvage.enterprises),
                "evaluations": report.salvage.evaluation_count,
                "problems": report.salvage.problems,
                "moved_to": str(report.moved_to),
                "summary": report.message,
            }
        )
        return 0
    print_text(report.message)
    for line in report.salvage.problems:
        print_text(f"  {line}")
    return 0


def _list(args: argparse.Namespace) -> int:
    with _repository() as repo:
        records = repo.search(args.search)
        if args.json:
            print_json(
                [
                    {
                        "id": r.id,
                        "name": r.name,
                        "notes": r.notes,
                        "created": r.created,
                        "updated": r.updated,
                        "evaluations": r.evaluation_count,
                        "profile": r.profile,
                    }
                    for r in records
                ]
            )
            return 0
        if not records:
            print_text("没有已保存的企业。" if not args.search else "没有找到匹配的企业。")
            return 0
        for r in records:
            print_text(
                f"{r.id}\t{r.name}\t更新于 {display_time(r.updated)}\t评估 {r.evaluation_count} 次"
            )
    return 0


def _export(args: argparse.Namespace) -> int:
    skipped: list[str] = []
    with _repository() as repo, cli_errors(ExchangeError):
        count = export_file(repo, args.file, skipped)
    for line in skipped:
        print_notice(line)
    print_text(f"已导出 {count} 家企业到：{shown_path(args.file)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    with _repository() as repo, cli_errors(ExchangeError):
        report = import_file(repo, args.file)
    if args.json:
        print_json(report.to_dict())
        return 0
    print_text("导入完成：" + report.summary)
    for line in report.notes + report.problems:
        print_text(f"  {line}")
    return 0


def _changes(args: argparse.Namespace) -> int:
    from desktop_app.cli.db_commands import open_data
    from desktop_app.cli.eligibility_commands import parse_as_of
    from desktop_app.core.changes.reevaluate import changes_for_all

    as_of = parse_as_of(args.as_of)
    since = parse_as_of(args.since) if args.since else None
    data = open_data()
    try:
        with _repository() as repo:
            report = changes_for_all(repo, data, as_of, since=since)
    finally:
        data.close()
    if args.json:
        print_json(report.to_dict())
        return 0
    print_text(report.summary())
    for enterprise in report.enterprises:
        print_text(f"{enterprise.name}（与 {enterprise.baseline_as_of} 的评估比较）")
        for change in enterprise.changes:
            print_text(f"  [{change.kind_label}] {change.title}：{change.reason}")
    for entry in report.unreadable:
        print_text(f"无法重新评估：{entry['name']}：{entry['reason']}")
    if report.not_evaluated:
        print_text("尚未评估过的企业：" + "、".join(report.not_evaluated))
    return 0
