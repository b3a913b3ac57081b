"""Staff pages of the simple registers: one list with its entry form each (delegation orders,
trainings, honours, villages and forums, networks), and the overview of a fiscal year."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.core.tenancy import staff_view

from ... import queries
from ...forms import (
    AwardForm,
    DelegateReportForm,
    DelegationForm,
    ForumForm,
    HonourForm,
    NetworkForm,
    NominationForm,
    ScoreForm,
    TrainingForm,
    VillageForm,
)
from ...services import civic, governance
from ...services import honours as honours_services
from .. import shared
from .common import can_manage, ensure_manage, run


def _d(day):
    return thai.thai_date(day, short=True) if day else "–"


def _verb(func):
    """The verb called with the organization and the form's fields (ModelForms give no org)."""
    return lambda *, org, by, **fields: func(org, by=by, **fields)


def _register_page(request, org, *, title, forms, rows, columns, anchor="", notes=()):
    """A register's page: its rows for the fiscal year and its entry form(s), keyed by `action`."""
    year = shared.fiscal_year(request)
    post = request.POST if request.method == "POST" else None
    action = post.get("action") if post else None
    bound = {}
    for key, (form_factory, verb, label) in forms.items():
        bound[key] = (form_factory(post if action == key else None), verb, label)
    if post:
        ensure_manage(request, org)
        if action in bound:
            form, verb, _label = bound[action]
            if run(form, _verb(verb), org=org, by=request.user):
                messages.success(request, _("Saved."))
                return redirect(f"{request.path}?year={year}")
    start, end = thai.fiscal_year_bounds(year)
    table = [[func(row) for _label, func in columns] for row in rows(org, start, end)]
    context = {
        "org": org,
        "title": title,
        "fiscal_year": year,
        "years": range(thai.current_fiscal_year(), 2565, -1),
        "headers": [label for label, _func in columns],
        "table": table,
        "forms": [(key, form, label) for key, (form, _verb, label) in bound.items()],
        "can_manage": can_manage(request, org),
        "notes": notes(org, year) if callable(notes) else notes,
    }
    return render(request, "registers/staff/register.html", context)


def _month(day):
    return f"{thai.MONTHS_SHORT[day.month - 1]} {thai.be_year(day.year)}"


@staff_view("registers.view")
def delegations(request, org):
    """The orders in force in the fiscal year, and whether each delegate reported every month that is
    over (item 17, step 4: "ให้ผู้รับมอบหมายงานรายงานผลการปฏิบัติงานทุกเดือน")."""
    year = shared.fiscal_year(request)
    start, end = thai.fiscal_year_bounds(year)
    today = timezone.localdate()
    reported = queries.reported_months(org, start, end)
    orders = list(queries.orders_in_force(org, start, end))
    status = {o.pk: queries.missing_reports(o, reported.get(o.pk, set()), start, end, today) for o in orders}
    notes = [
        _("Order %(number)s: no delegate's report yet for %(months)s.")
        % {"number": o.number, "months": ", ".join(_month(m) for m in status[o.pk][1])}
        for o in orders
        if status[o.pk][1]
    ]

    def reports(order):
        done, missing = status.get(order.pk, (0, []))
        if not done and not missing:
            return _("no month over yet")
        return _("%(done)s of %(due)s months") % {"done": done, "due": done + len(missing)}

    return _register_page(
        request,
        org,
        title=_("Delegation orders"),
        forms={
            "add": (DelegationForm, governance.add_delegation, _("Add a delegation order")),
            "report": (
                lambda data: DelegateReportForm(data, org=org),
                governance.add_delegate_report,
                _("Record a delegate's monthly report"),
            ),
        },
        rows=queries.orders_in_force,
        columns=[
            (_("Order number"), lambda o: o.number),
            (_("Title"), lambda o: o.title),
            (_("Delegated by"), lambda o: o.delegator),
            (_("Delegated to"), lambda o: o.delegate),
            (_("Powers delegated"), lambda o: o.powers),
            (_("In force"), lambda o: f"{_d(o.effective_from)} – {_d(o.effective_until)}"),
            (_("Circulated on"), lambda o: _d(o.circulated_on)),
            (_("Published on"), lambda o: _d(o.published_on)),
            (_("Monthly reports"), reports),
        ],
        notes=notes,
    )


# The knowledge test (survey engine) each training item of the seed plan is measured by.
TEST_OF_ITEM = {1: "ethics_test", 2: "anticorruption_test", 24: "law_test", 25: "council_test"}


def _test_notes(org, year):
    """Per plan item trained this year: its pre/post test's share passing, read from the survey engine."""
    tally = registry.query("surveys.tally")
    if tally is None:
        return []
    start, end = thai.fiscal_year_bounds(year)
    items = sorted(
        {t.plan_item for t in queries.trainings_between(org, start, end) if t.plan_item in TEST_OF_ITEM}
    )
    notes = []
    for item in items:
        passed, counted = tally(org, TEST_OF_ITEM[item], Period.for_fiscal_year(year))
        share = f"{100 * passed / counted:.0f} %" if counted else "–"
        notes.append(
            _("Item %(item)s knowledge test (survey): %(share)s passed, %(passed)s of %(n)s answers.")
            % {"item": item, "share": share, "passed": passed, "n": counted}
        )
    return notes


