"""The published manuals (general, and corruption = O21) follow the settings, as page and PDF."""

import shutil
import subprocess

import pytest

from sujarit.complaints.documents import manuals
from sujarit.complaints.models import ComplaintPolicy, DayCount, Kind, State, StepKind
from sujarit.complaints.services.workflow import TRANSITIONS
from sujarit.core.services import ensure_unit

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


def pdftotext(data, tmp_path):
    path = tmp_path / "manual.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()


@pytest.fixture
def configured(org, policy, categories):
    policy.email = "tujarit@laemsom.go.th"
    policy.integrity_unit = ensure_unit(org, "หน่วยตรวจสอบภายใน")
    policy.due_days = 10
    policy.day_count = DayCount.WORKING
    policy.remind_days_before = 2
    policy.save()
    return policy


def test_integrity_manual_says_how_where_who_and_how_long(client, org, configured):
    resp = client.get(f"/{org.slug}/integrity/manual/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert manuals.TITLES[Kind.INTEGRITY] in html
    assert "0 7536 0000" in html and "tujarit@laemsom.go.th" in html  # the policy's phone and e-mail
    assert f"/api/v1/orgs/{org.slug}/integrity-reports" in html
    assert "หน่วยตรวจสอบภายใน" in html  # the responsible unit
    manual = resp.context["manual"]
    assert any("10" in s for s in manual.limits) and any("2" in s for s in manual.limits)
    assert "<svg" in html  # the flowchart


def test_manual_steps_are_the_states_the_software_enforces(org, configured):
    manual = manuals.build(org, Kind.INTEGRITY)
    assert [s.code for s in manual.steps] == list(State.values)
    received = manual.steps[0]
    assert received.next == [str(State(s).label) for s in TRANSITIONS[State.RECEIVED]]
    assert [label for label, _text in manual.punishment] == [str(k.label) for k in StepKind]


def test_manual_follows_a_settings_change(client, org, configured):
    before = client.get(f"/{org.slug}/integrity/manual/").context["manual"].limits[0]
    configured.due_days = 7
    configured.day_count = DayCount.CALENDAR
    configured.save()
    after = client.get(f"/{org.slug}/integrity/manual/").context["manual"].limits[0]
    assert "10" in before and "7" in after and before != after


def test_general_manual_lists_category_routing_and_no_punishment(client, org, configured):
    resp = client.get(f"/{org.slug}/complaints/manual/")
    assert resp.status_code == 200
    manual = resp.context["manual"]
    assert ("ถนนชำรุด", "กองช่าง") in manual.routing
    assert manual.punishment == [] and manual.title == manuals.TITLES[Kind.GENERAL]


def test_manual_without_settings_uses_the_defaults_and_writes_nothing(client, org):
    resp = client.get(f"/{org.slug}/integrity/manual/")
    assert resp.status_code == 200
    assert any("15" in s for s in resp.context["manual"].limits)
    assert not ComplaintPolicy.objects.filter(org=org).exists()


@needs_pdftotext
def test_integrity_manual_pdf_text(client, org, configured, tmp_path):
    resp = client.get(f"/{org.slug}/integrity/manual.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text = "".join(pdftotext(resp.content, tmp_path).split())
    assert "".join(manuals.TITLES[Kind.INTEGRITY].split()) in text
    assert "องค์การบริหารส่วนตำบลแหลมสอม" in text
    assert "หน่วยตรวจสอบภายใน" in text and "tujarit@laemsom.go.th" in text


@needs_pdftotext
def test_general_manual_pdf_text(client, org, configured, tmp_path):
    resp = client.get(f"/{org.slug}/complaints/manual.pdf")
    assert resp.status_code == 200
    text = "".join(pdftotext(resp.content, tmp_path).split())
    assert "ถนนชำรุด" in text and "กองช่าง" in text
