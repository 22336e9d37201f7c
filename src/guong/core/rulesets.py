"""Rule sets ship as TOML files under `guong/rulesets/`, one per set, reviewed like code.

`sync_from_files()` loads them into the database (a data migration and `guong rulesets sync`
call it); `in_force(family, on)` picks the set that judges a fact dated `on`.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import Invalid
from .models import RuleSet

RULESET_DIR = Path(__file__).resolve().parent.parent / "rulesets"


def in_force(family: str, on: dt.date) -> RuleSet:
    rule_set = (
        RuleSet.objects.filter(family=family, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-valid_from")
        .first()
    )
    if rule_set is None:
        raise Invalid(
            [
                {
                    "field": "date",
                    "message": _("No %(family)s rule set is in force on %(date)s.")
                    % {"family": family, "date": on.strftime("%d/%m/%Y")},
                }
            ]
        )
    return rule_set


def read_file(path: Path) -> dict:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    missing = {"family", "code", "title", "valid_from", "source", "params"} - data.keys()
    if missing:
        raise ValueError(f"{path.name}: missing {', '.join(sorted(missing))}")
    return data


def sync_from_files(rule_set_model=RuleSet, directory: Path = RULESET_DIR) -> int:
    """Create or update every rule set found in `directory`; returns how many were read."""
    count = 0
    for path in sorted(directory.glob("*.toml")):
        data = read_file(path)
        rule_set_model.objects.update_or_create(
            code=data["code"],
            defaults={
                "family": data["family"],
                "title": data["title"],
                "valid_from": data["valid_from"],
                "valid_to": data.get("valid_to"),
                "source": data["source"],
                "params": data["params"],
            },
        )
        count += 1
    return count
