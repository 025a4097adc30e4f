"""package export / import / undo: policy packages (.policypack) between offices."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.cli.arg_parser import add_command, add_group
from desktop_app.cli.import_command import library_session
from desktop_app.cli.output import CliError, print_json, print_text
from desktop_app.core.packages.apply import undo_last_import
from desktop_app.core.packages.container import SUFFIX, PackageError
from desktop_app.core.packages.export import export_package
from desktop_app.core.packages.importer import apply_preview, preview_package


def register(subparsers: Any) -> None:
    sub = add_group(subparsers, "package", help="政策包：在单位之间交换自行导入的文件及其规则")

    q = add_command(
        sub,
        "export",
        _export,
        help="把选定的自行导入文件、已接受的规则和本地补充信息导出为政策包",
        json="以 JSON 输出清单",
    )
    q.add_argument("documents", nargs="+", metavar="DOC_ID", help="自行导入文件的编号，如 imp-0001")
    q.add_argument("--output", type=Path, required=True, metavar=f"FILE{SUFFIX}")
    q.add_argument("--no-guidance", action="store_true", help="不包含本地补充信息（受理窗口等）")
    q.add_argument("--office", metavar="名称", help="导出单位名称（写入政策包清单）")

    q = add_command(
        sub, "import", _import, help="导入政策包（先全部核对，再一次写入；可撤销）", json=True
    )
    q.add_argument("file", type=Path, metavar="FILE", help=f"政策包（{SUFFIX}）")
    q.add_argument("--dry-run", action="store_true", help="只显示将发生的变化，不写入")
    q.add_argument(
        "--replace-rules",
        action="store_true",
        help="本机已有同一文件但结构化结果不同时，以政策包中的为准（默认保留本机的）",
    )

    add_command(sub, "undo", _undo, help="撤销最近一次政策包导入", json=True)


def _export(args: argparse.Namespace) -> int:
    output = args.output
    if output.suffix.lower() != SUFFIX:
        output = output.with_name(output.name + SUFFIX)
    try:
        with library_session(PackageError) as library:
            manifest = export_package(
                library,
                args.documents,
                output,
                include_guidance=not args.no_guidance,
                office=args.office,
            )
    except OSError as exc:
        raise CliError(f"无法写入“{args.output}”：{exc.strerror or exc}") from exc
    if args.json:
        print_json({**manifest, "file": str(output)})
    else:
        c = manifest["counts"]
        print_text(
            f"已导出政策包：{output}（{c['documents']} 份文件、{c['items']} 条、"
            f"规则 {c['rules']} 条、本地补充信息 {c['guidance']} 条）"
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    with library_session(PackageError) as library:
        preview = preview_package(library, args.file, replace_rules=args.replace_rules)
        data = preview.to_dict() if args.dry_run else apply_preview(library, preview)
    data["dry_run"] = bool(args.dry_run)
    if args.json:
        print_json(data)
    else:
        print_text(_summary(data))
    return 0


def _summary(data: dict[str, Any]) -> str:
    office = data["manifest"].get("office") or "未注明单位"
    head = "将导入（未写入）" if data["dry_run"] else "已导入"
    lines = [f"{head}政策包 {data['file']}（{office}，{data['manifest']['created'][:10]} 导出）"]
    for doc in data["documents"]:
        where = f" → {doc['id']}" if doc.get("id") else ""
        lines.append(f"  [{doc['action_label']}] 《{doc['title']}》{where}")
        for m in doc["measures_changed"]:
            before = (m["before"] or {}).get("amount") or "—"
            after = (m["after"] or {}).get("amount") or "—"
            lines.append(f"      {m['locator']} {m['title']}：{before} → {after}")
    lines.append(data["summary"])
    if not data["dry_run"]:
        lines.append("如需撤销：policy-desk package undo")
    return "\n".join(lines)


def _undo(args: argparse.Namespace) -> int:
    with library_session(PackageError) as library:
        data = undo_last_import(library)
    if args.json:
        print_json(data)
    else:
        print_text(
            f"已撤销政策包 {data['source']} 的导入：移除 {len(data['removed'])} 份文件，"
            f"恢复 {len(data['restored'])} 份文件的原有版本。"
        )
    return 0
