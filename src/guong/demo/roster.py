"""Filling the demo's cells with members, each registered through `members.services`."""

from __future__ import annotations

import datetime as dt
import random

from guong.core.imports import Sheet, SheetRow
from guong.members.imports import import_members

from . import people
from .province import Province

# Demo card numbers: 8 digits, in a range that no test factory or import sample uses.
FIRST_CARD = 52_010_001
REGISTER_FILE = "so-dang-vien-tinh-son-lam-mau.xlsx"  # named in the import's audit event


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders), summing exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def fill(province: Province, *, actor, total: int, rng: random.Random, today: dt.date) -> int:
    """Register `total` members over the province's cells, the way a province loads its
    register: one import (members.imports), every row judged by the membership rules."""
    counts = allocate(total, [cell.weight for cell in province.cells])
    rows, card = [], FIRST_CARD
    for cell, count in zip(province.cells, counts, strict=True):
        places = cell.places or province.addresses
        for _ in range(count):
            data = people.person(
                rng,
                profile=cell.profile,
                card_number=str(card),
                residence=rng.choice(places),
                today=today,
                admitted_before=cell.admitted_before,
            )
            data["unit_code"] = cell.unit.code
            rows.append(SheetRow(number=len(rows) + 2, values=data))
            card += 1
    sheet = Sheet(
        name=REGISTER_FILE, sha256="", rows=rows, headers={field: field for field in rows[0].values}
    )
    return import_members(sheet, actor=actor).created
