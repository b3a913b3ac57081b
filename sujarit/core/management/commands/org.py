"""`sujarit org create|import|list`: organizations of the deployment, with their first administrators.

    sujarit org create --slug laemsom --name "องค์การบริหารส่วนตำบลแหลมสอม" --type อบต. \\
        --province ตรัง --district ปะเหลียน [--local-code 6920101] --admin-email a@example.org
    sujarit org import orgs.csv     # all or nothing; rows already there are left alone
    sujarit org list [--province ตรัง] [--json]

Each new administrator's one-time set-up link is printed (and e-mailed when an address is given).
"""

import json
import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sujarit.core import onboarding
from sujarit.core.models import Organization


class Command(BaseCommand):
    help = "Create, import and list organizations with their first administrators."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create one organization and its first administrator.")
        create.add_argument("--slug", required=True)
        create.add_argument("--name", required=True)
        create.add_argument("--type", default="อบต.", dest="org_type")
        create.add_argument("--province", default="")
        create.add_argument("--district", default="")
        create.add_argument("--local-code", default="")
        create.add_argument("--admin-email", default="")
        create.add_argument("--admin-name", default="")
        imp = sub.add_parser("import", help="Create the organizations of a CSV file (all or nothing).")
        imp.add_argument("file", help="CSV, UTF-8; '-' reads standard input")
        ls = sub.add_parser("list", help="List the organizations.")
        ls.add_argument("--province", default="")
        ls.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            getattr(self, "_" + options["action"])(options)

    def _print(self, done):
        self.stdout.write(f"{done.org.slug}\t{done.admin.get_username()}\t{done.link}")

    def _create(self, o):
        spec = onboarding.OrgSpec(
            slug=o["slug"], name=o["name"], org_type=o["org_type"], province=o["province"],
            district=o["district"], local_code=o["local_code"], admin_email=o["admin_email"],
            admin_name=o["admin_name"],
        )  # fmt: skip
        try:
            self._print(onboarding.onboard(spec))
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None

    def _import(self, o):
        try:
            data = sys.stdin.buffer.read() if o["file"] == "-" else open(o["file"], "rb").read()
        except OSError as exc:
            raise CommandError(f"{o['file']}: {exc.strerror}") from None
        try:
            created, unchanged = onboarding.import_csv(data)
        except onboarding.ImportRefused as exc:
            raise CommandError(
                "\n".join(exc.messages) + "\n" + translation.gettext("Nothing was created.")
            ) from None
        for done in created:
            self._print(done)
        self.stderr.write(
            translation.gettext("%(created)s created, %(unchanged)s already there.")
            % {"created": len(created), "unchanged": len(unchanged)}
        )

    def _list(self, o):
        orgs = Organization.objects.order_by("province", "district", "name")
        if o["province"]:
            orgs = orgs.filter(province=o["province"])
        rows = list(
            orgs.values("slug", "name", "org_type", "province", "district", "local_code", "nacc_region")
        )
        if o["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for r in rows:
            self.stdout.write(
                "\t".join(str(r[k] or "") for k in ("slug", "local_code", "province", "district", "name"))
            )
