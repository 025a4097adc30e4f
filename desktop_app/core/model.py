"""The policy content as plain data: documents and their items."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

UNSTATED = "未注明"
BUNDLED, IMPORTED = "bundled", "imported"
IMPORTED_LABEL = "自行导入"
IMPORTED_ID_PREFIX = "imp-"  # bundled ids never start with it (build_db refuses them)
UNSTRUCTURED_LABEL = "未结构化"

ITEM_KINDS = ("measure", "general", "report", "problem", "preamble")


class PlainData:
    """Mixed into a dataclass whose JSON form is its fields as they are (nested ones too)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(cast("DataclassInstance", self))


@dataclass(frozen=True)
class Department(PlainData):
    """A responsible unit of an item, as the reader should contact it and as printed."""

    name: str  # the unit as a reader should contact it, e.g. 市工信局
    as_printed: str  # the token in the source, e.g. 工信局 (in "市发改委、工信局")
    lead: bool = False  # marked lead unit (列首位的为牵头单位)
    # item | standing (Xiamen's 以下责任单位均需…) | heading (a Fujian department heading)
    basis: str = "item"


@dataclass(frozen=True)
class Document(PlainData):
    """A policy document: its metadata, validity and where it came from."""

    id: str
    title: str
    short_title: str
    doc_number: str | None
    issuer: str | None
    region_code: str
    region_name: str
    scope_region_code: str
    scope_note: str | None
    level: str
    doc_type: str
    issued: str | None
    valid_from: str | None
    valid_to: str | None
    status: str | None
    evidence: dict[str, str]
    notes: list[str]
    source_file: str
    source_sha256: str
    measure_count: int = 0
    item_count: int = 0
    # Imported documents (the user's library): origin, UTC import time, version (1, 2… as
    # new versions replace it) and how a derived validity was read (推定：…).
    origin: str = BUNDLED
    imported: str | None = None
    version: int = 1
    validity_basis: str | None = None
    # a period derived from the text when none is stated (core/validity_rules.py), or None
    derived_period: dict[str, Any] | None = None

    @property
    def is_imported(self) -> bool:
        return self.origin == IMPORTED


@dataclass(frozen=True)
class Item(PlainData):
    """One article, measure or task of a document, with its text and responsible units."""

    id: str
    document_id: str
    seq: int
    kind: str
    article: str | None
    locator: str
    path: list[str]
    title: str | None
    text: str
    departments: list[Department] = field(default_factory=list)
    departments_text: str | None = None
    source_notes: list[str] = field(default_factory=list)
    enterprise_facing: bool = False
    category: str = "其他"

    @property
    def display_title(self) -> str:
        """A one-line label: the item's own heading, else the start of its text."""
        if self.title:
            return self.title
        body = self.text
        if self.article and body.startswith(self.article):
            body = body[len(self.article) :]
        body = body.lstrip("．.、 ")
        return body if len(body) <= 30 else body[:30] + "…"

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["display_title"] = self.display_title
        return data
