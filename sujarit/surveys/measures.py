"""The survey engine's KPI measures: one per purpose, so each plan indicator binds to its own survey.

A questionnaire counts towards the measure of its `purpose` (set from its standard questionnaire or
chosen by staff). Satisfaction purposes give the share of respondents satisfied or very satisfied
(their mean rating ≥ 3.5 of 5); test purposes give the share of post-test takers (or single-round
takers) reaching the pass mark. Only responses of the period count.

Hints are written against the seed plan's wording (items in the comments) and must not match an
indicator another measure already recognises: a text two measures match binds to neither. The
information-centre and complaint purposes carry no hints while disclosure.info_satisfaction and
complaints.satisfaction still measure those indicators; moving those forms onto this engine moves
the hints here (docs/ARCHITECTURE.md, "Surveys").
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sujarit.core.figures import percent
from sujarit.core.registry import Measure

from .models import Kind, Phase, Response


@dataclass(frozen=True)
class Purpose:
    key: str
    kind: str
    label: object
    hints: tuple = ()


PURPOSES = (
    # Items 15 and 17: "พึงพอใจในการให้บริการของหน่วยงาน", "พึงพอใจต่อคุณภาพการให้บริการ"
    # (not item 6's "ความพึงพอใจการให้บริการศูนย์ข้อมูลข่าวสาร").
    Purpose(
        "service",
        Kind.SATISFACTION,
        _("Satisfaction with the organization's services"),
        (r"พึงพอใจ(ใน|ต่อ)\s*(คุณภาพ)?\s*การให้บริการ(?!ศูนย์ข้อมูล)",),
    ),
    Purpose("infocentre", Kind.SATISFACTION, _("Satisfaction with the information centre (survey)")),
    Purpose("complaint", Kind.SATISFACTION, _("Satisfaction with complaint handling (survey)")),
    # Item 7: "พึงพอใจต่อการเผยแพร่ข้อมูลสาธารณะ"
    Purpose(
        "disclosure", Kind.SATISFACTION, _("Satisfaction with public information"), (r"พึงพอใจ.*เผยแพร่ข้อมูล",)
    ),
    # Item 11: "บุคลากร…พึงพอใจต่อระบบของการเลื่อนขั้นเงินเดือน"
    Purpose(
        "promotion",
        Kind.SATISFACTION,
        _("Staff satisfaction with the fairness of salary promotion"),
        (r"พึงพอใจ.*เลื่อนขั้นเงินเดือน",),
    ),
    # Item 22: "ความพึงพอใจของผู้ที่เกี่ยวข้องในการจัดทำรายงานการประเมินผลการควบคุมภายใน"
    Purpose(
        "internal_control",
        Kind.SATISFACTION,
        _("Satisfaction with the internal control assessment"),
        (r"พึงพอใจ.*ควบคุมภายใน",),
    ),
    # Item 1: "มีความรู้ความเข้าใจแนวทางการปฏิบัติตัวตามประมวลจริยธรรม"
    Purpose(
        "ethics_test",
        Kind.TEST,
        _("Ethics code knowledge test: share passing"),
        (r"ความรู้ความเข้าใจ.*ประมวลจริยธรรม",),
    ),
    # Item 2: "มีความรู้ด้านการต่อต้านการทุจริต (…แบบทดสอบ)"
    Purpose(
        "anticorruption_test",
        Kind.TEST,
        _("Anti-corruption knowledge test: share passing"),
        (r"มีความรู้ด้านการต่อต้านการทุจริต",),
    ),
    # Item 24: "มีองค์ความรู้ด้านกฎหมาย ระเบียบที่เกี่ยวข้อง … ของจำนวนผู้เข้ารับการอบรม"
    Purpose(
        "law_test",
        Kind.TEST,
        _("Laws and regulations training test: share passing"),
        (r"องค์ความรู้ด้านกฎหมาย",),
    ),
    # Item 25: "สมาชิกสภาท้องถิ่นมีความรู้ความเข้าใจ บทบาทและอำนาจหน้าที่"
    Purpose(
        "council_test",
        Kind.TEST,
        _("Council members' roles and duties test: share passing"),
        (r"สมาชิกสภาท้องถิ่นมีความรู้ความเข้าใจ\s*บทบาท",),
    ),
)
BY_KEY = {p.key: p for p in PURPOSES}


def responses_for(org, purpose, period):
    """The responses counting towards purpose in the period (pre-tests never count)."""
    return (
        Response.objects.for_org(org)
        .filter(questionnaire__purpose=purpose, submitted_on__gte=period.start, submitted_on__lte=period.end)
        .exclude(phase=Phase.PRE)
    )


def tally(org, purpose, period, channels=None):
    """(satisfied or passing, counted) for purpose in the period, of the given channels (all by
    default); offered as the "surveys.tally" query, so a module moving its own rating here can add the
    ratings it kept before the move."""
    field = "passed" if BY_KEY[purpose].kind == Kind.TEST else "satisfied"
    rows = responses_for(org, purpose, period).exclude(**{f"{field}__isnull": True})
    if channels is not None:
        rows = rows.filter(channel__in=channels)
    flags = list(rows.values_list(field, flat=True))
    return sum(1 for f in flags if f), len(flags)


def share(org, purpose, period):
    """Percent satisfied (satisfaction) or passing (tests); None when no one answered."""
    return percent(*tally(org, purpose, period))


def _func(purpose):
    def measure(org, period):
        return share(org, purpose, period)

    measure.__name__ = f"share_{purpose}"
    measure.__doc__ = f"Share of respondents satisfied or passing, purpose {purpose!r} (percent)."
    return measure


def _description(purpose):
    if purpose.kind == Kind.TEST:
        return _(
            "Share of the period's post-test (or single-round) answers to the knowledge tests counting "
            "towards this measure that reached the test's pass mark; pre-tests are not counted."
        )
    return _(
        "Share of the period's respondents to the questionnaires counting towards this measure whose "
        "mean rating was 3.5 of 5 or more (satisfied or very satisfied)."
    )


def register(registry):
    for p in PURPOSES:
        registry.add_measure(
            Measure(f"surveys.{p.key}", p.label, "percent", _func(p.key), "surveys", _description(p), p.hints)
        )
