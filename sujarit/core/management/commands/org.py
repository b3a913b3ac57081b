"""`sujarit org create|import|list|export|import-data|retire`: organizations of the deployment.

    sujarit org create --slug laemsom --name "องค์การบริหารส่วนตำบลแหลมสอม" --type อบต. \\
        --province ตรัง --district ปะเหลียน [--local-code 6920101] --admin-email a@example.org
    sujarit org import orgs.csv     # all or nothing; rows already there are left alone
    sujarit org list [--province ตรัง] [--json]
    sujarit org export --org laemsom laemsom.zip    # all its data, files and accounts (sealed data stays sealed)
    sujarit org import-data laemsom.zip             # into this deployment, under new keys; all or nothing
    sujarit org import-data laemsom.zip --slug laemsom-trang [--local-code CODE]   # another address here
    sujarit org retire --org laemsom --export laemsom.zip [--moved-to https://…]  # once moved: remove it here

Each new administrator's one-time set-up link is printed (and e-mailed when an address is given).
"""

import json
import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.utils import translation

from sujarit.core import onboarding, orgmove
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
        exp = sub.add_parser("export", help="Write all of one organization's data into one file.")
        exp.add_argument("--org", required=True, help="the organization's slug")
        exp.add_argument("file")
        imp_data = sub.add_parser("import-data", help="Load an exported organization (all or nothing).")
        imp_data.add_argument("file")
        imp_data.add_argument("--slug", default=None, help="another address here (the file's is taken)")
        imp_data.add_argument("--local-code", default=None, help="another local government code here")
        retire = sub.add_parser("retire", help="Remove an organization moved to another deployment.")
        retire.add_argument("--org", required=True, help="the organization's slug")
        retire.add_argument("--export", required=True, help="the file it was exported to and moved with")
        retire.add_argument("--moved-to", default="", help="its address on the other deployment")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            getattr(self, "_" + options["action"].replace("-", "_"))(options)

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

    def _served(self, slug):
        org = Organization.objects.filter(slug=slug).first()
        if org is None:
            raise CommandError(translation.gettext("There is no organization “%(slug)s”.") % {"slug": slug})
        return org

    def _export(self, o):
        org = self._served(o["org"])
        try:
            done = orgmove.export_org(org, o["file"])
        except orgmove.ExportRefused as exc:
            raise CommandError(str(exc) + "\n" + translation.gettext("No file was written.")) from None
        except OSError as exc:
            raise CommandError(f"{o['file']}: {exc.strerror}") from None
        self.stdout.write(
            translation.gettext(
                "%(slug)s: %(rows)s records, %(files)s files and %(events)s audit events written to %(file)s "
                "(%(size)s bytes, SHA-256 %(sha)s)."
            )
            % {
                "slug": org.slug,
                "rows": done.rows,
                "files": done.files,
                "events": done.events,
                "file": o["file"],
                "size": done.size,
                "sha": done.sha256,
            }  # fmt: skip
        )

    def _import_data(self, o):
        try:
            done = orgmove.import_file(o["file"], slug=o["slug"], local_code=o["local_code"])
        except orgmove.ImportRefused as exc:
            raise CommandError(
                "\n".join(exc.messages) + "\n" + translation.gettext("Nothing was changed.")
            ) from None
        self.stdout.write(
            translation.gettext("%(slug)s: %(rows)s records and %(files)s files loaded.")
            % {"slug": done.org.slug, "rows": done.rows, "files": len(done.files)}
        )

    def _retire(self, o):
        org = self._served(o["org"])
        if o["moved_to"]:
            try:
                URLValidator(schemes=["https", "http"])(o["moved_to"])
            except ValidationError:
                raise CommandError(
                    translation.gettext("%(url)s is not a web address.") % {"url": o["moved_to"]}
                    + "\n"
                    + translation.gettext("Nothing was changed.")
                ) from None
        try:
            done = orgmove.retire_org(org, o["export"], moved_to=o["moved_to"])
        except orgmove.RetireRefused as exc:
            raise CommandError(str(exc) + "\n" + translation.gettext("Nothing was changed.")) from None
        self.stdout.write(
            translation.gettext(
                "%(slug)s retired: %(rows)s records and %(files)s files removed, %(deleted)s accounts deleted "
                "and %(closed)s closed (named by audit events); its address now says it has moved."
            )
            % {
                "slug": org.slug,
                "rows": done.rows,
                "files": done.files,
                "deleted": done.accounts_deleted,
                "closed": done.accounts_closed,
            }  # fmt: skip
        )
