"""Export all enterprises to one file and import them back: round trips with hostile names,
dedupe by id (update only when newer), name clashes, and broken files that change nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app import paths
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.exchange import (
    FORMAT,
    FORMAT_VERSION,
    ExchangeError,
    export_file,
    import_file,
)
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db

SAMPLE = paths.resources_dir() / "samples" / "xiamen-manufacturer.json"
HOSTILE_NAMES = [
    "厦门“引号”与'单引号'公司",
    "100%_纯\\反斜杠 公司",
    "<b>标签</b>&amp; R&D 公司",
    "Robert'); DROP TABLE enterprises;--",
    "emoji 🏭 工厂",
    "ＡＢＣ全角公司",
    "名" * 300,
]


@pytest.fixture
def repo() -> Iterator[ProfileRepository]:
    opened = open_user_db()
    yield ProfileRepository(opened.conn)
    opened.conn.close()


def sample(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def snapshot(repo: ProfileRepository) -> list[tuple[Any, ...]]:
    return [
        (
            r.id,
            r.name,
            r.notes,
            r.updated,
            json.dumps(r.profile, sort_keys=True),
            r.evaluation_count,
        )
        for r in repo.search()
    ]


def fresh_repo(tmp_path: Path, name: str) -> ProfileRepository:
    return ProfileRepository(open_user_db(tmp_path / name).conn)


def test_round_trip_with_hostile_names_and_history(
    repo: ProfileRepository, store: PolicyStore, tmp_path: Path
) -> None:
    result = match(store, Profile.from_dict(sample()), date(2026, 11, 22)).to_dict()
    for name in HOSTILE_NAMES:
        repo.save(sample(name=name), notes=f"备注：{name}", evaluation=result)
    path = tmp_path / "导出 文件.json"
    assert export_file(repo, path) == len(HOSTILE_NAMES)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["format_version"] == FORMAT_VERSION

    other = fresh_repo(tmp_path, "other.sqlite")
    report = import_file(other, path)
    assert report.added == len(HOSTILE_NAMES) and report.problems == []
    assert report.evaluations_added == len(HOSTILE_NAMES)
    assert snapshot(other) == snapshot(repo)
    for record in other.search():
        history = other.evaluations(record.id)
        assert len(history) == 1
        assert other.get_evaluation(history[0].id).result == json.loads(
            json.dumps(result, ensure_ascii=False)
        )
    other.conn.close()


def test_importing_the_same_file_twice_changes_nothing(
    repo: ProfileRepository, tmp_path: Path
) -> None:
    repo.save(sample())
    path = tmp_path / "out.json"
    export_file(repo, path)
    before = snapshot(repo)
    report = import_file(repo, path)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert snapshot(repo) == before


def test_same_id_updates_only_when_the_file_is_newer(
    repo: ProfileRepository, tmp_path: Path
) -> None:
    record = repo.save(sample())
    old_file = tmp_path / "old.json"
    export_file(repo, old_file)
    repo.save(sample(employees=200), record.id)  # edited after the export
    report = import_file(repo, old_file)
    assert report.unchanged == 1 and report.updated == 0
    assert repo.get(record.id).to_profile().employees == 200

    new_file = tmp_path / "new.json"
    export_file(repo, new_file)
    colleague = fresh_repo(tmp_path, "colleague.sqlite")
    import_file(colleague, old_file)  # the colleague has the old version
    report = import_file(colleague, new_file)
    assert report.updated == 1
    assert colleague.get(record.id).to_profile().employees == 200
    colleague.conn.close()


def test_same_name_different_id_is_imported_as_another_enterprise(
    repo: ProfileRepository, tmp_path: Path
) -> None:
    repo.save(sample())
    other = fresh_repo(tmp_path, "other.sqlite")
    other.save(sample(employees=10))
    path = tmp_path / "other.json"
    export_file(other, path)
    report = import_file(repo, path)
    assert report.added == 1
    assert any("同名" in note for note in report.notes)
    assert len(repo.search("厦门示例")) == 2
    other.conn.close()


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def envelope(enterprises: Any) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "enterprises": enterprises}


def test_bad_entries_are_skipped_and_reported_in_chinese(
    repo: ProfileRepository, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "mixed.json",
        envelope(
            [
                {"id": "a1", "profile": {"name": "好企业"}},
                {"id": "a2", "profile": {"name": "坏人数", "employees": -5}},
                "不是对象",
                {"id": "a3", "profile": {"name": "坏事项", "facts": {"no_such_fact": 1}}},
                {
                    "id": "a4",
                    "profile": {"name": "评估坏了"},
                    "evaluations": [{"id": "e1", "result": {"as_of": "x"}}],
                },
            ]
        ),
    )
    report = import_file(repo, path)
    assert report.added == 2
    assert {r.name for r in repo.search()} == {"好企业", "评估坏了"}
    assert len(report.problems) == 4
    assert "第2条企业记录“坏人数”" in report.problems[0] and "从业人员" in report.problems[0]
    assert "第3条企业记录" in report.problems[1]
    assert "未知的事项" in report.problems[2]
    assert "评估记录不完整" in report.problems[3]
    assert "跳过" in report.summary


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "不是有效的企业信息导出文件"),
        (b"\xff\xfe\x00garbage", "不是有效的企业信息导出文件"),
        (b"[]", "不是惠企政策通导出的"),
        (json.dumps({"format": "other"}).encode(), "不是惠企政策通导出的"),
        (
            json.dumps({"format": FORMAT, "format_version": 99, "enterprises": []}).encode(),
            "更新版本",
        ),
        (
            json.dumps({"format": FORMAT, "format_version": 1, "enterprises": {}}).encode(),
            "没有企业列表",
        ),
        (json.dumps({"format": FORMAT, "enterprises": []}).encode(), "格式版本"),
    ],
)
def test_broken_file_gives_chinese_error_and_changes_nothing(
    repo: ProfileRepository, tmp_path: Path, content: bytes, message: str
) -> None:
    repo.save(sample())
    before = snapshot(repo)
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(ExchangeError, match=message):
        import_file(repo, path)
    assert snapshot(repo) == before


def test_missing_file(repo: ProfileRepository, tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="找不到文件"):
        import_file(repo, tmp_path / "nope.json")


def test_failure_half_way_through_an_import_writes_nothing(
    repo: ProfileRepository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.save(sample())
    before = snapshot(repo)
    path = write(
        tmp_path / "many.json",
        envelope([{"id": f"id{n}", "profile": {"name": f"企业{n}"}} for n in range(5)]),
    )
    calls = {"n": 0}
    original = repo._write

    def flaky(*args: Any, **kwargs: Any) -> str:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(repo, "_write", flaky)
    with pytest.raises(OSError):
        import_file(repo, path)
    monkeypatch.undo()
    assert snapshot(repo) == before


def test_export_to_unwritable_place_keeps_old_file(repo: ProfileRepository, tmp_path: Path) -> None:
    repo.save(sample())
    with pytest.raises(ExchangeError, match="无法在文件夹中创建文件"):
        export_file(repo, tmp_path / "no-such-folder" / "out.json")
    folder = tmp_path / "exports"
    taken = folder / "taken.json"
    taken.mkdir(parents=True)  # a folder where the file should go: the replace fails
    with pytest.raises(ExchangeError, match="无法写入"):
        export_file(repo, taken)
    assert taken.is_dir() and [p.name for p in folder.iterdir()] == ["taken.json"]  # no temp
    target = tmp_path / "out.json"
    target.write_text("old content", encoding="utf-8")
    export_file(repo, target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == FORMAT
    assert not list(tmp_path.glob(".export-*"))
