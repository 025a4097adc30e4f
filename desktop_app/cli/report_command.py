"""`report`: evaluate an enterprise profile and write its 惠企政策告知单 or full report, as PDF
or Word."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.db_commands import open_data
from desktop_app.cli.eligibility_commands import parse_as_of, read_profile
from desktop_app.cli.office_options import add_office_options, notice_settings
from desktop_app.cli.output import CliError, cli_errors, print_text
from desktop_app.core.eligibility.results import ELIGIBLE, POSSIBLE
from desktop_app.core.notice.docx_writer import DocxWriteError
from desktop_app.core.notice.report import ReportFormatError, report_format, write_report
from desktop_app.core.pdf.builder import PdfWriteError
from desktop_app.core.size_class import SizeInputError
from desktop_app.core.store import data_date


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "report",
        run_report,
        help="按企业信息生成惠企政策告知单（PDF 或 Word）",
        description="按企业信息评估适用的措施，生成可打印的惠企政策告知单（简版，一页）"
        "或详版（告知单之后逐项列出条件、金额计算和原文出处），格式为 PDF 或可编辑的 Word。"
        "服务单位、经办人、联系电话和默认版本取自程序设置（settings.ini），可用参数覆盖。",
    )
    parser.add_argument(
        "--profile", required=True, type=Path, metavar="FILE", help="企业信息 JSON 文件"
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="评估日期（默认：今天）")
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        type=Path,
        metavar="FILE.pdf|FILE.docx",
        help="输出文件：.pdf（存档用的准确版本）或 .docx（可编辑的 Word 文件）",
    )
    version = parser.add_mutually_exclusive_group()
    version.add_argument("--brief", action="store_true", help="简版：惠企政策告知单")
    version.add_argument("--full", action="store_true", help="详版：告知单和逐项说明")
    add_office_options(parser)


def run_report(args: argparse.Namespace) -> int:
    output: Path = args.output
    # Checked before any work so a typo costs nothing.
    with cli_errors(ReportFormatError):
        report_format(output)
    if not output.parent.is_dir():
        raise CliError(f"输出文件夹不存在：{output.parent}")
    as_of = parse_as_of(args.as_of)
    profile = read_profile(args.profile, as_of)
    settings = notice_settings(args)
    office = settings.office
    brief = True if args.brief else False if args.full else settings.brief
    policy = open_data()
    try:
        with cli_errors(SizeInputError, PdfWriteError, DocxWriteError):
            result = policy.match(profile, as_of)
            pages = write_report(
                result, output, brief=brief, office=office, data_date=data_date(policy.store)
            )
    finally:
        policy.close()
    what = "惠企政策告知单" if brief else "惠企政策告知单（详版）"
    size = f"共 {pages} 页；" if pages else "Word 文件；"
    print_text(
        f"已生成{what}：{output}（{size}符合 {len(result.by_status(ELIGIBLE))} "
        f"项，可能符合 {len(result.by_status(POSSIBLE))} 项）"
    )
    return 0
