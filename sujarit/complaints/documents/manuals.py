"""The published complaint-handling manuals (general, and corruption = OIT O21), built per request.

Everything a manual says comes from the organization's ComplaintPolicy, its categories, the state
machine the software enforces (workflow.TRANSITIONS) and the model choices, so the manual can never
drift from what the software does. Shown as a page and as a PDF.
"""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..models import Category, ComplaintPolicy, DayCount, Kind, State, StepKind
from ..services.workflow import TRANSITIONS

TITLES = {
    Kind.GENERAL: "คู่มือการจัดการเรื่องร้องเรียน/ร้องทุกข์",
    Kind.INTEGRITY: "คู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
}
DAMRONGDHAMA_PHONE = "1567"


@dataclass
class Way:
    """One way to complain: what it is, the address/number, and what to expect."""

    label: str
    detail: str = ""
    url: str = ""
    note: str = ""


@dataclass
class Step:
    code: str
    label: str
    text: str
    next: list = field(default_factory=list)


@dataclass
class Manual:
    org: object
    kind: str
    title: str
    policy: ComplaintPolicy
    unit_name: str
    ways: list
    steps: list
    limits: list
    routing: list  # [(category name, unit name)]
    punishment: list  # [(label, text)] corruption only
    follow_up: list  # sentences
    protection: list  # sentences, corruption only
    flowchart: str
    updated_at: object  # the policy's last change (None: defaults, never configured)

    @property
    def is_integrity(self):
        return self.kind == Kind.INTEGRITY


def _policy(org):
    """The saved policy, or an unsaved one with the defaults (a public page writes nothing)."""
    return ComplaintPolicy.objects.filter(org=org).select_related(
        "general_unit", "integrity_unit"
    ).first() or (ComplaintPolicy(org=org))


def _url(name, org, base):
    try:
        return base + reverse(name, kwargs={"org_slug": org.slug})
    except NoReverseMatch:  # that part of the module is not installed yet
        return ""


def _state_texts(kind):
    integrity = kind == Kind.INTEGRITY
    return {
        State.RECEIVED: _(
            "The report is recorded with a case number and its due date; the reporter receives a receipt "
            "to follow it without giving a name."
        )
        if integrity
        else _(
            "The complaint is recorded with a case number and its due date; the complainant receives a "
            "tracking code and a secret to follow it."
        ),
        State.ACCEPTED: _("The responsible unit screens the case and accepts it for handling."),
        State.OUT_OF_SCOPE: _(
            "The matter is outside the organization's powers; the complainant is told why."
        ),
        State.FORWARDED: _(
            "The matter belongs to another agency; it is forwarded and the complainant told where."
        ),
        State.ASSIGNED: _("An officer is put in charge of the case."),
        State.IN_PROGRESS: _(
            "The officer in charge establishes the facts; the reporter may be asked questions through the "
            "receipt page."
        )
        if integrity
        else _("The officer in charge acts on the case and keeps the complainant informed."),
        State.RESOLVED: _(
            "The result is recorded: substantiated, not substantiated, or referred (disciplinary action, "
            "the NACC, the police); the reporter is told."
        )
        if integrity
        else _("The result is recorded and sent to the complainant."),
        State.CLOSED: _("The case is closed; the complainant may say how satisfied they are (1–5)."),
    }


def _steps(kind):
    texts = _state_texts(kind)
    return [
        Step(s.value, str(s.label), texts[s], [str(State(n).label) for n in TRANSITIONS.get(s, ())])
        for s in State
    ]


