"""An imported county document for the structuring tests (through the library helpers'
stand-in reader), and an enterprise in its county."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.library.store import PolicyLibrary, StoredImport
from tests.library_helpers import import_file, stand_in_reader, write_source

MEASURES = [
    (
        "（一）",
        "支持企业技术改造",
        "对当年完成固定资产投资1000万元及以上的工业技改项目，按设备投资额的10%给予补助，"
        "单个项目最高不超过200万元。",
    ),
    (
        "（二）",
        "推动梯度培育",
        "对新认定的国家级专精特新“小巨人”企业、省级专精特新中小企业、创新型中小企业，"
        "分别奖励50万元、20万元、5万元。",
    ),
    (
        "（三）",
        "稳定企业用工",
        "对吸纳本县户籍劳动力就业并签订1年以上劳动合同的中小企业，按每人1000元给予一次性"
        "吸纳就业补贴，每家企业补贴总额不超过5万元。",
    ),
]

PROFILE: dict[str, Any] = {
    "name": "柳河县测试机械有限公司",
    "region": "220524",
    "industry": "工业",
    "employees": 120,
    "revenue": 8000,
    "assets": 6000,
    "established": "2015-05-01",
    "entity_type": "enterprise",
    "qualifications": [{"id": "specialized_sme", "granted": "2026-06-01"}],
    "facts": {},
}


def import_county(folder: Path) -> StoredImport:
    library = PolicyLibrary.open()
    try:
        source = write_source(folder, "县措施.txt")
        return import_file(library, source, reader=stand_in_reader(measures=MEASURES))
    finally:
        library.close()
