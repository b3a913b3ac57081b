"""Every change to the public site: audited verbs, guarded by website.edit.

Each verb checks and re-encodes an uploaded picture before it writes anything, so a refused upload
(not a picture, too large) leaves the site as it was. Every verb records an audit event, which moves
core.audit.org_version and so the version the public pages are cached under.
"""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sujarit.core import audit

from . import images
from .models import DEFAULT_COLOUR, Executive, ExecutiveGroup, Page, PageKind, Post, PostKind, SiteSettings
from .permissions import ensure_can_edit

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2.1 AA: white text on the main colour needs a contrast of at least 4.5:1.
MIN_CONTRAST = 4.5


def contrast_with_white(colour: str) -> float:
    def channel(hex2):
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def settings_of(org) -> SiteSettings:
    """The site's settings, unsaved defaults when none were saved yet."""
    return SiteSettings.objects.filter(org=org).first() or SiteSettings(org=org)


def _check_colour(colour):
    if not HEX.match(colour or ""):
        raise ValidationError(_("Give the colour as # and six hexadecimal digits, e.g. #1d4f91."))
    if contrast_with_white(colour) < MIN_CONTRAST:
        raise ValidationError(
            _(
                "White text on this colour would be hard to read (contrast %(ratio)s:1, at least 4.5:1 needed). Choose a darker colour."
            )
            % {"ratio": f"{contrast_with_white(colour):.1f}"}
        )


def _check_coordinates(latitude, longitude):
    if (latitude is None) != (longitude is None):
        raise ValidationError(_("Give both the latitude and the longitude, or neither."))
    if latitude is not None and not (Decimal(-90) <= latitude <= 90 and Decimal(-180) <= longitude <= 180):
        raise ValidationError(
            _("The latitude must lie between -90 and 90 and the longitude between -180 and 180.")
        )


def _picture(org, current, upload, remove, by):
    """The attachment a picture field holds after an edit (an upload is re-encoded and stored)."""
    if upload:
        return images.store(org, upload, by=by)
    if remove:
        return None
    return current


@transaction.atomic
def save_settings(
    org, *, by, tagline="", welcome="", colour=DEFAULT_COLOUR, latitude=None, longitude=None,
    office_hours="", facebook="", banner=None, remove_banner=False,
):  # fmt: skip
    ensure_can_edit(by, org)
    colour = (colour or DEFAULT_COLOUR).lower()
    _check_colour(colour)
    _check_coordinates(latitude, longitude)
    site = settings_of(org)
    site.banner = _picture(org, site.banner, banner, remove_banner, by)
    site.tagline, site.welcome, site.colour = tagline.strip(), welcome.strip(), colour
    site.latitude, site.longitude = latitude, longitude
    site.office_hours, site.facebook = office_hours.strip(), facebook.strip()
    site.save()
    audit.record(site, "website.settings_saved", by, colour=colour, banner=site.banner_id)
    return site


@transaction.atomic
def save_post(
    org, post=None, *, by, title, published_on: date, body="", kind=PostKind.NEWS, photo=None,
    photo_alt="", remove_photo=False,
):  # fmt: skip
    """Create (post=None) or change a news item or activity."""
    ensure_can_edit(by, org)
    if post is not None and post.org_id != org.pk:
        raise ValidationError(_("This item belongs to another organization."))
    if not title.strip():
        raise ValidationError(_("Give the item a headline."))
    if kind not in PostKind.values:
        raise ValidationError(_("Unknown kind of item."))
    created = post is None
    post = post or Post(org=org)
    post.photo = _picture(org, post.photo, photo, remove_photo, by)
    post.kind, post.title, post.body = kind, title.strip(), body.strip()
    post.published_on, post.photo_alt = published_on, photo_alt.strip()
    post.save()
    action = "website.post_created" if created else "website.post_changed"
    audit.record(post, action, by, title=post.title, kind=kind, photo=post.photo_id)
    return post


@transaction.atomic
def delete_post(post, *, by):
    ensure_can_edit(by, post.org)
    audit.record(post, "website.post_deleted", by, title=post.title)
    post.delete()


@transaction.atomic
def save_executive(
    org, executive=None, *, by, full_name, position, group=ExecutiveGroup.EXECUTIVE, phone="", email="",
    order=0, photo=None, remove_photo=False,
):  # fmt: skip
    ensure_can_edit(by, org)
    if executive is not None and executive.org_id != org.pk:
        raise ValidationError(_("This person belongs to another organization."))
    if not full_name.strip() or not position.strip():
        raise ValidationError(_("Give the person's name and position."))
    if group not in ExecutiveGroup.values:
        raise ValidationError(_("Unknown group."))
    created = executive is None
    executive = executive or Executive(org=org)
    executive.photo = _picture(org, executive.photo, photo, remove_photo, by)
    executive.group, executive.full_name, executive.position = group, full_name.strip(), position.strip()
    executive.phone, executive.email, executive.order = phone.strip(), email.strip(), order
    executive.save()
    action = "website.executive_added" if created else "website.executive_changed"
    audit.record(executive, action, by, full_name=executive.full_name, position=executive.position)
    return executive


@transaction.atomic
def remove_executive(executive, *, by):
    ensure_can_edit(by, executive.org)
    audit.record(executive, "website.executive_removed", by, full_name=executive.full_name)
    executive.delete()


@transaction.atomic
def save_page(org, kind, *, by, body="", image=None, image_alt="", remove_image=False):
    ensure_can_edit(by, org)
    if kind not in PageKind.values:
        raise ValidationError(_("Unknown page."))
    page = Page.objects.filter(org=org, kind=kind).first() or Page(org=org, kind=kind)
    page.image = _picture(org, page.image, image, remove_image, by)
    page.body, page.image_alt = body.strip(), image_alt.strip()
    page.save()
    audit.record(page, "website.page_saved", by, kind=kind, image=page.image_id, length=len(page.body))
    return page
