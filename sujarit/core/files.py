"""File attachments: size and type checked on upload (by content, not by name), sha256 kept.

Also here, for every upload path: pictures refused from their header when they have too many
pixels (before decoding), PDFs refused when they carry HTML where a browser's sniffer or an HTML
parser would find it (a PDF/HTML polyglot), metadata removal for PDF and Office files (`strip_metadata`,
used where the uploader must stay unknown: complaint case files), and the download answer every
view serves files with (`serve`: the detected type, a name with the detected kind's extension,
nosniff, attachment unless the type is shown inline in a sandbox).
"""

import hashlib
import io
import re
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
EXTENSIONS = {
    "pdf": "pdf",
    "png": "png",
    "jpeg": "jpg",
    "webp": "webp",
    "docx": "docx",
    "xlsx": "xlsx",
    "text": "txt",
}
SAME_EXTENSIONS = {"jpeg": ("jpg", "jpeg", "jpe", "jfif")}
# Types a browser shows itself without running anything from the file (served with a sandbox CSP).
INLINE_KINDS = ("pdf", "png", "jpeg", "webp")
# Tags an HTML parser would act on (run a script, load or embed something, redirect). PDF syntax
# never has them (a hex string holds hex digits only), so one in a PDF's head (the 1,445 bytes a
# browser's sniffer reads, WHATWG MIME Sniffing) or after its end makes the file an HTML page too.
HTML_MARKERS = re.compile(
    rb"<(!doctype|html|body|script|iframe|object|embed|svg|img|meta|base)\b", re.IGNORECASE
)
HTML_SNIFF_BYTES = 1445


def sniff(data):
    """The kind of a file from its content, or None."""
    head = data[:16]
    for kind, (_ct, test) in SIGNATURES.items():
        if test(head):
            return kind
    if head.startswith(b"PK\x03\x04"):
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


def check_image_size(img):
    """ValidationError (Thai) when a picture opened by Pillow (header only) has too many pixels.

    Pillow's Image.open reads only the header; decoding is what costs memory (3–4 bytes a pixel,
    for each copy). A 190 KB PNG can claim 7000 × 7000 pixels, so the size is refused before any
    pixel is decoded.
    """
    width, height = img.size
    limit = int(settings.SUJARIT_MAX_IMAGE_PIXELS)
    if width * height > limit:
        raise ValidationError(
            _(
                "The picture is too large (%(w)s × %(h)s pixels); the limit is %(mp)s megapixels. "
                "Send a smaller picture or a screenshot of it."
            )
            % {"w": width, "h": height, "mp": round(limit / 1_000_000, 1)}
        )


def _check_image(data):
    """Pillow reads the picture's header only; refuse it when it cannot be read or is too large."""
    import struct

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            check_image_size(img)
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        struct.error,
        Image.DecompressionBombError,
    ) as e:
        raise ValidationError(_("The picture could not be read. Send it again as JPEG or PNG.")) from e


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
    if kind in IMAGE_KINDS:
        _check_image(data)
    if kind == "pdf" and is_polyglot_pdf(data):
        raise ValidationError(
            _(
                "This PDF also contains a web page, which could run in a browser. Save it again as PDF and send it."
            )
        )
    return data, kind


def is_polyglot_pdf(data):
    """True when a PDF carries HTML where a browser would find it: in its head or after its end."""
    if HTML_MARKERS.search(data[:HTML_SNIFF_BYTES]):
        return True
    end = data.rfind(b"%%EOF")
    return end >= 0 and bool(HTML_MARKERS.search(data[end:]))


# --- metadata ----------------------------------------------------------------------------------


class Unreadable(ValidationError):
    """A document that cannot be opened to clean it (damaged, encrypted, too large unpacked)."""


def strip_metadata(data, kind):
    """The document without the data that names its author or their computer.

    PDF: the Info dictionary (author, creator, producer, dates), XMP metadata streams anywhere,
    application data (/PieceInfo), annotation authors and the file identifier are removed, and the
    file is rewritten by qpdf (pikepdf), so nothing outside its objects survives. DOCX/XLSX: the
    document properties (docProps/core.xml, app.xml, custom.xml) are emptied; authors and initials of
    comments and tracked changes, the people lists, the workbook's saved folder path and the path of
    the attached template are blanked; the zip entries' dates are reset. Not cleaned: what the
    document says, pictures inside it, and a name written in its text.
    """
    if kind == "pdf":
        return _clean_pdf(data)
    if kind in OOXML:
        return _clean_ooxml(data)
    return data


