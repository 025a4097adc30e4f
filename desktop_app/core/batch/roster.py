"""A roster sheet → one validated Profile per usable row, every other row with its reason.

Rows are never completed with a default: a blank cell is unknown (as in the wizard), a cell that
cannot be read rejects its row with the spreadsheet's own row number and the reason."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.core import credit_code, size_class
from desktop_app.core.batch import columns as cols
from desktop_app.core.batch.merged_cells import check_header_merges, fill_merged, merge_notes
from desktop_app.core.batch.region_text import RegionMatcher
from desktop_app.core.batch.sheet import (
    ROW_LIMIT,
    RawSheet,
    RosterError,
    read_sheet,
    too_many_rows,
)
from desktop_app.core.batch.values import (
    SERIAL,
    ValueProblem,
    is_blank,
    normalize_text,
    parse_bool,
    parse_count,
    parse_date,
    parse_money,
)
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import Profile, ProfileError

_HEADER_SEARCH = 30  # the header is looked for among the first rows with anything in them
_SPLIT = re.compile(r"[、,，;；/|｜\s]+")


@dataclass
class RosterRow:
    row: int  # the spreadsheet's own row number
    profile: Profile
    credit_code: str | None = None
    notes: str | None = None


@dataclass
class Rejected:
    row: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "reason": self.reason}


@dataclass
class Roster:
    source: str
    sheet: str
    header_row: int
    columns: list[cols.ColumnSpec]
    rows: list[RosterRow]
    rejected: list[Rejected]
    notes: list[str] = field(default_factory=list)  # sheet choice, unit conversions, merges…
    remembered: bool = False  # the mapping came from an earlier file of the same shape
    examples: list[Any] = field(default_factory=list)  # each column's first value, as read

    def columns_dict(self) -> dict[str, str | None]:
        return {c.header: c.field for c in self.columns if c.header}


def read_roster(
    path: Path,
    sheet: str | None = None,
    *,
    mapping: list[cols.ColumnSpec] | None = None,
    registry: FactsRegistry | None = None,
    limit: int = ROW_LIMIT,
    memory: Path | None = None,
) -> Roster:
    registry = registry or load_registry()
    raw = read_sheet(path, sheet, limit)
    header_at = _find_header(raw, registry)
    number, header_values = raw.rows[header_at]
    headers = ["" if is_blank(v) else str(v).strip() for v in header_values]
    check_header_merges(raw, number, len(headers))
    remembered = False
    if mapping is None:
        mapping = cols.remembered(headers, registry, memory)
        remembered = mapping is not None
        mapping = mapping or cols.guess_columns(headers, registry)
    if not any(c.field == "name" for c in mapping):
        raise RosterError("未找到“企业名称”列，请在列对应中指定哪一列是企业名称")
    if len(raw.rows) - header_at - 1 > limit:
        raise too_many_rows(raw.name, limit)
    data = fill_merged(raw, header_at)
    reader = _RowReader(mapping, registry)
    rows: list[RosterRow] = []
    rejected: list[Rejected] = []
    for row_number, values in data:
        try:
            rows.append(reader.read(row_number, values))
        except ValueProblem as exc:
            rejected.append(Rejected(row_number, str(exc)))
    notes = list(raw.notes) + reader.notes(number) + merge_notes(raw, number, mapping)
    return Roster(
        str(path),
        raw.name,
        number,
        mapping,
        rows,
        rejected,
        notes,
        remembered=remembered,
        examples=_examples(data, len(headers)),
    )


def _examples(data: list[tuple[int, list[Any]]], width: int) -> list[Any]:
    """Each column's first non-blank value (a column blank in the first row still shows one)."""
    out: list[Any] = [None] * width
    for _number, values in data[:500]:
        for n, value in enumerate(values[:width]):
            if out[n] is None and not is_blank(value):
                out[n] = value
    return out


def _find_header(raw: RawSheet, registry: FactsRegistry) -> int:
    best, best_score = None, 1
    for index, (_number, values) in enumerate(raw.rows[:_HEADER_SEARCH]):
        fields = [cols.recognise(str(v), registry) for v in values if not is_blank(v)]
        score = len([f for f in fields if f])
        if "name" in fields and score > best_score:
            best, best_score = index, score
    if best is None:
        raise RosterError(
            f"工作表“{raw.name}”中找不到表头：需要一行列名，其中有“企业名称”（或单位名称）"
            "和至少一个其他可识别的列（如所在地区、行业、从业人员、营业收入）"
        )
    return best


