"""Membership rules (DOMAIN.md, Members), each judged by the rule set in force on the date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from guong.core.models import RuleSet

from .models import Status

CARD_NUMBER = re.compile(r"^\d{8,20}$")
# A plausibility bound, not a regulation: nobody on a register is older than this.
MAX_PLAUSIBLE_AGE = 120

# Which standing may follow which (Charter Art. 8 and 294-QĐ/TW). Readmission after removal or
# expulsion is a new admission with a new probation, so it leads back to probationary.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PROBATIONARY: frozenset(
        {Status.FULL, Status.SUSPENDED, Status.TRANSFERRED_OUT, Status.REMOVED, Status.DECEASED}
    ),
    Status.FULL: frozenset(
        {
            Status.EXEMPT,
            Status.SUSPENDED,
            Status.TRANSFERRED_OUT,
            Status.REMOVED,
            Status.EXPELLED,
            Status.DECEASED,
        }
    ),
    Status.EXEMPT: frozenset(
        {
            Status.FULL,
            Status.SUSPENDED,
            Status.TRANSFERRED_OUT,
            Status.REMOVED,
            Status.EXPELLED,
            Status.DECEASED,
        }
    ),
    Status.SUSPENDED: frozenset(
        {Status.FULL, Status.PROBATIONARY, Status.REMOVED, Status.EXPELLED, Status.DECEASED}
    ),
    Status.TRANSFERRED_OUT: frozenset({Status.FULL, Status.PROBATIONARY}),
    Status.REMOVED: frozenset({Status.PROBATIONARY}),
    Status.EXPELLED: frozenset({Status.PROBATIONARY}),
    Status.DECEASED: frozenset(),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    rule_set: RuleSet | None = None
    article: str = ""


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def can_change_status(member, new_status: str, on: dt.date, rules: RuleSet) -> Decision:
    """Whether `member` may move to `new_status` on `on`, and why not."""
    if new_status not in TRANSITIONS.get(member.status, ()):
        return Decision(
            False,
            _("A member who is %(old)s cannot become %(new)s.")
            % {"old": Status(member.status).label, "new": Status(new_status).label},
        )
    if on < (member.status_since or member.admitted_on):
        return Decision(False, _("The date is before the member's current standing began."))
    params = rules.params
    if member.status == Status.PROBATIONARY and new_status == Status.FULL:
        due = add_months(member.admitted_on, params["probation_months"])
        if on < due:
            return Decision(
                False,
                _("Probation lasts %(months)s months, until %(date)s.")
                % {"months": params["probation_months"], "date": due.strftime("%d/%m/%Y")},
                rules,
                rules.cite("probation_months"),
            )
    if member.status in (Status.REMOVED, Status.EXPELLED):
        earliest = add_months(member.status_since, params["readmission_min_months"])
        if on < earliest:
            return Decision(
                False,
                _("Readmission is possible from %(date)s.")
                % {"date": earliest.strftime("%d/%m/%Y")},
                rules,
                rules.cite("readmission_min_months"),
            )
    return Decision(True, "", rules)


def exemption_age(gender: str, rules: RuleSet) -> int:
    key = "exemption_age_male" if gender == "male" else "exemption_age_female"
    return rules.params[key]


def member_errors(data: dict, *, today: dt.date, rules: RuleSet) -> list[dict]:
    """Field errors for a member's record; shared by the forms, the API and imports."""
    errors: list[dict] = []

    def fail(field: str, message: str) -> None:
        errors.append({"field": field, "message": message})

    card = data.get("card_number") or ""
    if not CARD_NUMBER.match(card):
        fail("card_number", _("The card number must have at least 8 digits and only digits."))
    if len((data.get("full_name") or "").split()) < 2:
        fail("full_name", _("Write the full name: family, middle and given names."))
    birth, admitted, official = (
        data.get("birth_date"),
        data.get("admitted_on"),
        data.get("official_on"),
    )
    if birth:
        if birth > today:
            fail("birth_date", _("The birth date is in the future."))
        elif age_on(birth, today) > MAX_PLAUSIBLE_AGE:
            fail(
                "birth_date",
                _("The member would be older than %(age)s years.") % {"age": MAX_PLAUSIBLE_AGE},
            )
    if admitted:
        if admitted > today:
            fail("admitted_on", _("The admission date is in the future."))
        elif birth and admitted <= birth:
            fail("admitted_on", _("The admission date is before the birth date."))
        elif birth and age_on(birth, admitted) < rules.params["min_admission_age"]:
            fail(
                "admitted_on",
                _("A member is admitted at %(age)s years of age at the youngest.")
                % {"age": rules.params["min_admission_age"]},
            )
    if official and admitted:
        due = add_months(admitted, rules.params["probation_months"])
        if official < due:
            fail(
                "official_on",
                _(
                    "Official membership starts after %(months)s months of "
                    "probation, on %(date)s at the earliest."
                )
                % {"months": rules.params["probation_months"], "date": due.strftime("%d/%m/%Y")},
            )
        elif official > today:
            fail("official_on", _("The official date is in the future."))
    if data.get("gender") not in ("male", "female"):
        fail("gender", _("The gender must be male or female (nam or nữ)."))
    return errors
