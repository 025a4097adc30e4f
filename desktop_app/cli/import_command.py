"""`import`: read a Word, PDF or text file into the user's policy library; `documents
--remove`: take an imported document out again."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.output import CliError, cli_errors, json_fields, print_json, print_text
from desktop_app.core.library.importer import ImportRefused, preview_import, store_import
from desktop_app.core.library.store import LibraryError, PolicyLibrary
from desktop_app.core.model import UNSTATED
from desktop_app.core.userdata.user_db import UserDbError


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "import",
        run_import,
        help="导入政策文件（.docx / .pdf / .txt）到本机政策库",
        description=(
            "读取 Word（.docx）、带文字层的 PDF 或文本文件，识别标题、文号、发文机关、日期、"
            "地区、有效期和各条措施，存入本机的政策库（自行导入）。"
        ),
        json=True,
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="要导入的文件")
    parser.add_argument(
        "--region", metavar="CODE", help="发文地区的行政区划代码，如 220524（不填则从发文机关识别）"
    )
    parser.add_argument("--dry-run", action="store_true", help="只显示识别结果，不存入政策库")


def _library() -> PolicyLibrary:
    try:
        library = PolicyLibrary.open()
    except UserDbError as exc:
        raise CliError(str(exc)) from exc
    if library.message:
        from desktop_app.cli.output import print_error

        print_error(library.message)
    return library


@contextmanager
def library_session(*errors: type[Exception]) -> Iterator[PolicyLibrary]:
    """The user's policy library for one command, closed after it; the library's refusals
    (errors) end the command as CliError."""
    library = _library()
    try:
        with cli_errors(*errors):
            yield library
    finally:
        library.close()


_STORED_FIELDS = ("id", "region_code", "version", "imported", "source_sha256")


def run_import(args: argparse.Namespace) -> int:
    with library_session(ImportRefused) as library:
        preview = preview_import(library, args.file, region_code=args.region)
        data = preview.to_dict()
        if not args.dry_run:
            stored = store_import(library, preview)
            data["document"].update(json_fields(stored.document, *_STORED_FIELDS))
            data["warnings"] = library_warnings(library, stored.document.id) or data["warnings"]
    if args.json:
        print_json(data)
        return 0
    print_text(_summary(data, dry_run=args.dry_run))
    return 0


def library_warnings(library: PolicyLibrary, document_id: str) -> list[str]:
    import json

    row = library.conn.execute(
        "SELECT warnings FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    return list(json.loads(row["warnings"])) if row else []


def _summary(data: dict[str, Any], *, dry_run: bool) -> str:
    doc = data["document"]
    version = doc.get("version") or 1
    stored = (
        f"已导入：{doc.get('id')}（自行导入" + (f"，第{version}版" if version > 1 else "") + "）"
    )
    lines = [
        ("识别结果（未存入）：" if dry_run else stored) + f"《{doc.get('title') or UNSTATED}》",
        f"文号：{doc.get('doc_number') or UNSTATED}　发文机关：{doc.get('issuer') or UNSTATED}",
        f"成文日期：{doc.get('issued') or UNSTATED}　地区：{doc.get('region_code') or UNSTATED}",
        f"有效期：{doc.get('valid_from') or UNSTATED} 至 {doc.get('valid_to') or UNSTATED}"
        + (f"（{doc['validity_basis']}）" if doc.get("validity_basis") else ""),
        f"条目：{len(data['items'])} 条",
    ]
    lines += [f"提示：{w}" for w in data["warnings"]]
    return "\n".join(lines)


def remove_document(document_id: str, *, as_json: bool) -> int:
    with library_session(LibraryError) as library:
        doc = library.remove(document_id)
    if as_json:
        print_json({"removed": doc.id, "title": doc.title})
    else:
        print_text(f"已删除自行导入的文件：{doc.id}《{doc.title}》")
    return 0
