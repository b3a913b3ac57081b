"""Attachments: type checked by content, size limited, sha256 kept, bad files refused in Thai."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sujarit.core import files
from sujarit.core.models import Attachment

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
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
