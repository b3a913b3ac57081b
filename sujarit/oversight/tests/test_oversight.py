"""The supervisors' view: a province's supervisor sees aggregates of their province, drills down to a
district and an organization, downloads the same in JSON, CSV and Excel, never sees a complaint's
content or a staff page; the national public page shows only public figures; figures follow the data."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from sujarit.complaints.models import Category, Channel, ComplaintPolicy
from sujarit.complaints.services import general
from sujarit.core import services as core_services
from sujarit.core.tests.personas import make_org, make_staff
from sujarit.disclosure.services import ita

from ..models import ScopeKind, Snapshot, Supervisor
from ..services import grant

BOARD = "/oversight/"
NATIONAL = "/national/"
SECRET_TEXT = "นายสมปอง รับเงินใต้โต๊ะหน้าตลาด"


def place(slug, name, province, district):
    org = make_org(slug, name)
    org.province, org.district = province, district
    org.save(update_fields=["province", "district"])
    return org


@pytest.fixture
def orgs(db):
    return {
        "laemsom": place("laemsom", "องค์การบริหารส่วนตำบลแหลมสอม", "ตรัง", "ปะเหลียน"),
        "thungyao": place("thungyao", "เทศบาลตำบลทุ่งยาว", "ตรัง", "ปะเหลียน"),
        "kantang": place("kantang", "เทศบาลเมืองกันตัง", "ตรัง", "กันตัง"),
        "maerim": place("maerim", "องค์การบริหารส่วนตำบลแม่ริม", "เชียงใหม่", "แม่ริม"),
    }


@pytest.fixture
def trang_supervisor(db, platform_operator):
    supervisor, _link = grant(
        username="trang.sup", full_name="ผู้กำกับดูแลจังหวัดตรัง", scope=ScopeKind.PROVINCE, province="ตรัง",
        by=platform_operator,
    )  # fmt: skip
    return supervisor.user


def complain(org, subject=SECRET_TEXT):
    unit = core_services.ensure_unit(org, "สำนักปลัด")
    ComplaintPolicy.objects.get_or_create(org=org, defaults={"general_unit": unit, "integrity_unit": unit})
    category, _ = Category.objects.get_or_create(
        org=org, code="road", defaults={"name": "ถนนชำรุด", "unit": unit}
    )
    case, _secret = general.submit(
        org, channel=Channel.WEB, category=category, subject=subject, description=SECRET_TEXT
    )
    return case


def org_names(response):
    return [row["label"] for row in response.json()["organizations"]]


def test_a_province_supervisor_sees_their_province_by_district(client, orgs, trang_supervisor):
    client.force_login(trang_supervisor)
    page = client.get(BOARD)
    assert page.status_code == 200
    html = page.content.decode()
    assert "จังหวัดตรัง" in html and "อำเภอปะเหลียน" in html and "อำเภอกันตัง" in html
    assert "เทศบาลเมืองกันตัง" in html and "แม่ริม" not in html

    data = client.get(BOARD, {"format": "json"}).json()
    assert data["area"]["province"] == "ตรัง"
    assert data["total"]["organizations"] == 3
    districts = {a["label"]: a["organizations"] for a in data["areas"]}
    assert districts == {"อำเภอกันตัง": 1, "อำเภอปะเหลียน": 2}

    down = client.get(BOARD, {"province": "ตรัง", "district": "ปะเหลียน", "format": "json"})
    assert set(org_names(down)) == {"เทศบาลตำบลทุ่งยาว", "องค์การบริหารส่วนตำบลแหลมสอม"}
    assert down.json()["areas"] == []  # a district lists its organizations only


@pytest.mark.parametrize(
    "params",
    [{"province": "เชียงใหม่"}, {"region": "5"}, {"region": "1"}, {"region": "0"}],
)
def test_a_supervisor_cannot_look_outside_their_scope(client, orgs, trang_supervisor, params):
    client.force_login(trang_supervisor)
    response = client.get(BOARD, params)
    assert response.status_code == 404
    assert "แม่ริม" not in response.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"province": "แอตแลนติส"}, "ไม่มีจังหวัดที่ระบุ"),
        ({"region": "12"}, "ไม่มีภาคที่ระบุ"),
        ({"region": "ภาคใต้"}, "ไม่มีภาคที่ระบุ"),
        ({"district": "ปะเหลียน"}, "ระบุอำเภอต้องระบุจังหวัดด้วย"),
    ],
)
def test_a_place_that_is_none_is_refused_in_thai(client, orgs, params, message):
    response = client.get(NATIONAL, params)
    assert response.status_code == 404
    assert message in response.content.decode()


def test_an_unknown_fiscal_year_shows_this_year_and_says_so(client, orgs):
    page = client.get(NATIONAL, {"fy": "สองพัน"})
    assert page.status_code == 200
    assert "ไม่พบปีงบประมาณที่ระบุ" in page.content.decode()


def test_the_whole_country_is_grouped_by_nacc_region(client, orgs):
    data = client.get(NATIONAL, {"format": "json"}).json()
    regions = {a["label"]: a["organizations"] for a in data["areas"]}
    assert regions == {"ภาค 5": 1, "ภาค 9": 3}
    south = client.get(NATIONAL, {"region": "9", "format": "json"}).json()
    assert [a["label"] for a in south["areas"]] == ["จังหวัดตรัง"]


def test_no_staff_page_and_no_case_opens_to_a_supervisor(client, orgs, trang_supervisor):
    case = complain(orgs["laemsom"])
    client.force_login(trang_supervisor)
    for url in (
        "/laemsom/staff/",
        reverse("complaints_staff:case", kwargs={"org_slug": "laemsom", "pk": case.pk}),
        reverse("complaints_staff:inbox", kwargs={"org_slug": "laemsom"}),
    ):
        assert client.get(url).status_code == 403, url


def test_counts_follow_the_records_at_once_and_never_carry_content(client, orgs, trang_supervisor):
    client.force_login(trang_supervisor)

    def received():
        rows = {r["slug"]: r for r in client.get(BOARD, {"format": "json"}).json()["organizations"]}
        return rows["laemsom"]["values"]["complaints.general"]

    assert received() == 0
    assert Snapshot.objects.filter(org=orgs["laemsom"]).exists()
    complain(orgs["laemsom"])  # audited: the snapshot is marked stale in the same transaction
    assert Snapshot.objects.get(org=orgs["laemsom"]).dirty
    assert received() == 1
    for fmt in ("html", "json", "csv"):
        body = client.get(BOARD, {"format": fmt}).content.decode("utf-8-sig")
        assert "สมปอง" not in body and "ใต้โต๊ะ" not in body, fmt

    ita.save_result(
        orgs["kantang"], by=make_staff(orgs["kantang"], "t_k_admin", "admin"), year=2570, total="91.5"
    )
    data = client.get(BOARD, {"format": "json", "fy": "2570"}).json()
    kantang = next(r for r in data["organizations"] if r["slug"] == "kantang")
    assert kantang["values"]["disclosure.ita"] == 91.5 and kantang["colours"]["disclosure.ita"] == "green"


def test_sort_and_filter_by_any_column(client, orgs, trang_supervisor):
    complain(orgs["kantang"])
    complain(orgs["kantang"], subject="ไฟดับ")
    complain(orgs["thungyao"])
    client.force_login(trang_supervisor)
    most = client.get(BOARD, {"format": "json", "sort": "complaints.general", "dir": "desc"})
    assert org_names(most) == ["เทศบาลเมืองกันตัง", "เทศบาลตำบลทุ่งยาว", "องค์การบริหารส่วนตำบลแหลมสอม"]
    fewest = client.get(BOARD, {"format": "json", "sort": "complaints.general", "dir": "asc"})
    assert org_names(fewest)[0] == "องค์การบริหารส่วนตำบลแหลมสอม"
    some = client.get(BOARD, {"format": "json", "col": "complaints.general", "op": "gt", "value": "0"})
    assert set(org_names(some)) == {"เทศบาลตำบลทุ่งยาว", "เทศบาลเมืองกันตัง"}
    named = client.get(BOARD, {"format": "json", "q": "กันตัง"})
    assert org_names(named) == ["เทศบาลเมืองกันตัง"]
    # The area's figures are the whole area's, whatever the table shows.
    assert named.json()["total"]["values"]["complaints.general"] == 3
    html = client.get(BOARD, {"sort": "complaints.general", "dir": "desc"}).content.decode()
    assert 'aria-sort="descending"' in html


def test_downloads_carry_every_organization_of_the_area(client, orgs, trang_supervisor):
    client.force_login(trang_supervisor)
    raw = client.get(BOARD, {"format": "csv"})
    assert raw["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig"))))
    assert rows[0][0] == "ชื่อหน่วยงาน" and "เรื่องร้องเรียนที่รับ" in rows[0]
    assert sorted(r[0] for r in rows[1:]) == sorted(o.name for k, o in orgs.items() if k != "maerim")
    book = openpyxl.load_workbook(io.BytesIO(client.get(BOARD, {"format": "xlsx"}).content))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert "เทศบาลเมืองกันตัง" in values and "องค์การบริหารส่วนตำบลแม่ริม" not in values


def test_the_national_page_is_public_and_shows_public_figures_only(client, orgs):
    page = client.get(NATIONAL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "องค์กรปกครองส่วนท้องถิ่นทั่วประเทศ" in html and "ภาค 9" in html
    assert "ข้อผิดพลาดในแผนที่นำเข้า" not in html  # the lint of an imported file is not published
    keys = {f["key"] for f in client.get(NATIONAL, {"format": "json"}).json()["figures"]}
    assert "plans.lint_errors" not in keys and "complaints.general" in keys


def test_the_board_is_for_supervisors_only(client, orgs, citizen):
    assert client.get(BOARD).status_code == 302
    admin = make_staff(orgs["laemsom"], "t_admin", "admin")
    for user in (citizen, admin):
        client.force_login(user)
        assert client.get(BOARD).status_code == 403


def test_a_platform_operator_grants_a_supervisor_who_sets_a_password_from_the_link(
    client, orgs, platform_operator
):
    client.force_login(platform_operator)
    form = {"username": "sthj.trang", "full_name": "นางสาวอรทัย ใจดี", "office": "สถ.จ.ตรัง",
            "scope": "province", "province": "ตรัง"}  # fmt: skip
    page = client.post("/platform/supervisors/", form)
    assert page.status_code == 200
    link = page.context["link"]
    assert "/accounts/setup/" in link or "setup" in link
    client.logout()
    path = link.split("://", 1)[-1].split("/", 1)[-1]
    done = client.post("/" + path, {"new_password1": "ตรัง-2570-ปลอดภัย", "new_password2": "ตรัง-2570-ปลอดภัย"})
    assert done.status_code == 302
    assert client.get(BOARD, {"format": "json"}).json()["area"]["province"] == "ตรัง"


@pytest.mark.parametrize(
    "form, message",
    [
        ({"scope": "province", "province": "แอตแลนติส"}, "ไม่ใช่ชื่อจังหวัดของประเทศไทย"),
        ({"scope": "district", "province": "ตรัง"}, "ระบุอำเภอ"),
        ({"scope": "region"}, "เลือกภาค"),
    ],
)
def test_a_bad_grant_is_refused_in_thai_and_creates_nothing(client, orgs, platform_operator, form, message):
    client.force_login(platform_operator)
    users = get_user_model().objects.count()
    page = client.post("/platform/supervisors/", {"username": "x.sup", "full_name": "ทดสอบ", **form})
    assert page.status_code == 400
    assert message in page.content.decode()
    assert get_user_model().objects.count() == users and not Supervisor.objects.exists()


def test_an_organizations_staff_account_cannot_also_supervise(orgs, platform_operator):
    from django.core.exceptions import ValidationError

    staff = make_staff(orgs["laemsom"], "t_coord", "plan_coordinator")
    with pytest.raises(ValidationError, match="บัญชีเจ้าหน้าที่ของหน่วยงาน"):
        grant(username=staff.username, full_name="x", scope="country", by=platform_operator)
    assert not Supervisor.objects.exists()


def test_supervisors_from_the_shell_and_the_nightly_refresh(orgs, capsys):
    call_command("oversight", "supervisor", "add", "nacc9", "--name", "สำนักงาน ป.ป.ช. ประจำภาค 9",
                 "--scope", "region", "--region", "9")  # fmt: skip
    assert "one-time set-up link" in capsys.readouterr().out
    assert Supervisor.objects.get(user__username="nacc9").region == 9
    call_command("oversight", "refresh", "--fy", "2570")
    assert Snapshot.objects.filter(fiscal_year=2570).count() == 4
    call_command("oversight", "supervisor", "remove", "nacc9")
    assert not Supervisor.objects.exists()


def test_a_reading_recomputes_a_bounded_number_and_says_how_many_wait(client, orgs, monkeypatch):
    from .. import services

    monkeypatch.setattr(services, "SYNC_LIMIT", 1)
    first = client.get(NATIONAL, {"format": "json"}).json()
    assert first["pending"] == 3 and Snapshot.objects.count() == 1
    assert "กำลังปรับปรุง" in client.get(NATIONAL).content.decode()
    call_command("oversight", "refresh", "--pending")
    assert Snapshot.objects.count() == 4
    assert client.get(NATIONAL, {"format": "json"}).json()["pending"] == 0


def test_an_expensive_rendering_lags_a_change_by_the_grace_period_at_most(client, orgs, monkeypatch):
    from .. import services

    def country_count():
        return client.get(NATIONAL, {"format": "json"}).json()["total"]["values"]["complaints.general"]

    monkeypatch.setattr(services, "EXPENSIVE_SECONDS", -1)  # as if the country took long to render
    assert country_count() == 0
    complain(orgs["kantang"])
    assert country_count() == 0  # the rendering of a moment ago, within the grace period
    monkeypatch.setattr(services, "GRACE_SECONDS", 0)
    assert country_count() == 1


@pytest.mark.parametrize(
    "value, message",
    [("", "กรุณาระบุตัวเลขที่จะใช้เปรียบเทียบ"), ("abc", "“abc” ไม่ใช่ตัวเลข"), ("nan", "ไม่ใช่ตัวเลข")],
)
def test_a_filter_without_a_number_is_told_in_thai(client, orgs, value, message):
    response = client.get(NATIONAL, {"col": "complaints.general", "op": "lt", "value": value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "เทศบาลเมืองกันตัง" not in response.content.decode()


def test_a_filter_reads_thai_digits_and_the_search_form_alone_needs_no_number(client, orgs):
    complain(orgs["kantang"])
    some = client.get(NATIONAL, {"format": "json", "col": "complaints.general", "op": "gt", "value": "๐"})
    assert org_names(some) == ["เทศบาลเมืองกันตัง"]
    # The form sends its operator and an empty value when no column is chosen: that is no filter.
    searched = client.get(NATIONAL, {"format": "json", "q": "แม่ริม", "col": "", "op": "lt", "value": ""})
    assert org_names(searched) == ["องค์การบริหารส่วนตำบลแม่ริม"]


def test_organizations_without_a_province_or_district_are_an_area_of_their_own(client, orgs):
    nowhere = place("nowhere", "องค์การบริหารส่วนตำบลไร้ที่อยู่", "", "")  # made before places were kept
    nowhere.nacc_region = 9
    nowhere.save(update_fields=["nacc_region"])
    no_district = place("nodistrict", "เทศบาลตำบลไม่ระบุอำเภอ", "ตรัง", "")

    south = client.get(NATIONAL, {"region": "9", "format": "json"}).json()
    unknown = next(a for a in south["areas"] if a["label"] == "ไม่ระบุ")
    assert unknown["organizations"] == 1 and unknown["area"] == {"region": "9", "province": "-"}
    inside = client.get(NATIONAL, {**unknown["area"], "format": "json"})
    assert org_names(inside) == [nowhere.name]
    assert "ไม่ระบุจังหวัด" in client.get(NATIONAL, unknown["area"]).content.decode()

    trang = client.get(NATIONAL, {"province": "ตรัง", "format": "json"}).json()
    unknown = next(a for a in trang["areas"] if a["label"] == "ไม่ระบุ")
    inside = client.get(NATIONAL, {**unknown["area"], "format": "json"})
    assert org_names(inside) == [no_district.name]
    assert client.get(NATIONAL, {"province": "-"}).status_code == 404  # which region's, then?
