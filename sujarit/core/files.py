"""File attachments: size and type checked on upload (by content, not by name), sha256 kept."""

import hashlib
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from . import audit
from .models import Attachment

# kind -> (content type, test on the first bytes)
SIGNATURES = {
    "pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "webp": ("image/webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
}
OOXML = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
}
EVIDENCE_KINDS = ("pdf", "png", "jpeg", "webp", "docx", "xlsx")
IMAGE_KINDS = ("png", "jpeg", "webp")


def sniff(data):
    """The kind of a file from its content, or None."""
    head = data[:16]
    for kind, (_ct, test) in SIGNATURES.items():
        if test(head):
            return kind
    if head.startswith(b"PK\x03\x04"):
        import io

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        for kind, (_ct, prefix) in OOXML.items():
            if any(n.startswith(prefix) for n in names):
                return kind
    if _is_text(data):
        return "text"
    return None


def _is_text(data):
    if b"\x00" in data[:8192]:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def content_type_of(kind):
    if kind in SIGNATURES:
        return SIGNATURES[kind][0]
    if kind in OOXML:
        return OOXML[kind][0]
    return "text/plain; charset=utf-8"


def read_upload(uploaded, kinds=EVIDENCE_KINDS, max_bytes=None):
    """Read and check an uploaded file; return (bytes, kind) or raise ValidationError in Thai."""
    max_bytes = max_bytes or settings.SUJARIT_MAX_UPLOAD_BYTES
    if uploaded is None:
        raise ValidationError(_("No file was chosen."))
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(uploaded.size / 1048576, 1), "limit": round(max_bytes / 1048576, 1)}
        )
    data = uploaded.read()
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > max_bytes:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s MB.") % {"limit": max_bytes // 1048576}
        )
    kind = sniff(data)
    if kind not in kinds:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": ", ".join(k.upper() for k in kinds)}
        )
    return data, kind


def store(org, uploaded, *, by, kinds=EVIDENCE_KINDS, max_bytes=None):
    """Check and store an upload as an Attachment of org (call inside the caller's transaction)."""
    data, kind = read_upload(uploaded, kinds=kinds, max_bytes=max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    name = (getattr(uploaded, "name", "") or "file").replace("/", "_").replace("\\", "_")[-200:]
    att = Attachment(
        org=org,
        original_name=name,
        content_type=content_type_of(kind),
        size=len(data),
        sha256=digest,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    att.file.save(digest, ContentFile(data), save=False)
    att.save()
    audit.record(att, "core.attachment_stored", actor=by, name=name, sha256=digest, size=len(data))
    return att
