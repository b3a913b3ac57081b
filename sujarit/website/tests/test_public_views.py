import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from .. import oit, services
from ..models import ExecutiveGroup, PageKind
from .conftest import png


def url(name, org, **kw):
    return reverse(name, kwargs={"org_slug": org.slug, **kw})


@pytest.fixture
def site(org, editor):
    org.address, org.phone, org.email = "1 หมู่ 1 ตำบลแหลมสอม", "075-000000", "saraban@laemsom.example"
    org.save()
    services.save_settings(
        org, by=editor, tagline="ชุมชนน่าอยู่", latitude=Decimal("7.1"), longitude=Decimal("99.6")
    )
    return org


def test_staff_edits_appear_on_the_public_site(client, site, editor, django_capture_on_commit_callbacks):
    org = site
    home = client.get(url("core:org_home", org)).content.decode()
    assert "ชุมชนน่าอยู่" in home and "ปลูกป่าชายเลน" not in home
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):  # the edits commit, as they do when served
        r = client.post(
            url("website_staff:post_new", org),
            {"kind": "activity", "title": "ปลูกป่าชายเลน", "published_on": timezone.localdate().isoformat(),
             "body": "ย่อหน้าแรก\n\nย่อหน้าที่สอง <script>x</script>", "photo_alt": "ชาวบ้านปลูกต้นไม้",
             "photo_file": png()},
        )  # fmt: skip
        assert r.status_code == 302
        client.post(url("website_staff:page_edit", org, kind="history"), {"body": "ก่อตั้งเมื่อ พ.ศ. 2540"})
    client.logout()
    home = client.get(url("core:org_home", org)).content.decode()
    assert "ปลูกป่าชายเลน" in home  # the cache moved with the edit
    post_url = re.search(r'href="(/[^"]+/news/\d+/)"', home).group(1)
    page = client.get(post_url).content.decode()
    assert "<p>ย่อหน้าแรก</p>" in page and "&lt;script&gt;" in page and "<script>x" not in page
    photo = re.search(r'src="(/[^"]+/site/image/\d+\.jpg)" alt="ชาวบ้านปลูกต้นไม้"', page).group(1)
    img = client.get(photo)
    assert img.status_code == 200 and img["Content-Type"] == "image/jpeg"
    assert "ก่อตั้งเมื่อ" in client.get(url("website:about", org, kind="history")).content.decode()


def test_cache_invalidates_on_edit_and_serves_from_cache_otherwise(
    client, site, editor, django_assert_num_queries, django_capture_on_commit_callbacks
):
    org = site
    services.save_executive(org, by=editor, full_name="นายสมชาย ใจดี", position="นายก")
    assert "นายสมชาย ใจดี" in client.get(url("website:executives", org)).content.decode()
    with django_assert_num_queries(0):  # answered whole by core.pagecache's middleware
        client.get(url("website:executives", org))
    with django_capture_on_commit_callbacks(execute=True):
        ex = services.save_executive(org, by=editor, full_name="นางสมศรี รักถิ่น", position="รองนายก")
    html = client.get(url("website:executives", org)).content.decode()
    assert "นางสมศรี รักถิ่น" in html
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_executive(ex, by=editor)
    assert "นางสมศรี รักถิ่น" not in client.get(url("website:executives", org)).content.decode()


def test_non_staff_cannot_open_or_post_the_editor(client, org, unit_officer, citizen_like_user):
    target = url("website_staff:post_new", org)
    assert client.get(target).status_code == 302  # anonymous: to sign-in
    for user in (unit_officer, citizen_like_user):
        client.force_login(user)
        assert client.get(target).status_code == 403
        assert (
            client.post(target, {"title": "x", "kind": "news", "published_on": "2026-01-01"}).status_code
            == 403
        )
    from ..models import Post

    assert not Post.objects.exists()


@pytest.fixture
def citizen_like_user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("t_citizen", password="pw")


