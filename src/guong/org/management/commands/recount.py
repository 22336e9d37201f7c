from django.core.management.base import BaseCommand

from guong.org.tally import recount


class Command(BaseCommand):
    help = "Rebuild every unit's member counts from the member records."

    def handle(self, *args, **options):
        self.stdout.write(f"{recount()} unit counts corrected.")
