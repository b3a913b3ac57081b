"""Honours chosen by a committee (items 3–5): a nomination, the members' scores, then the award that
makes the honour and its certificate; every refusal in Thai, nothing kept."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ..models import Honour, Nomination, NominationScore
from ..services import honours

pytestmark = pytest.mark.django_db
MEMBERS = ("นายสมชาย ใจดี", "นางสาวมาลี ศรีสุข", "นายประเสริฐ มั่นคง")


def _nomination(org, by, **kw):
    fields = {"name": "นางสาวสุดา ซื่อตรง", "recipient": "person", "category": "integrity",
              "reason": "คืนกระเป๋าเงินที่เก็บได้ให้เจ้าของ", "nominated_by": "ผู้ใหญ่บ้านหมู่ที่ 3",
              "nominated_on": dt.date(2025, 6, 1), **kw}  # fmt: skip
    return honours.nominate(org, by=by, **fields)


def _scored(org, by, scores=(80, 70, 90)):
    n = _nomination(org, by)
    for member, score in zip(MEMBERS, scores, strict=False):
        honours.score(org, nomination=n, member=member, score=score, by=by)
    return n


def test_a_nomination_scored_by_the_committee_becomes_an_honour(org, coordinator):
    n = _scored(org, coordinator)
    honour = honours.award(org, nomination=n, awarded_on=dt.date(2025, 8, 12), by=coordinator)
    n.refresh_from_db()
    assert n.honour == honour
    assert (honour.name, honour.category, honour.reason) == (n.name, "integrity", n.reason)
    with pytest.raises(ValidationError) as exc:  # once only
        honours.award(org, nomination=n, awarded_on=dt.date(2025, 8, 13), by=coordinator)
    assert "ได้รับการยกย่องแล้ว" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):  # and the scores are final
        honours.score(org, nomination=n, member="กรรมการคนที่สี่", score=10, by=coordinator)
    assert Honour.objects.count() == 1 and NominationScore.objects.count() == 3


@pytest.mark.parametrize(
    ("scores", "words"),
    [
        ((80, 90), "ต้องมีกรรมการให้คะแนนอย่างน้อย 3 คนก่อน (ขณะนี้ 2 คน)"),
        ((50, 60, 55), "คะแนนเฉลี่ยของคณะกรรมการ 55.0 ต่ำกว่าเกณฑ์ 60 คะแนน"),
    ],
)
def test_an_award_waits_for_enough_scores_above_the_pass_mark(org, coordinator, scores, words):
    n = _scored(org, coordinator, scores)
    with pytest.raises(ValidationError) as exc:
        honours.award(org, nomination=n, awarded_on=dt.date(2025, 8, 12), by=coordinator)
    assert words in " ".join(exc.value.messages)
    assert not Honour.objects.exists()


@pytest.mark.parametrize(
    ("score", "member", "words"),
    [
        (101, "นายใหม่ ดี", "คะแนนต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 100"),
        (-1, "นายใหม่ ดี", "คะแนนต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 100"),
        (70, " นายสมชาย  ใจดี ", "นายสมชาย ใจดี ให้คะแนนการเสนอชื่อนี้แล้ว"),
    ],
)
def test_a_bad_score_is_refused_in_thai(org, coordinator, score, member, words):
    n = _scored(org, coordinator, (80,))
    with pytest.raises(ValidationError) as exc:
        honours.score(org, nomination=n, member=member, score=score, by=coordinator)
    assert words in " ".join(exc.value.messages)
    assert NominationScore.objects.count() == 1


def test_nominations_stay_within_their_organization(org, coordinator, other_org, other_org_officer):
    n = _scored(org, coordinator)
    with pytest.raises(ValidationError) as exc:
        honours.award(other_org, nomination=n, awarded_on=dt.date(2025, 8, 12), by=other_org_officer)
    assert "รายการนี้เป็นของหน่วยงานอื่น" in exc.value.messages
    with pytest.raises(ValidationError):
        _nomination(org, coordinator, category="bravery")
    with pytest.raises(ValidationError):
        _nomination(org, coordinator, nominated_on=dt.date.today() + dt.timedelta(days=3))
    assert Nomination.objects.count() == 1 and not Honour.objects.exists()


def test_the_honours_page_takes_a_nomination_through_to_its_certificate(client, org, coordinator):
    client.force_login(coordinator)
    url = reverse("registers_staff:honours", kwargs={"org_slug": org.slug}) + "?year=2568"
    resp = client.post(url, {"action": "nominate", "name": "กลุ่มอาสาพัฒนาหมู่ 5", "recipient": "organization",
                             "category": "public_benefit", "reason": "ซ่อมถนนในหมู่บ้าน",
                             "nominated_by": "กำนันตำบลแหลมสอม", "nominated_on": "2025-05-02"})  # fmt: skip
    assert resp.status_code == 302
    n = Nomination.objects.get()
    page = client.get(url).content.decode()
    assert "ผู้ได้รับการเสนอชื่อ กลุ่มอาสาพัฒนาหมู่ 5" in page and "รอคะแนนจากคณะกรรมการ" in page
    for member, score in zip(MEMBERS, (75, 85, 80), strict=True):
        resp = client.post(url, {"action": "score", "nomination": n.pk, "member": member, "score": score})
        assert resp.status_code == 302
    assert "คะแนนเฉลี่ย 80.0 จากกรรมการ 3 คน: ผ่านเกณฑ์ พร้อมประกาศยกย่อง" in client.get(url).content.decode()
    resp = client.post(url, {"action": "award", "nomination": n.pk, "awarded_on": "2025-04-30"})
    assert "วันที่ยกย่องต้องไม่ก่อนวันที่เสนอชื่อ" in resp.content.decode() and not Honour.objects.exists()
    resp = client.post(url, {"action": "award", "nomination": n.pk, "awarded_on": "2025-06-10"})
    assert resp.status_code == 302
    honour = Honour.objects.get()
    page = client.get(url).content.decode()
    assert "<td>กลุ่มอาสาพัฒนาหมู่ 5</td>" in page and "ผู้ได้รับการเสนอชื่อ กลุ่มอาสาพัฒนาหมู่ 5" not in page
    cert = reverse("registers_staff:certificate", kwargs={"org_slug": org.slug, "pk": honour.pk})
    assert client.get(cert)["Content-Type"] == "application/pdf"