def test_bad_upload_through_the_form_keeps_the_page_and_says_why_in_thai(client, site, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    r = client.post(
        url("website_staff:executive_new", site),
        {"group": "executive", "full_name": "นายก", "position": "นายก", "order": 0,
         "photo_file": SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n", content_type="application/pdf")},
    )  # fmt: skip
    assert r.status_code == 200 and "ไม่รับ" in r.content.decode()
    from ..models import Executive

    assert not Executive.objects.exists()


def test_future_news_waits_for_its_day(client, site, editor):
    services.save_post(
        site, by=editor, title="ข่าวล่วงหน้า", published_on=timezone.localdate() + dt.timedelta(days=2)
    )
    assert "ข่าวล่วงหน้า" not in client.get(url("website:news", site)).content.decode()


def test_private_attachments_are_not_served_by_the_image_view(client, org, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sujarit.core import files

    att = files.store(org, SimpleUploadedFile("id.pdf", b"%PDF-1.4\n%%EOF"), by=editor)
    assert client.get(url("website:image", org, pk=att.pk)).status_code == 404


def test_map_tiles_only_when_the_operator_configures_a_server(client, site, settings):
    html = client.get(url("website:contact", site)).content.decode()
    assert "openstreetmap.org/?mlat=7.100000" in html and "tiles.example" not in html
    settings.SUJARIT_MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    from django.core.cache import cache

    cache.clear()
    html = client.get(url("website:contact", site)).content.decode()
    assert html.count("https://tiles.example/16/") == 9


def test_oit_evidence_only_when_the_requirement_is_met(site, editor):
    fy = 2570
    assert oit.executives_evidence(site, fy) == []
    ex = services.save_executive(
        site, by=editor, full_name="นายก", position="นายก", group=ExecutiveGroup.EXECUTIVE
    )
    assert oit.executives_evidence(site, fy) == []  # no photo, no contact
    services.save_executive(site, ex, by=editor, full_name="นายก", position="นายก", phone="075", photo=png())
    assert oit.executives_evidence(site, fy)[0]["topic"] == "executives"
    assert oit.contact_evidence(site, fy)[0]["topic"] == "contact"
    site.email = ""
    site.save()
    assert oit.contact_evidence(site, fy) == []
    assert oit.news_evidence(site, fy) == []
    services.save_post(site, by=editor, title="ข่าว", published_on=dt.date(2026, 11, 1))
    assert oit.news_evidence(site, fy)[0]["topic"] == "news"
    assert oit.news_evidence(site, 2569) == []


def test_every_page_kind_opens(client, org):
    for kind in PageKind.values:
        assert client.get(url("website:about", org, kind=kind)).status_code == 200
    assert client.get(url("website:about", org, kind="nope")).status_code == 404


def test_eservice_menu_lists_the_modules_found_in_the_registry(client, org):
    html = client.get(url("website:eservice", org)).content.decode()
    assert url("complaints:integrity_report", org) in html
    assert url("disclosure:infocentre", org) in html
    assert url("queue:kiosk", org) in html


def test_demo_front_page(client, org):
    from .. import demo

    assert demo.load(org) == len(demo.POSTS)
    assert demo.load(org) == 0  # once
    html = client.get(url("core:org_home", org)).content.decode()
    assert html.count('class="news-card"') == 6 and "site/image/" in html
    fy = 2570
    assert oit.executives_evidence(org, fy)


def test_whole_page_cache_gives_each_visitor_a_working_language_form(org, editor):
    from django.test import Client

    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    a = first.get(url("website:contact", org))
    b = second.get(url("website:contact", org))  # served whole from the cache
    assert "__sujarit_csrf_token__" not in b.content.decode()
    value = token.search(b.content.decode()).group(1)
    assert value != token.search(a.content.decode()).group(1)
    switched = second.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": value, "next": "/"})
    assert switched.status_code == 302
    staff = Client()
    staff.force_login(editor)
    assert url("core_staff:home", org) in staff.get(url("website:contact", org)).content.decode()


def test_the_profile_emblem_heads_the_front_page_at_once(
    client, org, admin_user, django_capture_on_commit_callbacks
):
    from sujarit.core import services as core_services

    assert 'class="emblem"' not in client.get(url("core:org_home", org)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        core_services.set_emblem(org, png((200, 200)), by=admin_user)
    html = client.get(url("core:org_home", org)).content.decode()
    src = re.search(r'class="emblem" src="([^"]+)"', html).group(1)
    assert client.get(src)["Content-Type"] == "image/png"
