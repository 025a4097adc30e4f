"""`batch`: screen every enterprise of a roster (.xlsx/.xls/.csv) against every measure."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.db_commands import open_data
from desktop_app.cli.eligibility_commands import parse_as_of
from desktop_app.cli.office_options import add_office_options, notice_settings
from desktop_app.cli.output import CliError, print_json, print_text


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "batch",
        run_batch,
        help="批量筛查：按企业名册（Excel/CSV）逐家评估全部措施",
        description="读取企业名册（.xlsx、.xls 或 .csv），按表头识别各列，逐家企业评估全部措施，"
        "列出每家企业符合的措施和每项措施可以找哪些企业（政策找企业）。告知单（--pdf-dir）"
        "落款的服务单位、经办人、联系电话取自程序设置（settings.ini），可用参数覆盖。",
        json=True,
    )
    p.add_argument("--input", required=True, type=Path, metavar="FILE", help="企业名册文件")
    p.add_argument("--sheet", metavar="NAME", help="要读取的工作表（默认第一个有数据的可见工作表）")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="评估日期（默认今天）")
    p.add_argument("--output", type=Path, metavar="FILE.xlsx", help="把结果写入 Excel 工作簿")
    p.add_argument("--pdf-dir", type=Path, metavar="DIR", help="为每家企业生成一份告知单 PDF")
    p.add_argument(
        "--merged-pdf", action="store_true", help="告知单合并为一个 PDF（与 --pdf-dir 同用）"
    )
    add_office_options(p)
    p.add_argument("--save", action="store_true", help="把可用的企业保存到“已保存企业”")


def run_batch(args: argparse.Namespace) -> int:
    from desktop_app.core.batch.roster import read_roster
    from desktop_app.core.batch.screen import screen
    from desktop_app.core.batch.sheet import RosterError

    output: Path | None = args.output
    if output is not None:
        if output.suffix.lower() != ".xlsx":
            raise CliError(f"输出文件应以 .xlsx 结尾：{output}")
        if not output.parent.is_dir():
            raise CliError(f"输出文件夹不存在：{output.parent}")
    if args.merged_pdf and args.pdf_dir is None:
        raise CliError("--merged-pdf 须与 --pdf-dir 一起使用")
    as_of = parse_as_of(args.as_of)
    try:
        roster = read_roster(args.input, args.sheet)
    except RosterError as exc:
        raise CliError(str(exc)) from exc
    store = open_data()
    try:
        result = screen(store, roster, as_of)
        written = _outputs(args, store, result)
    finally:
        store.close()
    if args.json:
        data = result.to_dict()
        data["written"] = written
        print_json(data)
        return 0
    print_text(
        f"评估日期：{as_of.isoformat()}　名册：{roster.source}（工作表“{roster.sheet}”）\n"
        f"已评估 {len(result.outcomes)} 家企业，未纳入 {len(result.rejected)} 行。"
    )
    for r in result.rejected:
        print_text(f"  第{r.row}行：{r.reason}")
    for note in roster.notes:
        print_text(f"说明：{note}")
    for outcome in result.outcomes:
        counts = outcome.counts()
        print_text(
            f"第{outcome.row.row}行\t{outcome.name}\t{outcome.size.label}\t符合{counts['eligible']}"
            f"\t可能符合{counts['possible']}\t合计{outcome.total['text']}"
        )
    for key, value in written.items():
        print_text(f"已写入{key}：{value}")
    return 0


def _outputs(args: argparse.Namespace, store: Any, result: Any) -> dict[str, Any]:
    from desktop_app.core.batch.notices import save_outcomes, write_notices
    from desktop_app.core.batch.workbook import write_workbook
    from desktop_app.core.pdf.builder import PdfWriteError
    from desktop_app.core.userdata.user_db import UserDbError

    written: dict[str, Any] = {}
    try:
        if args.output is not None:
            write_workbook(result, args.output)
            written["workbook"] = str(args.output)
        if args.pdf_dir is not None:
            office = notice_settings(args).office
            paths = write_notices(
                store, result, args.pdf_dir, merged=args.merged_pdf, office=office
            )
            written["pdf"] = [str(p) for p in paths]
        if args.save:
            written["saved"] = save_outcomes(result)
    except (OSError, PdfWriteError) as exc:
        raise CliError(f"无法写入结果：{exc}") from exc
    except UserDbError as exc:
        raise CliError(str(exc)) from exc
    return written
