"""The plan lint: what a careful NACC reviewer would point at in a parsed plan (docs/PLAN_FORMAT.md).

`lint_plan(parsed, org=None)` returns a list of `Finding(code, severity, where, message)`; messages are
Thai, codes stable machine names. Errors are inconsistencies a reviewer would send back (totals that do
not add up, Part 2 and Part 3 disagreeing, placeholders left in); warnings are wording and cross-checks
worth fixing; info is advice. A clean plan gives no findings."""

import logging

from . import consistency, goals, items, risks, summary, wording
from .base import ERROR, INFO, WARNING, Context, Finding, has_errors

__all__ = ["ERROR", "INFO", "WARNING", "Finding", "has_errors", "lint_plan", "RULES"]

log = logging.getLogger(__name__)

RULES = summary.RULES + items.RULES + consistency.RULES + goals.RULES + risks.RULES + wording.RULES


def lint_plan(parsed, *, org=None):
    """Findings for a parsed plan, in rule order, without duplicates; never raises on odd input."""
    ctx = Context(parsed, org)
    findings, seen = [], set()
    for rule in RULES:
        try:
            found = list(rule(ctx))
        except Exception:  # a rule's bug must not hide the other findings or reach a user as a traceback
            log.exception("plan lint rule %s failed", rule.__name__)
            found = [
                Finding(
                    "lint.rule_failed",
                    WARNING,
                    "เอกสาร",
                    f"ตรวจสอบส่วน “{rule.__name__}” ไม่สำเร็จ เนื่องจากรูปแบบข้อมูลไม่เป็นไปตามที่คาด",
                )
            ]
        for finding in found:
            key = (finding.code, finding.where, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings
