"""Each saved enterprise's last evaluation (on or before a date), read for all enterprises in
one query with its compact per-measure summary (saved_measures.py), and the back-fill of that
summary for evaluations saved before it existed."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.core.userdata.profiles import EvaluationRecord, ProfileRepository, _evaluation
from desktop_app.core.userdata.saved_measures import SavedMeasure, pack_measures, unpack_measures
from desktop_app.core.userdata.user_db import UserDbError, transaction

if TYPE_CHECKING:
    from desktop_app.core.userdata.salvage import UserSalvage

log = logging.getLogger(__name__)

_COLUMNS = (
    "id, enterprise_id, created, as_of, data_version, eligible, possible, ineligible, "
    "not_in_force, total_text, data_label, measures"
)
# the blob of the whole result is never read here: it is what makes reading slow
_LAST = (
    f"SELECT {_COLUMNS} FROM (SELECT {_COLUMNS}, ROW_NUMBER() OVER "
    "(PARTITION BY enterprise_id ORDER BY created DESC) AS n FROM evaluations "
    "WHERE ? IS NULL OR substr(created, 1, 10) <= ?) WHERE n = 1"
)


@dataclass(frozen=True)
class Baseline:
    evaluation: EvaluationRecord  # without the stored result
    measures: dict[str, SavedMeasure] | None  # None: not stored, read the whole result


def last_evaluations(repo: ProfileRepository, since: date | None = None) -> dict[str, Baseline]:
    """By enterprise id: its last evaluation saved on or before `since` (default: its last)."""
    day = since.isoformat() if since is not None else None

    def read() -> dict[str, Baseline]:
        return {
            row["enterprise_id"]: Baseline(
                _evaluation(row, with_result=False), unpack_measures(row["measures"])
            )
            for row in repo.conn.execute(_LAST, (day, day))
        }

    def salvaged(damage: UserSalvage) -> dict[str, Baseline]:
        # a damaged file: what could be read, compared from each whole result
        out = {}
        for enterprise_id, records in damage.evaluations.items():
            kept = [e for e in records if day is None or e.created[:10] <= day]
            if kept:
                out[enterprise_id] = Baseline(kept[0], None)
        return out

    return repo._reading(read, salvaged)


def backfill_measures(repo: ProfileRepository, found: dict[str, dict[str, SavedMeasure]]) -> None:
    """Store the summaries read from whole results (by evaluation id), so the next check reads
    only those; best effort: a busy or damaged database is left as it is."""
    if not found or repo.damage is not None:
        return
    try:
        with transaction(repo.conn):
            repo.conn.executemany(
                "UPDATE evaluations SET measures = ? WHERE id = ? AND measures IS NULL",
                [(pack_measures(m), eval_id) for eval_id, m in found.items()],
            )
    except (UserDbError, sqlite3.Error) as exc:
        log.warning("could not store evaluation summaries: %s", exc)
