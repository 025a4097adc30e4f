"""build-db, documents, measures, show: the policy database from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.output import CliError, print_error, print_json, print_notice, print_text
from desktop_app.core.build_db import BuildError, build_database, ensure_policy_db
from desktop_app.core.model import IMPORTED_LABEL, UNSTATED, Document, Item
from desktop_app.core.services import PolicyData
from desktop_app.core.store import PolicyDatabaseError, PolicyReadError


def open_data() -> PolicyData:
    """The policy data (the same service the window uses): the database, built first if
    missing or out of date, with the user's library of imported documents."""
    try:
        data = PolicyData.open(ensure_policy_db(notice=print_notice))
    except PolicyReadError:
        raise  # damage found while reading: cli.main checks in full, rebuilds and retries
    except (PolicyDatabaseError, BuildError) as exc:
        raise CliError(f"{exc}。可运行 policy-desk build-db 重建数据库。") from exc
    if data.library_message:
        print_error(data.library_message)
    return data


def register(subparsers: Any) -> None:
    p = add_command(subparsers, "build-db", _build_db, help="从原文和整理数据重建政策数据库")
    p.add_argument("--out", type=Path, help="输出文件（默认：程序使用的数据库位置）")
    p = add_command(
        subparsers, "documents", _documents, help="列出政策文件（含自行导入的文件）", json=True
    )
    p.add_argument("--remove", metavar="ID", help="删除一份自行导入的文件，如 imp-0001")
    p = add_command(subparsers, "measures", _measures, help="列出某一文件的全部条目", json=True)
    p.add_argument("--document", required=True, metavar="ID", help="文件编号，如 xm")
    p = add_command(subparsers, "show", _show, help="显示一条措施的全文和出处", json=True)
    p.add_argument("measure_id", metavar="MEASURE_ID", help="条目编号，如 xm-30")


def _build_db(args: argparse.Namespace) -> int:
    out: Path = args.out or paths.policy_db_path()
    try:
        content = build_database(out)
    except BuildError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"无法写入 {out}：{exc.strerror or exc}") from exc
    print_text(
        f"已建立政策数据库：{out}（{len(content.documents)} 个文件，{len(content.items)} 个条目）"
    )
    return 0


def document_json(doc: Document) -> dict[str, Any]:
    return doc.to_dict()


def item_json(policy: PolicyData, item: Item) -> dict[str, Any]:
    data = item.to_dict()
    data["citation"] = policy.citation(item)
    return data


def _documents(args: argparse.Namespace) -> int:
    if args.remove is not None:
        from desktop_app.cli.import_command import remove_document

        return remove_document(args.remove, as_json=args.json)
    docs = open_data().documents
    if args.json:
        print_json([document_json(d) for d in docs])
        return 0
    for d in docs:
        origin = f"\t{IMPORTED_LABEL} {(d.imported or '')[:10]}" if d.is_imported else ""
        print_text(
            f"{d.id}\t{d.title}\t{d.doc_number or UNSTATED}\t{d.region_name}\t"
            f"{d.measure_count} 项措施{origin}"
        )
    return 0


def _require_document(policy: PolicyData, document_id: str) -> Document:
    doc = policy.document(document_id)
    if doc is None:
        known = "、".join(d.id for d in policy.documents)
        raise CliError(f"没有编号为“{document_id}”的文件。可用的编号：{known}")
    return doc


def _measures(args: argparse.Namespace) -> int:
    policy = open_data()
    doc = _require_document(policy, args.document)
    items = policy.document_items(doc.id)
    if args.json:
        print_json({"document": document_json(doc), "items": [item_json(policy, i) for i in items]})
        return 0
    for i in items:
        print_text(f"{i.id}\t{i.locator}\t{i.display_title}")
    return 0


def _show(args: argparse.Namespace) -> int:
    policy = open_data()
    item = policy.item(args.measure_id)
    if item is None:
        raise CliError(
            f"没有编号为“{args.measure_id}”的条目。可用 policy-desk measures --document ID 查看。"
        )
    if args.json:
        print_json(item_json(policy, item))
        return 0
    units = "、".join(d.name + ("（牵头）" if d.lead else "") for d in item.departments)
    print_text(policy.citation(item))
    print_text(" / ".join(item.path))
    print_text(item.text)
    print_text(f"责任单位：{units or UNSTATED}")
    return 0
