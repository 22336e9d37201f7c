import sys

from django.core.management.base import BaseCommand

from guong.core import audit


class Command(BaseCommand):
    help = "Audit log commands. `guong audit verify` proves the hash chain is unbroken."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check every link; exit 1 naming the first broken one.")

    def handle(self, *args, **options):
        checked, broken, reason = audit.verify()
        if broken is None:
            self.stdout.write(f"Audit chain intact: {checked} events.")
            return
        self.stderr.write(
            f"Audit chain BROKEN at event #{broken.seq} ({broken.action} "
            f"{broken.object_type}:{broken.object_id}): {reason}. {checked} events before it "
            "are intact."
        )
        sys.exit(1)
