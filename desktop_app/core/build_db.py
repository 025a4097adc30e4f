"""Build the bundled policy database from resources/documents and the reviewed data in db/.

The build is deterministic: the same inputs give the same rows (only meta.built_at differs).
It writes to a temporary file and renames it into place, so a crash never leaves a half-built
database where the app would read it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
import yaml

from desktop_app import paths
from desktop_app.core.model import IMPORTED_ID_PREFIX, Document, Item
from desktop_app.core.policy_db import (
    LEFTOVER_PREFIX,
    Notice,
    clean_leftovers,
    move_obstacle_aside,
    record_checksum,
)
from desktop_app.core.search.bigrams.index import build_search_index
from desktop_app.core.sources import (
    fujian_work_plan,
    hebei_report,
    sanming_plan,
    xiamen_table,
    yanjiang_plan,
)
from desktop_app.core.sources.common import ItemDraft
from desktop_app.core.validity_rules import derive_period

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
Progress = Callable[[int, str], None]  # percent, Chinese message
# Hooks that add derived tables (e.g. the search index) to a freshly built database.
POST_BUILD_HOOKS: list[Callable[[sqlite3.Connection, list[Item]], None]] = []
POST_BUILD_HOOKS.append(build_search_index)


class BuildError(Exception):
    """The sources or the reviewed data are inconsistent; the message says where."""


@dataclass(frozen=True)
class BuiltContent:
    documents: list[Document]
    items: list[Item]
    benefits: dict[str, Any]  # item id -> reviewed rules (raw YAML data)


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _data_date() -> str:
    """The reviewed date of the policy data (db/data_release.yaml), ISO; blank if absent."""
    release = paths.curated_dir() / "data_release.yaml"
    if not release.is_file():
        return ""
    value = (_load_yaml(release) or {}).get("date")
    return value.isoformat() if isinstance(value, date) else str(value or "")


def _squash(text: str) -> str:
    return "".join(text.split())


def input_files() -> list[Path]:
    """Everything the database is built from; their digest is the data version."""
    code = Path(__file__).parent
    # the parsers and the search index code shape the built tables too
    roots = [paths.documents_dir(), paths.curated_dir(), code / "sources", code / "search"]
    # the validity rules (and the numerals and dates they read) shape the documents table
    derive = [code / "validity_rules.py", code / "importing" / "dates.py"]
    files = [Path(__file__), *derive, code / "importing" / "numbering.py"]
    files.append(code / "policy_db.py")  # it writes the checksum into meta
    for root in roots:
        files += sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc")
    return files


def source_digest() -> str:
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    base = paths.project_root()
    for path in input_files():
        digest.update(str(path.relative_to(base)).replace(os.sep, "/").encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _parse_document(meta: dict[str, Any], text: str) -> list[ItemDraft]:
    parser = meta["parser"]
    if parser == "fujian_work_plan":
        structure = fujian_work_plan.load_structure(
            paths.curated_dir() / "structure" / "fj2019.yaml"
        )
        return fujian_work_plan.parse(text, structure)
    modules = {
        "xiamen_table": xiamen_table,
        "sanming_plan": sanming_plan,
        "hebei_report": hebei_report,
        "yanjiang_plan": yanjiang_plan,
    }
    if parser not in modules:
        raise BuildError(f"documents.yaml 中 {meta['id']} 的解析器未知：{parser}")
    return modules[parser].parse(text)


def _as_parsed(draft: ItemDraft) -> dict[str, Any]:
    """An item's fields as its parser found them (all but the local key, which the id holds)."""
    return {f.name: getattr(draft, f.name) for f in fields(draft) if f.name != "key"}


def _category(text: str, rules: list[dict[str, Any]], default: str) -> str:
    for rule in rules:
        if any(word in text for word in rule["keywords"]):
            return str(rule["category"])
    return default


