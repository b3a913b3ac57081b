"""The organization's public website: its look, news and activities, executives, and own pages.

Text is plain text (paragraphs separated by blank lines), never HTML; pictures are Attachments that
were re-encoded on upload (website.images), so nothing a staff member types or uploads runs as the site.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Attachment, Organization, OrgQuerySet

DEFAULT_COLOUR = "#1d4f91"


class SiteSettings(models.Model):
    """One per organization: the banner, the colour, the welcome text and where the office is."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="site_settings")
    tagline = models.CharField(_("motto"), max_length=200, blank=True)
    welcome = models.TextField(_("welcome text"), blank=True)
    banner = models.ForeignKey(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("banner"),
    )
    colour = models.CharField(_("main colour"), max_length=7, default=DEFAULT_COLOUR)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    facebook = models.URLField(_("Facebook page"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    def __str__(self):
        return f"website of {self.org_id}"


class PostKind(models.TextChoices):
    NEWS = "news", _("News")
    ACTIVITY = "activity", _("Activity")


class Post(models.Model):
    """A news item or an activity report, with one photo."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="website_posts")
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices, default=PostKind.NEWS)
    title = models.CharField(_("headline"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    photo = models.ForeignKey(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    published_on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["org", "-published_on"], name="website_post_org_date")]

    def __str__(self):
        return self.title


class ExecutiveGroup(models.TextChoices):
    EXECUTIVE = "executive", _("Executives")
    COUNCIL = "council", _("Council")
    OFFICIAL = "official", _("Heads of divisions")


class Executive(models.Model):
    """A person shown on the executives page (OIT O2: name, position, photo and contact)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="website_executives")
    group = models.CharField(
        _("group"), max_length=10, choices=ExecutiveGroup.choices, default=ExecutiveGroup.EXECUTIVE
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    photo = models.ForeignKey(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["group", "order", "id"]

    def __str__(self):
        return self.full_name


class PageKind(models.TextChoices):
    HISTORY = "history", _("History")
    AREA = "area", _("Area and geography")
    POPULATION = "population", _("Population")
    VILLAGES = "villages", _("Villages")
    AUTHORITY = "authority", _("Powers and duties")
    DEVELOPMENT_PLAN = "plan", _("Local development plan")


class Page(models.Model):
    """One of the organization's own pages, in plain text with an optional picture."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="website_pages")
    kind = models.CharField(_("page"), max_length=12, choices=PageKind.choices)
    body = models.TextField(_("text"), blank=True)
    image = models.ForeignKey(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("picture"),
    )
    image_alt = models.CharField(_("what the picture shows"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "kind"], name="website_page_org_kind")]

    def __str__(self):
        return self.get_kind_display()
