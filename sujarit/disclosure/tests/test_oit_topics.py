"""Evidence follows topics across years; catalogues are platform data (import/export, operator only);
the board says "late" and "incomplete" where ITA would say no; the current assessment year is the default."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sujarit.core import services, thai
from sujarit.core.models import AuditEvent
from sujarit.core.registry import OITProvider, Registry, RegistryError, registry
from sujarit.disclosure.models import OITItem, OITYear
from sujarit.disclosure.queries import compliance
from sujarit.disclosure.queries.ita import readiness
from sujarit.disclosure.services import catalogue, publishing


def _noop(org, fiscal_year):
    return []


# --- registration ----------------------------------------------------------------------------------


def test_registration_refuses_an_item_code_and_names_the_topic_list():
    with pytest.raises(RegistryError, match=r"names the item code 'O23': name its topic instead"):
        Registry().add_oit_provider(OITProvider("x.stats", ("O23",), "x", _noop))


def test_registration_refuses_an_unknown_topic_and_lists_the_known_ones():
    with pytest.raises(RegistryError, match=r"unknown topic 'complaint stats'.*complaint statistics"):
        Registry().add_oit_provider(OITProvider("x.stats", ("complaint stats",), "x", _noop))
    with pytest.raises(RegistryError, match="tuple of topics"):
        Registry().add_oit_provider(OITProvider("x.stats", "complaint statistics", "x", _noop))


def test_every_registered_provider_names_known_topics():
    assert registry.oit_providers
    for provider in registry.oit_providers.values():
        assert provider.topics and all(t in catalogue.oit_topics() for t in provider.topics), provider.key


def test_one_provider_proves_2567_o23_and_2568_o19_without_code_changes(org):
    def stats(org, fiscal_year):
        end = thai.fiscal_year_bounds(fiscal_year)[1]
        return [{"topic": "complaint statistics", "title": f"สถิติ {fiscal_year}", "url": "/s/", "date": end}]

    registry.oit_providers.pop("complaints.stats", None)  # only the test's provider speaks for the topic
    registry.add_oit_provider(OITProvider("test.stats", ("complaint statistics",), "stats", stats))
    try:
        o23 = {r["item"].code: r for r in compliance.board(org, 2567)}["O23"]
        o19 = {r["item"].code: r for r in compliance.board(org, 2568)}["O19"]
        assert o23["status"] == o19["status"] == "proven"
        assert o23["evidence"][0]["title"] == "สถิติ 2567" and o19["evidence"][0]["title"] == "สถิติ 2568"
    finally:
        registry.oit_providers.pop("test.stats")
        from sujarit.complaints import oit as complaints_oit

        registry.add_oit_provider(
            OITProvider(
                "complaints.stats",
                ("complaint statistics",),
                "stats",
                complaints_oit.stats_evidence,
                "complaints",
            )
        )


# --- import / export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_gives_back_the_same_catalogue(db, platform_operator, fmt):
    cat = catalogue.catalogue_for(2568)
    before = list(cat.items.values_list("code", "title", "area", "frequency", "topics", "source", "verified"))
    _name, _type, body = catalogue.export_catalogue(cat, fmt)
    OITItem.objects.filter(catalogue=cat, code="O2").update(title="ผิด", verified=True, topics=[])
    OITItem.objects.create(catalogue=cat, code="O99", title="เกิน", area="basic", frequency="yearly")
    catalogue.import_catalogue(body, fmt, by=platform_operator)
    after = list(cat.items.values_list("code", "title", "area", "frequency", "topics", "source", "verified"))
    assert after == before
    assert AuditEvent.objects.filter(action="disclosure.oit_catalogue_imported").count() == 1


@pytest.mark.parametrize(
    "content,fmt,message",
    [
        (b"{not json", "json", "ไม่ใช่ JSON"),
        (json.dumps({"year": 2568, "items": []}).encode(), "json", "ต้องมีปีและรายการข้อ"),
        (json.dumps({"year": 68, "items": [{}]}).encode(), "json", "ต้องเป็นปี พ.ศ."),
        (
            json.dumps(
                {
                    "year": 2568,
                    "items": [
                        {"code": "O1", "title": "x", "area": "basic", "frequency": "yearly", "topics": ["O1"]}
                    ],
                }
            ).encode(),  # fmt: skip
            "json",
            "หัวเรื่องที่ไม่รู้จัก",
        ),
        (b"year,code,title\n2568,O1,x\n", "csv", "ขาดคอลัมน์"),
        (
            b"year,code,title,area,frequency\n2568,O1,x,basic,yearly\n2568,O1,y,basic,yearly\n",
            "csv",
            "ซ้ำกัน",
        ),
        (b"\xff\xfe", "csv", "UTF-8"),
    ],
)
def test_a_bad_file_is_refused_in_thai_and_changes_nothing(db, platform_operator, content, fmt, message):
    from django.utils import translation

    catalogue.catalogue_for(2568)
    before = list(OITItem.objects.order_by("pk").values_list("pk", "title", "topics"))
    with translation.override("th"), pytest.raises(catalogue.CatalogueError, match=message):
        catalogue.import_catalogue(content, fmt, by=platform_operator)
    assert list(OITItem.objects.order_by("pk").values_list("pk", "title", "topics")) == before


_cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_row = st.fixed_dictionaries(
    {
        "code": st.one_of(st.sampled_from(["O1", "O2", "68-O3"]), _cell),
        "title": _cell,
        "area": st.one_of(st.sampled_from(["basic", "budget"]), _cell),
        "frequency": st.one_of(st.sampled_from(["yearly", "monthly"]), _cell),
        "topics": st.one_of(st.lists(st.sampled_from(["news", "contact", "O5", ""]), max_size=2), _cell),
        "verified": st.one_of(st.booleans(), _cell, st.none()),
        "order": st.one_of(st.integers(-5, 40000), _cell),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    doc=st.one_of(
        st.fixed_dictionaries(
            {"year": st.one_of(st.integers(2400, 2800), _cell), "items": st.lists(_row, max_size=4)}
        ),
        st.lists(_row),
        _cell,
    ),
    raw=st.binary(max_size=60),
)
def test_the_parser_either_validates_or_refuses_with_catalogue_error(db, doc, raw):
    for content, fmt in ((json.dumps(doc).encode(), "json"), (raw, "json"), (raw, "csv")):
        try:
            parsed = catalogue.parse(content, fmt)
        except catalogue.CatalogueError as e:
            assert str(e)
            continue
        assert 2500 <= parsed["year"] <= 2700 and parsed["items"]
        codes = [i["code"] for i in parsed["items"]]
        assert len(codes) == len(set(codes))
        assert all(t in catalogue.oit_topics() for i in parsed["items"] for t in i["topics"])
        # what was accepted exports and parses back to the same thing
        cat = OITYear(year=parsed["year"], fiscal_year=parsed["fiscal_year"], title=parsed["title"])
        again = catalogue.parse(json.dumps(dict(parsed, format="sujarit.oit/2")).encode(), "json")
        assert again == parsed and cat.year == again["year"]


def test_only_a_platform_operator_imports(db, admin_user, coordinator, platform_operator):
    cat = catalogue.catalogue_for(2568)
    _name, _type, body = catalogue.export_catalogue(cat, "json")
    for user in (admin_user, coordinator):
        with pytest.raises(PermissionDenied):
            catalogue.import_catalogue(body, "json", by=user)


def test_operator_pages_import_and_export_and_refuse_organization_staff(
    client, admin_user, platform_operator
):
    catalogue.catalogue_for(2568)
    export = reverse("disclosure_site:catalogue_export", kwargs={"year": 2568, "fmt": "csv"})
    importer = reverse("disclosure_site:catalogue_import")
    client.force_login(admin_user)
    assert client.get(export).status_code == 403
    assert client.post(importer).status_code == 403
    client.force_login(platform_operator)
    response = client.get(export)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig").replace("ข้อมูลผู้บริหาร", "ข้อมูลผู้บริหารท้องถิ่น")
    from django.core.files.uploadedfile import SimpleUploadedFile

    ok = client.post(importer, {"file": SimpleUploadedFile("oit_2568.csv", body.encode())})
    assert ok.status_code == 302
    assert OITItem.objects.get(catalogue__year=2568, code="O2").title == "ข้อมูลผู้บริหารท้องถิ่น"
    bad = client.post(importer, {"file": SimpleUploadedFile("oit.json", b"[]")}, HTTP_ACCEPT_LANGUAGE="th")
    assert bad.status_code == 400 and "ไม่มีการเปลี่ยนแปลง" in bad.content.decode()


def test_the_command_imports_a_csv_and_exports_a_year(db, tmp_path, capsys):
    catalogue.catalogue_for(2567)
    out = tmp_path / "oit_2567.csv"
    call_command("disclosure", "catalogue-export", "2567", "--format", "csv", "--output", str(out))
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("year,fiscal_year,code") and "complaint statistics" in text
    out.write_text(text.replace("โครงสร้างหน่วยงาน", "แผนผังโครงสร้าง"), encoding="utf-8")
    call_command("disclosure", "catalogue", "--file", str(out))
    assert OITItem.objects.get(catalogue__year=2567, code="O1").title == "แผนผังโครงสร้าง"
    assert AuditEvent.objects.filter(action="disclosure.oit_catalogue_imported").exists()


# --- late, incomplete, other years ---------------------------------------------------------------------


@pytest.fixture
def publish(org, coordinator, executive):
    def make(code, fiscal_year, publish_date):
        p = publishing.create(
            org, by=coordinator, kind="page", title=f"หลักฐาน {code} {fiscal_year}", area="basic",
            fiscal_year=fiscal_year, oit_codes=[code], body="เนื้อหา", publish_date=publish_date,
        )  # fmt: skip
        version = p.versions.get()
        publishing.submit(version, by=coordinator)
        publishing.approve(version, by=executive)
        return p

    return make


def test_a_document_published_after_its_year_ended_is_late(org, publish):
    publish("O13", 2568, dt.date(2025, 11, 3))  # the 2568 annual procurement report, after 30 Sep 2568
    row = {r["item"].code: r for r in compliance.board(org, 2568)}["O13"]
    assert row["status"] == "late" and row["evidence"][0]["late"]
    publish("O13", 2568, dt.date(2025, 9, 29))
    assert {r["item"].code: r for r in compliance.board(org, 2568)}["O13"]["status"] == "proven"


def test_a_document_of_a_later_year_does_not_count_for_an_earlier_board(org, publish):
    publish("O3", 2569, dt.date(2026, 1, 10))  # a 2569 page about duties, tagged O3 (2567: duties)
    assert {r["item"].code: r for r in compliance.board(org, 2567)}["O3"]["status"] == "missing"


def test_contact_without_phone_or_email_is_incomplete_and_says_so(org, admin_user):
    services.update_organization(org, by=admin_user, address="99 หมู่ 1", phone="", email="")
    current = thai.current_fiscal_year()
    rows = compliance.board(org, current)
    contact = next(r for r in rows if "contact" in r["item"].topics)
    assert contact["status"] == "incomplete"
    assert "หมายเลขโทรศัพท์" in contact["unmet"] and "ที่อยู่อีเมล" in contact["unmet"]


def test_the_current_assessment_year_is_the_default_for_staff_readiness_too(client, org, coordinator):
    current = thai.current_fiscal_year()
    assert readiness(org)["year"] == current
    client.force_login(coordinator)
    page = client.get(reverse("disclosure_staff:ita", kwargs={"org_slug": org.slug}))
    assert page.status_code == 200 and page.context["r"]["year"] == current
    board = client.get(reverse("disclosure_staff:board", kwargs={"org_slug": org.slug}))
    assert board.status_code == 200 and board.context["catalogue"].year == current


def test_the_upgrade_gives_loaded_catalogues_their_topics_and_2568_its_restructured_items(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("sujarit.disclosure.migrations.0002_oit_topics")
    old = OITYear.objects.create(year=2568, fiscal_year=2568, title="เดิม", source="เหมือนปี 2567")
    OITItem.objects.create(catalogue=old, code="O33", title="ข้อเดิม", area="transparency", frequency="yearly")
    migration.refresh_shipped(apps, None)
    items = {i.code: i for i in old.items.all()}
    assert "O33" not in items and len(items) == 27
    assert items["O19"].topics == ["complaint statistics"] and items["O19"].source
