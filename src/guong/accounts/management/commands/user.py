from django.core.management.base import BaseCommand, CommandError

from guong.accounts import services
from guong.core.commands import command_actor, error_text
from guong.core.errors import Forbidden, Invalid, NotFound
from guong.members.models import Member
from guong.org.models import Unit


class Command(BaseCommand):
    help = (
        "Accounts: `guong user create NAME --role ROLE --unit CODE [--member CARD] [--password P]`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a login with a role on a unit.")
        create.add_argument("name")
        create.add_argument("--role", required=True)
        create.add_argument("--unit", required=True, help="unit code")
        create.add_argument("--member", help="card number of the member this login belongs to")
        create.add_argument("--password", help="generated and printed when omitted")
        create.add_argument("--as", dest="actor", help="act as this user (default: system)")

    def handle(self, *args, action, **options):
        actor = command_actor(options["actor"])
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit']!r}.")
        member = None
        if options["member"]:
            member = Member.objects.filter(card_number=options["member"]).first()
            if member is None:
                raise CommandError(f"No member with card number {options['member']!r}.")
        try:
            user, password = services.create_user(
                actor=actor, username=options["name"], password=options["password"], member=member
            )
            services.assign_role(actor=actor, user=user, role=options["role"], unit=unit)
        except (Invalid, NotFound, Forbidden) as error:
            raise CommandError(error_text(error)) from None
        self.stdout.write(f"Created {user.username} ({options['role']} on {unit.code}).")
        if not options["password"]:
            self.stdout.write(f"Password: {password}")