def _clean_pdf(data):
    import pikepdf

    refused = Unreadable(
        _(
            "The PDF could not be opened to remove its hidden data (damaged or protected with a password). "
            "Save it again as PDF without a password and send it."
        )
    )
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            for key in ("/Info", "/ID"):
                if key in pdf.trailer:
                    del pdf.trailer[key]
            for obj in pdf.objects:
                if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                    continue
                for key in ("/Metadata", "/PieceInfo"):
                    if key in obj:
                        del obj[key]
                # A markup annotation's /T is its author (a form field's /T is its name: kept).
                if "/Rect" in obj and "/Subtype" in obj and obj.get("/Subtype") != "/Widget":
                    for key in ("/T", "/M", "/CreationDate"):
                        if key in obj:
                            del obj[key]
            out = io.BytesIO()
            # No stream is decoded (a compressed bomb stays as small as it came); streams that were
            # not compressed are, and objects go into compressed object streams.
            pdf.save(
                out,
                fix_metadata_version=False,
                compress_streams=True,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                deterministic_id=True,
            )
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, RecursionError, OverflowError) as e:
        raise refused from e
    return out.getvalue()


MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # an Office file's parts, unpacked
MAX_ZIP_ENTRIES = 10_000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
X15AC = "{http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac}"
XPERSON = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EMPTY_PARTS = {
    "docProps/core.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"/>',
    "docProps/app.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>',
    "docProps/custom.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>',
}
# Attributes that hold a person's name or account, by namespace-qualified name.
PERSON_ATTRIBUTES = {
    f"{W}author",
    f"{W}initials",
    f"{W15}author",
    f"{W15}userId",
    f"{W15}providerId",
    "displayName",  # xl/persons: <person displayName=… userId=… providerId=…>
    "userId",
    "providerId",
    "userName",  # xl/revisions: shared-workbook history
}
ANONYMOUS = "-"  # an empty author makes some readers drop the comment
PERSON_MARKERS = (b"author", b"userId", b"userName", b"displayName", b"absPath", b"attachedTemplate")


def _clean_ooxml(data):
    refused = Unreadable(
        _("The Office file could not be opened to remove its hidden data. Save it again and send it.")
    )
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
        if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
            raise refused
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in infos:
                if info.is_dir():
                    continue
                body = EMPTY_PARTS.get(info.filename)
                if body is None:
                    body = src.read(info)  # zipfile stops at the declared size: no bomb past the sum above
                    if info.filename.endswith((".xml", ".rels")) and any(m in body for m in PERSON_MARKERS):
                        body = _scrub_part(info.filename, body)
                entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(entry, body)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as e:
        raise refused from e
    return out.getvalue()


def _scrub_part(name, body):
    """One XML part with the people's names blanked (parsed without entities or network)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    root = etree.fromstring(body, parser)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in list(el.attrib):
            if attr in PERSON_ATTRIBUTES and (attr.startswith("{") or name.startswith("xl/")):
                el.set(attr, ANONYMOUS)
        if el.tag == f"{X}author":  # xl/comments: <authors><author>Name</author>
            el.text = ANONYMOUS
        if el.tag == f"{XPERSON}person":
            for attr in ("displayName", "userId", "providerId"):
                if attr in el.attrib:
                    el.set(attr, ANONYMOUS)
        if el.tag == f"{X15AC}absPath":  # the folder the workbook was saved in (C:\\Users\\<name>\\…)
            el.set("url", "")
        if el.tag == f"{REL}Relationship" and el.get("Type", "").endswith("/attachedTemplate"):
            el.set("Target", "Normal.dotm")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- serving -----------------------------------------------------------------------------------


def kind_of(content_type):
    """The kind of a stored file from the content type it was stored with (set from its content)."""
    base = (content_type or "").split(";")[0].strip().lower()
    for kind in (*SIGNATURES, *OOXML):
        if content_type_of(kind) == base:
            return kind
    return "text" if base == "text/plain" else None


def download_name(name, content_type):
    """The name to download a file under: its extension is the detected kind's, never the uploader's.

    "poly.html" stored as a PDF downloads as "poly.pdf"; a name without a stem becomes "file.pdf".
    """
    kind = kind_of(content_type)
    ext = EXTENSIONS.get(kind, "bin")
    clean = "".join(c for c in str(name or "") if c.isprintable() and c not in '/\\:*?"<>|').strip(" .")
    stem, dot, old = clean.rpartition(".")
    if not dot:
        stem = clean
    elif old.lower() in SAME_EXTENSIONS.get(kind, (ext,)):
        return clean[-200:]
    return f"{(stem.strip(' .') or 'file')[:190]}.{ext}"


def serve(content, name, content_type, *, inline=False):
    """The answer that hands a stored file (bytes or an open file) to a browser: the type it was
    detected as, a name with that type's extension, no sniffing, and `attachment` unless it is a
    type browsers show themselves (then in a sandbox, so nothing in it runs as the site)."""
    from django.http import FileResponse, HttpResponse
    from django.utils.http import content_disposition_header

    inline = inline and kind_of(content_type) in INLINE_KINDS
    filename = download_name(name, content_type)
    response: HttpResponse | FileResponse
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
        response["Content-Length"] = str(len(content))
    else:
        response = FileResponse(
            content, content_type=content_type, as_attachment=not inline, filename=filename
        )
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


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