def _ways(org, kind, policy, base):
    phone = policy.phone or org.phone
    email = policy.email or org.email
    unit = _unit(org, kind, policy)
    address = " ".join(filter(None, [org.address, org.subdistrict, org.district, org.province, org.postcode]))
    ways = []
    if kind == Kind.INTEGRITY:
        ways.append(
            Way(
                _("Online form for corruption and misconduct complaints (separate from general complaints)"),
                url=_url("complaints:integrity_report", org, base),
                note=_(
                    "No name is needed. You receive a receipt once: keep it to read replies, answer "
                    "questions and add files. Your name, contact and report are encrypted so that only the "
                    "organization's integrity officers can read them."
                ),
            )
        )
        ways.append(
            Way(_("Follow a report with its receipt"), url=_url("complaints:integrity_follow", org, base))
        )
        ways.append(
            Way(
                _("JSON interface for applications"),
                detail=f"POST {base}/api/v1/orgs/{org.slug}/integrity-reports",
            )
        )
    else:
        ways.append(
            Way(
                _("Online complaint form (photos, files and a location may be attached)"),
                url=_url("complaints:new", org, base),
            )
        )
        ways.append(
            Way(_("Follow a complaint with its tracking code"), url=_url("complaints:track", org, base))
        )
        ways.append(
            Way(
                _("Open311 GeoReport v2 applications"),
                detail=f"{base}/api/open311/v2/{org.slug}/services.json",
            )
        )
    if phone:
        ways.append(Way(_("Phone"), detail=phone))
    if email:
        ways.append(Way(_("E-mail"), detail=email))
    letter_note = (
        _("Mark the envelope confidential, for the unit handling corruption complaints only.")
        if kind == Kind.INTEGRITY
        else ""
    )
    ways.append(Way(_("Letter"), detail=f"{org.name} {address}".strip(), note=letter_note))
    ways.append(Way(_("In person"), detail=f"{unit} {org.name}"))
    ways.append(
        Way(
            _("Damrongdhama Centre"),
            detail=DAMRONGDHAMA_PHONE,
            note=_("Complaints the centre forwards are registered with their channel recorded."),
        )
    )
    if kind == Kind.GENERAL:
        ways.append(
            Way(
                _("Traffy Fondue and social media"),
                note=_("Reports received this way are registered by an officer with their channel recorded."),
            )
        )
    return ways


def _unit(org, kind, policy):
    unit = policy.integrity_unit if kind == Kind.INTEGRITY else policy.general_unit
    return unit.name if unit else org.name


def _limits(kind, policy):
    counted = {
        DayCount.CALENDAR: _("calendar days"),
        DayCount.WORKING: _("working days (Monday–Friday, holidays excluded)"),
    }
    limits = [
        _(
            "Within %(days)s %(counted)s of receiving a case, the responsible unit acts on it or tells "
            "the complainant why it cannot yet."
        )
        % {"days": policy.due_days, "counted": counted.get(policy.day_count, policy.day_count)},
        _("Officers are reminded %(days)s days before the due date.") % {"days": policy.remind_days_before},
        _(
            "When the due date passes without an answer, the complainant receives an explanation and the "
            "case is escalated to the executive."
        ),
    ]
    if kind == Kind.INTEGRITY:
        limits.append(
            _("The protected content of a report is kept %(days)s days after the case closes, then erased.")
            % {"days": policy.retention_days_integrity}
        )
    else:
        limits.append(
            _("A complainant's personal data is kept %(days)s days after the case closes, then erased.")
            % {"days": policy.retention_days_general}
        )
    return limits


PUNISHMENT_TEXTS = {
    StepKind.FACT_FINDING: lambda: _(
        "The executive orders a fact-finding inquiry into the substantiated report."
    ),
    StepKind.FACT_REPORT: lambda: _("The fact-finding committee reports whether there is a case to answer."),
    StepKind.DISCIPLINARY: lambda: _("A disciplinary inquiry is ordered against the official concerned."),
    StepKind.DISCIPLINARY_REPORT: lambda: _("The disciplinary committee reports its findings and proposal."),
    StepKind.PUNISHMENT: lambda: _("The competent authority orders the punishment, or clears the official."),
    StepKind.APPEAL: lambda: _("The official may appeal the order within the legal time limit."),
    StepKind.REFERRAL: lambda: _("Criminal or serious matters are referred to the NACC or the police."),
    StepKind.FOLLOW_UP: lambda: _(
        "The unit follows up that the order is carried out and the offender's conduct."
    ),
}


def _punishment():
    return [(str(k.label), PUNISHMENT_TEXTS[k]()) for k in StepKind]


def _flowchart(kind):
    """The handling flow as an inline SVG (main path down the left, screening exits on the right)."""
    main = [State.RECEIVED, State.ACCEPTED, State.ASSIGNED, State.IN_PROGRESS, State.RESOLVED, State.CLOSED]
    side = [
        (0, f"{State.OUT_OF_SCOPE.label} → {State.CLOSED.label}"),
        (0, f"{State.FORWARDED.label} → {State.CLOSED.label}"),
    ]
    if kind == Kind.INTEGRITY:
        side.append((4, _("Substantiated: punishment process and follow-up")))
    return flow_svg([str(s.label) for s in main], side, title=_("Complaint handling flow"))


def wrap(text, width):
    """At most two lines of about `width` characters, broken between words (Thai words too)."""
    if len(text) <= width:
        return [text]
    from pythainlp.tokenize import word_tokenize  # slow to import: only when a label must be broken

    first = ""
    for word in word_tokenize(text, keep_whitespace=True):
        if first and len(first) + len(word) > width:
            break
        first += word
    rest = text[len(first) :].strip()
    return [first.strip(), rest] if rest else [first.strip()]


