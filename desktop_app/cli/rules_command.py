"""`rules propose / accept / export`: structuring an imported document from the command line."""

from __future__ import annotations

import argparse
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from desktop_app.cli.arg_parser import add_command, add_group
from desktop_app.cli.import_command import library_session
from desktop_app.cli.output import CliError, print_json, print_text
from desktop_app.core.library.store import PolicyLibrary

_PROPOSAL_KEYS = (
    "id",
    "kind",
    "quote",
    "amount",
    "test",
    "payer",
    "handler",
    "confidence",
    "label",
    "benefit_kind",
    "applies_to",
    "notes",
    "new_facts",
    "start",
    "end",
)


def register(subparsers: Any) -> None:
    sub = add_group(subparsers, "rules", help="为自行导入的文件整理待遇与条件（结构化）")
    p = add_command(
        sub,
        "propose",
        _propose,
        help="由条文自动给出待遇与条件的建议（每项附原文引文）",
        json=True,
    )
    p.add_argument("document_id", metavar="DOC_ID", help="自行导入的文件编号，如 imp-0001")
    p = add_command(
        sub, "accept", _accept, help="接受建议，存为规则（未经人工审核的标为“未复核”）", json=True
    )
    p.add_argument("document_id", metavar="DOC_ID")
    p.add_argument(
        "--all-proposals",
        action="store_true",
        required=True,
        help="不经审核接受全部建议（措施标为“未复核”，可稍后在“结构化”中审核）",
    )
    p.add_argument("--by", metavar="NAME", help="结构化人（默认：当前系统用户名）")
    p = add_command(
        sub, "export", _export, help="把已接受的规则导出为 db/benefits 格式的 YAML 文件"
    )
    p.add_argument("document_id", metavar="DOC_ID")
    p.add_argument("--output", required=True, type=Path, metavar="FILE.yaml", help="输出文件")


def _structuring() -> AbstractContextManager[PolicyLibrary]:
    from desktop_app.core.structuring.library_rules import StructuringError

    return library_session(StructuringError)


def _propose(args: argparse.Namespace) -> int:
    from desktop_app.core.structuring.library_rules import propose_document

    with _structuring() as library:
        results = propose_document(library, args.document_id)
    data = {
        "document_id": args.document_id,
        "items": [
            {
                "item_id": r.item_id,
                "article": r.article,
                "proposals": [{k: p.to_dict()[k] for k in _PROPOSAL_KEYS} for p in r.proposals],
            }
            for r in results
        ],
    }
    if args.json:
        print_json(data)
        return 0
    for r in results:
        print_text(f"{r.item_id}（{r.article or '无条号'}）")
        for p in r.proposals:
            what = p.amount if p.kind == "benefit" else p.test
            print_text(
                f"  {'待遇' if p.kind == 'benefit' else '条件'} {p.id} {what}  ← “{p.quote}”"
            )
    return 0


def _accept(args: argparse.Namespace) -> int:
    from desktop_app.core.structuring.library_rules import accept_all_proposals

    with _structuring() as library:
        outcome = accept_all_proposals(library, args.document_id, args.by)
    if args.json:
        print_json({"document_id": args.document_id, **outcome.to_dict()})
    else:
        print_text(f"已接受 {len(outcome.saved)} 条措施的建议（标为“未复核”）。")
        for item_id, reasons in outcome.refused.items():
            print_text(f"未能保存 {item_id}：" + "；".join(reasons))
    return 0


def _export(args: argparse.Namespace) -> int:
    from desktop_app.core.structuring.library_rules import export_document

    with _structuring() as library:
        text = export_document(library, args.document_id)
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"无法写入 {args.output}：{exc.strerror or exc}") from exc
    print_text(f"已导出到 {args.output}")
    return 0
