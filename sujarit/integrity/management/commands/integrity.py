"""`sujarit integrity coi-check --org SLUG [--fy YEAR] [--json]`: match the covered people and their
relatives against vendors, directors, bidders and declared shareholdings; keep the matches for review.

Exit 0; the matches are printed (one JSON array of {score, rule, reason, person, relation, official,
counterparty, kind, vendor} with --json). Decisions are taken in the back office.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sujarit.core.models import Organization


class Command(BaseCommand):
    help = "Integrity: the conflict of interest check."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("coi-check", help="Match staff and relatives against vendors and their directors.")
        p.add_argument("--org", required=True)
        p.add_argument("--fy", type=int, help="only vendors of this fiscal year's procurement (B.E.)")
        p.add_argument("--json", action="store_true", help="one JSON array of matches")
        p.add_argument("--dry-run", action="store_true", help="print only; keep nothing for review")

    def handle(self, *args, **options):
        translation.activate("th")
        org = Organization.objects.filter(slug=options["org"]).first()
        if org is None:
            raise CommandError(f"ไม่พบหน่วยงาน {options['org']}")
        from sujarit.integrity.services import run_coi_check

        found = run_coi_check(org, fy=options["fy"], by=None, record=not options["dry_run"])
        rows = [
            {
                "score": m.score,
                "rule": m.rule,
                "reason": m.reason,
                "person": m.subject.name,
                "relation": m.subject.relation,
                "official": m.subject.official,
                "counterparty": m.counterparty.name,
                "kind": m.counterparty.kind,
                "vendor": m.counterparty.vendor,
            }
            for m in found
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        if not rows:
            self.stdout.write("ไม่พบความเชื่อมโยงระหว่างบุคลากรกับคู่สัญญา")
        for r in rows:
            who = r["person"] + (f" ({r['relation']} ของ {r['official']})" if r["relation"] else "")
            self.stdout.write(f"[{r['score']}] {who} — {r['counterparty']}: {r['reason']}")
        self.stdout.write(f"รวม {len(rows)} รายการ รอผู้รับผิดชอบยืนยันหรือยกเลิกในระบบ")
