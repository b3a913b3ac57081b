"""`sujarit platform operator add|remove USERNAME`, `sujarit platform operator list`: who runs the platform.

A platform operator alone changes data shared by every organization (the OIT catalogue); no role of an
organization carries it. Granting it needs the server's shell, not a web page.
"""

from django.core.management.base import BaseCommand, CommandError

from sujarit.core import accounts, services
from sujarit.core.models import PlatformOperator


class Command(BaseCommand):
    help = "Platform operators: users who change data shared by every organization (the OIT catalogue)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        op = sub.add_parser("operator", help="Grant, withdraw or list the platform operator role.")
        op.add_argument("action", choices=["add", "remove", "list"])
        op.add_argument("username", nargs="?")

    def handle(self, *args, **options):
        action, username = options["action"], options.get("username")
        if action == "list":
            for op in PlatformOperator.objects.select_related("user").order_by("user__username"):
                self.stdout.write(op.user.get_username())
            return
        if not username:
            raise CommandError(f"platform operator {action} needs a user name")
        user = accounts.find_user(username)
        if user is None:
            raise CommandError(f"no account is called {username!r}")
        if action == "add":
            services.add_platform_operator(user)
            self.stdout.write(f"{user.get_username()} is a platform operator.")
        elif services.remove_platform_operator(user):
            self.stdout.write(f"{user.get_username()} is no longer a platform operator.")
        else:
            self.stdout.write(f"{user.get_username()} was not a platform operator.")
