"""Onboarding a real organization: the platform operator's pages, the one-time link, the CSV, the checklist."""

import io
import itertools
import re

import pyotp
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sujarit.core import onboarding, thai
from sujarit.core.models import AuditEvent, Organization, Person, Role, TOTPDevice

from .personas import make_staff

NEW = {
    "name": "องค์การบริหารส่วนตำบลบ้านใหม่",
    "slug": "banmai",
    "org_type": "sao",
    "province": "ตรัง",
    "district": "ปะเหลียน",
    "local_code": "6920199",
    "admin_name": "สมศรี ใจดี",
    "admin_email": "somsri@banmai.go.th",
}


def _path(link):
    return re.sub(r"^https?://[^/]+", "", link)


@pytest.mark.django_db
def test_platform_operator_creates_an_organization_whose_admin_sets_a_password_once(
    client, platform_operator
):
    client.force_login(platform_operator)
    resp = client.post("/platform/orgs/new/", NEW)
    assert resp.status_code == 302 and resp["Location"] == "/platform/orgs/banmai/"
    page = client.get("/platform/orgs/banmai/").content.decode()
    link = re.search(r'<code id="link">([^<]+)</code>', page).group(1)
    assert "/platform/orgs/banmai/" in resp["Location"] and link.startswith("/accounts/setup/")
    assert 'id="link"' not in client.get("/platform/orgs/banmai/").content.decode(), "shown once"
    org = Organization.objects.get(slug="banmai")
    assert (org.local_code, org.nacc_region, org.province) == ("6920199", 9, "ตรัง")
    assert AuditEvent.objects.filter(org=org, action="core.org_onboarded", actor=platform_operator).exists()

    client.logout()
    assert client.get(link).status_code == 200
    resp = client.post(
        link, {"new_password1": "a long new password 1", "new_password2": "a long new password 1"}
    )
    assert resp.status_code == 302 and resp["Location"] == "/banmai/staff/"
    # An administrator must enrol TOTP before the back office opens.
    resp = client.get("/banmai/staff/")
    assert resp.status_code == 302 and "/accounts/2fa/setup/" in resp["Location"]
    client.get("/accounts/2fa/setup/")
    secret = TOTPDevice.objects.get(user__username="banmai.admin").secret
    resp = client.post("/accounts/2fa/setup/?next=/banmai/staff/", {"code": pyotp.TOTP(secret).now()})
    assert resp.status_code == 302
    home = client.get("/banmai/staff/").content.decode()
    assert 'id="checklist"' in home and 'data-step="plans.imported"' in home

    client.logout()
    used = client.get(link)
    assert used.status_code == 400 and "ใช้ไปแล้วหรือหมดอายุ" in used.content.decode()


@pytest.mark.django_db
def test_a_new_link_kills_the_old_one(client, platform_operator):
    done = onboarding.onboard(onboarding.OrgSpec(slug="banmai", name="อบต.บ้านใหม่"), by=platform_operator)
    fresh = onboarding.reissue_setup_link(done.org, by=platform_operator)
    assert client.get(_path(done.link)).status_code == 400
    assert client.get(_path(fresh)).status_code == 200


@pytest.mark.django_db
def test_organization_staff_cannot_onboard(client, admin_user):
    client.force_login(admin_user)
    assert client.post("/platform/orgs/new/", NEW).status_code == 403
    with pytest.raises(Exception, match="platform operator"):
        onboarding.onboard(onboarding.OrgSpec(slug="banmai", name="x"), by=admin_user)
    assert not Organization.objects.filter(slug="banmai").exists()


def test_reserved_slugs_come_from_the_urlconf():
    reserved = onboarding.reserved_slugs()
    assert {"api", "accounts", "i18n", "platform", "static"} <= reserved
    assert "laemsom" not in reserved


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug,message",
    [
        ("accounts", "สงวนไว้"),
        ("api", "สงวนไว้"),
        ("laemsom", "มีองค์กรอื่นใช้"),
        ("แหลมสอม", "ตัวอักษรละติน"),
        ("A", "ตัวอักษรละติน"),
    ],
)
def test_bad_or_taken_slugs_are_refused_in_thai(client, platform_operator, org, slug, message):
    client.force_login(platform_operator)
    resp = client.post("/platform/orgs/new/", {**NEW, "slug": slug})
    assert resp.status_code == 400 and message in resp.content.decode()
    assert Organization.objects.count() == 1


@pytest.mark.django_db
def test_the_command_creates_and_lists(capsys):
    out = io.StringIO()
    call_command(
        "org",
        "create",
        "--slug",
        "banmai",
        "--name",
        "อบต.บ้านใหม่",
        "--type",
        "ทต.",
        "--province",
        "ตรัง",
        stdout=out,
    )
    slug, username, link = out.getvalue().split()
    assert (slug, username) == ("banmai", "banmai.admin") and link.startswith("/accounts/setup/")
    assert Organization.objects.get(slug="banmai").org_type == "tambon_muni"
    with pytest.raises(CommandError, match="มีองค์กรอื่นใช้"):
        call_command("org", "create", "--slug", "banmai", "--name", "ซ้ำ")
    out = io.StringIO()
    call_command("org", "list", "--json", stdout=out)
    assert '"slug": "banmai"' in out.getvalue()


CSV = (
    "slug,name,type,province,district,local_code,admin_email\n"
    "banmai,อบต.บ้านใหม่,อบต.,ตรัง,ปะเหลียน,6920199,a@banmai.go.th\n"
    "nakhon,เทศบาลนครตรัง,ทน.,ตรัง,เมืองตรัง,,\n"
)


@pytest.mark.django_db
def test_csv_import_is_idempotent_and_reads_bare_cr_line_endings():
    created, unchanged = onboarding.import_csv(("\ufeff" + CSV).replace("\n", "\r").encode())
    assert [d.org.slug for d in created] == ["banmai", "nakhon"] and unchanged == []
    created, unchanged = onboarding.import_csv(CSV.encode())
    assert created == [] and unchanged == ["banmai", "nakhon"]
    assert Person.objects.filter(org__slug="banmai", grants__role=Role.ADMIN).count() == 1


@pytest.mark.django_db
def test_csv_import_reports_every_bad_line_and_creates_nothing(org):
    bad = CSV + "api,x,อบต.,ตรัง,,,\nnew1,อบต.หนึ่ง,วัด,ปารีส,,12ab,\nbanmai,ซ้ำ,อบต.,,,,\n"
    with pytest.raises(onboarding.ImportRefused) as err:
        onboarding.import_csv(bad.encode())
    lines = [n for n, _m in err.value.lines]
    assert lines == [4, 5, 5, 5, 6], err.value.lines
    text = "\n".join(err.value.messages)
    assert "บรรทัด 4" in text and "สงวนไว้" in text and "ไม่ใช่จังหวัด" in text and "บรรทัดที่ 2" in text
    assert list(Organization.objects.values_list("slug", flat=True)) == ["laemsom"]


@pytest.mark.django_db
def test_the_import_command_says_nothing_was_created(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"slug,name\nbanmai,\n")
    with pytest.raises(CommandError, match="ไม่ได้สร้าง"):
        call_command("org", "import", str(path))
    assert not Organization.objects.exists()


RUNS = itertools.count()
slugs = st.from_regex(r"[a-z][a-z0-9]{2,12}", fullmatch=True).filter(
    lambda s: s not in onboarding.reserved_slugs()
)
rows = st.lists(
    st.tuples(
        slugs,
        st.text(alphabet="กขคงจฉ อบต.", min_size=1, max_size=20).filter(str.strip),
        st.sampled_from(thai.provinces()),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda r: r[0],
)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows, newline=st.sampled_from(["\n", "\r\n", "\r"]), bad_at=st.none() | st.integers(0, 5))
def test_any_csv_creates_all_its_rows_or_none(rows, newline, bad_at):
    # Examples share one test transaction (audit events protect organizations from deletion): each
    # example's slugs get a fresh prefix instead.
    run = f"r{next(RUNS)}"
    rows = [(f"{run}{s}", n, p) for s, n, p in rows]
    before = Organization.objects.count()
    body = [f"{s},{n},อบต.,{p}" for s, n, p in rows]
    if bad_at is not None:
        body.insert(min(bad_at, len(body)), "Bad Slug,x,อบต.,ตรัง")
    data = newline.join(["slug,name,type,province", *body]) + newline
    if bad_at is not None:
        with pytest.raises(onboarding.ImportRefused) as err:
            onboarding.import_csv(data.encode())
        assert err.value.lines[0][0] == min(bad_at, len(rows)) + 2
        assert Organization.objects.count() == before
    else:
        created, _unchanged = onboarding.import_csv(data.encode())
        assert sorted(d.org.slug for d in created) == sorted(s for s, _n, _p in rows)
        assert onboarding.import_csv(data.encode())[0] == []


@pytest.mark.django_db
def test_the_checklist_is_ticked_from_the_data(org, admin_user):
    def ticks():
        return {s["key"]: s["done"] for s in onboarding.checklist(org)}

    assert set(ticks()) >= {
        "core.units",
        "core.people",
        "core.integrity",
        "plans.imported",
        "complaints.categories",
        "disclosure.oit_owners",
    }
    assert not ticks()["core.integrity"]
    make_staff(org, "i1", Role.INTEGRITY_OFFICER, "สำนักปลัด")
    make_staff(org, "i2", Role.INTEGRITY_OFFICER, "สำนักปลัด")
    assert not ticks()["core.integrity"], "two officers of one unit are not enough"
    make_staff(org, "i3", Role.INTEGRITY_OFFICER, "กองคลัง")
    assert ticks()["core.integrity"] and ticks()["core.units"]
    assert not ticks()["core.people"]
    make_staff(org, "e", Role.EXECUTIVE)
    make_staff(org, "c", Role.PLAN_COORDINATOR)
    assert ticks()["core.people"]


def test_provinces_and_their_nacc_regions():
    assert len(thai.provinces()) == 77
    assert thai.province_region("ตรัง") == 9 and thai.province_region("จังหวัดเชียงใหม่") == 5
    assert thai.province_region("กรุงเทพมหานคร") is None
    assert {thai.province_region(p) for p in thai.provinces()} == {None, *range(1, 10)}
