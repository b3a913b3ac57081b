"""`sujarit plan parse|import|lint FILE`: read a plan document, store it, or review it;
`sujarit plan kpis --org SLUG [--year FY] [--json]`: every KPI with its binding, value, status and, when
no measure computes it, why.

Exit status: 0 done; 1 lint found an error (or an import was declined); 2 the file could not be read
as a plan, or the organization is unknown — then nothing is stored.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from sujarit.core.models import Organization
from sujarit.plans.lint import lint_plan
from sujarit.plans.parsing import PlanParseError, parse_plan
from sujarit.plans.services.diffing import PlanNotImportable, check_importable, diff_plan, find_plan
from sujarit.plans.services.importing import import_plan

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Command(BaseCommand):
    help = (
        "Read a plan document (.txt or .docx): print it as JSON, import it into an organization, or lint it."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("parse", help="Print the parsed plan as JSON.")
        p.add_argument("file")
        p = sub.add_parser("import", help="Import the plan into an organization.")
        p.add_argument("file")
        p.add_argument("--org", required=True, help="the organization's slug")
        p.add_argument("--yes", action="store_true", help="replace a differing plan without asking")
        p = sub.add_parser("lint", help="List what a careful reviewer would flag.")
        p.add_argument("file")
        p.add_argument("--json", action="store_true", help="print the findings as a JSON list")
        p.add_argument("--org", help="the organization's slug (enables checks against its profile)")
        p = sub.add_parser("kpis", help="List the plan's KPIs: binding, value, status, why not measured.")
        p.add_argument("--org", required=True, help="the organization's slug")
        p.add_argument("--year", help="the fiscal year (B.E.; default: the current one within the plan)")
        p.add_argument("--json", action="store_true", help="print the coverage as JSON")

    def handle(self, *args, **options):
        translation.activate("th")
        getattr(self, "do_" + options["action"])(options)

    # --- helpers ----------------------------------------------------------------------------------

    def fail(self, message, code=2):
        self.stderr.write(message)
        sys.exit(code)

    def read(self, path):
        """Parse the file; on any reading problem print the Thai reason and exit 2."""
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as e:
            self.fail(f"อ่านไฟล์ {path} ไม่ได้: {e.strerror or e}")
        try:
            return parse_plan(data, file.name)
        except PlanParseError as e:
            self.fail(f"{file.name}: {e}")

    def org(self, slug):
        org = Organization.objects.filter(slug=slug).first()
        if org is None:
            self.fail(f"ไม่พบองค์กร '{slug}'")
        return org

    # --- actions ----------------------------------------------------------------------------------

    def do_parse(self, options):
        parsed = self.read(options["file"])
        self.stdout.write(json.dumps(parsed, ensure_ascii=False, indent=2))

    def do_import(self, options):
        org = self.org(options["org"])
        parsed = self.read(options["file"])
        name = Path(options["file"]).name
        try:
            check_importable(parsed)
        except PlanNotImportable as e:
            self.fail(f"{name}: {e}")
        changes = diff_plan(org, parsed)
        cycle = parsed["cycle"]
        exists = find_plan(org, (cycle["first_year"], cycle["last_year"])) is not None
        if exists and changes:
            self.stdout.write(
                _("The stored plan differs from %(file)s in %(n)s places:")
                % {"file": name, "n": len(changes)}
            )
            for c in changes:
                self.stdout.write("  " + format_change(c))
            if not options["yes"]:
                answer = input(_("Replace the stored plan? [y/N] ")).strip().lower()
                if answer not in ("y", "yes", "ใช่", "ย"):
                    self.stdout.write(_("Nothing was changed."))
                    sys.exit(1)
        result = import_plan(org, parsed, by=None, source_name=name)
        plan = result.plan
        messages = {
            "created": _("Imported the plan %(first)s–%(last)s into %(org)s: %(items)s items."),
            "updated": _("Replaced the plan %(first)s–%(last)s of %(org)s: %(items)s items."),
            "unchanged": _(
                "The plan %(first)s–%(last)s of %(org)s is already this document; nothing changed."
            ),
        }
        self.stdout.write(
            messages[result.status]
            % {"first": plan.first_year, "last": plan.last_year, "org": org.name, "items": plan.items.count()}
        )

    def do_lint(self, options):
        org = self.org(options["org"]) if options.get("org") else None
        parsed = self.read(options["file"])
        findings = [f.to_dict() for f in lint_plan(parsed, org=org)]
        if options["json"]:
            self.stdout.write(json.dumps(findings, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_findings(findings, Path(options["file"]).name))
        if any(f["severity"] == "error" for f in findings):
            sys.exit(1)

    def do_kpis(self, options):
        from sujarit.core import thai
        from sujarit.plans.queries import current_plan, kpi_coverage

        org = self.org(options["org"])
        plan = current_plan(org)
        if plan is None:
            self.fail(f"{org.name} ยังไม่ได้นำเข้าแผนปฏิบัติการ")
        default = min(max(thai.current_fiscal_year(), plan.first_year), plan.last_year)
        year, ok = thai.parse_fiscal_year(options["year"], default)
        if not ok or year not in plan.fiscal_years:
            self.fail(f"ปีงบประมาณ '{options['year']}' ไม่อยู่ในแผน {plan.first_year}–{plan.last_year}")
        coverage = kpi_coverage(org, plan, year)
        if options["json"]:
            self.stdout.write(json.dumps(coverage, ensure_ascii=False, indent=2))
            return
        self.stdout.write(format_coverage(coverage))


def format_coverage(coverage):
    from sujarit.plans.services.kpis import KPIStatus

    lines = [
        _("Fiscal year %(year)s: %(bound)s of %(total)s KPIs are computed from the platform's records.")
        % {"year": coverage["fiscal_year"], "bound": coverage["bound"], "total": coverage["total"]}
    ]
    for r in coverage["kpis"]:
        text = r["text"] if len(r["text"]) <= 70 else r["text"][:69] + "…"
        value = r["value"] if r["value"] is not None else "–"
        how = r["measure"] or r["reason"]["text"]
        status = KPIStatus(r["status"]).label
        lines.append(f"{r['item']:>3} {value:>8}  {text}\n      {status} · {how}")
    return "\n".join(lines)


def format_change(c):
    text = f"[{c['where']}] {c['message']}"
    if c.get("old") is not None or c.get("new") is not None:
        text += f" ({c.get('old') or '–'} → {c.get('new') or '–'})"
    return text


def format_findings(findings, name):
    if not findings:
        return _("%(file)s: no findings.") % {"file": name}
    labels = {"error": _("Error"), "warning": _("Warning"), "info": _("Note")}
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in labels}
    lines = [
        _("%(file)s: %(errors)s errors, %(warnings)s warnings, %(infos)s notes")
        % {"file": name, "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]}
    ]
    for f in sorted(findings, key=lambda f: SEVERITY_ORDER.get(f["severity"], 9)):
        lines.append(
            f"- {labels.get(f['severity'], f['severity'])} · {f['where']}: {f['message']} ({f['code']})"
        )
    return "\n".join(lines)
