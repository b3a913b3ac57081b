"""What every official document shares: the organization's emblem and heading, the signature block of
the preparer, the reviewing head (ปลัด) and the executive, and a cache of built files.

Modules render their PDFs through the partials `pdf/_letterhead.html` and `pdf/_signatures.html`
(template tags `letterhead` and `signatures`, `{% load documents %}`) and keep the bytes of a built
document with `cached` under the version of the data it shows (docs/ARCHITECTURE.md "Documents").
"""

import base64
import hashlib
import io
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import files
from .models import OrgType

# A built document is kept this long even when its version stays the same: figures computed from
# other modules' records (KPI measures, overdue counts) are then at most this old.
CACHE_SECONDS = 600
EMBLEM_MAX_BYTES = 5 * 1024 * 1024
EMBLEM_MAX_PIXELS = 600  # stored downscaled: it is printed about 3 cm high


def cached(name, version, fmt, build, *, seconds=CACHE_SECONDS):
    """The (filename, content type, bytes) of a document, built by `build()` only when its key is new.

    The key is the document's name, the version of the data it shows, the format, the language, the
    organization's heading and signers (`org_stamp`, part of `version` by the caller) and today's date
    (due dates and "late" flags move with the calendar).
    """
    raw = f"{name}|{version}|{fmt}|{get_language()}|{timezone.localdate().isoformat()}"
    key = "sujarit:doc:" + hashlib.sha256(raw.encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    built = build()
    cache.set(key, built, seconds)
    return built


def org_stamp(org):
    """A short digest of what the heading and signature block show of the organization."""
    fields = [
        org.name, org.org_type, org.district, org.province, org.head_name, org.head_title, org.palad_name,
        org.coordinator_name, org.coordinator_position, org.emblem_id,
    ]  # fmt: skip
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:16]


# --- the emblem -------------------------------------------------------------------------------------


def read_emblem(uploaded):
    """An uploaded emblem checked by content and downscaled; returns PNG bytes or raises ValidationError."""
    from PIL import Image, UnidentifiedImageError  # deferred: Pillow is only needed on upload

    data, _kind = files.read_upload(uploaded, kinds=files.IMAGE_KINDS, max_bytes=EMBLEM_MAX_BYTES)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            img = opened.convert("RGBA")
            img.thumbnail((EMBLEM_MAX_PIXELS, EMBLEM_MAX_PIXELS))
            out = io.BytesIO()
            img.save(out, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The emblem could not be read as a picture. Upload a PNG or JPEG file.")
        ) from None
    return out.getvalue()


def emblem_upload(uploaded):
    """The checked, downscaled emblem as an upload `files.store` accepts."""
    return SimpleUploadedFile("emblem.png", read_emblem(uploaded), content_type="image/png")


def emblem_data_uri(org):
    """The emblem as a data: URL (the PDF engine fetches nothing else but static files), or ""."""
    att = org.emblem
    if att is None:
        return ""
    try:
        with att.file.open("rb") as fh:
            data = fh.read()
    except OSError:
        return ""
    return f"data:{att.content_type};base64,{base64.b64encode(data).decode()}"


# --- who signs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    role: str  # ผู้รายงาน / ผู้ตรวจสอบ / ผู้รับรอง
    name: str  # empty: a dotted line to write the name on
    position: str


def executive_title(org):
    """The executive's title as official documents write it (นายก…, นายกเทศมนตรี…, ผู้ว่าราชการ…)."""
    if org.head_title:
        return org.head_title
    name = org.name
    if org.org_type in (OrgType.CITY, OrgType.TOWN, OrgType.SUBDISTRICT_MUNICIPALITY) and name.startswith(
        "เทศบาล"
    ):
        return "นายกเทศมนตรี" + name.removeprefix("เทศบาล")
    if org.org_type == OrgType.BANGKOK:
        return "ผู้ว่าราชการกรุงเทพมหานคร"
    return "นายก" + name


def signers(org, *, preparer_name="", preparer_position=""):
    """The preparer, the reviewing head (ปลัด) and the executive, in the order they sign."""
    return [
        Signer(_("Prepared by"), preparer_name, preparer_position),
        Signer(_("Reviewed by"), org.palad_name, "ปลัด" + org.name),
        Signer(_("Acknowledged and approved by"), org.head_name, executive_title(org)),
    ]
