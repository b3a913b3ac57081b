"""The publishing back office: list and filters, a new publication per kind, the publication page's
actions, the approvals queue; bad input shows a message and saves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sujarit.disclosure.models import Publication, PublicationVersion, VersionState
from sujarit.disclosure.services import links, publishing

from .test_publishing import FY, TITLE, make_doc, pdf, published

pytestmark = pytest.mark.django_db


def staff_url(name, org, **kw):
    return reverse(f"disclosure_staff:{name}", kwargs={"org_slug": org.slug, **kw})


def form_data(**kw):
    data = {
        "kind": "document",
        "title": TITLE,
        "area": "budget",
        "fiscal_year": FY,
        "period_kind": "month",
        "period": 3,
        "oit_codes": "O16",
        "upload": pdf(),
    }
    data.update(kw)
    return data


def counts():
    return Publication.objects.count(), PublicationVersion.objects.count()


def test_officer_creates_a_document_draft(client, org, unit_officer):
    client.force_login(unit_officer)
    resp = client.post(staff_url("new", org) + "?kind=document", form_data())
    pub = Publication.objects.get()
    assert resp.status_code == 302 and resp["Location"] == staff_url("publication", org, pk=pub.pk)
    assert pub.versions.get().state == VersionState.DRAFT
    page = client.get(resp["Location"]).content.decode()
    assert TITLE in page and "O16" in page and "v1.pdf" in page


def test_new_form_shows_fields_of_its_kind(client, org, unit_officer):
    client.force_login(unit_officer)
    doc = client.get(staff_url("new", org) + "?kind=document").content.decode()
    link = client.get(staff_url("new", org) + "?kind=link").content.decode()
    page = client.get(staff_url("new", org) + "?kind=page").content.decode()
    assert 'name="upload"' in doc and 'name="url"' not in doc
    assert 'name="url"' in link and 'name="upload"' not in link
    assert 'name="body"' in page and 'name="upload"' not in page and 'name="url"' not in page


@pytest.mark.parametrize(
    "bad",
    [
        {"upload": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" * 40, "application/pdf")},
        {"fiscal_year": FY + 3},
        {"period": 13},
        {"oit_codes": "16"},
    ],
)
def test_bad_input_in_the_form_shows_a_message_and_saves_nothing(client, org, unit_officer, bad):
    client.force_login(unit_officer)
    before = counts()
    resp = client.post(staff_url("new", org), form_data(**bad))
    assert resp.status_code == 200
    assert counts() == before
    assert 'class="errorlist' in resp.content.decode()


def test_failing_link_in_the_form_saves_nothing(client, org, unit_officer, monkeypatch):
    monkeypatch.setattr(links, "check_link", lambda url: False)
    client.force_login(unit_officer)
    data = {
        "kind": "link",
        "title": "ลิงก์",
        "area": "basic",
        "fiscal_year": FY,
        "url": "https://example.org/x",
    }
    resp = client.post(staff_url("new", org), data)
    assert resp.status_code == 200 and "https://example.org/x" in resp.content.decode()
    assert counts() == (0, 0)


def test_submit_approve_through_the_page(client, org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    page = staff_url("publication", org, pk=pub.pk)
    client.force_login(unit_officer)
    assert client.post(page, {"action": "submit", "version": 1}).status_code == 302
    # The officer holds no approval right: the page says so and the version stays pending.
    resp = client.post(page, {"action": "approve", "version": 1}, follow=True)
    assert resp.status_code == 200 and resp.context["messages"]
    assert pub.versions.get().state == VersionState.PENDING

    client.force_login(executive)
    queue = client.get(staff_url("approvals", org)).content.decode()
    assert pub.title in queue
    assert client.post(page, {"action": "approve", "version": 1}).status_code == 302
    pub.refresh_from_db()
    assert pub.is_public
    assert pub.title not in client.get(staff_url("approvals", org)).content.decode()


def test_approving_an_unsubmitted_draft_on_the_page_changes_nothing(client, org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    client.force_login(executive)
    resp = client.post(
        staff_url("publication", org, pk=pub.pk), {"action": "approve", "version": 1}, follow=True
    )
    assert [str(m) for m in resp.context["messages"]]
    assert pub.versions.get().state == VersionState.DRAFT


def test_revise_return_withdraw_and_tags(client, org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    page = staff_url("publication", org, pk=pub.pk)
    client.force_login(unit_officer)
    client.post(page, {"action": "revise", "revise-upload": pdf("v2"), "revise-note": "แก้ไข"})
    assert pub.versions.count() == 2
    client.post(page, {"action": "submit", "version": 2})
    client.post(page, {"action": "tags", "tags-codes": "O16, O17"})
    assert sorted(pub.tags.values_list("code", flat=True)) == ["O16", "O17"]

    client.force_login(executive)
    client.post(page, {"action": "return", "version": 2, "return-comment": "ตัวเลขไม่ตรง"})
    assert pub.versions.get(number=2).review_comment == "ตัวเลขไม่ตรง"
    client.post(page, {"action": "withdraw", "withdraw-reason": "ซ้ำกับฉบับอื่น"})
    pub.refresh_from_db()
    assert pub.withdrawn_at and pub.withdrawn_reason == "ซ้ำกับฉบับอื่น"


def test_staff_can_read_a_draft_file_the_public_cannot(client, org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    client.force_login(executive)
    resp = client.get(staff_url("version_file", org, pk=pub.pk, number=1))
    assert resp.status_code == 200 and resp["X-Content-Type-Options"] == "nosniff"
    client.logout()
    assert client.get(reverse("disclosure:file", args=[org.slug, pub.pk, 1])).status_code == 404


def test_list_filters(client, org, unit_officer, executive, django_assert_max_num_queries):
    live = published(org, unit_officer, executive, title="เผยแพร่แล้ว")
    draft = make_doc(org, unit_officer, title="ร่างเอกสาร", oit_codes=["O17"], area="hr")
    for n in range(10):
        make_doc(org, unit_officer, title=f"ร่าง {n}", oit_codes=["O17", "O18"])
    client.force_login(unit_officer)
    listing = staff_url("publications", org)

    def titles(**params):
        with django_assert_max_num_queries(14):
            resp = client.get(listing, params)
        return {p.title for p, _s, _pl in resp.context["rows"]}

    assert {live.title, draft.title} <= titles()
    assert titles(state="published") == {live.title}
    assert live.title not in titles(state="draft")
    assert titles(area="hr") == {draft.title}
    assert titles(oit="o16") == {live.title}
    assert titles(fiscal_year=FY - 1) == set()
    publishing.withdraw(live, by=executive, reason="ซ้ำ")
    assert titles(state="withdrawn") == {live.title}
    assert live.title not in titles(state="published")


def test_other_orgs_publication_is_not_found(client, org, other_org, unit_officer, other_org_officer):
    pub = make_doc(org, unit_officer)
    client.force_login(other_org_officer)
    assert client.get(staff_url("publication", other_org, pk=pub.pk)).status_code == 404


def test_a_refused_revision_keeps_what_was_typed(client, org, unit_officer, monkeypatch):
    link = publishing.create(
        org,
        by=unit_officer,
        kind="link",
        title="ลิงก์ข้อมูล",
        area="basic",
        fiscal_year=FY,
        url=reverse("core:org_home", kwargs={"org_slug": org.slug}),
    )
    monkeypatch.setattr(links, "check_link", lambda url: False)  # the new address does not answer
    client.force_login(unit_officer)
    before = counts()
    resp = client.post(
        staff_url("publication", org, pk=link.pk),
        {"action": "revise", "revise-url": "https://example.org/gone", "revise-note": "ย้ายที่อยู่ใหม่ของเอกสาร"},
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and counts() == before
    assert "https://example.org/gone" in html and "ย้ายที่อยู่ใหม่ของเอกสาร" in html