class _RowReader:
    def __init__(self, mapping: list[cols.ColumnSpec], registry: FactsRegistry) -> None:
        self.mapping = [c for c in mapping if c.field]
        self.registry = registry
        self.regions = RegionMatcher()
        self.standard = size_class.load_standard()
        self.qual_words = {
            w: qid for qid, words in cols.qualification_words(registry).items() for w in words
        }
        self.vocab = cols.load_vocabulary()
        self.entity_words = {
            cols.key(w): kind for kind, words in self.vocab["entity_types"].items() for w in words
        }
        self.converted: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.serial_dates: dict[str, list[int]] = defaultdict(list)
        self.month_dates: dict[str, list[int]] = defaultdict(list)
        self.industry_mapped: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.unknown_quals: dict[str, list[int]] = defaultdict(list)
        self.money_columns = [c for c in self.mapping if c.field in ("revenue", "assets")]

    # --- one row ---

    def read(self, row: int, values: list[Any]) -> RosterRow:
        data: dict[str, Any] = {"qualifications": [], "facts": {}}
        quals: dict[str, date | None] = {}
        granted: dict[str, date | None] = {}
        place: dict[str, str] = {}
        problems: list[str] = []
        extra: dict[str, Any] = {}
        for spec in self.mapping:
            value = values[spec.index] if spec.index < len(values) else None
            if is_blank(value):
                continue
            try:
                self._cell(spec, value, row, data, quals, granted, place, extra)
            except ValueProblem as exc:
                problems.append(f"{spec.header}：{exc}")
        if not data.get("name"):
            problems.insert(0, "缺少企业名称")
        if place and "region" not in data:
            text = "".join(place[p] for p in cols.REGION_PARTS if p in place)
            try:
                data["region"] = self.regions.match(text)
            except ValueProblem as exc:
                problems.append(str(exc))
        if problems:
            raise ValueProblem("；".join(problems))
        for qid, when in granted.items():
            if qid not in quals:
                quals[qid] = when  # a grant date alone says the qualification is held
            elif quals[qid] is None:
                quals[qid] = when
        data["qualifications"] = [
            {"id": q, "granted": d.isoformat() if d else None} for q, d in quals.items()
        ]
        code = credit_code.normalized(extra.get("credit_code") or "")
        if code and credit_code.credit_code_problem(code) is None:
            # onto the profile, so the 告知单 prints it; a mistyped code never costs the row
            # its screening (it does not affect eligibility) and stays in the workbook as typed
            data["credit_code"] = code
        try:
            profile = Profile.from_dict(data, self.registry)
        except ProfileError as exc:
            raise ValueProblem("；".join(exc.problems)) from exc
        return RosterRow(row, profile, extra.get("credit_code"), extra.get("notes"))

    def _cell(
        self,
        spec: cols.ColumnSpec,
        value: Any,
        row: int,
        data: dict[str, Any],
        quals: dict[str, date | None],
        granted: dict[str, date | None],
        place: dict[str, str],
        extra: dict[str, Any],
    ) -> None:
        field = spec.field or ""
        if field == "name":
            data["name"] = normalize_text(value) if not isinstance(value, str) else value.strip()
        elif field in ("credit_code", "notes"):
            extra[field] = str(value).strip()
        elif field in cols.REGION_PARTS:
            place[field] = normalize_text(value)
        elif field == "region_code":
            code = normalize_text(value).split(".")[0]
            data["region"] = self.regions.match(code)
        elif field == "industry":
            data["industry"] = self._industry(normalize_text(value), row)
        elif field == "employees":
            data["employees"] = parse_count(value)
        elif field in ("revenue", "assets"):
            number, unit = parse_money(value, spec.unit)
            data[field] = number
            if unit and unit != spec.unit:
                self.converted[spec.header][unit].append(row)
        elif field == "established":
            data["established"] = self._date(spec, value, row)
        elif field == "entity_type":
            kind = self.entity_words.get(cols.key(normalize_text(value)))
            if kind is None:
                raise ValueProblem(f"“{value}”不是可识别的主体类型（企业或个体工商户）")
            data["entity_type"] = kind
        elif field == "qualifications":
            for word in _SPLIT.split(normalize_text(value)):
                if word and parse_bool_safe(word) is not False:
                    qid = self.qual_words.get(cols.key(word))
                    if qid:
                        quals.setdefault(qid, None)
                    else:
                        self.unknown_quals[word].append(row)
        elif field.startswith("qualification:"):
            qid = field.split(":", 1)[1]
            held, when = self._held(spec, value, row)
            if held:
                quals[qid] = when
        elif field.startswith("granted:"):
            granted[field.split(":", 1)[1]] = self._date(spec, value, row)
        elif field.startswith("fact:"):
            data["facts"][field.split(":", 1)[1]] = self._fact(spec, field[5:], value, row)

    def _industry(self, text: str, row: int) -> str:
        name = re.sub(r"^[A-Za-z]\d*\s*", "", text)  # 国民经济行业 codes such as "C 制造业"
        try:
            return self.standard.industry(name).name
        except size_class.SizeInputError as exc:
            wanted = cols.key(name)
            for industry in self.standard.industries:
                if wanted in {cols.key(w) for w in (*industry.examples, *industry.hints)}:
                    self.industry_mapped[(name, industry.name)].append(row)
                    return industry.name
            raise ValueProblem(f"“{text}”不是划型标准中的行业") from exc

    def _date(self, spec: cols.ColumnSpec, value: Any, row: int) -> date | None:
        when, how = parse_date(value)
        if how == SERIAL:
            self.serial_dates[spec.header].append(row)
        elif how:
            self.month_dates[spec.header].append(row)
        return when

    def _held(self, spec: cols.ColumnSpec, value: Any, row: int) -> tuple[bool, date | None]:
        flag = parse_bool_safe(value)
        if flag is not None:
            return flag, None
        try:
            return True, self._date(spec, value, row)  # a date in the column: held since then
        except ValueProblem as exc:
            raise ValueProblem(f"“{value}”应为是/否或认定日期") from exc

    def _fact(self, spec: cols.ColumnSpec, fact_id: str, value: Any, row: int) -> Any:
        fact = self.registry.facts[fact_id]
        if fact.type == "boolean":
            return parse_bool(value)
        if fact.type == "integer":
            return parse_count(value)
        if fact.type == "number":
            if fact.unit and fact.unit.endswith("元"):
                number, unit = parse_money(value, spec.unit or fact.unit)
                if unit and unit != (spec.unit or fact.unit):
                    self.converted[spec.header][unit].append(row)
                return number
            return parse_count(value)
        if fact.type == "date":
            return self._date(spec, value, row)
        text = normalize_text(value)
        if text not in fact.choices:
            raise ValueProblem(f"“{value}”应为：{'、'.join(fact.choices)}")
        return text

    # --- what the report says about the whole sheet ---

    def notes(self, header_row: int) -> list[str]:
        out = []
        for spec in self.money_columns:
            if spec.unit is None:
                out.append(f"“{spec.header}”列未注明单位：不带单位的数按万元读取")
            elif spec.unit != "万元":
                out.append(f"“{spec.header}”列按表头所注单位{spec.unit}读取，已换算为万元")
        for header, units in self.converted.items():
            for unit, rows in units.items():
                out.append(
                    f"“{header}”列有 {len(rows)} 个数注明了单位{unit}，已换算为万元"
                    f"（{_rows_text(rows)}）"
                )
        for header, rows in self.serial_dates.items():
            out.append(
                f"“{header}”列有 {len(rows)} 个 Excel 日期序号，已换算为日期（{_rows_text(rows)}）"
            )
        for header, rows in self.month_dates.items():
            out.append(
                f"“{header}”列有 {len(rows)} 个日期只写到月份，按当月1日计（{_rows_text(rows)}）"
            )
        for (typed, name), rows in self.industry_mapped.items():
            out.append(f"行业“{typed}”按划型标准归入“{name}”（{_rows_text(rows)}）")
        for word, rows in self.unknown_quals.items():
            out.append(f"资质“{word}”本程序未收录，未计入（{_rows_text(rows)}）")
        return out


def parse_bool_safe(value: Any) -> bool | None:
    try:
        return parse_bool(value)
    except ValueProblem:
        return None


def _rows_text(rows: list[int], most: int = 10) -> str:
    """'第2、9、15行', or '第2、9…39行等，共1026行' for many."""
    shown = "、".join(str(r) for r in rows[:most])
    return f"第{shown}行" + (f"等，共{len(rows)}行" if len(rows) > most else "")
