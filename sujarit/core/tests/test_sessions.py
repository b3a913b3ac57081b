"""How long a session lasts (issue 8, item 14): staff a working day without a request; citizens and
reporters until the browser closes."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from sujarit.core.middleware import SEEN

WORKING_DAY = 8 * 60 * 60


def _sign_in(client):
    resp = client.post("/accounts/login/", {"username": "t_officer", "password": "pw-t_officer"})
    assert resp.status_code == 302
    return resp


@pytest.mark.django_db
def test_a_staff_session_lasts_a_working_day_not_two_weeks(client, org, unit_officer):
    resp = _sign_in(client)
    assert resp.cookies["sessionid"]["max-age"] == WORKING_DAY
    stored = Session.objects.get(session_key=client.session.session_key)
    assert stored.expire_date <= timezone.now() + dt.timedelta(seconds=WORKING_DAY)


@pytest.mark.django_db
def test_work_keeps_a_staff_session_open_and_idleness_ends_it(client, org, unit_officer):
    _sign_in(client)
    key = client.session.session_key
    # Seven hours later, still at work: the request moves the end of the session a working day ahead.
    session = client.session
    session[SEEN] = int(timezone.now().timestamp()) - 7 * 3600
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(hours=1))
    assert client.get(f"/{org.slug}/staff/").status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + dt.timedelta(seconds=WORKING_DAY - 60)
    # A night away from the desk: the session has ended.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    resp = client.get(f"/{org.slug}/staff/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


@pytest.mark.django_db
def test_the_idle_limit_is_a_setting(client, org, unit_officer, settings):
    settings.SESSION_COOKIE_AGE = 3600
    assert _sign_in(client).cookies["sessionid"]["max-age"] == 3600