def collect_content() -> BuiltContent:
    """Parse every document and apply the reviewed curation; no database involved."""
    curated = paths.curated_dir()
    doc_metas: list[dict[str, Any]] = _load_yaml(curated / "documents.yaml")
    facing: dict[str, dict[str, str]] = _load_yaml(curated / "curation" / "enterprise_facing.yaml")
    categories = _load_yaml(curated / "curation" / "categories.yaml")
    documents: list[Document] = []
    items: list[Item] = []
    for meta in doc_metas:
        raw = (paths.documents_dir() / meta["source_file"]).read_bytes()
        text = raw.decode("utf-8")
        for field_name, quote in meta["evidence"].items():
            if _squash(quote) not in _squash(text):
                raise BuildError(f"{meta['id']} 的 {field_name} 依据“{quote}”不在原文中")
        drafts = _parse_document(meta, text)
        doc_items: list[Item] = []
        for seq, draft in enumerate(drafts, start=1):
            item_id = f"{meta['id']}-{draft.key}"
            curation = facing.get(item_id)
            category = (
                curation["category"]
                if curation
                else _category(draft.text, categories["rules"], categories["default"])
            )
            if category not in categories["categories"]:
                raise BuildError(f"{item_id} 的类别“{category}”不在 categories.yaml 中")
            doc_items.append(
                Item(
                    id=item_id,
                    document_id=meta["id"],
                    seq=seq,
                    **_as_parsed(draft),
                    enterprise_facing=curation is not None,
                    category=category,
                )
            )
        if str(meta["id"]).startswith(IMPORTED_ID_PREFIX):
            raise BuildError(
                f"文件编号 {meta['id']} 以 {IMPORTED_ID_PREFIX} 开头：该前缀留给自行导入的文件"
            )
        ids = [i.id for i in doc_items]
        if len(set(ids)) != len(ids):
            raise BuildError(f"{meta['id']} 中有重复的条目编号")
        documents.append(
            Document(
                id=meta["id"],
                title=meta["title"],
                short_title=meta["short_title"],
                doc_number=meta["doc_number"],
                issuer=meta["issuer"],
                region_code=meta["region_code"],
                region_name=meta["region_name"],
                scope_region_code=meta["scope_region_code"],
                scope_note=meta["scope_note"],
                level=meta["level"],
                doc_type=meta["doc_type"],
                issued=meta["issued"],
                valid_from=meta["valid_from"],
                valid_to=meta["valid_to"],
                status=meta["status"],
                evidence=meta["evidence"],
                notes=meta["notes"],
                source_file=meta["source_file"],
                source_sha256=hashlib.sha256(raw).hexdigest(),
                measure_count=sum(1 for i in doc_items if i.kind == "measure"),
                item_count=len(doc_items),
                derived_period=derive_period(
                    meta["title"],
                    meta["doc_type"],
                    meta["issued"],
                    text,
                    meta["valid_from"],
                    meta["valid_to"],
                ),
            )
        )
        items += doc_items
    known = {i.id for i in items}
    unknown = sorted(set(facing) - known)
    if unknown:
        raise BuildError(f"enterprise_facing.yaml 中的条目不存在：{', '.join(unknown)}")
    return BuiltContent(documents, items, _checked_benefits(items))


