from django.core.management.base import BaseCommand

from guong.core.models import RuleSet
from guong.core.rulesets import sync_from_files


class Command(BaseCommand):
    help = "Rule sets: `sync` loads the files under guong/rulesets; `list` shows them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("sync", help="Create or update rule sets from their files.")
        sub.add_parser("list", help="List the rule sets with their dates and sources.")

    def handle(self, *args, action, **options):
        if action == "sync":
            self.stdout.write(f"{sync_from_files()} rule sets read.")
        for rule_set in RuleSet.objects.all():
            until = rule_set.valid_to.isoformat() if rule_set.valid_to else "…"
            self.stdout.write(f"{rule_set.code}\t{rule_set.valid_from}–{until}\t{rule_set.source}")
