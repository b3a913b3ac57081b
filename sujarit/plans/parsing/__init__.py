"""Read a plan document written on NACC's template (.txt or .docx) into docs/PLAN_FORMAT.md's shape.

    from sujarit.plans.parsing import parse_plan, PlanParseError
    plan = parse_plan(open("plan.txt", "rb").read(), "plan.txt")

Pure Python (no Django models); raises only PlanParseError, with a Thai message saying where
reading stopped."""

from .errors import PlanParseError
from .plan import FORMAT, parse_plan
from .text import squash

__all__ = ["FORMAT", "PlanParseError", "parse_plan", "squash"]
