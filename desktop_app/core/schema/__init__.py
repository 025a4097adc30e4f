"""One schema for everything that comes from outside: profiles, export files, CLI arguments.

Every check lives here (values.py for the kinds of value, one module per kind of input) and
every failure is an InputError whose `problems` are Chinese sentences naming the field.
"""

from desktop_app.core.schema.errors import InputError, ProfileError
from desktop_app.core.schema.json_input import load_json
from desktop_app.core.schema.profile import validate_profile

__all__ = ["InputError", "ProfileError", "load_json", "validate_profile"]
