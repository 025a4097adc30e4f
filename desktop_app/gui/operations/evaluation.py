"""Evaluating an enterprise and saving it with its evaluation: one function each.

`evaluate` runs the engine on the task runner's worker; `save_enterprise` writes on the GUI
thread (the user database's connection belongs to it) in one transaction and says in Chinese
what a failed save means — the saved version is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.core.eligibility.engine import PolicySource, match
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.profile import Profile, ProfileError
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.size_class import SizeInputError
from desktop_app.core.userdata.profiles import (
    EnterpriseRecord,
    ProfileRepository,
    RecordNotFoundError,
)
from desktop_app.core.userdata.user_db import UserDbError
from desktop_app.gui import errors
from desktop_app.gui.tasks import TaskError, TaskRunner


def evaluate(
    runner: TaskRunner,
    data: PolicySource,
    profile: Profile,
    as_of: date,
    registry: FactsRegistry,
    on_done: Callable[[MatchResult], None],
    on_failed: Callable[[str], None],
    *,
    channel: str,
) -> None:
    """Match the profile on the worker; on_failed gets the Chinese message to show."""

    def failed(error: TaskError) -> None:
        on_failed(evaluation_failure(error))

    runner.run(lambda: match(data, profile, as_of, registry), on_done, failed, channel=channel)


def evaluation_failure(error: TaskError) -> str:
    if isinstance(error.exception, SizeInputError | ProfileError):
        return f"无法评估：{error.exception}"
    errors.log_exception(error.exception, error.traceback or None)
    return f"评估没有完成，出现了意外问题。请点“上一步”后再试一次。\n详细记录：{errors.log_path()}"


@dataclass(frozen=True)
class SaveOutcome:
    record: EnterpriseRecord | None  # None: not saved, `problem` says why
    problem: str = ""


def save_enterprise(
    repo: ProfileRepository,
    profile: dict[str, Any],
    record_id: str | None,
    notes: str,
    evaluation: MatchResult | None,
) -> SaveOutcome:
    """Save the profile (and the evaluation, when given) in one transaction."""
    if record_id is not None and not repo.exists(record_id):
        record_id = None  # deleted from the list meanwhile: save as a new enterprise
    try:
        record = repo.save(
            profile,
            record_id,
            notes=notes,
            evaluation=evaluation.to_dict() if evaluation is not None else None,
        )
    except ProfileError as exc:
        return SaveOutcome(None, "所填信息有误：\n" + "\n".join(exc.problems))
    except (RecordNotFoundError, UserDbError, ValueError) as exc:  # UserDbError: what to do
        return SaveOutcome(None, str(exc))
    except Exception as exc:  # disk full, locked file: tell, keep the window open
        errors.log_exception(exc)
        return SaveOutcome(
            None,
            "保存没有成功，已保存的内容保持不变。请稍后再试；如果反复出现，"
            f"请把日志文件发给技术支持：\n{errors.log_path()}",
        )
    return SaveOutcome(record)
