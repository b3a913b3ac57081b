"""Publishing: every write to publications (verbs) and the rules their metadata must meet.

A version goes draft → pending (submit) → published (approve) or returned (with a comment). A
published version is never changed or deleted: a change is a new version, and every earlier
published version stays reachable as the public history.
"""

import hashlib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, files, thai
from sujarit.core.models import RoleGrant
from sujarit.core.permissions import can
from sujarit.core.registry import registry

from ..models import (
    Area,
    DisclosurePolicy,
    Kind,
    PeriodKind,
    Publication,
    PublicationTag,
    PublicationVersion,
    VersionState,
)
from ..searchindex import build
from .links import check_address

PREPARE = "disclosure.prepare"
APPROVE = "disclosure.approve"
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpeg": "jpg", "webp": "webp", "docx": "docx", "xlsx": "xlsx"}
CODE_RE = re.compile(r"^O\d{1,2}$")
PERIOD_MAX = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}


# --- rules of a publication's metadata: open fiscal years, periods inside the year, OIT codes ------


def ensure_open_year(org, fiscal_year):
    """Refuse a fiscal year that is closed: before the policy's first open year, or past next year."""
    try:
        fiscal_year = int(fiscal_year)
    except (TypeError, ValueError):
        raise ValidationError(_("Give the fiscal year in the Buddhist Era, such as 2568.")) from None
    policy = DisclosurePolicy.objects.filter(org=org).first()
    first = policy.first_open_fiscal_year if policy else None
    last = thai.current_fiscal_year() + 1
    if (first and fiscal_year < first) or fiscal_year > last or fiscal_year < 2400:
        if first:
            raise ValidationError(
                _("Fiscal year %(fy)s is closed for publishing; open years are %(first)s to %(last)s.")
                % {"fy": fiscal_year, "first": first, "last": last}
            )
        raise ValidationError(
            _("Fiscal year %(fy)s is closed for publishing; the latest open year is %(last)s.")
            % {"fy": fiscal_year, "last": last}
        )
    return fiscal_year


def check_period(fiscal_year, period_kind, period):
    """Return (period_kind, period) when the period lies in the fiscal year; raise otherwise."""
    period_kind = period_kind or ""
    if period_kind not in PeriodKind.values:
        raise ValidationError(_("Unknown kind of period."))
    if not period_kind:
        if period not in (None, ""):
            raise ValidationError(_("Choose whether the period is a month, a quarter or a half-year."))
        return "", None
    try:
        period = int(period)
    except (TypeError, ValueError):
        raise ValidationError(_("Choose which month, quarter or half-year.")) from None
    if not 1 <= period <= PERIOD_MAX[period_kind]:
        if period_kind == PeriodKind.MONTH:
            raise ValidationError(
                _("The month must be 1 to 12 (a month of fiscal year %(fy)s).") % {"fy": fiscal_year}
            )
        raise ValidationError(
            _("This period is not in fiscal year %(fy)s: choose 1 to %(max)s.")
            % {"fy": fiscal_year, "max": PERIOD_MAX[period_kind]}
        )
    return period_kind, period


def clean_codes(codes):
    """Normalised OIT codes ('o16 ' → 'O16'), or a ValidationError naming the bad ones."""
    if isinstance(codes, str):
        codes = re.split(r"[\s,]+", codes)
    out: list[str] = []
    bad: list[str] = []
    for code in codes:
        code = (code or "").strip().upper()
        if not code:
            continue
        (out if CODE_RE.match(code) else bad).append(code)
    if bad:
        raise ValidationError(
            _("Not an OIT item code: %(codes)s (write O1 to O43).") % {"codes": ", ".join(bad)}
        )
    return sorted(set(out), key=lambda c: int(c[1:]))


# --- checks ---------------------------------------------------------------------------------------


def _ensure(user, org, permission, message):
    if not can(user, org, permission):
        raise PermissionDenied(message)


def _content(kind, *, body, url, upload):
    """The version fields for kind, checked (file by content, link resolved) before anything is saved."""
    if kind == Kind.DOCUMENT:
        data, sniffed = files.read_upload(upload)
        digest = hashlib.sha256(data).hexdigest()
        name = (getattr(upload, "name", "") or "file").replace("/", "_").replace("\\", "_")[-200:]
        return {
            "body": (body or "").strip(),
            "file_name": name,
            "content_type": files.content_type_of(sniffed),
            "size": len(data),
            "sha256": digest,
            "_data": data,
            "_ext": EXTENSIONS[sniffed],
        }
    if kind == Kind.LINK:
        return {"url": check_address(url), "body": (body or "").strip()}
    if kind in (Kind.PAGE, Kind.ANNOUNCEMENT):
        if not (body or "").strip():
            raise ValidationError(_("Write the text to publish."))
        return {"body": body.strip()}
    raise ValidationError(_("Unknown kind of publication."))


def _new_version(publication, number, content, *, by, note):
    data, ext = content.pop("_data", None), content.pop("_ext", None)
    version = PublicationVersion(publication=publication, number=number, note=(note or "")[:500], **content)
    version.created_by = by if getattr(by, "is_authenticated", False) else None
    if data is not None:
        version.file.save(f"{content['sha256']}.{ext}", ContentFile(data), save=False)
    version.save()
    return version


def _reindex(publication):
    """Have the search index follow the publication after commit.

    robust: once the version is public, a failing index update (a locked database, pdftotext) is
    logged and must not show the approver an error; `sujarit disclosure reindex` repairs the index.
    """
    transaction.on_commit(lambda: build.index_publication(publication), robust=True)


# --- verbs ----------------------------------------------------------------------------------------


@transaction.atomic
def create(
    org,
    *,
    by,
    kind,
    title,
    area,
    fiscal_year,
    period_kind="",
    period=None,
    unit=None,
    publish_date=None,
    oit_codes=(),
    body="",
    url="",
    upload=None,
    note="",
):
    """A new publication with version 1 as a draft."""
    _ensure(by, org, PREPARE, _("You may not prepare publications."))
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the publication a title."))
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of publication."))
    if area not in Area.values:
        raise ValidationError(_("Choose one of the five disclosure areas."))
    fiscal_year = ensure_open_year(org, fiscal_year)
    period_kind, period = check_period(fiscal_year, period_kind, period)
    if unit is not None and unit.org_id != org.pk:
        raise ValidationError(_("This unit is not part of the organization."))
    codes = clean_codes(oit_codes)
    content = _content(kind, body=body, url=url, upload=upload)
    publication = Publication.objects.create(
        org=org,
        kind=kind,
        title=title[:300],
        area=area,
        fiscal_year=fiscal_year,
        period_kind=period_kind,
        period=period,
        unit=unit,
        publish_date=publish_date,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    PublicationTag.objects.bulk_create([PublicationTag(publication=publication, code=c) for c in codes])
    version = _new_version(publication, 1, content, by=by, note=note)
    audit.record(
        publication,
        "disclosure.created",
        actor=by,
        kind=kind,
        title=title,
        codes=codes,
        sha256=version.sha256,
    )
    return publication


def _ensure_live(publication):
    if publication.withdrawn_at is not None:
        raise ValidationError(_("This publication was withdrawn; nothing more is published under it."))


@transaction.atomic
def revise(publication, *, by, body="", url="", upload=None, note=""):
    """A new draft version of the publication (what is public stays until it is approved)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _ensure(by, publication.org, PREPARE, _("You may not prepare publications."))
    _ensure_live(publication)
    ensure_open_year(publication.org, publication.fiscal_year)
    if publication.versions.filter(state=VersionState.PENDING).exists():
        raise ValidationError(_("A version is awaiting approval: wait for the decision before revising."))
    content = _content(publication.kind, body=body, url=url, upload=upload)
    number = (publication.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _new_version(publication, number, content, by=by, note=note)
    audit.record(publication, "disclosure.revised", actor=by, number=number, sha256=version.sha256)
    return version


def _locked(version):
    return (
        PublicationVersion.objects.select_for_update().select_related("publication__org").get(pk=version.pk)
    )


@transaction.atomic
def submit(version, *, by):
    """Send a draft for approval."""
    version = _locked(version)
    publication = version.publication
    _ensure(by, publication.org, PREPARE, _("You may not prepare publications."))
    _ensure_live(publication)
    if version.state != VersionState.DRAFT:
        raise ValidationError(_("Only a draft can be sent for approval."))
    if publication.versions.filter(number__gt=version.number).exists():
        raise ValidationError(_("A newer version exists: send that one instead."))
    version.state = VersionState.PENDING
    version.save(update_fields=["state"])
    audit.record(publication, "disclosure.submitted", actor=by, number=version.number)
    return version


def other_approvers_exist(org, user):
    """Whether someone other than user holds disclosure.approve in org."""
    roles = registry.permissions[APPROVE].roles
    grants = RoleGrant.objects.filter(person__org=org, person__active=True, role__in=roles)
    return grants.exclude(person__user=user).exclude(person__user__isnull=True).exists()


@transaction.atomic
def approve(version, *, by):
    """Publish a version that was sent for approval; it becomes the public one."""
    version = _locked(version)
    publication = version.publication
    org = publication.org
    _ensure(by, org, APPROVE, _("You may not approve publications."))
    _ensure_live(publication)
    if version.state != VersionState.PENDING:
        raise ValidationError(_("Only a version sent for approval can be approved."))
    # Four eyes: the author may approve their own version only where no one else could.
    if version.created_by_id == getattr(by, "pk", None) and other_approvers_exist(org, by):
        raise PermissionDenied(_("Someone other than its author must approve this version."))
    ensure_open_year(org, publication.fiscal_year)
    if publication.kind == Kind.LINK:
        check_address(version.url)  # the address may have gone dead since it was written
    now = timezone.now()
    version.state = VersionState.PUBLISHED
    version.reviewed_by = by
    version.published_at = now
    version.save(update_fields=["state", "reviewed_by", "published_at"])
    publication.current_version = version
    fields = ["current_version", "updated_at"]
    if publication.publish_date is None:
        publication.publish_date = timezone.localdate()
        fields.append("publish_date")
    publication.save(update_fields=fields)
    audit.record(publication, "disclosure.approved", actor=by, number=version.number, sha256=version.sha256)
    _reindex(publication)
    return version


@transaction.atomic
def return_version(version, *, by, comment):
    """Send a version back to its author with a comment."""
    version = _locked(version)
    publication = version.publication
    _ensure(by, publication.org, APPROVE, _("You may not approve publications."))
    if version.state != VersionState.PENDING:
        raise ValidationError(_("Only a version sent for approval can be returned."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what should change before returning the version."))
    version.state = VersionState.RETURNED
    version.reviewed_by = by
    version.review_comment = comment[:500]
    version.save(update_fields=["state", "reviewed_by", "review_comment"])
    audit.record(publication, "disclosure.returned", actor=by, number=version.number, comment=comment)
    return version


@transaction.atomic
def withdraw(publication, *, by, reason):
    """Take a publication off the lists; its page says why and keeps its history."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _ensure(by, publication.org, APPROVE, _("You may not withdraw publications."))
    _ensure_live(publication)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the publication is withdrawn."))
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_reason = reason[:500]
    publication.save(update_fields=["withdrawn_at", "withdrawn_reason", "updated_at"])
    audit.record(publication, "disclosure.withdrawn", actor=by, reason=reason)
    _reindex(publication)
    return publication


@transaction.atomic
def set_tags(publication, codes, *, by):
    """Replace the OIT item codes a publication is evidence of."""
    _ensure(by, publication.org, PREPARE, _("You may not prepare publications."))
    codes = clean_codes(codes)
    before = sorted(publication.tags.values_list("code", flat=True), key=lambda c: int(c[1:]))
    publication.tags.exclude(code__in=codes).delete()
    PublicationTag.objects.bulk_create(
        [PublicationTag(publication=publication, code=c) for c in codes if c not in before]
    )
    audit.record(publication, "disclosure.tagged", actor=by, before=before, after=codes)
    _reindex(publication)
    return codes
