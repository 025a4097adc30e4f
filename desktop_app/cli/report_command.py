"""`report`: evaluate an enterprise profile and print the 惠企政策适用清单 PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.cli.db_commands import open_data
from desktop_app.cli.eligibility_commands import parse_as_of, read_profile
from desktop_app.cli.output import CliError, print_text
from desktop_app.core.eligibility.results import ELIGIBLE, POSSIBLE
from desktop_app.core.pdf.builder import PdfWriteError
from desktop_app.core.pdf.summary import build_summary_pdf
from desktop_app.core.size_class import SizeInputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="按企业信息生成惠企政策适用清单 PDF",
        description="按企业信息评估适用的措施，生成可打印的惠企政策适用清单 PDF"
        "（措施、待遇、估算金额、联系部门、条件和原文出处）。",
    )
    parser.add_argument(
        "--profile", required=True, type=Path, metavar="FILE", help="企业信息 JSON 文件"
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="评估日期（默认：今天）")
    parser.add_argument(
        "--output", "-o", required=True, type=Path, metavar="FILE.pdf", help="输出的 PDF 文件"
    )
    parser.add_argument(
        "--brief", action="store_true", help="简版：只列措施清单、金额合计和需补充的信息"
    )
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    output: Path = args.output
    # Checked before any work so a typo costs nothing.
    if output.suffix.lower() != ".pdf":
        raise CliError(f"输出文件应以 .pdf 结尾：{output}")
    if not output.parent.is_dir():
        raise CliError(f"输出文件夹不存在：{output.parent}")
    as_of = parse_as_of(args.as_of)
    profile = read_profile(args.profile, as_of)
    policy = open_data()
    try:
        result = policy.match(profile, as_of)
        pages = build_summary_pdf(result, output, brief=args.brief)
    except SizeInputError as exc:
        raise CliError(str(exc)) from exc
    except PdfWriteError as exc:
        raise CliError(str(exc)) from exc
    finally:
        policy.close()
    print_text(
        f"已生成惠企政策适用清单：{output}（共 {pages} 页；符合 {len(result.by_status(ELIGIBLE))} "
        f"项，可能符合 {len(result.by_status(POSSIBLE))} 项）"
    )
    return 0
