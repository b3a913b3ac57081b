"""Public statistics of the information centre per fiscal year: requests by month, channel and outcome,
time to answer, the share answered within 15 days, and satisfaction. Counts only — never a requester.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.figures import mean, percent
from sujarit.core.registry import registry

from ..models import ChannelKind, InfoChannel, InfoRequest, InfoSurvey, Outcome
from ..services.infocentre import SURVEY_CONTEXT

ANSWER_DAYS = 15  # the Official Information Commission's usual time limit for an answer


pick_year = thai.parse_fiscal_year


def requests_in(org, start, end):
    return InfoRequest.objects.for_org(org).filter(received_on__gte=start, received_on__lte=end)


def _summary(rows, today):
    """Figures of a list of (received_on, answered_on, channel, outcome) rows."""
    answered = [(r, a) for r, a, _c, _o in rows if a is not None]
    days = [(a - r).days for r, a in answered]
    within = sum(1 for d in days if d <= ANSWER_DAYS)
    # Open requests already past the limit count as late; younger open ones are not judged yet.
    late_open = sum(1 for r, a, _c, _o in rows if a is None and (today - r).days > ANSWER_DAYS)
    return {
        "received": len(rows),
        "answered": len(answered),
        "open": len(rows) - len(answered),
        "mean_days": mean(days),
        "within": within,
        "within_share": percent(within, len(answered) + late_open),
    }


def within_share(org, period):
    """Share (percent) of requests received in the period answered within 15 days."""
    rows = list(
        requests_in(org, period.start, period.end).values_list(
            "received_on", "answered_on", "channel", "outcome"
        )
    )
    return _summary(rows, timezone.localdate())["within_share"]


def yearly(org, fiscal_year):
    """The fiscal year's figures for the public page, CSV and JSON."""
    start, end = thai.fiscal_year_bounds(fiscal_year)
    today = timezone.localdate()
    rows = list(requests_in(org, start, end).values_list("received_on", "answered_on", "channel", "outcome"))
    months = []
    for i in range(12):
        month = (start.month - 1 + i) % 12 + 1
        year = start.year + (start.month - 1 + i) // 12
        in_month = [r for r in rows if (r[0].year, r[0].month) == (year, month)]
        months.append(
            {
                "month": month,
                "year": year,
                "label": f"{thai.MONTHS_SHORT[month - 1]} {thai.be_year(year)}",
                **_summary(in_month, today),
            }
        )
    data = {
        "fiscal_year": fiscal_year,
        "start": start,
        "end": end,
        **_summary(rows, today),
        "by_month": months,
        "by_channel": [
            {"key": k, "label": str(label), "count": sum(1 for r in rows if r[2] == k)}
            for k, label in ChannelKind.choices
        ],
        "by_outcome": [
            {"key": k, "label": str(label), "count": sum(1 for r in rows if r[3] == k)}
            for k, label in Outcome.choices
        ],
        "satisfaction": satisfaction(org, fiscal_year),
        "channels": active_channels(org).count(),
    }
    return data


def active_channels(org):
    return InfoChannel.objects.for_org(org).filter(active=True)


def _online(org, start, end):
    """(satisfied, rated) online: the survey engine's answers about the period's requests, plus the
    1–5 ratings kept on requests from before the move (4–5 = satisfied)."""
    rows = list(requests_in(org, start, end).values_list("pk", "rating"))
    kept = [r for _pk, r in rows if r]
    satisfied, rated = sum(1 for r in kept if r >= 4), len(kept)
    context_tally = registry.query("surveys.context_tally")
    if context_tally is not None:
        more_ok, more = context_tally(org, SURVEY_CONTEXT, [pk for pk, r in rows if not r])
        satisfied, rated = satisfied + more_ok, rated + more
    return satisfied, rated


def satisfaction(org, fiscal_year):
    """Online answers (the survey engine's questionnaire on the request page, and ratings kept from
    before) about the year's requests and the paper survey's counts, and both together."""
    start, end = thai.fiscal_year_bounds(fiscal_year)
    rated_ok, n_rated = _online(org, start, end)
    survey = InfoSurvey.objects.for_org(org).filter(fiscal_year=fiscal_year).first()
    respondents = survey.respondents if survey else 0
    satisfied = survey.satisfied if survey else 0
    return {
        "ratings": n_rated,
        "ratings_satisfied": rated_ok,
        "ratings_share": percent(rated_ok, n_rated),
        "survey_respondents": respondents,
        "survey_satisfied": satisfied,
        "survey_share": percent(satisfied, respondents),
        "total": n_rated + respondents,
        "share": percent(rated_ok + satisfied, n_rated + respondents),
    }


def satisfaction_share(org, period):
    """Satisfaction (percent) over the fiscal years the period falls in."""
    years = range(thai.fiscal_year_of(period.start), thai.fiscal_year_of(period.end) + 1)
    parts = [satisfaction(org, y) for y in years]
    satisfied = sum(p["ratings_satisfied"] + p["survey_satisfied"] for p in parts)
    return percent(satisfied, sum(p["total"] for p in parts))


def years_with_requests(org):
    """Fiscal years that have requests, and the current one, newest first."""
    firsts = (
        InfoRequest.objects.for_org(org).order_by("received_on").values_list("received_on", flat=True)[:1]
    )
    current = thai.current_fiscal_year()
    first = thai.fiscal_year_of(firsts[0]) if firsts else current
    return list(range(current, min(first, current) - 1, -1))


# --- open data ----------------------------------------------------------------------------------


def _num(value):
    return "" if value is None else value


def csv_rows(data):
    """(header, rows): one row per month and a total row."""
    header = [
        _("Month"),
        _("Requests received"),
        _("Answered"),
        _("Open"),
        _("Mean days to answer"),
        _("Answered within 15 days"),
        _("Share answered within 15 days (%)"),
    ]
    rows = [
        [
            m["label"],
            m["received"],
            m["answered"],
            m["open"],
            _num(m["mean_days"]),
            m["within"],
            _num(m["within_share"]),
        ]
        for m in data["by_month"]
    ]
    rows.append(
        [
            _("Fiscal year %(year)s") % {"year": data["fiscal_year"]},
            data["received"],
            data["answered"],
            data["open"],
            _num(data["mean_days"]),
            data["within"],
            _num(data["within_share"]),
        ]
    )
    rows.append([])
    rows.append([_("Channel"), _("Requests received")])
    rows.extend([c["label"], c["count"]] for c in data["by_channel"])
    rows.append([])
    rows.append([_("Outcome"), _("Requests")])
    rows.extend([o["label"], o["count"]] for o in data["by_outcome"])
    return header, rows


def json_data(org, data):
    """The statistics as plain JSON values (dates ISO, decimals as strings)."""

    def clean(value):
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return {"organization": org.slug, "answer_days": ANSWER_DAYS, **clean(data)}
