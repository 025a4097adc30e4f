"""An enterprise profile: what the user entered. Missing fields mean unknown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.schema.errors import ProfileError
from desktop_app.core.size_class import SIZES

__all__ = [
    "ENTITY_TYPES",
    "MAX_CONTACT",
    "MAX_NAME",
    "SIZES",
    "Profile",
    "ProfileError",
    "Qualification",
]

ENTITY_TYPES = {"enterprise": "企业", "individual_business": "个体工商户"}
MAX_NAME = 300
MAX_CONTACT = 100  # 联系人和电话: a line on the printed 告知单


@dataclass(frozen=True)
class Qualification:
    id: str
    granted: date | None = None


@dataclass(frozen=True)
class SizeOverride:
    size: str
    reason: str


@dataclass(frozen=True)
class Profile:
    name: str | None = None
    region: str | None = None
    industry: str | None = None
    employees: float | None = None
    revenue: float | None = None
    assets: float | None = None
    established: date | None = None
    entity_type: str | None = None
    qualifications: tuple[Qualification, ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)
    size_override: SizeOverride | None = None
    # printed on the 告知单 to identify the enterprise; never part of any eligibility test
    credit_code: str | None = None  # 统一社会信用代码, checked (core.credit_code)
    contact: str | None = None  # 联系人、电话, free text

    def qualification(self, qual_id: str) -> Qualification | None:
        return next((q for q in self.qualifications if q.id == qual_id), None)

    @classmethod
    def from_dict(
        cls, data: Any, registry: FactsRegistry | None = None, *, as_of: date | None = None
    ) -> Profile:
        """Validated through the one profile schema (core.schema.profile); raises
        ProfileError, never anything else."""
        from desktop_app.core.schema.profile import validate_profile

        return validate_profile(data, registry, as_of=as_of)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "region": self.region,
            "industry": self.industry,
            "employees": self.employees,
            "revenue": self.revenue,
            "assets": self.assets,
            "established": self.established.isoformat() if self.established else None,
            "entity_type": self.entity_type,
            "qualifications": [
                {"id": q.id, "granted": q.granted.isoformat() if q.granted else None}
                for q in self.qualifications
            ],
            "facts": dict(self.facts),
            "size_override": (
                {"size": self.size_override.size, "reason": self.size_override.reason}
                if self.size_override
                else None
            ),
            "credit_code": self.credit_code,
            "contact": self.contact,
        }
