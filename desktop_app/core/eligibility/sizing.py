"""The enterprise's size class for the engine: a stated override, or the size standard."""

from __future__ import annotations

from desktop_app.core import size_class
from desktop_app.core.eligibility.conditions import SIZE_LABELS
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import SizeInfo


def size_of(profile: Profile) -> SizeInfo:
    if profile.size_override:
        o = profile.size_override
        label = SIZE_LABELS[o.size]
        return SizeInfo(
            o.size,
            label,
            f"手动指定为{label}企业，理由：{o.reason}",
            None,
            {"size": o.size, "reason": o.reason},
        )
    if profile.industry is None:
        return SizeInfo(None, "无法判断", "未填写所属行业，无法划型", None, None)
    result = size_class.classify(
        profile.industry,
        profile.employees,
        profile.revenue,
        profile.assets,
        individual_business=profile.entity_type == "individual_business",
    )
    return SizeInfo(result.size, result.size_label, result.explanation, result.to_dict(), None)
