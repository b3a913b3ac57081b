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
