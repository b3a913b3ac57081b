"""Pictures for the public site: checked by content, then re-encoded, so what is served is a fresh
JPEG made by Pillow (no metadata, no payload of the original) at a size a phone can load."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from sujarit.core import files

# Photos wider than this are scaled down: a news card and a 2× phone screen need no more.
MAX_SIDE = 1600
QUALITY = 82


def max_bytes():
    return int(getattr(settings, "SUJARIT_WEBSITE_MAX_IMAGE_BYTES", 8 * 1024 * 1024))


def reencode(uploaded, *, max_side=MAX_SIDE):
    """An uploaded picture as a re-encoded JPEG upload; ValidationError (Thai) when it is not one."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    data, _kind = files.read_upload(uploaded, kinds=files.IMAGE_KINDS, max_bytes=max_bytes())
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            img = ImageOps.exif_transpose(opened)
            if img.mode in ("RGBA", "LA", "P"):
                rgba = img.convert("RGBA")
                img = Image.new("RGB", rgba.size, (255, 255, 255))
                img.paste(rgba, mask=rgba.split()[3])
            else:
                img = img.convert("RGB")
            img.thumbnail((max_side, max_side))
            out = io.BytesIO()
            img.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(_("The picture could not be read. Send it again as JPEG or PNG.")) from None
    name = (getattr(uploaded, "name", "") or "photo").rsplit(".", 1)[0][:150] + ".jpg"
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def store(org, uploaded, *, by):
    """Re-encode and store a picture as an Attachment of org (inside the caller's transaction)."""
    return files.store(org, reencode(uploaded), by=by, kinds=("jpeg",))
