"""One schema for everything that comes from outside: profiles, export files, CLI arguments.

Every check lives here (values.py for the kinds of value, one module per kind of input) and
every failure is an InputError whose `problems` are Chinese sentences naming the field.
`validate_profile(data) -> Profile` raises ProfileError (an InputError) and nothing else.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.schema.errors import InputError, ProfileError
from desktop_app.core.schema.json_input import load_json

__all__ = ["InputError", "ProfileError", "load_json", "validate_profile"]


def __getattr__(name: str) -> Any:
    # lazily: the profile schema imports the Profile type, whose module imports ProfileError
    if name == "validate_profile":
        from desktop_app.core.schema.profile import validate_profile

        return validate_profile
    raise AttributeError(name)
