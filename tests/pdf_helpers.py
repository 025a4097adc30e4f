"""Shared helpers for the PDF tests: read PDFs back, and a tiny policy database.

The database is made from db/schema.sql with a few rows copied from the bundled documents, so
the excerpt tests do not depend on the database builder.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "db" / "schema.sql"
# the three enterprises #13 checks the printout with
ENTERPRISES = {
    "sample": ROOT / "resources" / "samples" / "xiamen-manufacturer.json",
    "little giant": ROOT / "tests" / "data" / "enterprises" / "sanming-little-giant.json",
    "yanjiang service": ROOT / "tests" / "data" / "enterprises" / "yanjiang-service.json",
}


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Extracted text without line breaks or spaces, for matching wrapped Chinese text."""
    return re.sub(r"\s+", "", text)


def embedded_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(BaseFont name, has /FontFile2) for every font descriptor in the file."""
    reader = PdfReader(io.BytesIO(data))
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        if not fonts:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            descriptor = font.get("/FontDescriptor")
            has_file = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[name] = found.get(name, False) or has_file
    return sorted(found.items())


def _dept(
    name: str, printed: str | None = None, *, lead: bool = False, basis: str = "item"
) -> dict[str, Any]:
    return {"name": name, "as_printed": printed or name, "lead": lead, "basis": basis}


_XM_STANDING = [_dept(n, basis="standing") for n in ("各区人民政府", "自贸委", "火炬管委会")]
_XM_STANDING_NOTE = (
    "责任单位含第1项所注“以下责任单位均需各区人民政府、自贸委、火炬管委会，不再一一列出”的单位。"
)

DOCUMENTS: list[dict[str, Any]] = [
    {
        "id": "xm",
        "title": "厦门市贯彻落实《关于支持中小微企业健康发展的若干措施》任务分解表",
        "short_title": "厦门市中小微企业若干措施任务分解表",
        "doc_number": None,
        "issuer": None,
        "region_code": "350200",
        "region_name": "厦门市",
        "scope_region_code": "350000",
        "scope_note": "表中措施为福建省《关于支持中小微企业健康发展的若干措施》的内容，适用于全省；"
        "所列责任单位为厦门市的单位，其他地区请咨询当地对应部门。",
        "level": "市",
        "doc_type": "任务分解表",
        "issued": None,
        "valid_from": None,
        "valid_to": None,
        "status": None,
        "notes": ["文中未注明印发单位、文号、日期和有效期。"],
        "source_file": "xiamen-sme-measures-task-table.txt",
    },
    {
        "id": "sm",
        "title": "三明市优质中小企业梯度培育行动方案",
        "short_title": "三明市优质中小企业梯度培育行动方案（征求意见稿）",
        "doc_number": None,
        "issuer": None,
        "region_code": "350400",
        "region_name": "三明市",
        "scope_region_code": "350400",
        "scope_note": None,
        "level": "市",
        "doc_type": "行动方案",
        "issued": None,
        "valid_from": "2022-01-01",
        "valid_to": "2025-12-31",
        "status": "征求意见稿",
        "notes": ["本文件为征求意见稿，不是正式印发的文件，所列措施未生效。"],
        "source_file": "sanming-quality-sme-cultivation-draft.txt",
    },
    {
        "id": "yj2020",
        "title": "资阳市雁江区促进中小企业健康发展实施方案",
        "short_title": "雁江区促进中小企业健康发展实施方案",
        "doc_number": "资雁府办发〔2020〕19号",
        "issuer": "资阳市雁江区人民政府办公室",
        "region_code": "512002",
        "region_name": "资阳市雁江区",
        "scope_region_code": "512002",
        "scope_note": None,
        "level": "区县",
        "doc_type": "实施方案",
        "issued": "2020-03-30",
        "valid_from": None,
        "valid_to": None,
        "status": None,
        "notes": ["文中未注明有效期。"],
        "source_file": "yanjiang-2020-sme-implementation-plan.txt",
    },
]

ITEMS: list[dict[str, Any]] = [
    {
        "id": "xm-1",
        "document_id": "xm",
        "seq": 1,
        "article": "1",
        "locator": "1",
        "path": ["一、建立支持中小微企业健康发展工作协调机制"],
        "title": None,
        "text": "由省发改委、工信厅牵头会同有关部门建立省级工作协调机制，按照“一月一协调”、"
        "“一季一调度”的方式，加强政策落实督导，协调解决中小微企业发展中遇到的政策、技术、"
        "市场等困难问题，推动制定针对性措施，重大问题及时提请省委和省政府研究。",
        "departments": [
            _dept("市发改委"),
            _dept("市工信局", "工信局"),
            _dept("各区人民政府"),
            _dept("自贸委"),
            _dept("火炬管委会"),
        ],
        "departments_text": "市发改委、工信局，各区人民政府、自贸委、火炬管委会"
        "（以下责任单位均需各区人民政府、自贸委、火炬管委会，不再一一列出）",
        "source_notes": [],
        "enterprise_facing": 0,
        "category": "市场开拓",
    },
    {
        "id": "xm-30",
        "document_id": "xm",
        "seq": 30,
        "article": "30",
        "locator": "30",
        "path": ["四、加强对中小微企业的要素保障", "（十）加大稳岗扩岗支持力度"],
        "title": None,
        "text": "对招用16-24岁登记失业人员，签订1年以上劳动合同且缴纳失业、工伤、职工养老保险"
        "满3个月以上的中小微企业，给予每人1500元的中小微企业扩岗补助。",
        "departments": [_dept("市人社局"), *_XM_STANDING],
        "departments_text": "市人社局",
        "source_notes": [_XM_STANDING_NOTE],
        "enterprise_facing": 1,
        "category": "就业与人才",
    },
    {
        "id": "xm-31",
        "document_id": "xm",
        "seq": 31,
        "article": "31",
        "locator": "31",
        "path": ["四、加强对中小微企业的要素保障", "（十）加大稳岗扩岗支持力度"],
        "title": None,
        "text": "鼓励支持个体工商户、初创3年内的小微企业吸纳就业，对符合签订1年以上劳动合同，"
        "为员工缴纳社会保险满6个月等规定条件的，按企业招用人数给予每人不超过1000元、"
        "总额不超过3万元的创业带动就业补贴。",
        "departments": [_dept("市人社局"), *_XM_STANDING],
        "departments_text": "市人社局",
        "source_notes": [_XM_STANDING_NOTE],
        "enterprise_facing": 1,
        "category": "就业与人才",
    },
    {
        "id": "sm-2-1-1",
        "document_id": "sm",
        "seq": 12,
        "article": "1.",
        "locator": "二（一）1.",
        "path": ["二、重点任务", "（一）完善培育体系"],
        "title": "建培育库",
        "text": "1.建培育库。围绕做大做强钢铁与装备制造、新材料等主导产业，加快石墨（烯）、"
        "生物制药等新兴产业发展，按照“储备一批、培育一批、提升一批”的原则，市、县（市、区）"
        "统一建立优质中小企业培育库。",
        "departments": [_dept("市工信局"), _dept("各县（市、区）人民政府")],
        "departments_text": "责任单位：市工信局，各县（市、区）人民政府",
        "source_notes": [],
        "enterprise_facing": 1,
        "category": "创新与数字化",
    },
    {
        "id": "yj2020-3",
        "document_id": "yj2020",
        "seq": 9,
        "article": "（三）",
        "locator": "（三）",
        "path": ["二、优化发展环境"],
        "title": "降低市场准入门槛",
        "text": "（三）降低市场准入门槛。全面落实市场准入负面清单制度，坚决破除各种显性隐性壁垒、"
        "不合理门槛和限制，确保“非禁即入”普遍落实。（责任单位：区发改局、区市场监管局、"
        "区行政审批局、雁江生态环境局。列首位的为牵头单位，下同）",
        "departments": [
            _dept("区发改局", lead=True),
            _dept("区市场监管局"),
            _dept("区行政审批局"),
            _dept("雁江生态环境局"),
        ],
        "departments_text": "（责任单位：区发改局、区市场监管局、区行政审批局、雁江生态环境局。"
        "列首位的为牵头单位，下同）",
        "source_notes": [],
        "enterprise_facing": 0,
        "category": "市场开拓",
    },
]


def make_policy_db(path: Path, extra_items: list[dict[str, Any]] | None = None) -> Path:
    """A small policy database with the rows above (plus `extra_items`) at `path`."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA.read_text(encoding="utf-8"))
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("schema_version", "1"), ("data_version", "test")],
        )
        items = ITEMS + (extra_items or [])
        for doc in DOCUMENTS:
            own = [i for i in items if i["document_id"] == doc["id"]]
            row = {
                **doc,
                "evidence": json.dumps({}, ensure_ascii=False),
                "notes": json.dumps(doc["notes"], ensure_ascii=False),
                "source_sha256": "0" * 64,
                "source_text": "",
                "measure_count": len(own),
                "item_count": len(own),
            }
            _insert(conn, "documents", row)
        for item in items:
            row = {
                "kind": "measure",
                **item,
                "path": json.dumps(item["path"], ensure_ascii=False),
                "departments": json.dumps(item["departments"], ensure_ascii=False),
                "source_notes": json.dumps(item["source_notes"], ensure_ascii=False),
            }
            _insert(conn, "items", row)
        conn.commit()
    finally:
        conn.close()
    return path


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def page_lines(data: bytes) -> list[list[str]]:
    """Each page's printed lines as pdfium reads them, a line of a table cell on its own: text
    on one baseline is split where a gap wider than a few points separates two characters
    (the next column), using the characters' advance boxes."""
    import pypdfium2 as pdfium

    pages = []
    for page in pdfium.PdfDocument(data):
        text = page.get_textpage()
        lines: list[str] = []
        current = ""
        last: tuple[float, float] | None = None  # (right edge, baseline) of the last glyph
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if ch in "\r\n":
                lines.append(current)
                current, last = "", None
                continue
            left, bottom, right, _top = text.get_charbox(i, loose=True)
            gap = last is not None and (abs(bottom - last[1]) > 3 or left - last[0] > 4)
            if ch.strip() and gap:
                lines.append(current)
                current = ""
            current += ch
            if ch.strip():
                last = (right, bottom)
        lines.append(current)
        pages.append([ln.strip() for ln in lines if ln.strip()])
    return pages
