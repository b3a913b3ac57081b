"""The demo loader opens every standard questionnaire with answers over three fiscal years, once."""

from io import StringIO

from django.core.management import call_command

from sujarit.core import thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.surveys import demo
from sujarit.surveys.models import Questionnaire, Response, State
from sujarit.surveys.standard import catalogue


def test_demo_surveys_have_answers_for_the_past_years_and_load_once(org, admin_user):
    admin_user.username = "admin"
    admin_user.save(update_fields=["username"])
    made = demo.load(org)
    assert made > 300
    assert Questionnaire.objects.for_org(org).filter(state=State.OPEN).count() == len(catalogue())
    this_year = thai.current_fiscal_year()
    for key in ("surveys.service", "surveys.promotion", "surveys.ethics_test"):
        for year in (this_year - 2, this_year - 1):
            value = registry.measures[key].func(org, Period.for_fiscal_year(year))
            assert value is not None and 50 <= value <= 100, (key, year, value)
    assert demo.load(org) == 0 and Response.objects.count() == made


def test_the_command_adds_the_standard_questionnaires(org):
    out = StringIO()
    call_command("surveys", "standard", "--org", org.slug, "--key", "ethics-test", "--open", stdout=out)
    q = Questionnaire.objects.get(standard="ethics-test")
    assert q.state == State.OPEN and "1 questionnaire" in out.getvalue()
