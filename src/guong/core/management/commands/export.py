import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guong.accounts.roles import EXPORT
from guong.core.commands import command_actor, error_text
from guong.core.errors import Forbidden, NotFound
from guong.members.exports import export_members
from guong.members.queries import MemberFilter
from guong.org.exports import export_units
from guong.org.queries import unit_for


class Command(BaseCommand):
    help = (
        "Export the units or members a user may see: `guong export units|members "
        "[--unit CODE] [--format xlsx|csv] [--as USER] [-o FILE]`. Without -o, CSV goes to "
        "standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=("units", "members"))
        parser.add_argument("--unit", metavar="CODE", help="Only this unit's subtree.")
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=("xlsx", "csv"),
            help="Default: from the -o file's extension, else csv.",
        )
        parser.add_argument(
            "--as",
            dest="actor",
            metavar="USER",
            help="Export what this user may see (default: system, everything).",
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE.")

    def handle(self, *args, **options):
        output = options["output"]
        file_format = options["file_format"] or (
            "xlsx" if output and output.lower().endswith(".xlsx") else "csv"
        )
        if file_format == "xlsx" and not output:
            raise CommandError("An XLSX export needs -o FILE.")
        actor = command_actor(options["actor"])
        try:
            unit = unit_for(actor, options["unit"], EXPORT) if options["unit"] else None
            if options["kind"] == "units":
                data = export_units(actor, unit, file_format)
            else:
                data = export_members(actor, MemberFilter(unit=unit), file_format)
        except (NotFound, Forbidden) as error:
            self.stderr.write(error_text(error))
            sys.exit(1)
        if output:
            Path(output).write_bytes(data)
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(data.decode("utf-8-sig"), ending="")
