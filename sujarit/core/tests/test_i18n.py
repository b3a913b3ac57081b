"""Every user-facing msgid has a Thai translation, and the UI is Thai by default."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

PO = Path(settings.PACKAGE_DIR) / "locale" / "th" / "LC_MESSAGES" / "django.po"


def _untranslated(po):
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def test_thai_catalogue_has_no_untranslated_entry():
    po = polib.pofile(str(PO))
    assert len(po) > 50
    assert _untranslated(po) == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_every_msgid_in_the_code_is_in_the_thai_catalogue(settings, monkeypatch):
    # makemessages rewrites the catalogue in LOCALE_PATHS (sujarit/locale; a ./locale in the working
    # directory would win, and there is none at the root): let it, read the result, and put the
    # catalogue back exactly as it was.
    monkeypatch.chdir(settings.BASE_DIR)
    original = PO.read_bytes()
    try:
        call_command(
            "makemessages", locale=["th"], verbosity=0, ignore_patterns=["var/*", "bench/*", "tests/*"]
        )
        fresh = polib.pofile(str(PO))
    finally:
        PO.write_bytes(original)
    assert _untranslated(fresh) == []


@pytest.mark.django_db
def test_pages_are_thai_by_default_and_english_on_request(client, org):
    page = client.get(f"/{org.slug}/").content.decode()
    assert 'lang="th"' in page and "เข้าสู่ระบบ" in page
    client.post("/i18n/setlang/", {"language": "en", "next": f"/{org.slug}/"})
    page = client.get(f"/{org.slug}/").content.decode()
    assert 'lang="en"' in page and "Staff sign-in" in page
