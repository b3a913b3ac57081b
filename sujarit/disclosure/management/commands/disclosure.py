"""`sujarit disclosure catalogue|catalogue-export|daily|reindex`: load or import the OIT catalogue, export
a year of it; the daily job (OIT reminders); rebuild the search index.

The command line is the platform operator's (whoever runs it on the server): `catalogue --file` imports a
corrected JSON/CSV file (format in docs/ARCHITECTURE.md), replacing that year's items, audited.

`daily` is what cron or a systemd timer calls once a day; running it twice sends nothing twice.
Exit status: 0 done; 2 a catalogue file could not be loaded — then nothing is changed.
"""

import sys

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.models import Organization
from sujarit.disclosure.jobs import purge_personal_data, remind_owners
from sujarit.disclosure.models import OITYear
from sujarit.disclosure.searchindex.build import reindex
from sujarit.disclosure.services.catalogue import CatalogueError, catalogue_for, export_catalogue, load


class Command(BaseCommand):
    help = "The disclosure module: load the OIT catalogue, run the daily reminders."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("catalogue", help="Load (or refresh) the shipped OIT catalogues.")
        p.add_argument("--year", type=int, help="only this assessment year (B.E.)")
        p.add_argument("--file", help="a corrected catalogue file (JSON or CSV) instead of the shipped ones")
        p = sub.add_parser(
            "catalogue-export", help="Write one assessment year's OIT catalogue as JSON or CSV."
        )
        p.add_argument("year", type=int, help="assessment year (B.E.)")
        p.add_argument("--format", choices=("json", "csv"), default="json")
        p.add_argument("--output", help="file to write (default: standard output)")
        p = sub.add_parser(
            "daily",
            help="Remind OIT item owners of items falling due; erase requesters' personal data past its period (daily).",
        )
        p.add_argument(
            "--days", type=int, help="remind this many days ahead (default SUJARIT_OIT_REMIND_DAYS)"
        )
        p = sub.add_parser("reindex", help="Rebuild the search index of public publications.")
        p.add_argument("--org", help="only this organization (its slug)")

    def handle(self, *args, **options):
        translation.activate("th")
        getattr(self, "do_" + options["action"].replace("-", "_"))(options)

    def do_catalogue(self, options):
        try:
            loaded = load(options.get("file") or options.get("year"))
        except CatalogueError as e:
            self.stderr.write(
                _("The catalogue cannot be loaded: %(error)s. Nothing was changed.") % {"error": e}
            )
            sys.exit(2)
        if options.get("file"):
            for year in loaded:
                audit.record(
                    OITYear.objects.get(year=year), "disclosure.oit_catalogue_imported", year=year,
                    items=loaded[year], via="command",
                )  # fmt: skip
        for year, count in sorted(loaded.items()):
            self.stdout.write(_("OIT %(year)s: %(count)s items.") % {"year": year, "count": count})

    def do_catalogue_export(self, options):
        cat = catalogue_for(options["year"])
        if cat is None:
            self.stderr.write(_("There is no OIT catalogue for %(year)s.") % {"year": options["year"]})
            sys.exit(2)
        _name, _type, body = export_catalogue(cat, options["format"])
        if options.get("output"):
            with open(options["output"], "wb") as f:
                f.write(body)
        else:
            self.stdout.write(body.decode("utf-8-sig"), ending="")

    def do_daily(self, options):
        sent = remind_owners(days=options.get("days"))
        self.stdout.write(_("OIT reminders: %(sent)s.") % {"sent": sent})
        erased = purge_personal_data()
        self.stdout.write(
            _("Information requests and questions whose personal data was erased: %(n)s.") % {"n": erased}
        )

    def do_reindex(self, options):
        org = None
        if options.get("org"):
            org = Organization.objects.filter(slug=options["org"]).first()
            if org is None:
                self.stderr.write(_("No organization %(slug)s.") % {"slug": options["org"]})
                sys.exit(2)
        publications, rows = reindex(org)
        self.stdout.write(
            _("Search index: %(publications)s public publications, %(rows)s words.")
            % {"publications": publications, "rows": rows}
        )
