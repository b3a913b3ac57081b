"""Civic registers added with the rest of issue 13: forum issues → proposals → what became of each
in the local development plan (item 18, O24), community committee members whose 4-year terms end
found automatically (item 4), watchdog observers at procurement steps (items 20, 21), certificates."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.plans import demo as plan_demo
from sujarit.plans.models import KPI
from sujarit.procurement.tests.helpers import project

from .. import queries
from ..models import CommitteeMember, ForumIssue, ObserverInvitation
from ..services import civic

pytestmark = pytest.mark.django_db


def _measure(key, org, fy):
    return registry.measures[f"registers.{key}"].func(org, Period.for_fiscal_year(fy))


def _forum(org, by, number=1):
    village = civic.add_village(org, number=number, name=f"บ้าน {number}", population=500, by=by)
    return civic.add_forum(org, village=village, held_on=dt.date(2024, 11, 5), attendees=80, by=by)


def test_the_seed_binds_items_4_and_18_to_these_registers(org):
    plan = plan_demo.load(org).plan
    keys = set(
        KPI.objects.filter(item__plan=plan, item__number__in=(4, 18)).values_list("measure_key", flat=True)
    )
    assert {"registers.committee_terms_honoured", "registers.forum_issue_villages"} <= keys


def test_a_proposal_followed_to_the_local_plan_is_participation_evidence(org, coordinator):
    forum = _forum(org, coordinator)
    _forum(org, coordinator, number=2)  # a second village that raised nothing recorded
    row = civic.add_forum_issue(forum, issue="ถนนชำรุด", proposal="ซ่อมถนนสายกลางหมู่บ้าน", by=coordinator)
    assert _measure("forum_issue_villages", org, 2568) == 50
    assert registry.oit_providers["registers.proposals"].func(org, 2568) == []  # nothing decided yet
    with pytest.raises(ValidationError) as exc:
        civic.set_issue_outcome(row, outcome="in_plan", decided_on=dt.date(2025, 1, 5), by=coordinator)
    assert "บรรจุข้อเสนอไว้ที่ใดในแผนพัฒนาท้องถิ่น" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        civic.set_issue_outcome(row, outcome="in_plan", decided_on=dt.date(2024, 11, 1),
                                outcome_note="หน้า 45", by=coordinator)  # fmt: skip
    assert "ต้องไม่ก่อนวันที่จัดเวทีประชาคม" in " ".join(exc.value.messages)
    row.refresh_from_db()
    assert row.outcome == ForumIssue.Outcome.PENDING and row.decided_on is None
    civic.set_issue_outcome(row, outcome="in_plan", decided_on=dt.date(2025, 1, 5),
                            outcome_note="แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) หน้า 45", by=coordinator)  # fmt: skip
    assert _measure("forum_proposals_decided", org, 2568) == 100
    (evidence,) = registry.oit_providers["registers.proposals"].func(org, 2568)
    assert evidence["topic"] == "participation" and evidence["date"] == dt.date(2025, 1, 5)
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) หน้า 45" in _public_page(org)


def _public_page(org):
    from django.test import Client

    return (
        Client()
        .get(reverse("registers:index", kwargs={"org_slug": org.slug}) + "?year=2568")
        .content.decode()
    )


def test_members_who_served_a_full_term_are_found_without_anyone_marking_them(org, coordinator):
    village = civic.add_village(org, number=1, name="บ้านแหลมสอม", population=500, by=coordinator)
    full = civic.add_committee_member(org, village=village, name="นายประเสริฐ ทองดี",
                                      term_started_on=dt.date(2020, 11, 1), by=coordinator)  # fmt: skip
    civic.add_committee_member(org, village=village, name="นางมาลี ศรีสุข", term_started_on=dt.date(2020, 12, 1),
                               left_on=dt.date(2022, 5, 1), by=coordinator)  # left early  # fmt: skip
    civic.add_committee_member(org, village=village, name="นายอนันต์ ใจซื่อ", term_started_on=dt.date(2021, 11, 1),
                               by=coordinator)  # ends in 2569  # fmt: skip
    start, end = dt.date(2024, 10, 1), dt.date(2025, 9, 30)
    assert queries.completed_terms(org, start, end) == [full]
    assert _measure("committee_terms_honoured", org, 2568) == 0
    civic.add_honour(org, name="นายประเสริฐ ทองดี", recipient="person", category="community_committee",
                     awarded_on=dt.date(2024, 12, 5), by=coordinator)  # fmt: skip
    assert _measure("committee_terms_honoured", org, 2568) == 100
    with pytest.raises(ValidationError):
        civic.add_committee_member(org, village=village, name="นายสมชาย", term_started_on=dt.date(2022, 1, 1),
                                   left_on=dt.date(2021, 1, 1), by=coordinator)  # fmt: skip
    assert CommitteeMember.objects.count() == 3


def test_an_observer_is_linked_to_the_procurement_record(client, org, coordinator):
    network = civic.add_network(org, name="ชุมชนเฝ้าระวัง", kind="watchdog", founded_on=dt.date(2023, 1, 1),
                                by=coordinator)  # fmt: skip
    known = project(org, name="ก่อสร้างถนนคอนกรีต หมู่ที่ 3")
    with pytest.raises(ValidationError) as exc:
        civic.invite_observer(org, network=network, observer="นายสมศักดิ์", step="opening", subject="ถนน",
                              invited_on=dt.date(2025, 2, 8), procurement_ref="99999999999", by=coordinator)  # fmt: skip
    assert "ไม่พบโครงการจัดซื้อจัดจ้างเลขที่ 99999999999" in " ".join(exc.value.messages)
    assert not ObserverInvitation.objects.exists()
    civic.invite_observer(org, network=network, observer="นายสมศักดิ์", step="opening", subject="ถนน",
                          invited_on=dt.date(2025, 2, 8), procurement_ref=known.egp_number, attended=True,
                          by=coordinator)  # fmt: skip
    assert _measure("observer_invitations", org, 2568) == 1
    client.force_login(coordinator)
    page = client.get(reverse("registers_staff:observers", kwargs={"org_slug": org.slug}) + "?year=2568")
    link = reverse("procurement_staff:project_edit", kwargs={"org_slug": org.slug, "pk": known.pk})
    assert f'href="{link}"' in page.content.decode() and "ก่อสร้างถนนคอนกรีต" in page.content.decode()


def test_the_honours_certificate_prints_in_thai(client, org, coordinator, tmp_path):
    org.head_name = "นายสมชาย ใจงาม"
    org.save(update_fields=["head_name"])
    honour = civic.add_honour(org, name="นางสาวสมใจ ใจดี", recipient="person", category="integrity",
                              awarded_on=dt.date(2025, 8, 12), by=coordinator)  # fmt: skip
    client.force_login(coordinator)
    listing = client.get(reverse("registers_staff:honours", kwargs={"org_slug": org.slug}) + "?year=2568")
    url = reverse("registers_staff:certificate", kwargs={"org_slug": org.slug, "pk": honour.pk})
    assert url in listing.content.decode()
    resp = client.get(url)
    assert resp["Content-Type"] == "application/pdf"
    if shutil.which("pdftotext"):
        path = tmp_path / "c.pdf"
        path.write_bytes(resp.content)
        text = "".join(
            subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
            .stdout.decode()
            .split()
        )
        for words in (
            "เกียรติบัตร",
            "นางสาวสมใจใจดี",
            "แบบอย่างที่ดีด้านความซื่อสัตย์สุจริต",
            "นายสมชายใจงาม",
            "นายกองค์การบริหารส่วนตำบล",
        ):
            assert words in text, words


def test_another_organizations_honour_has_no_certificate(
    client, org, other_org, other_org_officer, coordinator
):
    honour = civic.add_honour(org, name="นางสาวสมใจ ใจดี", recipient="person", category="integrity",
                              awarded_on=dt.date(2025, 8, 12), by=coordinator)  # fmt: skip
    client.force_login(other_org_officer)
    url = reverse("registers_staff:certificate", kwargs={"org_slug": other_org.slug, "pk": honour.pk})
    assert client.get(url).status_code == 404