@staff_view("registers.view")
def trainings(request, org):
    def group(t, g):
        return f"{getattr(t, g + '_attended')}/{getattr(t, g + '_expected')}"

    return _register_page(
        request,
        org,
        title=_("Trainings"),
        forms={"add": (TrainingForm, governance.add_training, _("Add a training session"))},
        rows=queries.trainings_between,
        columns=[
            (_("Held on"), lambda t: _d(t.held_on)),
            (_("Title"), lambda t: t.title),
            (_("Executives"), lambda t: group(t, "executives")),
            (_("Council members"), lambda t: group(t, "council")),
            (_("Staff"), lambda t: group(t, "staff")),
            (_("Plan item"), lambda t: t.plan_item or ""),
            (_("Materials"), lambda t: t.materials),
        ],
        notes=_test_notes,
    )


def _nomination_notes(org):
    """Each nomination not awarded yet, with the committee's mean score and what it still needs."""
    notes = []
    for n in queries.pending_nominations(org):
        mean, count = honours_services.mean_score(n)
        if honours_services.can_award(n):
            verdict = _("ready to award")
        elif count < honours_services.MIN_SCORES:
            verdict = _("waiting for the committee's scores")
        else:
            verdict = _("below the pass mark")
        notes.append(
            _("Nominated: %(name)s (%(category)s), mean score %(mean)s from %(n)s members: %(verdict)s.")
            % {
                "name": n.name,
                "category": n.get_category_display(),
                "n": count,
                "verdict": verdict,
                "mean": "–" if mean is None else f"{mean:.1f}",
            }  # fmt: skip
        )
    return notes


@staff_view("registers.view")
def honours(request, org):
    """Honours of the fiscal year; nominations are scored by the committee, then awarded."""

    def pending(form):
        return lambda data: form(data, org=org)

    return _register_page(
        request,
        org,
        title=_("Honours"),
        forms={
            "nominate": (NominationForm, honours_services.nominate, _("Nominate someone for an honour")),
            "score": (pending(ScoreForm), honours_services.score, _("Record a committee member's score")),
            "award": (pending(AwardForm), honours_services.award, _("Award a nomination that passed")),
            "add": (HonourForm, civic.add_honour, _("Record an honour awarded without a nomination")),
        },
        rows=queries.honours_between,
        notes=_nomination_notes(org),
        columns=[
            (_("Awarded on"), lambda h: _d(h.awarded_on)),
            (_("Honoured"), lambda h: h.name),
            (_("Recipient"), lambda h: h.get_recipient_display()),
            (_("Category"), lambda h: h.get_category_display()),
            (_("Reason"), lambda h: h.reason),
            (
                _("Certificate"),
                lambda h: {
                    "text": _("Certificate (PDF)"),
                    "url": reverse("registers_staff:certificate", kwargs={"org_slug": org.slug, "pk": h.pk}),
                },
            ),
        ],
    )


@staff_view("registers.view")
def forums(request, org):
    return _register_page(
        request,
        org,
        title=_("Community forums"),
        forms={
            "forum": (lambda data: ForumForm(data, org=org), civic.add_forum, _("Add a community forum")),
            "village": (VillageForm, civic.add_village, _("Add a village")),
        },
        rows=queries.village_coverage,
        columns=[
            (_("Village"), lambda r: str(r["village"])),
            (_("Population"), lambda r: r["village"].population),
            (_("Forums"), lambda r: r["forums"]),
            (_("Attendees"), lambda r: r["attendees"]),
            (_("Share of the population"), lambda r: f"{r['share']} %" if r["share"] is not None else "–"),
        ],
    )


@staff_view("registers.view")
def networks(request, org):
    return _register_page(
        request,
        org,
        title=_("Watchdog network"),
        forms={"add": (NetworkForm, civic.add_network, _("Add a community or network"))},
        rows=queries.networks_active,
        columns=[
            (_("Name"), lambda n: n.name),
            (_("Kind"), lambda n: n.get_kind_display()),
            (_("Founded on"), lambda n: _d(n.founded_on)),
            (_("Members"), lambda n: n.members),
            (_("Activities"), lambda n: n.activities),
        ],
    )


SECTIONS = (
    ("registers_staff:assessments", gettext_lazy("Fraud risk assessment")),
    ("registers_staff:delegations", gettext_lazy("Delegation orders")),
    ("registers_staff:trainings", gettext_lazy("Trainings")),
    ("registers_staff:honours", gettext_lazy("Honours")),
    ("registers_staff:forums", gettext_lazy("Community forums")),
    ("registers_staff:networks", gettext_lazy("Watchdog network")),
    ("registers_staff:proposals", gettext_lazy("Forum proposals")),
    ("registers_staff:committee", gettext_lazy("Community committees")),
    ("registers_staff:observers", gettext_lazy("Observers")),
    ("registers_staff:control", gettext_lazy("Internal control")),
    ("registers_staff:salary", gettext_lazy("Salary promotion")),
    ("registers_staff:hr", gettext_lazy("HR transparency")),
    ("registers_staff:ethics", gettext_lazy("Code of ethics")),
)


@staff_view("registers.view")
def index(request, org):
    """The registers of a fiscal year and what each KPI measure reads from them."""
    year = shared.fiscal_year(request)
    period = Period.for_fiscal_year(year)
    measures = [
        (m.label, m.unit, m.func(org, period)) for m in registry.measures.values() if m.module == "registers"
    ]
    context = {
        "org": org,
        "fiscal_year": year,
        "years": range(thai.current_fiscal_year(), 2565, -1),
        "sections": SECTIONS,
        "measures": measures,
    }
    return render(request, "registers/staff/index.html", context)
