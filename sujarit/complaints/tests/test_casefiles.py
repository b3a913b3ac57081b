"""Uploads of both channels: damaged pictures are refused in Thai, never a server error."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sujarit.complaints.protection import casefiles


def _png():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def _chunk_after_image(data, kind, body):
    """A PNG with one more chunk after the image data (a damaged one makes Pillow raise SyntaxError)."""
    end = data.rindex(b"IEND") - 4
    chunk = len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
    return data[:end] + chunk + data[end:]


@pytest.mark.parametrize(
    "data",
    [
        _chunk_after_image(_png(), b"eXIf", b"Comment\x00not a TIFF"),
        _chunk_after_image(_png(), b"zTXt", b"Comment\x00hello"),
        _png()[:40],  # cut inside the header
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 30,
        b"\xff\xd8\xff\xe0" + b"\x00" * 50,  # a JPEG signature and nothing else
    ],
)
def test_damaged_pictures_get_the_thai_message(data):
    with pytest.raises(ValidationError) as e:
        casefiles.check_upload(SimpleUploadedFile("photo.png", data))
    assert e.value.messages and all(m.strip() for m in e.value.messages)


def test_a_sound_picture_passes():
    data, content_type, name = casefiles.check_upload(SimpleUploadedFile("photo.png", _png()))
    assert content_type == "image/png" and name == "photo.png" and data.startswith(b"\x89PNG")


def test_five_image_bombs_in_one_form_are_refused_without_decoding():
    from sujarit.core.tests.test_files import bomb_png

    bombs = [SimpleUploadedFile(f"{i}.png", bomb_png()) for i in range(casefiles.MAX_FILES)]
    with pytest.raises(ValidationError) as e:
        casefiles.check_uploads(bombs)
    assert "7000" in " ".join(e.value.messages)


def test_the_pixel_limit_is_a_setting(settings):
    settings.SUJARIT_MAX_IMAGE_PIXELS = 63
    with pytest.raises(ValidationError):
        casefiles.check_upload(SimpleUploadedFile("photo.png", _png()))  # 8 × 8 = 64 pixels
    settings.SUJARIT_MAX_IMAGE_PIXELS = 64
    assert casefiles.check_upload(SimpleUploadedFile("photo.png", _png()))[1] == "image/png"


def test_word_excel_and_pdf_lose_their_authors_before_they_are_stored():
    from docx import Document
    from openpyxl import load_workbook

    from sujarit.core.tests.samples import (
        AUTHOR,
        docx_with_author,
        pdf_marker,
        tiny_pdf,
        unpacked,
        xlsx_with_author,
    )

    name = AUTHOR.encode()
    assert name in unpacked(docx_with_author()) and name in unpacked(xlsx_with_author())
    assert name in tiny_pdf("slip", AUTHOR)
    docx, _ct, _n = casefiles.check_upload(SimpleUploadedFile("บันทึก.docx", docx_with_author()))
    xlsx, _ct, _n = casefiles.check_upload(SimpleUploadedFile("งบ.xlsx", xlsx_with_author()))
    pdf, _ct, _n = casefiles.check_upload(SimpleUploadedFile("สลิป.pdf", tiny_pdf("slip", AUTHOR)))
    assert name not in unpacked(docx) and b"Somchai" not in unpacked(docx)
    assert name not in unpacked(xlsx) and b"Somchai" not in unpacked(xlsx)
    assert b"Somchai" not in pdf
    # … and they still open, with what they say.
    assert Document(io.BytesIO(docx)).paragraphs[0].text == "เงินทอนโครงการถนน"
    assert load_workbook(io.BytesIO(xlsx)).active["A1"].value == "งบประมาณ"
    assert pdf_marker(pdf) == "slip"


def test_a_pdf_that_cannot_be_cleaned_is_refused_in_thai():
    import pikepdf
    from django.utils import translation

    from sujarit.core.tests.samples import tiny_pdf

    locked = io.BytesIO()
    with pikepdf.open(io.BytesIO(tiny_pdf())) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    for data in (locked.getvalue(), b"%PDF-1.4 not really a PDF"):
        with translation.override("th"), pytest.raises(ValidationError) as e:
            casefiles.check_upload(SimpleUploadedFile("x.pdf", data))
        assert "PDF" in " ".join(e.value.messages) and "รหัสผ่าน" in " ".join(e.value.messages)
