"""Staff pages of the registers added with the rest of issue 13: salary-promotion rounds, HR
transparency, the code of ethics and its drive; forum proposals and their outcome, community
committee members (full terms found automatically), watchdog observers; honours' certificates."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.pdf import PDF_CONTENT_TYPE, render_pdf
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.core.spreadsheet import file_response
from sujarit.core.tenancy import staff_view

from ... import queries
from ...forms import (
    AcknowledgementForm,
    CommitteeMemberForm,
    EthicsActivityForm,
    EthicsCodeForm,
    ForumIssueForm,
    HRDocumentForm,
    IssueOutcomeForm,
    ObserverForm,
    SalaryRoundForm,
)
from ...models import Honour
from ...services import civic, governance
from .registers import _d, _register_page


@staff_view("registers.view")
def salary(request, org):
    def notes(org, year):
        tally = registry.query("surveys.tally")
        if tally is None:
            return []
        satisfied, counted = tally(org, "promotion", Period.for_fiscal_year(year))
        share = f"{100 * satisfied / counted:.1f} %" if counted else "–"
        return [
            _("Staff satisfaction with salary promotion (survey): %(share)s of %(n)s answers.")
            % {"share": share, "n": counted}
        ]

    return _register_page(
        request,
        org,
        title=_("Salary-promotion rounds"),
        forms={"add": (SalaryRoundForm, governance.record_salary_round, _("Record a round"))},
        rows=lambda org, start, end: queries.salary_rounds(org, thai.fiscal_year_of(end)),
        columns=[
            (_("Round"), lambda r: r.get_number_display()),
            (_("Committee"), lambda r: "\n".join(r.committee_list)),
            (_("Criteria published on"), lambda r: _d(r.criteria_published_on)),
            (_("Results published on"), lambda r: _d(r.results_published_on)),
            (_("Promoted"), lambda r: f"{r.promoted}/{r.assessed}"),
            (_("Appeals"), lambda r: f"{r.appeals_resolved}/{r.appeals}"),
        ],
        notes=notes,
    )


@staff_view("registers.view")
def hr(request, org):
    return _register_page(
        request,
        org,
        title=_("HR transparency"),
        forms={"add": (HRDocumentForm, governance.add_hr_document, _("Add a published HR document"))},
        rows=lambda org, start, end: queries.hr_documents(org, thai.fiscal_year_of(end)),
        columns=[
            (_("Kind"), lambda d: d.get_kind_display()),
            (_("Title"), lambda d: {"text": d.title, "url": d.link} if d.link else d.title),
            (_("Published on"), lambda d: _d(d.published_on)),
        ],
    )


def _acknowledge(org, *, person, acknowledged_on, by):
    code = queries.code_in_force(org, acknowledged_on) if acknowledged_on else None
    if code is None:
        from django.core.exceptions import ValidationError

        raise ValidationError(_("No code of ethics was adopted by that date."))
    return governance.acknowledge_code(code, person=person, acknowledged_on=acknowledged_on, by=by)


@staff_view("registers.view")
def ethics(request, org):
    def notes(org, year):
        start, end = thai.fiscal_year_bounds(year)
        code = queries.code_in_force(org, end)
        if code is None:
            return [_("No code of ethics in the register yet.")]
        staff = queries.staff(org)
        done = code.acknowledgements.filter(person__in=staff).count()
        return [
            _("Code in force: %(title)s, adopted on %(day)s; published on: %(channels)s.")
            % {
                "title": code.title,
                "day": _d(code.adopted_on),
                "channels": ", ".join(code.channel_list) or "–",
            },
            _("%(done)s of %(staff)s staff acknowledged the code.") % {"done": done, "staff": staff.count()},
        ]

    return _register_page(
        request,
        org,
        title=_("Code of ethics and its drive"),
        forms={
            "code": (EthicsCodeForm, governance.add_ethics_code, _("Add the code of ethics")),
            "activity": (EthicsActivityForm, governance.add_ethics_activity, _("Add an ethics activity")),
            "ack": (
                lambda data: AcknowledgementForm(data, org=org),
                _acknowledge,
                _("Record an acknowledgement"),
            ),
        },
        rows=queries.ethics_activities_between,
        columns=[
            (_("Held on"), lambda a: _d(a.held_on)),
            (_("Title"), lambda a: a.title),
            (_("Participants"), lambda a: a.participants),
        ],
        notes=notes,
    )


def _add_issue(org, *, forum, by, **fields):
    return civic.add_forum_issue(forum, by=by, **fields)


def _set_outcome(org, *, row, by, **fields):
    return civic.set_issue_outcome(row, by=by, **fields)


@staff_view("registers.view")
def proposals(request, org):
    return _register_page(
        request,
        org,
        title=_("Forum proposals and their outcome"),
        forms={
            "issue": (
                lambda data: ForumIssueForm(data, org=org),
                _add_issue,
                _("Add an issue and its proposal"),
            ),
            "outcome": (
                lambda data: IssueOutcomeForm(data, org=org),
                _set_outcome,
                _("Record what became of a proposal"),
            ),
        },
        rows=queries.forum_issues_between,
        columns=[
            (_("Village"), lambda i: f"{i.forum.village} ({_d(i.forum.held_on)})"),
            (_("Issue raised"), lambda i: i.issue),
            (_("Proposal"), lambda i: i.proposal),
            (_("Outcome"), lambda i: i.get_outcome_display()),
            (_("Where in the plan, or why not"), lambda i: i.outcome_note),
            (_("Decided on"), lambda i: _d(i.decided_on)),
        ],
    )


@staff_view("registers.view")
def committee(request, org):
    def notes(org, year):
        start, end = thai.fiscal_year_bounds(year)
        done = queries.completed_terms(org, start, end)
        if not done:
            return [_("No member completes a 4-year term in this fiscal year.")]
        names = ", ".join(f"{m.name} ({m.village}, {_d(m.term_ends_on)})" for m in done)
        return [
            _("Completed a 4-year term in this fiscal year, to be honoured: %(names)s") % {"names": names}
        ]

    return _register_page(
        request,
        org,
        title=_("Community committee members"),
        forms={
            "add": (
                lambda data: CommitteeMemberForm(data, org=org),
                civic.add_committee_member,
                _("Add a member"),
            )
        },
        rows=lambda org, start, end: queries.committee_members(org),
        columns=[
            (_("Village"), lambda m: str(m.village)),
            (_("Name"), lambda m: m.name),
            (_("Position"), lambda m: m.position),
            (_("Term"), lambda m: f"{_d(m.term_started_on)} – {_d(m.term_ends_on)}"),
            (_("Left on"), lambda m: _d(m.left_on)),
        ],
        notes=notes,
    )


@staff_view("registers.view")
def observers(request, org):
    lookup = registry.query("procurement.project_by_number")

    def project(v):
        found = lookup(org, v.procurement_ref) if (lookup and v.procurement_ref) else None
        if found is None:
            return v.procurement_ref
        return {"text": f"{v.procurement_ref} {found['name']}", "url": found["url"]}

    return _register_page(
        request,
        org,
        title=_("Observers invited to procurement and budget steps"),
        forms={
            "add": (lambda data: ObserverForm(data, org=org), civic.invite_observer, _("Invite an observer"))
        },
        rows=queries.invitations_between,
        columns=[
            (_("Invited on"), lambda v: _d(v.invited_on)),
            (_("Observer"), lambda v: f"{v.observer} ({v.network.name})"),
            (_("Step"), lambda v: v.get_step_display()),
            (_("Project or budget"), lambda v: v.subject),
            (_("Procurement project"), project),
            (_("Attended"), lambda v: _("Yes") if v.attended else _("No")),
        ],
    )


@staff_view("registers.view")
def certificate(request, org, pk):
    """An honour's certificate on the organization's letterhead, signed by the executive."""
    honour = get_object_or_404(Honour.objects.for_org(org), pk=pk)
    context = {"org": org, "honour": honour, "executive": _executive(org)}
    data = render_pdf("registers/pdf/certificate.html", context, request=request)
    return file_response(f"เกียรติบัตร {honour.name}.pdf", PDF_CONTENT_TYPE, data, inline=True)


def _executive(org):
    from sujarit.core.documents import executive_title

    return executive_title(org)
