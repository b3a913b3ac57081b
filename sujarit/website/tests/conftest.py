"""The public site's cast: the organization's coordinator edits the site (website.edit)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


def png(size=(40, 30), colour=(200, 30, 30)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return SimpleUploadedFile("photo.png", out.getvalue(), content_type="image/png")


@pytest.fixture
def photo():
    return png()


@pytest.fixture
def editor(coordinator):
    return coordinator
