"""Publishing verbs: drafts, approval, the public history, withdrawal, and every bad input refused
with a clear message and nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from sujarit.core import thai
from sujarit.core.models import AuditEvent
from sujarit.disclosure.models import (
    DisclosurePolicy,
    Kind,
    Publication,
    PublicationVersion,
    VersionState,
)
from sujarit.disclosure.queries import publications
from sujarit.disclosure.services import links, publishing

pytestmark = pytest.mark.django_db

FY = thai.current_fiscal_year()
TITLE = "สรุปผลการจัดซื้อจัดจ้างประจำเดือนมีนาคม"


def pdf(text="v1"):
    """A minimal PDF: the upload check reads the content's signature, not the name."""
    return SimpleUploadedFile(
        f"{text}.pdf", b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n", "application/pdf"
    )


def make_doc(org, by, **kw):
    args = {
        "kind": Kind.DOCUMENT,
        "title": TITLE,
        "area": "budget",
        "fiscal_year": FY,
        "period_kind": "month",
        "period": 3,
        "oit_codes": ["O16"],
        "upload": pdf(),
    }
    args.update(kw)
    return publishing.create(org, by=by, **args)


def published(org, officer, approver, **kw):
    pub = make_doc(org, officer, **kw)
    v1 = pub.versions.get()
    publishing.submit(v1, by=officer)
    publishing.approve(v1, by=approver)
    pub.refresh_from_db()
    return pub


@pytest.fixture
def counts():
    def get():
        return Publication.objects.count(), PublicationVersion.objects.count()

    return get


def thai_message(exc_info):
    return " ".join(exc_info.value.messages)


# --- the happy path --------------------------------------------------------------------------------


def test_officer_drafts_and_approver_publishes(org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    assert v1.state == VersionState.DRAFT and v1.number == 1
    assert v1.sha256 and v1.size and v1.content_type == "application/pdf"
    assert not publications.public_publications(org).exists()

    publishing.submit(v1, by=unit_officer)
    publishing.approve(v1, by=executive)
    pub.refresh_from_db()
    v1.refresh_from_db()
    assert v1.state == VersionState.PUBLISHED and v1.published_at and v1.reviewed_by == executive
    assert pub.current_version == v1 and pub.publish_date is not None
    assert list(publications.public_publications(org)) == [pub]
    assert [t.code for t in pub.tags.all()] == ["O16"]
    assert publications.period_label(pub).startswith("มีนาคม")
    actions = set(AuditEvent.objects.filter(target_id=str(pub.pk)).values_list("action", flat=True))
    assert {"disclosure.created", "disclosure.submitted", "disclosure.approved"} <= actions


def test_revision_keeps_every_published_version_in_history(org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    v1 = pub.current_version
    v2 = publishing.revise(pub, by=unit_officer, upload=pdf("v2"), note="แก้ไขยอดรวม")
    pub.refresh_from_db()
    assert pub.current_version == v1, "a draft revision replaced what the public sees"
    publishing.submit(v2, by=unit_officer)
    publishing.approve(v2, by=executive)
    pub.refresh_from_db()
    v1.refresh_from_db()
    assert pub.current_version == v2
    assert [v.number for v in publications.history(pub)] == [2, 1]
    assert v1.state == VersionState.PUBLISHED and v1.file and v1.sha256 != v2.sha256


def test_returned_version_carries_the_comment_and_a_revision_follows(org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    publishing.submit(v1, by=unit_officer)
    publishing.return_version(v1, by=executive, comment="แนบไฟล์ผิดเดือน")
    v1.refresh_from_db()
    assert v1.state == VersionState.RETURNED and v1.review_comment == "แนบไฟล์ผิดเดือน"
    v2 = publishing.revise(pub, by=unit_officer, upload=pdf("v2"))
    assert v2.number == 2 and v2.state == VersionState.DRAFT


def test_withdrawn_publication_leaves_lists_and_keeps_reason(org, unit_officer, executive):
    pub = published(org, unit_officer, executive)
    publishing.withdraw(pub, by=executive, reason="เผยแพร่ซ้ำ")
    pub.refresh_from_db()
    assert not publications.public_publications(org).exists()
    assert pub.withdrawn_reason == "เผยแพร่ซ้ำ" and list(publications.history(pub)) == [pub.current_version]
    with pytest.raises(ValidationError):
        publishing.revise(pub, by=unit_officer, upload=pdf("v2"))


def test_set_tags_replaces_codes(org, unit_officer):
    pub = make_doc(org, unit_officer)
    assert publishing.set_tags(pub, "o17, O16 o17", by=unit_officer) == ["O16", "O17"]
    assert sorted(pub.tags.values_list("code", flat=True)) == ["O16", "O17"]
    with pytest.raises(ValidationError):
        publishing.set_tags(pub, "X9", by=unit_officer)
    assert pub.tags.count() == 2


def test_page_link_and_announcement_kinds(org, unit_officer, monkeypatch):
    monkeypatch.setattr(links, "check_link", lambda url: True)
    page = publishing.create(
        org, by=unit_officer, kind=Kind.PAGE, title="ข้อมูลผู้บริหาร", area="basic", fiscal_year=FY, body="นายก"
    )
    link = publishing.create(
        org,
        by=unit_officer,
        kind=Kind.LINK,
        title="ระบบ e-GP",
        area="budget",
        fiscal_year=FY,
        url="https://process3.gprocurement.go.th/",
    )
    assert page.versions.get().body == "นายก"
    assert link.versions.get().url.startswith("https://")


def test_approval_triggers_search_indexing_on_commit(
    org, unit_officer, executive, monkeypatch, django_capture_on_commit_callbacks
):
    search = pytest.importorskip("sujarit.disclosure.searchindex.build")
    seen = []
    monkeypatch.setattr(search, "index_publication", lambda p: seen.append(p.pk))
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    publishing.submit(v1, by=unit_officer)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.approve(v1, by=executive)
    assert seen == [pub.pk]


# --- approval rules ---------------------------------------------------------------------------------


def test_approving_without_permission_is_refused(org, unit_officer, counts):
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    publishing.submit(v1, by=unit_officer)
    with translation.override("th"), pytest.raises(PermissionDenied) as exc:
        publishing.approve(v1, by=unit_officer)
    assert str(exc.value)
    v1.refresh_from_db()
    assert v1.state == VersionState.PENDING
    assert not publications.public_publications(org).exists()


def test_approving_a_draft_that_was_not_submitted_is_refused(org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    with pytest.raises(ValidationError) as exc:
        publishing.approve(v1, by=executive)
    assert thai_message(exc)
    v1.refresh_from_db()
    pub.refresh_from_db()
    assert v1.state == VersionState.DRAFT and pub.current_version is None


def test_author_may_not_approve_own_version_when_another_approver_exists(org, admin_user, executive):
    pub = make_doc(org, admin_user)
    v1 = pub.versions.get()
    publishing.submit(v1, by=admin_user)
    with pytest.raises(PermissionDenied):
        publishing.approve(v1, by=admin_user)
    publishing.approve(v1, by=executive)


def test_sole_approver_may_approve_own_version(org, admin_user):
    pub = make_doc(org, admin_user)
    v1 = pub.versions.get()
    publishing.submit(v1, by=admin_user)
    publishing.approve(v1, by=admin_user)
    pub.refresh_from_db()
    assert pub.is_public


def test_return_needs_a_comment(org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    publishing.submit(v1, by=unit_officer)
    with pytest.raises(ValidationError):
        publishing.return_version(v1, by=executive, comment="  ")
    v1.refresh_from_db()
    assert v1.state == VersionState.PENDING


# --- bad inputs: a clear message, nothing saved ----------------------------------------------------


def _refused(counts, call, exc_type=ValidationError):
    before = counts()
    with translation.override("th"), pytest.raises(exc_type) as exc:
        call()
    assert counts() == before, "something was saved"
    message = thai_message(exc) if exc_type is ValidationError else str(exc.value)
    assert message
    return message


def test_unsupported_file_is_refused(org, unit_officer, counts):
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "application/pdf")
    message = _refused(counts, lambda: make_doc(org, unit_officer, upload=exe))
    assert "PDF" in message


def test_oversized_file_is_refused(org, unit_officer, counts, settings):
    settings.SUJARIT_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 4096, "application/pdf")
    _refused(counts, lambda: make_doc(org, unit_officer, upload=big))


def test_missing_file_is_refused(org, unit_officer, counts):
    _refused(counts, lambda: make_doc(org, unit_officer, upload=None))


def test_closed_fiscal_year_is_refused(org, unit_officer, counts):
    DisclosurePolicy.objects.create(org=org, first_open_fiscal_year=FY)
    message = _refused(counts, lambda: make_doc(org, unit_officer, fiscal_year=FY - 1))
    assert str(FY - 1) in message
    _refused(counts, lambda: make_doc(org, unit_officer, fiscal_year=FY + 2))


def test_approving_into_a_year_closed_since_is_refused(org, unit_officer, executive):
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    publishing.submit(v1, by=unit_officer)
    DisclosurePolicy.objects.create(org=org, first_open_fiscal_year=FY + 1)
    with pytest.raises(ValidationError):
        publishing.approve(v1, by=executive)
    pub.refresh_from_db()
    assert pub.current_version is None


@pytest.mark.parametrize("period_kind,period", [("month", 13), ("month", 0), ("quarter", 5), ("half", 3)])
def test_period_outside_the_year_is_refused(org, unit_officer, counts, period_kind, period):
    _refused(counts, lambda: make_doc(org, unit_officer, period_kind=period_kind, period=period))


def test_bad_oit_code_is_refused(org, unit_officer, counts):
    _refused(counts, lambda: make_doc(org, unit_officer, oit_codes=["16"]))


def _link(org, by, url):
    return publishing.create(org, by=by, kind=Kind.LINK, title="ลิงก์", area="basic", fiscal_year=FY, url=url)


def test_unresolvable_internal_link_is_refused(org, unit_officer, counts):
    message = _refused(counts, lambda: _link(org, unit_officer, f"/{org.slug}/no-such-page/"))
    assert "/no-such-page/" in message
    # A publication page of this site that does not exist (or is not public) does not resolve either.
    _refused(counts, lambda: _link(org, unit_officer, f"http://testserver/{org.slug}/disclosure/p/999/"))


def test_internal_link_to_a_public_publication_resolves(org, unit_officer, executive, monkeypatch):
    def no_network(url):
        raise AssertionError("an internal link went to the network")

    monkeypatch.setattr(links, "check_link", no_network)
    pub = published(org, unit_officer, executive)
    link = _link(org, unit_officer, f"http://testserver{publications.publication_url(pub)}")
    assert link.versions.get().url.endswith(f"/disclosure/p/{pub.pk}/")


def test_failing_external_link_is_refused(org, unit_officer, counts, monkeypatch):
    checked = []
    monkeypatch.setattr(links, "check_link", lambda url: checked.append(url) or False)
    _refused(counts, lambda: _link(org, unit_officer, "https://example.invalid/report.pdf"))
    assert checked == ["https://example.invalid/report.pdf"]


@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "example.org", ""])
def test_non_http_link_is_refused(org, unit_officer, counts, monkeypatch, url):
    monkeypatch.setattr(links, "check_link", lambda url: True)
    _refused(counts, lambda: _link(org, unit_officer, url))


def test_someone_without_prepare_permission_cannot_create(org, executive, counts):
    _refused(counts, lambda: make_doc(org, executive), PermissionDenied)


def test_revise_while_a_version_awaits_approval_is_refused(org, unit_officer, executive, counts):
    pub = make_doc(org, unit_officer)
    publishing.submit(pub.versions.get(), by=unit_officer)
    _refused(counts, lambda: publishing.revise(pub, by=unit_officer, upload=pdf("v2")))


def test_only_the_latest_draft_can_be_submitted(org, unit_officer):
    pub = make_doc(org, unit_officer)
    v1 = pub.versions.get()
    publishing.revise(pub, by=unit_officer, upload=pdf("v2"))
    with pytest.raises(ValidationError):
        publishing.submit(v1, by=unit_officer)
    v1.refresh_from_db()
    assert v1.state == VersionState.DRAFT


def test_link_checks_never_reach_private_networks():

    for url in (
        "http://127.0.0.1:8000/",
        "http://10.0.0.5/",
        "http://192.168.1.1/admin",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
    ):
        assert links.public_address(url) is False
        assert links.check_link(url) is False
