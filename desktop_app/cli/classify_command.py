"""`classify` and `industries`: enterprise size class under the 2011 划型标准, with its working."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli.arg_parser import add_command
from desktop_app.cli.output import cli_errors, print_json, print_text
from desktop_app.core.schema.arguments import number_argument
from desktop_app.core.size_class import (
    IndustryStandard,
    SizeInputError,
    SizeResult,
    classify,
    format_number,
    load_standard,
)


def register(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "classify",
        run_classify,
        help="按《中小企业划型标准规定》判断企业规模（大型/中型/小型/微型）",
        description="按《中小企业划型标准规定》（工信部联企业〔2011〕300号）判断企业规模，并列出每项指标的判断过程。",
        json=True,
    )
    parser.add_argument("--industry", required=True, help="行业名称，见 `policy-desk industries`")
    parser.add_argument("--employees", metavar="人数", help="从业人员（人）")
    parser.add_argument("--revenue", metavar="万元", help="营业收入（万元）")
    parser.add_argument("--assets", metavar="万元", help="资产总额（万元）")
    parser.add_argument("--individual", action="store_true", help="个体工商户（按同一标准划型）")
    add_command(
        subparsers,
        "industries",
        run_industries,
        help="列出划型标准的行业、指标和下限",
        description="列出《中小企业划型标准规定》第四条的16个行业、各自的划型指标和大中小型下限。",
        json=True,
    )


def run_classify(args: argparse.Namespace) -> int:
    with cli_errors(SizeInputError):
        result = classify(
            args.industry,
            _number(args.employees, "从业人员"),
            _number(args.revenue, "营业收入"),
            _number(args.assets, "资产总额"),
            individual_business=args.individual,
        )
    if args.json:
        print_json(result.to_dict())
    else:
        print_text(format_result(result))
    return 0


def run_industries(args: argparse.Namespace) -> int:
    standard = load_standard()
    if args.json:
        print_json([industry.to_dict(standard.indicators) for industry in standard.industries])
        return 0
    print_text("\n".join(_industry_line(industry) for industry in standard.industries))
    return 0


def format_result(result: SizeResult) -> str:
    lines = [f"行业：{result.industry}", f"企业规模：{result.size_label}"]
    for w in result.working:
        if w.value is None:
            lines.append(f"  · {w.name}：未填写")
        else:
            mark = "（决定结果）" if w.decisive else ""
            lines.append(
                f"  · {w.name}{format_number(w.value)}{w.unit}：{w.rule}，属{w.size_label}{mark}"
            )
    lines.append(f"说明：{result.explanation}")
    lines.extend(f"注：{note}" for note in result.notes)
    lines.append(f"依据：{result.source}")
    return "\n".join(lines)


def _industry_line(industry: IndustryStandard) -> str:
    indicators = load_standard().indicators
    bounds = "；".join(
        f"{indicators[key].name} 大型≥{format_number(b.large)} 中型≥{format_number(b.medium)} "
        f"小型≥{format_number(b.small)}{indicators[key].unit}"
        for key, b in industry.indicators.items()
    )
    line = f"{industry.clause}{industry.name}：{bounds}"
    if industry.examples:
        line += f"\n    包括：{'，'.join(industry.examples)}"
    elif industry.hints:
        line += f"\n    例如：{'，'.join(industry.hints)}"
    return line


def _number(text: str | None, name: str) -> float | None:
    # thousands separators (1,200 / 1，200) are common when figures are copied from a report
    return number_argument(text, name)
