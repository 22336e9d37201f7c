"""Believable members: ages by kind of cell, admission at 18 or later, official 12 months on."""

from __future__ import annotations

import datetime as dt
import random

from guong.members.rules import add_months

from . import names

PROBATION_MONTHS = 12  # Charter Art. 5; the demo's records follow the rule set in force
MIN_ADMISSION_AGE = 18

# (youngest, oldest, weight): the age today of the members of each kind of cell. Village cells
# hold many retired people; agencies people of working age; the armed forces younger ones.
AGES = {
    "village": (
        (22, 30, 6),
        (31, 40, 12),
        (41, 50, 14),
        (51, 60, 18),
        (61, 70, 22),
        (71, 80, 18),
        (81, 92, 10),
    ),
    "working": ((23, 30, 15), (31, 40, 32), (41, 50, 28), (51, 60, 25)),
    "young": ((21, 30, 35), (31, 40, 40), (41, 50, 25)),
}
MALE_SHARE = {"village": 0.6, "working": 0.5, "young": 0.85}
PROBATIONARY_SHARE = 0.05
# Admitted 12 to 20 months ago and still probationary when registered: the demo then records
# their recognition as full members, so the history shows that step too.
RECOGNIZED_SHARE = 0.01


def standing(rng: random.Random, admitted_before: dt.date | None) -> str:
    """How far along a new member is: "full", "recognized" (see above) or "probationary"."""
    if admitted_before is not None:
        return "full"
    draw = rng.random()
    if draw < PROBATIONARY_SHARE:
        return "probationary"
    if draw < PROBATIONARY_SHARE + RECOGNIZED_SHARE:
        return "recognized"
    return "full"


def birthday(birth: dt.date, age: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # born on 29 February
        return dt.date(birth.year + age, 3, 1)


def random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return dt.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def birth_date(
    rng: random.Random, profile: str, today: dt.date, ages: tuple[int, int] | None = None
) -> dt.date:
    if ages is None:
        buckets = AGES[profile]
        youngest, oldest, _ = rng.choices(buckets, weights=[b[2] for b in buckets])[0]
    else:
        youngest, oldest = ages
    return random_day(
        rng, birthday(today, -oldest - 1) + dt.timedelta(days=1), birthday(today, -youngest)
    )


def admission(
    rng: random.Random, birth: dt.date, kind: str, today: dt.date, admitted_before: dt.date | None
) -> dt.date:
    """The admission ceremony: mostly in one's twenties, never before 18, and early enough
    for the standing asked (12 months of probation behind a full member)."""
    earliest = birthday(birth, MIN_ADMISSION_AGE)
    if kind == "probationary":
        return random_day(
            rng, max(earliest, today - dt.timedelta(days=330)), today - dt.timedelta(days=20)
        )
    if kind == "recognized":
        return random_day(rng, max(earliest, add_months(today, -20)), add_months(today, -13))
    latest = add_months(today, -13)
    if admitted_before is not None:
        latest = min(latest, admitted_before)
    age = max(MIN_ADMISSION_AGE, round(rng.triangular(18, 42, 24)))
    wanted = random_day(rng, birthday(birth, age), birthday(birth, age + 1))
    if wanted <= latest:
        return wanted
    return random_day(rng, max(earliest, add_months(latest, -24)), latest)


def person(
    rng: random.Random,
    *,
    profile: str,
    card_number: str,
    residence: str,
    today: dt.date,
    admitted_before: dt.date | None = None,
) -> dict:
    """The fields `members.services.create_member` takes, for one invented member."""
    kind = standing(rng, admitted_before)
    ages = (19, 40) if kind != "full" else None
    birth = birth_date(rng, profile, today, ages)
    if birthday(birth, MIN_ADMISSION_AGE) > add_months(today, -13) and kind == "full":
        kind = "probationary"
    gender = "male" if rng.random() < MALE_SHARE[profile] else "female"
    admitted = admission(rng, birth, kind, today, admitted_before)
    official = add_months(admitted, PROBATION_MONTHS) if kind == "full" else None
    return {
        "card_number": card_number,
        "full_name": names.full_name(rng, gender, birth.year),
        "birth_date": birth,
        "gender": gender,
        "admitted_on": admitted,
        "official_on": official,
        "residence": residence,
    }
