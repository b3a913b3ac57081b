"""`sujarit procurement import FILE --org SLUG` and `sujarit procurement flags --org SLUG --fy YEAR [--json]`.

import: exit 0 imported (or the same file again: nothing changed); 2 the file was refused — every bad
row is printed with its line and reason, and nothing of the file is stored.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sujarit.core import thai
from sujarit.core.models import Organization


class Command(BaseCommand):
    help = "Procurement: import e-GP or template files; list red flags."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("import", help="Import an e-GP open-data contract file or Sujarit's template.")
        p.add_argument("file")
        p.add_argument("--org", required=True)
        p = sub.add_parser("flags", help="List the red flags of a fiscal year.")
        p.add_argument("--org", required=True)
        p.add_argument("--fy", type=int, help="fiscal year (B.E.); default the current one")
        p.add_argument(
            "--json", action="store_true", help="one JSON array of {code, project, vendor, message, evidence}"
        )

    def handle(self, *args, **options):
        translation.activate("th")
        org = Organization.objects.filter(slug=options["org"]).first()
        if org is None:
            raise CommandError(f"ไม่พบหน่วยงาน {options['org']}")
        getattr(self, "do_" + options["action"])(org, options)

    def do_import(self, org, options):
        from sujarit.procurement.ingest import ImportRejected
        from sujarit.procurement.services.importing import import_file

        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"อ่านไฟล์ไม่ได้: {exc}") from None
        try:
            result = import_file(org, data, path.name, by=None)
        except ImportRejected as exc:
            self.stderr.write(f"ไม่รับไฟล์ {path.name}: ไม่ได้บันทึกข้อมูลใด ๆ ({len(exc.errors)} ปัญหา)")
            for error in exc.errors:
                self.stderr.write(f"  {error}")
            sys.exit(2)
        if result.already_imported:
            self.stdout.write(f"ไฟล์นี้นำเข้าแล้ว ไม่มีการเปลี่ยนแปลง ({result.layout_name})")
            return
        self.stdout.write(
            f"{result.layout_name}: {result.rows} แถว — ใหม่ {result.created}, "
            f"แก้ไข {result.updated}, ไม่เปลี่ยน {result.unchanged}"
        )
        for note in result.notes:
            self.stdout.write(f"  {note}")

    def do_flags(self, org, options):
        from sujarit.procurement import redflags

        fy = options.get("fy") or thai.current_fiscal_year()
        flags = redflags.compute(org, fy)
        if options["json"]:
            self.stdout.write(json.dumps([f.as_json() for f in flags], ensure_ascii=False, indent=1))
            return
        for f in flags:
            self.stdout.write(f"[{f.code}] {f.message}")
        self.stdout.write(f"{len(flags)} รายการ ปีงบประมาณ {fy}")
