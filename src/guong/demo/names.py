"""Vietnamese names drawn with the frequencies of the lists under `demo/data/`."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
# Văn and Thị grow rarer in generations born after this year (see middle_names.txt).
GENERATION_YEAR = 1975


@dataclass(frozen=True)
class Choices:
    """Names and their cumulative weights, ready for `random.Random.choices`."""

    names: tuple[str, ...]
    cum_weights: tuple[float, ...]

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.cum_weights)[0]


def _rows(filename: str) -> list[list[str]]:
    lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def _choices(pairs: list[tuple[str, float]]) -> Choices:
    total, cumulative = 0.0, []
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return Choices(tuple(name for name, _ in pairs), tuple(cumulative))


@functools.cache
def family_names() -> Choices:
    return _choices([(name, float(weight)) for name, weight in _rows("family_names.txt")])


@functools.cache
def middle_names(gender: str, older: bool) -> Choices:
    return _choices(
        [
            (name, float(old if older else young))
            for sex, name, old, young in _rows("middle_names.txt")
            if sex == gender
        ]
    )


@functools.cache
def given_names(gender: str) -> Choices:
    return _choices(
        [(name, float(weight)) for sex, name, weight in _rows("given_names.txt") if sex == gender]
    )


def full_name(rng: random.Random, gender: str, birth_year: int) -> str:
    """A family, middle and given name for a person of `gender` born in `birth_year`."""
    older = birth_year < GENERATION_YEAR
    return " ".join(
        (
            family_names().pick(rng),
            middle_names(gender, older).pick(rng),
            given_names(gender).pick(rng),
        )
    )
