"""The OIT catalogue as data: shipped years, idempotent loading, corrections and copying a year."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from sujarit.disclosure.models import DisclosurePolicy, OITItem, OITOwner, OITYear
from sujarit.disclosure.services import catalogue


@pytest.fixture
def loaded(db):
    return catalogue.load()


def test_shipped_years_2568_restructured_and_2569_as_far_as_sources_go(loaded):
    assert loaded == {2566: 43, 2567: 33, 2568: 27, 2569: 29}
    assert "ป.ป.ช." in OITYear.objects.get(year=2566).source
    items = {i.code: i for i in catalogue.catalogue_for(2568).items.all()}
    assert items["O1"].topics == ["structure", "duties"] and items["O3"].topics == ["contact", "qa"]
    assert items["O10"].title == "E-Service" and items["O19"].topics == ["complaint statistics"]
    assert items["O23"].topics == ["bribery risk"] and items["O21"].topics == [
        "no gift declaration",
        "no gift culture",
    ]
    assert {c for c, i in items.items() if not i.verified} == {"O5", "O6", "O7", "O27"}
    assert all(i.source for i in items.values())
    known_2569 = {i.code for i in catalogue.catalogue_for(2569).items.all() if not i.code.startswith("68-")}
    assert known_2569 == {"O3", "O11", "O12", "O25", "O26"}
    assert not OITItem.objects.filter(catalogue__year=2569, verified=True).exists()


def test_2567_items_sit_in_their_areas_and_point_to_their_2566_codes(loaded):
    items = {i.code: i for i in catalogue.catalogue_for(2567).items.all()}
    areas = {
        a: [c for c, i in items.items() if i.area == a] for a in ("basic", "administration", "budget", "hr")
    }
    assert areas["basic"] == ["O1", "O2", "O3", "O4", "O5", "O6"]
    assert areas["budget"] == ["O13", "O14", "O15", "O16", "O17"]
    assert areas["hr"] == ["O18", "O19", "O20"]
    assert all(items[f"O{n}"].area == "transparency" for n in range(21, 34))
    assert items["O16"].frequency == "monthly" and "ไม่มีการจัดซื้อจัดจ้าง" in items["O16"].requirement
    assert items["O4"].previous_code == "O5" and items["O33"].previous_code == "O43"
    codes_2566 = set(OITItem.objects.filter(catalogue__year=2566).values_list("code", flat=True))
    assert {i.previous_code for i in items.values()} <= codes_2566
    assert codes_2566 - {i.previous_code for i in items.values()} == {
        "O6", "O9", "O10", "O17", "O18", "O24", "O37", "O39", "O40", "O41"
    }  # fmt: skip


def test_loading_again_changes_nothing_and_keeps_the_organizations_owners(loaded, org):
    OITOwner.objects.create(org=org, code="O16")
    OITItem.objects.filter(catalogue__year=2567, code="O1").update(title="แก้ไขผิด")
    assert catalogue.load() == loaded
    assert OITItem.objects.count() == 43 + 33 + 27 + 29
    assert OITItem.objects.get(catalogue__year=2567, code="O1").title == "โครงสร้างหน่วยงาน"
    assert OITOwner.objects.filter(org=org).count() == 1


def test_a_broken_file_changes_nothing(tmp_path, db):
    bad = tmp_path / "oit_2599.json"
    bad.write_text(json.dumps({"year": 2599, "items": [{"code": "O1", "title": "x", "area": "nowhere"}]}))
    with pytest.raises(catalogue.CatalogueError):
        catalogue.load(bad)
    assert not OITYear.objects.filter(year=2599).exists()


def test_command_loads_the_catalogue(db, capsys):
    call_command("disclosure", "catalogue")
    out = capsys.readouterr().out
    assert "2567" in out and "33" in out
    assert OITYear.objects.count() == 4


def test_current_assessment_year_is_the_running_fiscal_years_or_the_policys(loaded, org):
    from sujarit.core import thai

    current = thai.current_fiscal_year()
    assert catalogue.current_assessment_year(org) == current
    provisional = catalogue.catalogue_for(current)
    assert provisional.items.exists() and not provisional.items.filter(verified=True).exists()
    DisclosurePolicy.objects.create(org=org, assessment_year=2567)
    assert catalogue.current_assessment_year(org) == 2567


def test_only_a_platform_operator_corrects_an_item(loaded, admin_user, coordinator, platform_operator):
    item = OITItem.objects.get(catalogue__year=2568, code="O5")
    for org_staff in (admin_user, coordinator):  # disclosure.configure is about their own owners
        with pytest.raises(PermissionDenied):
            catalogue.update_item(item, by=org_staff, frequency="monthly")
        with pytest.raises(PermissionDenied):
            catalogue.copy_year(2568, 2571, by=org_staff)
    assert not OITYear.objects.filter(year=2571).exists()
    with pytest.raises(ValidationError):
        catalogue.update_item(item, by=platform_operator, frequency="sometimes")
    catalogue.update_item(item, by=platform_operator, frequency="monthly")
    item.refresh_from_db()
    assert item.frequency == "monthly"


def test_copying_a_year_keeps_the_items_and_refuses_an_existing_year(loaded, platform_operator):
    new = catalogue.copy_year(2568, 2571, by=platform_operator)
    assert new.items.count() == 27 and new.fiscal_year == 2571
    copied = new.items.get(code="O12")
    assert (
        copied.previous_code == "O12"
        and not copied.verified
        and "monthly procurement summary" in copied.topics
    )
    with pytest.raises(ValidationError):
        catalogue.copy_year(2568, 2571, by=platform_operator)
    with pytest.raises(ValidationError):
        catalogue.copy_year(2501, 2572, by=platform_operator)


def test_the_platform_command_grants_and_withdraws_the_operator_role(db, capsys, citizen):
    from sujarit.core.permissions import is_platform_operator

    call_command("platform", "operator", "add", "  T_Citizen ")  # found by its normalized name
    assert is_platform_operator(type(citizen).objects.get(pk=citizen.pk))
    call_command("platform", "operator", "list")
    assert "t_citizen" in capsys.readouterr().out
    call_command("platform", "operator", "remove", "t_citizen")
    assert not is_platform_operator(type(citizen).objects.get(pk=citizen.pk))
    with pytest.raises(CommandError):
        call_command("platform", "operator", "add", "nobody")
