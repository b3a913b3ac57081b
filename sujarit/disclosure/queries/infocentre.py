"""Public statistics of the information centre per fiscal year: requests by month, channel and outcome,
time to answer, the share answered within 15 days, and satisfaction. Counts only — never a requester.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.figures import mean, percent
from sujarit.core.periods import Period
from sujarit.core.registry import registry

from ..models import ChannelKind, InfoChannel, InfoRequest, InfoSurvey, Outcome

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


SURVEY_PURPOSE = "infocentre"  # the survey engine's purpose of the centre's questionnaire
ONLINE = ("link", "invitation")  # the engine's channels: answered by the person themself
PAPER = ("paper",)  # typed in by staff from the forms filled at the centre


def _engine(org, start, end, channels):
    """(satisfied, counted) of the survey engine's answers of the period on the centre's questionnaire."""
    tally = registry.query("surveys.tally")
    if tally is None:
        return 0, 0
    return tally(org, SURVEY_PURPOSE, Period(start, end), channels)


def _kept_ratings(org, start, end):
    """(satisfied, rated): the 1–5 ratings kept on the period's requests from before the move (4–5)."""
    kept = [r for r in requests_in(org, start, end).values_list("rating", flat=True) if r]
    return sum(1 for r in kept if r >= 4), len(kept)


def satisfaction(org, fiscal_year):
    """The year's satisfaction, in one count: the survey engine's answers to the centre's
    questionnaire — given online (the request page, the public link) or on paper and typed in by
    staff — plus what was kept from before the move: ratings on requests and the yearly paper totals
    entered by hand (read-only now)."""
    start, end = thai.fiscal_year_bounds(fiscal_year)
    engine_ok, engine = _engine(org, start, end, ONLINE)
    kept_ok, kept_n = _kept_ratings(org, start, end)
    online_ok, online = engine_ok + kept_ok, engine + kept_n
    paper_ok, paper = _engine(org, start, end, PAPER)
    kept = InfoSurvey.objects.for_org(org).filter(fiscal_year=fiscal_year).first()
    if kept is not None:
        paper_ok, paper = paper_ok + kept.satisfied, paper + kept.respondents
    return {
        "ratings": online,
        "ratings_satisfied": online_ok,
        "ratings_share": percent(online_ok, online),
        "survey_respondents": paper,
        "survey_satisfied": paper_ok,
        "survey_share": percent(paper_ok, paper),
        "total": online + paper,
        "share": percent(online_ok + paper_ok, online + paper),
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
