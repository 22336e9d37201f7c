import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guong.core.commands import command_actor, error_text
from guong.core.errors import Forbidden, Invalid, NotFound
from guong.core.imports import KINDS, run_import, summary


class Command(BaseCommand):
    help = (
        "Import units or members from a CSV or XLSX file, all or nothing: "
        "`guong import units|members FILE [--dry-run] [--as USER]`. A file with any bad row "
        "writes nothing; every bad row is listed and the command exits 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="What the file holds.")
        parser.add_argument("file", help="A .csv (UTF-8, Windows-1258 or TCVN3) or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every row and say what would be created; write nothing.",
        )
        parser.add_argument(
            "--as",
            dest="actor",
            metavar="USER",
            help="Act as this user, within their scope (default: system).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        actor = command_actor(options["actor"])
        try:
            sheet, result = run_import(
                options["kind"], data, path.name, actor=actor, dry_run=options["dry_run"]
            )
        except (Invalid, NotFound, Forbidden) as error:
            self.stderr.write(error_text(error))
            sys.exit(1)
        self.stdout.write(summary(result))
        if sheet.ignored:
            self.stdout.write("Columns ignored: " + ", ".join(sheet.ignored))
        if not result.dry_run:
            self.stdout.write(f"File SHA-256: {sheet.sha256}")
