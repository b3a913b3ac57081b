"""The annual procurement analysis (plan item 13) as figures: the fiscal year's procurement by method,
by unit and by vendor, what was saved against the reference prices, and the red flags with their
reviews. The web page, the PDF, the Excel file and the measures all read `build`.

Savings count only projects that have both a reference price and an agreed price: a purchase without a
reference price saved nothing one can show.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from . import redflags
from .models import THAI_METHOD, AnnualAnalysis, Channel, Outcome

ZERO = Decimal(0)
NO_UNIT = "ไม่ระบุหน่วยงาน"
NO_WINNER = "ยังไม่มีผู้ได้รับคัดเลือก"


@dataclass
class Row:
    label: str
    count: int = 0
    budget: Decimal = ZERO
    agreed: Decimal = ZERO
    reference: Decimal = ZERO  # of the projects with both prices
    paid_against_reference: Decimal = ZERO

    def add(self, p):
        self.count += 1
        self.budget += p.budget
        self.agreed += p.agreed_price or ZERO
        if p.reference_price and p.agreed_price is not None:
            self.reference += p.reference_price
            self.paid_against_reference += p.agreed_price

    @property
    def savings(self):
        return self.reference - self.paid_against_reference

    @property
    def savings_percent(self):
        if not self.reference:
            return None
        return (self.savings * 100 / self.reference).quantize(Decimal("0.01"))


@dataclass
class FlagLine:
    code: str
    rule: str
    count: int = 0
    reviewed: int = 0
    outcomes: dict = field(default_factory=dict)  # outcome label -> count


@dataclass
class Analysis:
    org: object
    fiscal_year: int
    total: Row
    by_method: list
    by_unit: list
    by_vendor: list
    flags: list  # redflags.Flag
    flag_lines: list  # FlagLine per rule that fired
    record: AnnualAnalysis | None

    @property
    def flags_reviewed(self):
        return sum(1 for f in self.flags if f.review)

    @property
    def published(self):
        return bool(self.record and self.record.published_at)

    @property
    def sections(self):
        return [
            ("จำแนกตามวิธีการจัดซื้อจัดจ้าง", self.by_method),
            ("จำแนกตามหน่วยงาน", self.by_unit),
            ("จำแนกตามผู้ได้รับการคัดเลือก", self.by_vendor),
        ]

    @property
    def title(self):
        return f"รายงานผลการวิเคราะห์การจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {self.fiscal_year}"


def _grouped(projects, key):
    rows = {}
    for p in projects:
        label = key(p)
        rows.setdefault(label, Row(label)).add(p)
    return sorted(rows.values(), key=lambda r: (-r.agreed, -r.count, r.label))


def build(org, fiscal_year):
    projects = redflags.year_projects(org, fiscal_year)
    total = Row("รวม")
    for p in projects:
        total.add(p)
    order = list(THAI_METHOD)
    by_method = sorted(
        _grouped(projects, lambda p: THAI_METHOD.get(p.method, p.method)),
        key=lambda r: next((i for i, m in enumerate(order) if THAI_METHOD[m] == r.label), len(order)),
    )
    flags = redflags.compute(org, fiscal_year)
    lines = {}
    outcome_label = dict(Outcome.choices)
    for f in flags:
        line = lines.setdefault(f.code, FlagLine(f.code, redflags.rule_text(f.code)))
        line.count += 1
        if f.review:
            line.reviewed += 1
            label = str(outcome_label.get(f.review.outcome, f.review.outcome))
            line.outcomes[label] = line.outcomes.get(label, 0) + 1
    return Analysis(
        org=org,
        fiscal_year=fiscal_year,
        total=total,
        by_method=by_method,
        by_unit=_grouped(projects, lambda p: p.unit.name if p.unit else NO_UNIT),
        by_vendor=_grouped(projects, lambda p: p.winner.name if p.winner else NO_WINNER),
        flags=flags,
        flag_lines=[lines[c] for c in redflags.RULES if c in lines],
        record=AnnualAnalysis.objects.for_org(org).filter(fiscal_year=fiscal_year).first(),
    )


def channels(record):
    """The channels the analysis was published through: the website once published, then the recorded ones."""
    if record is None or record.published_at is None:
        return []
    found = [{"code": Channel.WEBSITE, "label": Channel.WEBSITE.label,
              "day": timezone.localtime(record.published_at).date(), "note": ""}]  # fmt: skip
    found += [
        {"code": c.channel, "label": c.get_channel_display(), "day": c.published_on, "note": c.note}
        for c in record.channels.all()
        if c.channel != Channel.WEBSITE
    ]
    return found
