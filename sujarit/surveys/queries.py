"""Reads of the survey engine shared by pages, exports, the API and other modules: results by version."""

from collections import Counter
from decimal import Decimal

from sujarit.core.figures import mean, percent
from sujarit.core.registry import registry

from .models import Answer, Kind, Phase, QuestionKind, Questionnaire, Response, State


def responses(questionnaire, period=None):
    rows = questionnaire.responses.all()
    if period is not None:
        rows = rows.filter(submitted_on__gte=period.start, submitted_on__lte=period.end)
    return rows


def _question_result(question, values, is_test):
    n = len(values)
    out = {"question": question, "answered": n}
    if question.kind == QuestionKind.LIKERT:
        counts = Counter(values)
        out["distribution"] = [(score, counts.get(score, 0)) for score in (5, 4, 3, 2, 1)]
        out["mean"] = mean(values)
        out["satisfied_share"] = percent(sum(1 for v in values if v >= 4), n)
    elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = Counter(i for v in values for i in (v if isinstance(v, list) else [v]))
        out["choice_counts"] = [
            (text, counts.get(i, 0), percent(counts.get(i, 0), n), i in question.correct)
            for i, text in enumerate(question.choices)
        ]
        if is_test and question.scored:
            right = sum(
                1 for v in values if sorted(v if isinstance(v, list) else [v]) == sorted(question.correct)
            )
            out["correct_share"] = percent(right, n)
    elif question.kind == QuestionKind.NUMBER:
        numbers = [Decimal(v) for v in values]
        out["mean"] = mean(numbers)
        out["min"], out["max"] = (min(numbers), max(numbers)) if numbers else (None, None)
    else:
        out["texts"] = [v for v in values if v][-50:]
    return out


def _summary(rows, is_test):
    flags = [r.passed if is_test else r.satisfied for r in rows]
    known = [f for f in flags if f is not None]
    out = {"respondents": len(rows), "share": percent(sum(1 for f in known if f), len(known))}
    if is_test:
        scored = [r for r in rows if r.max_score]
        out["mean_score"] = mean([Decimal(r.score * 100) / r.max_score for r in scored])
    else:
        out["mean_rating"] = mean([r.mean_rating for r in rows if r.mean_rating is not None])
    return out


def overall(questionnaire, period=None):
    """Respondents and the share satisfied or passing (pre-tests not counted)."""
    rows = [r for r in responses(questionnaire, period) if r.phase != Phase.PRE]
    return _summary(rows, questionnaire.kind == Kind.TEST)


def results(questionnaire, period=None):
    """The questionnaire's results: overall, by phase (tests), and question by question per version."""
    is_test = questionnaire.kind == Kind.TEST
    rows = list(responses(questionnaire, period).order_by("pk"))
    counting = [r for r in rows if r.phase != Phase.PRE]
    out = {"overall": _summary(counting, is_test), "versions": [], "phases": []}
    if is_test:
        for phase, label in Phase.choices:
            part = [r for r in rows if r.phase == phase]
            if part:
                out["phases"].append({"phase": phase, "label": label, **_summary(part, True)})
    values: dict[int, list] = {}
    for answer in Answer.objects.filter(response__in=[r.pk for r in rows]).only("question_id", "value"):
        values.setdefault(answer.question_id, []).append(answer.value)
    by_version = Counter(r.version_id for r in rows)
    current = questionnaire.current_version()
    for version in questionnaire.versions.order_by("-number").prefetch_related("questions"):
        if not by_version.get(version.pk) and version != current:
            continue
        out["versions"].append(
            {
                "version": version,
                "respondents": by_version.get(version.pk, 0),
                "questions": [
                    _question_result(q, values.get(q.pk, []), is_test) for q in version.questions.all()
                ],
            }
        )
    return out


def fiscal_years(questionnaire):
    """The fiscal years (BE) with responses, newest first."""
    from sujarit.core import thai

    days = questionnaire.responses.dates("submitted_on", "month")
    return sorted({thai.fiscal_year_of(d) for d in days}, reverse=True)


def open_public(org):
    """Questionnaires anyone may answer now through their public link."""
    return Questionnaire.objects.for_org(org).filter(state=State.OPEN, open_link=True)


def summary_rows(org, period):
    """One row per questionnaire with responses in the period: (title, kind, respondents, share, mean)."""
    rows = []
    for q in Questionnaire.objects.for_org(org).order_by("title"):
        part = [r for r in responses(q, period) if r.phase != Phase.PRE]
        if not part:
            continue
        s = _summary(part, q.kind == Kind.TEST)
        rows.append((q, s))
    return rows


def context_label(key):
    context = registry.survey_contexts.get(key)
    return context.label if context else key


def response_count(org):
    return Response.objects.for_org(org).count()
