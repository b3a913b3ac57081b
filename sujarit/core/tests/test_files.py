"""Attachments: type checked by content, size limited, sha256 kept, bad files refused in Thai."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from sujarit.core import files
from sujarit.core.models import Attachment
from sujarit.core.tests.samples import AUTHOR, tiny_pdf


def _png(size=(4, 4), mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


PNG = _png()
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_evidence_file_is_stored_with_its_sha256(org, unit_officer):
    att = files.store(org, SimpleUploadedFile("รูปกิจกรรม.png", PNG), by=unit_officer)
    assert att.sha256 == hashlib.sha256(PNG).hexdigest()
    assert att.content_type == "image/png" and att.size == len(PNG)
    assert att.original_name == "รูปกิจกรรม.png"
    with att.file.open("rb") as fh:
        assert fh.read() == PNG


@pytest.mark.django_db
def test_a_program_renamed_to_pdf_is_refused_in_thai_and_nothing_is_stored(org, unit_officer):
    with translation.override("th"), pytest.raises(ValidationError) as exc:
        files.store(org, SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 100), by=unit_officer)
    assert "ไฟล์" in str(exc.value)
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
def test_too_large_and_empty_files_are_refused(org, unit_officer, settings):
    settings.SUJARIT_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError):
        files.store(org, SimpleUploadedFile("big.pdf", PDF + b"0" * 2000), by=unit_officer)
    with pytest.raises(ValidationError):
        files.store(org, SimpleUploadedFile("empty.pdf", b""), by=unit_officer)
    assert Attachment.objects.count() == 0


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=512))
def test_sniffing_any_bytes_never_crashes(data):
    kind = files.sniff(data)
    assert kind in (None, "text", *files.SIGNATURES, *files.OOXML)


def bomb_png():
    """A 7000 × 7000 PNG of ~25 KB (one bit a pixel): decoded as a photo it would take ~150 MB a copy."""
    return _png((7000, 7000), mode="1")


@pytest.mark.django_db
def test_a_picture_with_too_many_pixels_is_refused_from_its_header(org, unit_officer, settings):
    data = bomb_png()
    assert len(data) < 200_000
    with translation.override("th"), pytest.raises(ValidationError) as exc:
        files.store(org, SimpleUploadedFile("plan.png", data), by=unit_officer)
    assert "7000 × 7000" in str(exc.value) and "ภาพ" in str(exc.value)
    settings.SUJARIT_MAX_IMAGE_PIXELS = 50_000_000
    files.read_upload(SimpleUploadedFile("plan.png", data))  # the limit is a setting
    assert Attachment.objects.count() == 0


def test_the_pixel_limit_is_read_before_any_pixel_is_decoded():
    """A header claiming 7000 × 7000 with no image data after it: refused for its size, not as damaged."""
    data = bomb_png()
    header_only = data[: data.index(b"IDAT") - 4] + data[data.index(b"IEND") - 4 :]
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        files.read_upload(SimpleUploadedFile("p.png", header_only))
    assert "too large" in str(exc.value)


@pytest.mark.django_db
def test_a_damaged_picture_is_refused_on_every_upload_path(org, unit_officer):
    with pytest.raises(ValidationError):
        files.store(org, SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), by=unit_officer)
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n",
        tiny_pdf() + b"\n<script>fetch('/staff/')</script>",  # appended after the end of the PDF
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n<!DOCTYPE html><svg onload=alert(1)>" + tiny_pdf()[9:],
    ],
)
def test_a_pdf_that_is_also_a_web_page_is_refused(data):
    assert files.sniff(data) == "pdf"
    with translation.override("th"), pytest.raises(ValidationError) as exc:
        files.read_upload(SimpleUploadedFile("poly.pdf", data))
    assert "PDF" in str(exc.value) and "เว็บ" in str(exc.value)


def test_ordinary_pdfs_pass_the_polyglot_check():
    from weasyprint import HTML

    made_here = HTML(
        string="<html><body><h1>รายงาน</h1><p>&lt;script&gt; as text</p></body></html>"
    ).write_pdf()
    for data in (tiny_pdf("slip", AUTHOR), made_here):
        assert files.read_upload(SimpleUploadedFile("report.pdf", data))[1] == "pdf"


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("poly.html", "application/pdf", "poly.pdf"),
        ("รายงาน.PDF", "application/pdf", "รายงาน.PDF"),
        ("photo.jpeg", "image/jpeg", "photo.jpeg"),
        ("photo.png", "image/jpeg", "photo.jpg"),
        ("../../etc/passwd", "text/plain; charset=utf-8", "etcpasswd.txt"),
        (".html", "application/pdf", "html.pdf"),
        ("...", "application/pdf", "file.pdf"),
        ("", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "file.docx"),
    ],
)
def test_download_names_carry_the_detected_kinds_extension(name, content_type, expected):
    assert files.download_name(name, content_type) == expected
