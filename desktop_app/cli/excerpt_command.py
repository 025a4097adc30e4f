"""`excerpt`: print selected policy items as a 政策摘编 PDF."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.db_commands import open_data
from desktop_app.cli.output import CliError, cli_errors, print_text
from desktop_app.core.pdf.builder import PdfWriteError
from desktop_app.core.pdf.excerpt import ExcerptError, build_excerpt_pdf


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "excerpt",
        run_excerpt,
        help="把选定的政策条目生成政策摘编 PDF",
        description="把选定的政策条目（含原文、出处、责任单位和文件有效期）生成政策摘编 PDF。",
    )
    parser.add_argument("item_ids", nargs="+", metavar="ITEM_ID", help="条目编号，如 xm-30")
    parser.add_argument(
        "--output", "-o", required=True, type=Path, metavar="FILE.pdf", help="输出的 PDF 文件"
    )
    parser.add_argument("--title", default="政策摘编", help="文档标题（默认：政策摘编）")
    parser.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="生成日期，也用于判断文件是否在有效期内（默认：今天）",
    )


def run_excerpt(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.suffix.lower() != ".pdf":
        raise CliError(f"输出文件应以 .pdf 结尾：{output}")
    if not output.parent.is_dir():
        raise CliError(f"输出文件夹不存在：{output.parent}")
    data = open_data()
    try:
        with cli_errors(ExcerptError, PdfWriteError):
            pages = build_excerpt_pdf(
                data.store, args.item_ids, output, title=args.title, as_of=args.date
            )
    finally:
        data.close()
    print_text(f"已生成政策摘编：{output}（共 {pages} 页）")
    return 0


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{value}") from None
