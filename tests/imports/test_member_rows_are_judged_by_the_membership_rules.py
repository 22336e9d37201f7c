"""Each row is judged like a member typed into the form: dates, ages, names, gender."""

import pytest

from guong.core.errors import Invalid
from guong.core.imports import run_import

from .conftest import good_members, member_row


def errors_of(world, members_file, rows, actor=None):
    with pytest.raises(Invalid) as error:
        run_import("members", members_file(rows), "f.csv", actor=actor or world.staff)
    return [(e["row"], e["field"], e["message"]) for e in error.value.errors]


def test_an_impossible_date_is_named_with_its_row_and_column(world, members_file):
    assert errors_of(world, members_file, [member_row("20000001", birth="31/02/1980")]) == [
        (2, "birth_date", "“31/02/1980” is not a real date: check the day and the month.")
    ]


def test_a_date_that_is_not_a_date_and_a_missing_date(world, members_file):
    errors = errors_of(world, members_file, [member_row("20000001", birth="năm 1980", admitted="")])
    assert [(row, field) for row, field, _ in errors] == [(2, "birth_date"), (2, "admitted_on")]
    assert "dd/mm/yyyy" in errors[0][2]
    assert errors[1][2] == "This date is required."


def test_a_member_older_than_120_years(world, members_file):
    assert errors_of(world, members_file, [member_row("20000001", birth="01/01/1890")]) == [
        (2, "birth_date", "The member would be older than 120 years.")
    ]


def test_admitted_before_birth(world, members_file):
    assert errors_of(
        world,
        members_file,
        [member_row("20000001", birth="01/01/1990", admitted="01/01/1985", official="01/01/1986")],
    ) == [(2, "admitted_on", "The admission date is before the birth date.")]


def test_iso_dates_are_read_too(world, members_file):
    _, result = run_import(
        "members",
        members_file(
            [
                member_row(
                    "20000001", birth="1980-08-15", admitted="2005-05-19", official="2006-05-19"
                )
            ]
        ),
        "f.csv",
        actor=world.staff,
    )
    assert result.created == 1


def test_a_short_card_number_and_an_unknown_gender(world, members_file):
    errors = errors_of(world, members_file, [member_row("1234", gender="khác")])
    assert [(row, field) for row, field, _ in errors] == [(2, "card_number"), (2, "gender")]


def test_three_bad_rows_give_three_row_numbers(world, members_file):
    rows = good_members(6)
    rows[0][2] = "30/02/1979"
    rows[2][5] = "01/01/1970"  # admitted before the 1980 birth
    rows[5][2] = "01/01/1800"
    assert sorted({row for row, _, _ in errors_of(world, members_file, rows)}) == [2, 4, 7]
