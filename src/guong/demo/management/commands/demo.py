"""`guong demo`: the demo province, or (`--members N`) large data for benchmarks."""

from django.core.management.base import BaseCommand, CommandError

from guong.core.commands import command_actor, error_text
from guong.core.errors import Forbidden, Invalid, NotFound
from guong.core.text import format_number
from guong.demo import bulk, story
from guong.demo.accounts import DEMO_PASSWORD
from guong.members.models import Member
from guong.org.models import Unit


class Command(BaseCommand):
    help = (
        "Build the demo province on an empty database: units with their 2025 restructuring, "
        f"{format_number(story.DEFAULT_MEMBERS)} members with their history, and one login per "
        "role, printed at the end. With --members N, generate large data for benchmarks "
        "instead (bulk writes that bypass the per-row services: for benchmarks only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing, quietly, when the database already has units (what `make run` uses)",
        )
        parser.add_argument(
            "--members", type=int, metavar="N", help="benchmarks only: generate N members in bulk"
        )
        parser.add_argument(
            "--units",
            type=int,
            metavar="U",
            help=f"with --members: how many units (default N/{bulk.MEMBERS_PER_UNIT})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=story.DEFAULT_SEED,
            help="the same seed gives the same data (default %(default)s)",
        )

    def handle(self, *args, if_empty, members, units, seed, **options):
        if units is not None and members is None:
            raise CommandError("--units goes with --members.")
        if Unit.objects.exists() or Member.objects.exists():
            if if_empty:
                return
            raise CommandError(
                f"The database already has {format_number(Unit.objects.count())} units: "
                "`guong demo` only builds on an empty database. Use a new GUONG_DATABASE_URL "
                "(or GUONG_DATA_DIR), or pass --if-empty to skip quietly."
            )
        actor = command_actor(None)
        if members is not None:
            self._generate(actor, members, units, seed)
        else:
            self._build(actor, seed)

    def _build(self, actor, seed):
        try:
            demo = story.build(actor=actor, seed=seed)
        except (Invalid, NotFound, Forbidden) as error:
            raise CommandError(error_text(error)) from None
        self.stdout.write(
            f"Demo province “{demo.root.name}” built: {format_number(demo.units)} units, "
            f"{format_number(demo.members)} members (invented names and places).\n"
        )
        rows = [("username", "password", "role", "unit")]
        rows += [
            (a.username, DEMO_PASSWORD, a.role, f"{a.unit.name} ({a.unit.code})")
            for a in demo.accounts
        ]
        self.stdout.write(_table(rows))

    def _generate(self, actor, members, units, seed):
        if members < 1:
            raise CommandError("--members must be at least 1.")
        try:
            result = bulk.generate(actor=actor, members=members, units=units, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Generated {format_number(result.members)} members in "
            f"{format_number(result.units)} units in {format_number(result.seconds, 1)} s "
            "(benchmark data: no per-row history)."
        )


def _table(rows: list[tuple[str, ...]]) -> str:
    """Columns padded to their widest cell; the last one is left ragged."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )
