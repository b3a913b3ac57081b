"""Publications: documents, pages, links and announcements, published through versions.

A publication is never edited in place once public: a change is a new version that goes through
approval and then replaces the public one, while every earlier published version stays reachable
(the public history). Tags tie a publication to OIT item codes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Unit

from .catalogue import Area


class Kind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PAGE = "page", _("Page")
    LINK = "link", _("Link")
    ANNOUNCEMENT = "announcement", _("Announcement (ประกาศ)")


class PeriodKind(models.TextChoices):
    NONE = "", _("Whole fiscal year or no period")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF = "half", _("Half-year (6-month round)")


class PublicationQuerySet(OrgQuerySet):
    def public(self):
        return self.filter(current_version__isnull=False, withdrawn_at__isnull=True)


class Publication(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices, blank=True)
    # Month 1–12 (calendar month), quarter 1–4 or half 1–2 of the fiscal year.
    period = models.PositiveSmallIntegerField(_("which period"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("responsible unit"),
    )
    publish_date = models.DateField(_("publish date"), null=True, blank=True)
    # The version the public sees; None until the first version is approved.
    current_version = models.ForeignKey(
        "PublicationVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(_("why it was withdrawn"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_date", "-pk"]
        indexes = [
            models.Index(fields=["org", "fiscal_year", "area"]),
            models.Index(fields=["org", "publish_date"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.current_version_id is not None and self.withdrawn_at is None


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting approval")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")


class PublicationVersion(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=VersionState.choices, default=VersionState.DRAFT)
    body = models.TextField(_("text"), blank=True)  # pages and announcements
    url = models.URLField(_("address"), max_length=1000, blank=True)  # links
    file = models.FileField(upload_to="publications/%Y/", max_length=300, blank=True)  # documents
    file_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["publication", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="pubversion_unique_number")
        ]


class PublicationTag(models.Model):
    """A publication offered as evidence of an OIT item (by code: O16 …)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="tags")
    code = models.CharField(max_length=10)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publication", "code"], name="pubtag_unique")]
        indexes = [models.Index(fields=["code"])]


class SearchTerm(models.Model):
    """The inverted index of public publications: one row per (publication, Thai word)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=100)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(fields=["org", "term"]),
            # PostgreSQL: lets `term LIKE 'prefix%'` (the word being typed) use an index under any
            # collation; elsewhere opclasses are ignored and this is a plain index on term.
            models.Index(fields=["term"], name="searchterm_term_prefix", opclasses=["varchar_pattern_ops"]),
        ]


class DisclosurePolicy(models.Model):
    """An organization's publishing rules."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="disclosure_policy")
    # Fiscal years before this one are closed: nothing new is published into them.
    first_open_fiscal_year = models.PositiveSmallIntegerField(
        _("first fiscal year still open for publishing (B.E.)"), null=True, blank=True
    )
    assessment_year = models.PositiveSmallIntegerField(_("ITA assessment year shown"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()