def flow_svg(main, side, *, title):
    """Boxes joined by arrows: `main` labels top to bottom; `side` [(main index, label)] to the right."""
    box_w, box_h, gap, side_x, width = 250, 44, 24, 330, 640
    rows = len(main)
    side_rows = {}
    for i, (at, _label) in enumerate(side):
        side_rows[i] = max(at, (side_rows[i - 1] + 1) if i else at)
    height = max(rows, max(side_rows.values(), default=0) + 1) * (box_h + gap)
    esc = {'"': "&quot;"}
    out = [
        f'<svg class="chart flow" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(str(title), esc)}" '
        'font-family="Sarabun, sans-serif" font-size="14">',
        f"<title>{escape(str(title))}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1b1f24"/></marker></defs>',
    ]

    def box(x, y, w, label, fill):
        out.append(
            f'<rect x="{x}" y="{y}" width="{w}" height="{box_h}" rx="6" fill="{fill}" stroke="#0b4f8a"/>'
        )
        lines = wrap(str(label), int((w - 12) / 7.5))
        top = y + box_h / 2 + 5 - (len(lines) - 1) * 8
        for n, line in enumerate(lines):
            out.append(
                f'<text x="{x + w / 2}" y="{top + n * 16}" text-anchor="middle" fill="#1b1f24">'
                f"{escape(line)}</text>"
            )

    for i, label in enumerate(main):
        y = i * (box_h + gap)
        box(10, y, box_w, f"{i + 1}. {label}", "#e8f0f8")
        if i + 1 < rows:
            out.append(
                f'<line x1="{10 + box_w / 2}" y1="{y + box_h}" x2="{10 + box_w / 2}" y2="{y + box_h + gap}" '
                'stroke="#1b1f24" marker-end="url(#arrow)"/>'
            )
    for i, (at, label) in enumerate(side):
        y, from_y = side_rows[i] * (box_h + gap), at * (box_h + gap) + box_h / 2
        box(side_x, y, width - side_x - 10, label, "#fff4e5")
        out.append(
            f'<polyline points="{10 + box_w},{from_y} {side_x - 20},{from_y} {side_x - 20},{y + box_h / 2} '
            f'{side_x},{y + box_h / 2}" fill="none" stroke="#1b1f24" marker-end="url(#arrow)"/>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def build(org, kind, *, base=""):
    """The manual of `kind` for the organization; `base` ("https://host") makes its links absolute."""
    policy = _policy(org)
    integrity = kind == Kind.INTEGRITY
    routing = []
    if not integrity:
        cats = Category.objects.for_org(org).filter(kind=Kind.GENERAL, active=True).select_related("unit")
        routing = [(c.name, c.unit.name if c.unit else _unit(org, kind, policy)) for c in cats]
    follow_up = [
        _("The complainant follows the case by themself and sees its state, its history and the replies."),
        _("Internal notes of the officers are never shown to the complainant."),
    ]
    protection = []
    if integrity:
        follow_up.append(
            _(
                "After a punishment is ordered, the unit records each step with its date and follows up "
                "the offender until the order is carried out."
            )
        )
        protection = [
            _(
                "Only the organization's integrity officers can open these cases; executives and council members cannot."
            ),
            _(
                "An officer named in a report, or working in the unit of the person reported, is kept off the case."
            ),
            _(
                "Before sending, the reporter sees the integrity officers who would receive the report and "
                "may leave any of them out. A report no officer could read is refused, and the reporter is "
                "pointed to the NACC (hotline 1205), the PACC (hotline 1206) or the Damrongdhama Centre "
                "(hotline 1567)."
            ),
            _(
                "Granting or removing the integrity officer role takes effect only when a second person (an "
                "executive or an integrity officer) confirms it, and every integrity officer is told."
            ),
            _(
                "No IP address or browser detail of the reporter is stored; every view and change is in the audit log."
            ),
            _("Revealing a reporter's identity to an officer needs a stated reason and is recorded."),
        ]
    return Manual(
        org=org,
        kind=kind,
        title=TITLES[kind],
        policy=policy,
        unit_name=_unit(org, kind, policy),
        ways=_ways(org, kind, policy, base),
        steps=_steps(kind),
        limits=_limits(kind, policy),
        routing=routing,
        punishment=_punishment() if integrity else [],
        follow_up=follow_up,
        protection=protection,
        flowchart=_flowchart(kind),
        updated_at=policy.updated_at,
    )
