"""`sujarit demo load` gives a working complaints module: open channel, configured policy, real cases."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from sujarit.complaints.models import Case, Category, Kind
from sujarit.complaints.queries import stats
from sujarit.complaints.services import keys
from sujarit.core import thai
from sujarit.core.models import Organization
from sujarit.surveys.models import Response


def test_demo_load_opens_the_corruption_channel_and_fills_a_year_of_cases(db, client):
    out = StringIO()
    call_command("demo", "load", stdout=out)
    org = Organization.objects.get(slug="laemsom")
    assert keys.channel_ready(org)  # the demo integrity officer's key was made with their new password
    page = client.get(reverse("complaints:integrity_report", kwargs={"org_slug": org.slug}))
    assert b'name="text"' in page.content
    assert Category.objects.filter(org=org, kind=Kind.INTEGRITY).count() >= 5
    cases = Case.objects.filter(org=org, kind=Kind.GENERAL)
    assert cases.count() == 28
    # Complainants of closed cases answered the complaint questionnaire (the survey engine keeps it).
    assert Response.objects.filter(org=org, context_key="complaints.closed_case").exists()
    assert {c.state for c in cases} >= {"closed", "resolved"}
    # Loading again changes nothing.
    call_command("demo", "load", stdout=StringIO())
    assert Case.objects.filter(org=org).count() == 28
    year = stats.yearly(org, Kind.GENERAL, thai.current_fiscal_year() - 1)  # the demo spans 14 months
    assert year["total"] > 0
