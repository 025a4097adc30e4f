"""Shared fixtures: a real policy database built once per session into a temp folder, and a
private user-data folder for every test so nothing touches the real home directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def policy_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop_app.core.build_db import build_database

    path = tmp_path_factory.mktemp("policydb") / "policies.sqlite"
    build_database(path)
    return path


@pytest.fixture(autouse=True)
def isolated_user_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, policy_db_path: Path
) -> Iterator[Path]:
    home = tmp_path / "user-data"
    monkeypatch.setenv("POLICY_DESK_HOME", str(home))
    monkeypatch.setenv("POLICY_DESK_DB", str(policy_db_path))
    yield home


@pytest.fixture(scope="session")
def store(policy_db_path: Path):
    from desktop_app.core.store import PolicyStore

    s = PolicyStore.open(policy_db_path)
    yield s
    s.close()
