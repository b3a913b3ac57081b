"""`sujarit complaints daily|purge|holidays`: the scheduled jobs of the complaints module.

`daily` is what cron or a systemd timer calls once a day (reminders, delay notices, escalation,
retention); running it twice the same day sends nothing twice.
Exit status: 0 done; 2 the holiday file could not be read — then nothing is changed.
"""

import sys

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from sujarit.complaints.services.daily import run_daily
from sujarit.complaints.services.holidays import HolidayFileError, load_national_holidays
from sujarit.complaints.services.retention import purge_expired


class Command(BaseCommand):
    help = "Scheduled jobs of the complaints module: the daily run, the retention purge, national holidays."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("daily", help="Reminders, delay notices, escalation and retention (run once a day).")
        p = sub.add_parser("purge", help="Remove personal data of cases past their retention period.")
        p.add_argument("--dry-run", action="store_true", help="only count what would be removed")
        p = sub.add_parser("holidays", help="Load the national holidays shipped with Sujarit.")
        p.add_argument("--file", help="a corrected holiday file (JSON) instead of the shipped one")

    def handle(self, *args, **options):
        translation.activate("th")
        getattr(self, "do_" + options["action"])(options)

    def fail(self, message, code=2):
        self.stderr.write(message)
        sys.exit(code)

    def do_daily(self, options):
        done = run_daily()
        purged = done["purged"]
        self.stdout.write(
            _("Reminders: %(reminded)s; delay notices: %(explained)s; escalated: %(escalated)s.") % done
        )
        self.stdout.write(self.purged_line(purged))

    def do_purge(self, options):
        counts = purge_expired(dry_run=options["dry_run"])
        if options["dry_run"]:
            self.stdout.write(
                _(
                    "Would remove personal data of %(general)s general and %(integrity)s corruption "
                    "cases (%(files)s files). Nothing was changed."
                )
                % counts
            )
        else:
            self.stdout.write(self.purged_line(counts))

    def purged_line(self, counts):
        return (
            _(
                "Personal data removed from %(general)s general and %(integrity)s corruption cases "
                "(%(files)s files)."
            )
            % counts
        )

    def do_holidays(self, options):
        try:
            counts = load_national_holidays(options.get("file"))
        except HolidayFileError as e:
            self.fail(_("The holiday file cannot be read: %(error)s. Nothing was changed.") % {"error": e})
        self.stdout.write(
            _("National holidays: %(created)s added, %(updated)s renamed, %(removed)s removed.") % counts
        )
