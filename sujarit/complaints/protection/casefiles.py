"""Checking complainants' and officers' files: size and type by content, metadata removed.

Photos from phones carry EXIF with GPS position, time and device; a corruption report's photo would
give its reporter away. Every image is re-encoded from its pixels only, so no metadata survives.
Word, Excel and PDF files name their author (DOCX dc:creator/lastModifiedBy, PDF /Author, comment
authors …): they are cleaned by core.files.strip_metadata before they are stored. A picture with
more pixels than SUJARIT_MAX_IMAGE_PIXELS is refused from its header, before it is decoded.
"""

import io
import struct

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from sujarit.core import files

CASE_FILE_KINDS = ("pdf", "png", "jpeg", "webp", "docx", "xlsx")
MAX_CASE_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5


def strip_image(data, kind):
    """The image re-encoded from its pixels (orientation applied, EXIF/XMP/GPS dropped)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            files.check_image_size(img)  # from the header, before any pixel is decoded
            # In place: two copies of the pixels at most (decoded, clean), not four.
            ImageOps.exif_transpose(img, in_place=True)
            fmt = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}[kind]
            if fmt == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            clean = Image.new(img.mode, img.size)  # pixels only, no info
            clean.paste(img)
            if img.mode == "P" and img.getpalette():
                clean.putpalette(img.getpalette())
            img.close()
            out = io.BytesIO()
            clean.save(out, format=fmt, **({"quality": 88} if fmt == "JPEG" else {}))
            return out.getvalue()
    # Pillow reports a corrupt chunk as SyntaxError and a truncated header as struct.error.
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        struct.error,
        Image.DecompressionBombError,
    ) as e:
        raise ValidationError(_("The picture could not be read. Send it again as JPEG or PNG.")) from e


def check_upload(uploaded, max_bytes=MAX_CASE_FILE_BYTES):
    """(bytes, content_type, name) of an accepted upload, or ValidationError with a Thai message."""
    data, kind = files.read_upload(uploaded, kinds=CASE_FILE_KINDS, max_bytes=max_bytes)
    if kind in files.IMAGE_KINDS:
        data = strip_image(data, kind)
    else:
        data = files.strip_metadata(data, kind)
    name = (getattr(uploaded, "name", "") or "file").replace("/", "_").replace("\\", "_")[-200:]
    return data, files.content_type_of(kind), name


def check_uploads(uploads, max_bytes=MAX_CASE_FILE_BYTES):
    """Check several files at once; all are refused if one is (nothing half-stored)."""
    uploads = [u for u in uploads if u]
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("Send at most %(n)s files at a time.") % {"n": MAX_FILES})
    return [check_upload(u, max_bytes) for u in uploads]