def _checked_benefits(items: list[Item]) -> dict[str, Any]:
    from desktop_app.core.eligibility.facts import default_path, load_registry
    from desktop_app.core.eligibility.rules import load_rule_files, parse_rules, validate_rules

    try:
        raw = load_rule_files()
        rules = parse_rules(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise BuildError(f"待遇数据（db/benefits）格式有误：{exc}") from exc
    errors = validate_rules(rules, {i.id: i for i in items}, load_registry(default_path()))
    if errors:
        raise BuildError("待遇数据（db/benefits）校验失败：\n" + "\n".join(errors))
    return raw


def _headlines(raw: dict[str, Any]) -> dict[str, str | None]:
    from desktop_app.core.eligibility.overview import headline_amounts
    from desktop_app.core.eligibility.rules import parse_rules

    return headline_amounts(parse_rules(raw))


# Fields a bundled document always has at their defaults (the user library's own columns).
_LIBRARY_ONLY = ("origin", "imported", "version", "validity_basis")


def _document_row(doc: Document, text: str) -> dict[str, Any]:
    row = doc.to_dict()
    for key in _LIBRARY_ONLY:
        row.pop(key)
    row["evidence"] = json.dumps(doc.evidence, ensure_ascii=False, sort_keys=True)
    row["notes"] = json.dumps(doc.notes, ensure_ascii=False)
    row["derived_period"] = (
        json.dumps(doc.derived_period, ensure_ascii=False) if doc.derived_period else None
    )
    row["source_text"] = text
    return row


def _item_row(item: Item) -> dict[str, Any]:
    row = item.to_dict()
    row.pop("display_title")
    row["path"] = json.dumps(item.path, ensure_ascii=False)
    row["departments"] = json.dumps([d.to_dict() for d in item.departments], ensure_ascii=False)
    row["source_notes"] = json.dumps(item.source_notes, ensure_ascii=False)
    row["enterprise_facing"] = int(item.enterprise_facing)
    return row


class UnwritableFolderError(BuildError):
    """The database's folder cannot be written (read-only home, permissions)."""


def write_database(content: BuiltContent, out_path: Path, progress: Progress | None = None) -> None:
    """Build into a temporary file beside out_path, then rename it into place. What a killed
    build left there is removed first; a folder where the file belongs is moved aside."""
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(out_path.parent)
        move_obstacle_aside(out_path)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f"{LEFTOVER_PREFIX}{os.getpid()}-", suffix=".sqlite", dir=out_path.parent
        )
    except OSError as exc:
        raise UnwritableFolderError(
            f"无法在文件夹中建立政策数据库：{out_path.parent}（{exc.strerror or exc}）"
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(content, tmp, progress)
        os.replace(tmp, out_path)
    except sqlite3.OperationalError as exc:
        if "full" in str(exc).lower():
            raise BuildError(
                "磁盘空间已满，无法建立政策数据库。请清理磁盘空间后重试；原有的数据库没有改动。"
            ) from exc
        raise BuildError(f"无法建立政策数据库：{exc}") from exc
    except OSError as exc:
        raise BuildError(
            f"无法写入政策数据库：{out_path}（{exc.strerror or exc}）。原有的数据库没有改动。"
        ) from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _write(content: BuiltContent, tmp: Path, progress: Progress | None) -> None:
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript((paths.curated_dir() / "schema.sql").read_text(encoding="utf-8"))
        db = sqlite_utils.Database(conn)
        texts = {
            d.id: (paths.documents_dir() / d.source_file).read_text(encoding="utf-8")
            for d in content.documents
        }
        db.table("documents").insert_all(_document_row(d, texts[d.id]) for d in content.documents)
        if progress:
            progress(40, "正在写入政策条目…")
        db.table("items").insert_all(_item_row(i) for i in content.items)
        headlines = _headlines(content.benefits)
        db.table("benefits").insert_all(
            {
                "item_id": k,
                "rules": json.dumps(v, ensure_ascii=False, sort_keys=True),
                "amount_text": headlines[k],
            }
            for k, v in sorted(content.benefits.items())
        )
        meta = {
            "schema_version": SCHEMA_VERSION,
            "data_version": source_digest()[:12],
            "data_date": _data_date(),
            "built_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "document_count": str(len(content.documents)),
            "item_count": str(len(content.items)),
        }
        db.table("meta").insert_all({"key": k, "value": v} for k, v in meta.items())
        for hook in POST_BUILD_HOOKS:
            if progress:
                progress(70, "正在建立检索索引…")
            hook(conn, content.items)
        conn.commit()
        conn.execute("VACUUM")
        record_checksum(conn)
    finally:
        conn.close()


def build_database(out_path: Path, progress: Progress | None = None) -> BuiltContent:
    if progress:
        progress(5, "正在读取政策文件…")
    content = collect_content()
    write_database(content, out_path, progress)
    if progress:
        progress(100, "政策数据库已建立")
    return content


def database_is_current(path: Path) -> bool:
    """True when the file is a readable policy database built from the current inputs."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        finally:
            conn.close()
    except (sqlite3.DatabaseError, ValueError):  # ValueError: undecodable text
        return False
    return row is not None and row[0] == source_digest()[:12]


def sources_available() -> bool:
    return (paths.curated_dir() / "documents.yaml").exists() and paths.documents_dir().exists()


def ensure_policy_db(progress: Progress | None = None, notice: Notice | None = None) -> Path:
    """The path of a usable policy database (policy_db.ensure_policy_db)."""
    from desktop_app.core import policy_db

    return policy_db.ensure_policy_db(progress, notice)
