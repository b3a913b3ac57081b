"""Exports: the year's results of every questionnaire (export centre), and one questionnaire's
answers, a row per response and a sheet per version (results page). Excel or CSV."""

from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Column, Sheet, csv_bytes, xlsx_bytes

from . import queries
from .models import Answer, Kind, QuestionKind


def _pack(fmt, name, sheets):
    if fmt == "csv":
        first = sheets[0]
        return f"{name}.csv", CSV_CONTENT_TYPE, csv_bytes([c.title for c in first.columns], first.rows)
    return f"{name}.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheets)


def results_export(org, fmt, fiscal_year):
    """Every questionnaire answered in the fiscal year: respondents, share satisfied or passing, mean."""
    period = Period.for_fiscal_year(fiscal_year)
    rows = []
    for q, s in queries.summary_rows(org, period):
        rows.append(
            [
                q.title,
                q.get_kind_display(),
                s["respondents"],
                s["share"],
                s.get("mean_score") or s.get("mean_rating"),
            ]
        )
    if not rows:
        raise LookupError(_("No survey was answered in this fiscal year."))
    columns = [
        Column(_("Questionnaire"), 50, wrap=True),
        Column(_("Kind"), 18),
        Column(_("Respondents"), 14),
        Column(_("Satisfied or passing (%)"), 18, "0.00"),
        Column(_("Mean rating (of 5) or mean score (%)"), 22, "0.0"),
    ]
    sheet = Sheet(
        _("Survey results"),
        columns,
        rows,
        heading=_("Survey results, fiscal year %(year)s") % {"year": fiscal_year},
        subheading=org.name,
    )
    return _pack(fmt, f"{_('Survey results')} {fiscal_year} {org.slug}", [sheet])


def _cell(question, value):
    if value is None:
        return ""
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        picked = value if isinstance(value, list) else [value]
        return "; ".join(question.choices[i] for i in picked if 0 <= i < len(question.choices))
    return value


def answers_export(questionnaire, fmt, period=None):
    """One row per response (day, channel, phase, context, result, each answer); a sheet per version."""
    sheets = []
    rows_all = (
        queries.responses(questionnaire, period).select_related("version").order_by("version__number", "pk")
    )
    values = {}
    for a in Answer.objects.filter(response__in=rows_all).select_related("question"):
        values.setdefault(a.response_id, {})[a.question_id] = a.value
    is_test = questionnaire.kind == Kind.TEST
    for version in questionnaire.versions.order_by("-number"):
        questions = list(version.questions.all())
        rows = []
        for r in rows_all:
            if r.version_id != version.pk:
                continue
            result = (f"{r.score}/{r.max_score}" if r.max_score else "") if is_test else r.mean_rating
            flag = r.passed if is_test else r.satisfied
            head = [thai.thai_date(r.submitted_on), r.get_channel_display(), r.get_phase_display(),
                    queries.context_label(r.context_key) if r.context_key else "", result,
                    "" if flag is None else (_("yes") if flag else _("no"))]  # fmt: skip
            rows.append(head + [_cell(q, values.get(r.pk, {}).get(q.pk)) for q in questions])
        if not rows and sheets:
            continue
        columns = [
            Column(_("Date"), 16),
            Column(_("Channel"), 16),
            Column(_("Round"), 12),
            Column(_("About"), 18),
            Column(_("Score") if is_test else _("Mean rating"), 12),
            Column(_("Passed") if is_test else _("Satisfied"), 10),
        ] + [Column(q.text, 30, wrap=True) for q in questions]
        sheets.append(
            Sheet(_("Version %(n)s") % {"n": version.number}, columns, rows, heading=questionnaire.title)
        )
    if not any(s.rows for s in sheets):
        raise LookupError(_("No one has answered this questionnaire yet."))
    sheets = [s for s in sheets if s.rows]
    return _pack(fmt, f"{questionnaire.title[:60]} {questionnaire.org.slug}", sheets)
