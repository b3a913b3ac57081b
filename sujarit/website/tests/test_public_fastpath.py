"""The public site's pages answered by core.pagecache's middleware, before sessions and the database."""

import datetime as dt
import re
import time
import types

import pytest
from django.conf import settings
from django.core.cache.backends import locmem
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sujarit.core import services as core_services
from sujarit.core.models import Organization

from .. import services

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def url(name, org, **kw):
    return reverse(name, kwargs={"org_slug": org.slug, **kw})


def fast(response):
    """The answer came from the page cache's middleware: the session middleware never saw the request."""
    return not hasattr(response.wsgi_request, "session")


def queries_of(fetch):
    from django.db import connection

    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    return response, len(ctx.captured_queries)


@pytest.fixture
def site(org, editor):
    org.phone = "075-000000"
    org.save()
    services.save_settings(org, by=editor, tagline="ชุมชนน่าอยู่")
    return org


def test_a_visitor_without_a_cookie_is_answered_before_sessions_and_queries(site, django_assert_num_queries):
    contact = url("website:contact", site)
    first = Client().get(contact)
    assert first.status_code == 200 and not fast(first)
    with django_assert_num_queries(0):
        second = Client().get(contact)
    assert second.status_code == 200 and fast(second)
    assert "ชุมชนน่าอยู่" in second.content.decode()
    with django_assert_num_queries(0):
        head = Client().head(contact)
    assert head.status_code == 200 and fast(head) and head["Content-Length"] == second["Content-Length"]


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_fast_answer_is_the_normal_answer_but_for_the_visitors_token(site, language):
    home = url("core:org_home", site)
    visitor = Client()
    if language == "en":
        visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    normal = visitor.get(home)
    cached = visitor.get(home)
    assert not fast(normal) and fast(cached)
    assert normal.status_code == cached.status_code == 200
    # Every header: Content-Type, Content-Language, Vary, Content-Length, CSP, X-Frame-Options, the
    # headers of SecurityMiddleware …
    assert dict(normal.headers) == dict(cached.headers)
    assert cached["Content-Language"] == language and cached["Vary"] == "Cookie"
    assert (
        cached["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in cached["Content-Security-Policy"]
    )
    assert cached["Cross-Origin-Opener-Policy"] == "same-origin"
    # The CSRF cookie as Django sets it (the visitor's own secret, renewed), the same attributes.
    a, b = normal.cookies[settings.CSRF_COOKIE_NAME], cached.cookies[settings.CSRF_COOKIE_NAME]
    assert {k: v for k, v in a.items() if k != "expires"} == {k: v for k, v in b.items() if k != "expires"}
    assert a.value == b.value  # the same visitor keeps their secret
    assert list(cached.cookies) == [settings.CSRF_COOKIE_NAME]
    # The same bytes but for the masked token, which differs on every answer.
    tokens = TOKEN.findall(cached.content.decode())
    assert tokens and tokens != TOKEN.findall(normal.content.decode())
    assert TOKEN.sub("T", normal.content.decode()) == TOKEN.sub("T", cached.content.decode())
    assert f'<html lang="{language}">' in cached.content.decode()


def test_the_language_form_of_a_fast_answer_posts_and_english_is_answered_in_english(site):
    contact = url("website:contact", site)
    Client().get(contact)  # the first visitor's answer is kept
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(contact)
    assert fast(page) and "__sujarit_csrf_token__" not in page.content.decode()
    token = TOKEN.search(page.content.decode()).group(1)
    switched = visitor.post(
        "/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token, "next": contact}
    )
    assert switched.status_code == 302
    assert visitor.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    visitor.get(contact)  # the first English answer is kept …
    english = visitor.get(contact)  # … and answered by the middleware
    assert fast(english) and english["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode() and "Contact us" in english.content.decode()
    thai = Client().get(contact)
    assert fast(thai) and thai["Content-Language"] == "th" and '<html lang="th">' in thai.content.decode()


def test_a_signed_in_visitor_a_session_a_pending_message_or_a_post_take_the_whole_stack(site, editor):
    contact = url("website:contact", site)
    Client().get(contact)
    assert fast(Client().get(contact))
    staff = Client()
    staff.force_login(editor)
    html = staff.get(contact)
    assert not fast(html) and url("core_staff:home", site) in html.content.decode()
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "whatever"
        response, queries = queries_of(lambda v=visitor: v.get(contact))
        assert response.status_code == 200 and not fast(response) and queries > 0
    # A POST is checked by the CSRF middleware, never answered from the cache.
    assert Client(enforce_csrf_checks=True).post(contact).status_code == 403


def test_a_published_news_item_shows_on_the_next_anonymous_read(
    site, editor, settings, django_capture_on_commit_callbacks
):
    settings.SUJARIT_PUBLIC_VERSION_SECONDS = 3600  # so only the commit, not the time, can move it
    news = url("website:news", site)
    Client().get(news)
    assert fast(Client().get(news))
    with django_capture_on_commit_callbacks(execute=True):
        services.save_post(site, by=editor, title="ประชุมสภาสมัยสามัญ", published_on=timezone.localdate())
    after = Client().get(news)
    assert not fast(after) and "ประชุมสภาสมัยสามัญ" in after.content.decode()
    assert fast(Client().get(news))


def test_a_change_committed_by_another_process_shows_within_the_version_seconds(
    site, editor, monkeypatch, django_capture_on_commit_callbacks
):
    news = url("website:news", site)
    Client().get(news)
    # Another process commits: its callback forgets the version in *its* cache, not in this one.
    with django_capture_on_commit_callbacks(execute=False):
        services.save_post(site, by=editor, title="ข่าวจากอีกกระบวนการ", published_on=timezone.localdate())
    stale = Client().get(news)
    assert fast(stale) and "ข่าวจากอีกกระบวนการ" not in stale.content.decode()
    later = time.time() + settings.SUJARIT_PUBLIC_VERSION_SECONDS + 1
    monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=lambda: later))
    fresh = Client().get(news)
    assert not fast(fresh) and "ข่าวจากอีกกระบวนการ" in fresh.content.decode()


def test_a_news_item_dated_tomorrow_shows_tomorrow(site, editor, monkeypatch):
    today = timezone.localdate()
    services.save_post(site, by=editor, title="ข่าวของวันพรุ่งนี้", published_on=today + dt.timedelta(days=1))
    news = url("website:news", site)
    Client().get(news)
    assert "ข่าวของวันพรุ่งนี้" not in Client().get(news).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **kw: today + dt.timedelta(days=1))
    assert "ข่าวของวันพรุ่งนี้" in Client().get(news).content.decode()


def test_an_address_answers_only_for_the_organization_that_holds_it(site, django_capture_on_commit_callbacks):
    contact = url("website:contact", site)
    Client().get(contact)
    assert fast(Client().get(contact))
    # The organization leaves its web name (no audited event of its own) and another one takes it.
    Organization.objects.filter(pk=site.pk).update(slug="laemsom-old")
    with django_capture_on_commit_callbacks(execute=True):
        core_services.create_organization(slug="laemsom", name="เทศบาลตำบลใหม่", province="ตรัง")
    home = Client().get("/laemsom/")
    assert "เทศบาลตำบลใหม่" in home.content.decode()  # remembers the new organization at this name
    page = Client().get(contact)
    assert not fast(page) and "เทศบาลตำบลใหม่" in page.content.decode()
    assert "แหลมสอม" not in page.content.decode()


def test_an_unknown_organization_is_never_kept(db):
    for _ in range(2):
        response, queries = queries_of(lambda: Client().get("/nowhere/contact/"))
        assert response.status_code == 404 and queries > 0
