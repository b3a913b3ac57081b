"""`sujarit oversight refresh [--fy YEAR] [--pending]`: recompute every organization's oversight
snapshot (at night: what time alone changes, e.g. cases passing their deadline) or, with --pending,
only those a change marked dirty and the missing ones (every minute);
`sujarit oversight supervisor add USERNAME --name … --scope province --province ตรัง`,
`… supervisor remove USERNAME`, `… supervisor list`: who oversees what."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sujarit.core import accounts, thai
from sujarit.core.models import Organization
from sujarit.oversight import services
from sujarit.oversight.models import Supervisor


class Command(BaseCommand):
    help = "Refresh the oversight snapshots; grant, withdraw and list supervisors."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        refresh = sub.add_parser("refresh", help="Recompute every organization's snapshot.")
        refresh.add_argument("--fy", type=int, default=None)
        refresh.add_argument(
            "--pending",
            action="store_true",
            help="only the snapshots marked dirty by a change, and missing ones",
        )
        sup = sub.add_parser("supervisor", help="Grant, withdraw or list supervisors.")
        sup.add_argument("action", choices=["add", "remove", "list"])
        sup.add_argument("username", nargs="?")
        sup.add_argument("--name", default="")
        sup.add_argument("--office", default="")
        sup.add_argument("--email", default="")
        sup.add_argument("--scope", default="province", choices=["country", "region", "province", "district"])
        sup.add_argument("--region", default=None)
        sup.add_argument("--province", default="")
        sup.add_argument("--district", default="")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            if options["what"] == "refresh":
                return self._refresh(options)
            return self._supervisor(options)

    def _refresh(self, o):
        fy = o["fy"] or thai.current_fiscal_year()
        if o["pending"]:
            left = services.refresh_pending(Organization.objects.all(), fy, limit=10**9)
            self.stdout.write(f"pending snapshots of fiscal year {fy} recomputed ({left} left)")
            return
        n = 0
        for org in Organization.objects.only("id", "slug").iterator():
            services.refresh(org, fy)
            n += 1
        self.stdout.write(f"{n} snapshots of fiscal year {fy} recomputed")

    def _supervisor(self, o):
        action, username = o["action"], o["username"]
        if action == "list":
            for s in Supervisor.objects.select_related("user"):
                place = {
                    "region": f"ภาค {s.region}",
                    "province": s.province,
                    "district": f"{s.district} {s.province}",
                }
                self.stdout.write(
                    f"{s.user.get_username()}\t{s.full_name}\t{s.scope}\t{place.get(s.scope, '')}"
                )
            return
        if not username:
            raise CommandError(f"oversight supervisor {action} needs a user name")
        if action == "remove":
            user = accounts.find_user(username)
            found = Supervisor.objects.filter(user=user).first() if user else None
            if found is None:
                raise CommandError(f"{username} is not a supervisor")
            services.withdraw(found, by=None)
            self.stdout.write(f"{username} no longer oversees any organization.")
            return
        try:
            supervisor, link = services.grant(
                username=username, full_name=o["name"], scope=o["scope"], by=None, office=o["office"],
                region=o["region"], province=o["province"], district=o["district"], email=o["email"],
            )  # fmt: skip
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"{supervisor.user.get_username()} oversees: {supervisor.get_scope_display()}")
        if link:
            self.stdout.write(f"one-time set-up link: {link}")
