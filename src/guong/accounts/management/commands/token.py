from django.core.management.base import BaseCommand, CommandError

from guong.accounts import services
from guong.accounts.models import User
from guong.core.commands import command_actor, error_text
from guong.core.errors import Forbidden, Invalid


class Command(BaseCommand):
    help = "API tokens: `guong token create NAME [--user USERNAME]` prints the token last."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a bearer token; it is shown once.")
        create.add_argument("name", help="what the token is for")
        create.add_argument("--user", help="whose token (default: the system account)")

    def handle(self, *args, action, **options):
        actor = command_actor(None)
        user = actor
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']!r}.")
        try:
            record, token = services.create_token(actor=actor, user=user, name=options["name"])
        except (Invalid, Forbidden) as error:
            raise CommandError(error_text(error)) from None
        self.stdout.write(f"Token {record.name!r} for {user.username} (shown once):")
        self.stdout.write(token)
