"""Demo surveys: every standard questionnaire, open, with paper forms over three fiscal years.

Answers are drawn with a fixed seed so the demo reads the same every time: most respondents are
satisfied (about 85 %), post-tests mostly pass and pre-tests mostly do not, so the plan's bound
KPIs show values for the past years and the current one. Idempotent: an organization that already
has survey responses gets no more.
"""

import datetime as dt
import random

from django.utils import timezone

from sujarit.core import thai

from .models import Kind, Phase, QuestionKind, Response, State
from .services import answering, standard

LIKERT_WEIGHTS = (1, 4, 12, 38, 45)  # ratings 1..5
MOODS = (0,) * 9 + (-1, -2)
SUGGESTIONS = [
    "ควรเพิ่มเจ้าหน้าที่ในช่วงเช้า",
    "อยากให้มีที่จอดรถมากขึ้น",
    "บริการดีมาก ขอบคุณครับ",
    "ควรประชาสัมพันธ์ขั้นตอนทางเฟซบุ๊กของ อบต.",
]
DAYS_PER_YEAR = 6
FORMS_PER_DAY = (3, 6)


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _staff(org, username):
    person = org.people.filter(user__username=username, user__isnull=False).select_related("user").first()
    return person.user if person else None


def _form(rng, questions, phase):
    data = {}
    right = {Phase.PRE: 0.55, Phase.POST: 0.85}.get(phase, 0.85)
    mood = rng.choice(MOODS)  # some respondents rate everything lower: about 82 % end up satisfied
    for q in questions:
        if q.kind == QuestionKind.LIKERT:
            score = rng.choices((1, 2, 3, 4, 5), LIKERT_WEIGHTS)[0]
            data[f"q{q.pk}"] = [str(min(5, max(1, score + mood)))]
        elif q.kind == QuestionKind.SINGLE and q.correct:
            pick = q.correct[0] if rng.random() < right else rng.randrange(len(q.choices))
            data[f"q{q.pk}"] = [str(pick)]
        elif q.kind == QuestionKind.SINGLE:
            data[f"q{q.pk}"] = [str(rng.randrange(len(q.choices)))]
        elif q.kind == QuestionKind.MULTIPLE:
            data[f"q{q.pk}"] = [str(i) for i in rng.sample(range(len(q.choices)), rng.choice((1, 1, 2)))]
        elif q.kind == QuestionKind.TEXT and rng.random() < 0.2:
            data[f"q{q.pk}"] = [rng.choice(SUGGESTIONS)]
    return lambda name: data.get(name, [])


def _days(rng, fiscal_year, today):
    start, end = thai.fiscal_year_bounds(fiscal_year)
    end = min(end, today)
    span = (end - start).days
    if span < 0:
        return []
    return sorted({start + dt.timedelta(days=rng.randint(0, span)) for _i in range(DAYS_PER_YEAR)})


def load(org, stdout=None):
    """Open the standard questionnaires of org and enter demo forms; returns how many responses."""
    admin = _staff(org, "admin")
    if admin is None:
        _say(stdout, "surveys: no demo admin account; demo surveys skipped\n")
        return 0
    standard.load_standard(org, state=State.OPEN)
    if Response.objects.for_org(org).exists():
        return 0
    rng = random.Random(f"sujarit-demo-surveys-{org.slug}")
    today = timezone.localdate()
    this_year = thai.current_fiscal_year()
    made = 0
    for q in org.questionnaires.exclude(standard="").order_by("pk"):
        questions = list(q.current_version().questions.all())
        phases = (Phase.PRE, Phase.POST) if q.kind == Kind.TEST else (Phase.NONE,)
        for fiscal_year in (this_year - 2, this_year - 1, this_year):
            for day in _days(rng, fiscal_year, today):
                for phase in phases:
                    forms = [_form(rng, questions, phase) for _i in range(rng.randint(*FORMS_PER_DAY))]
                    made += answering.enter_paper_forms(q, forms, by=admin, submitted_on=day, phase=phase)
    _say(stdout, f"surveys: {made} demo responses\n")
    return made
