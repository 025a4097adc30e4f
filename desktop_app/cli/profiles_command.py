"""profiles list / export / import / changes: the saved enterprises from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.cli.output import CliError, print_json, print_notice, print_text
from desktop_app.core.userdata.exchange import ExchangeError, export_file, import_file
from desktop_app.core.userdata.profiles import ProfileRepository, display_time
from desktop_app.core.userdata.user_db import UserDbError, open_user_db


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("profiles", help="已保存的企业：列出、导出、导入")
    sub = p.add_subparsers(dest="profiles_command", metavar="操作", required=True)

    q = sub.add_parser("list", help="列出已保存的企业")
    q.add_argument("--search", default="", metavar="文字", help="只列出名称或备注包含该文字的企业")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q.set_defaults(handler=_list)

    q = sub.add_parser("export", help="把全部企业及其评估记录导出到一个文件")
    q.add_argument("file", type=Path, metavar="FILE", help="导出文件（.json）")
    q.set_defaults(handler=_export)

    q = sub.add_parser(
        "changes",
        help="变化提醒：按现在的政策数据重新评估已保存企业，与上次保存的评估比较",
    )
    q.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        help="与该日期当天或之前保存的最后一次评估比较（默认：最后一次评估）",
    )
    q.add_argument("--as-of", metavar="YYYY-MM-DD", help="重新评估的日期（默认今天）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q.set_defaults(handler=_changes)

    q = sub.add_parser("import", help="从导出文件导入企业（同一企业只在文件中较新时更新）")
    q.add_argument("file", type=Path, metavar="FILE", help="导出文件（.json）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出导入结果")
    q.set_defaults(handler=_import)


@contextmanager
def _repository() -> Iterator[ProfileRepository]:
    try:
        opened = open_user_db()
    except UserDbError as exc:
        raise CliError(str(exc)) from exc
    if opened.message:
        print_notice(opened.message)
    try:
        yield ProfileRepository(opened.conn)
    finally:
        opened.conn.close()


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
    with _repository() as repo:
        try:
            count = export_file(repo, args.file)
        except ExchangeError as exc:
            raise CliError(str(exc)) from exc
    print_text(f"已导出 {count} 家企业到：{args.file}")
    return 0


def _import(args: argparse.Namespace) -> int:
    with _repository() as repo:
        try:
            report = import_file(repo, args.file)
        except ExchangeError as exc:
            raise CliError(str(exc)) from exc
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
