"""How several amounts make one: a sum, one of several alternatives, or a sum under a shared cap.

A measure's amount is the sum of its applicable benefits, except that benefits in one amount
group (db/benefits/README.md, `amount_groups`) combine by the group's mode first:
`alternatives` (分别给予…: the enterprise gets one of them, never their sum) and `shared_cap`
(one 最高… covering several parts: their sum is capped).
"""

from __future__ import annotations

from decimal import Decimal

from desktop_app.core.eligibility.amounts import EXACT, NOT_COMPUTABLE, RANGE, UP_TO, AmountResult
from desktop_app.core.eligibility.money import format_in, format_yuan, to_yuan
from desktop_app.core.eligibility.rules import AmountGroup


def bounds(amount: AmountResult) -> tuple[Decimal, Decimal]:
    """The least and the most an amount can be; (0, 0) when it cannot be computed."""
    value = amount.value_yuan
    if value is None or amount.kind == NOT_COMPUTABLE:
        return Decimal(0), Decimal(0)
    if amount.kind == EXACT:
        return value, value
    if amount.kind == RANGE:
        return amount.min_yuan or Decimal(0), value
    return Decimal(0), value


def _from_bounds(low: Decimal, high: Decimal, working: str) -> AmountResult:
    if high == low:
        return AmountResult(EXACT, format_yuan(low), working, value_yuan=low)
    if low == 0:
        return AmountResult(UP_TO, f"最高{format_yuan(high)}", working, value_yuan=high)
    return AmountResult(
        RANGE, f"{format_yuan(low)}至{format_yuan(high)}", working, value_yuan=high, min_yuan=low
    )


def _unstated(amounts: list[AmountResult]) -> AmountResult:
    # a money benefit whose amount is unstated says more than "non-monetary support"
    texts = [a.text for a in amounts]
    text = next((t for t in texts if t != "非资金支持"), texts[0] if texts else "原文未注明金额")
    return AmountResult(NOT_COMPUTABLE, text, "；".join(a.working for a in amounts))


def total(amounts: list[AmountResult]) -> AmountResult:
    """The sum of amounts that all apply together."""
    if len(amounts) == 1:
        return amounts[0]
    parts = [a.working for a in amounts if a.kind != NOT_COMPUTABLE]
    if not parts:
        return _unstated(amounts)
    low = sum((bounds(a)[0] for a in amounts), Decimal(0))
    high = sum((bounds(a)[1] for a in amounts), Decimal(0))
    return _from_bounds(low, high, "；".join(parts))


def alternatives(members: list[tuple[str, AmountResult, bool]], group: AmountGroup) -> AmountResult:
    """One of the members, never their sum. members: (label, amount, condition met)."""
    if len(members) == 1:
        return members[0][1]
    computable = [(label, a, met) for label, a, met in members if a.kind != NOT_COMPUTABLE]
    if not computable:
        return _unstated([a for _, a, _ in members])
    listing = "；".join(f"{label}：{a.text}" for label, a, _ in members)
    working = f"以下各项只能取其一，不累加（{group.quote}）：{listing}"
    highs = [bounds(a)[1] for _, a, _ in computable]
    if all(met for _, _, met in members) and len(computable) == len(members):
        # every alternative's condition is met: at least the smallest, at most the largest
        low = min(bounds(a)[0] for _, a, _ in computable)
        return _from_bounds(low, max(highs), working)
    return _from_bounds(Decimal(0), max(highs), working)


def shared_cap(amounts: list[AmountResult], group: AmountGroup) -> AmountResult:
    """The members' sum, capped by the one cap the text gives for all of them."""
    summed = total(amounts)
    if summed.kind == NOT_COMPUTABLE or group.cap is None:
        return summed
    cap = to_yuan(group.cap, group.cap_unit)
    cap_text = format_in(group.cap, group.cap_unit)
    low, high = bounds(summed)
    working = summed.working + f"；各项合计不超过{cap_text}（{group.quote}）"
    if high > cap:
        working += f"，按{cap_text}计"
    return _from_bounds(min(low, cap), min(high, cap), working)
