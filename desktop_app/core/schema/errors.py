"""The one error type of the schema layer."""

from __future__ import annotations


class InputError(ValueError):
    """Input from outside does not fit its schema; `problems` lists each in Chinese, each
    sentence naming the field it is about."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


class ProfileError(InputError):
    """An enterprise profile does not fit the profile schema."""
