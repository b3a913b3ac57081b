"""The PDF engine: Thai text comes back intact through pdftotext; only static files are fetched."""

import html
import re
import shutil
import subprocess

import pytest

from sujarit.core import pdf, thaifont

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

ORG = "องค์การบริหารส่วนตำบลแหลมสอม"
# SARA AM after plain consonants, under tone marks, after a narrow-nikhahit consonant (ป), word-final
AM_WORDS = [
    "ตำบล", "จำนวน", "ดำเนินการ", "น้ำ", "กำหนด", "ทำ", "คำนำ", "ค่ำ", "ซ้ำ", "ต่ำ", "ป่ำ",
    "ลำดับ", "สำนักปลัด", "ประจำปี", "อำเภอ", "กระทำ", "จำเป็น", "ช้ำ", "ก๊ำ", "ย่ำ",
]  # fmt: skip
AA_WORDS = ["การ", "ตาบอด", "ปลา", "น้า", "ค่า", "ป่า", "มาตรการ"]


def pdftotext(data, tmp_path, layout=False):
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode()


FOOTER = re.compile(r"^\s*-\s*[๐-๙]+\s*-\s*$")


def words_of(text):
    """The words of the text, without the page-number footer ("- ๑ -")."""
    return " ".join(line for line in text.splitlines() if not FOOTER.match(line)).split()


def page(body, css=""):
    return (
        '<!doctype html><html lang="th"><head><link rel="stylesheet" href="/static/css/print.css">'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )


@needs_pdftotext
def test_organization_name_comes_back_exactly(tmp_path):
    text = pdftotext(pdf.html_to_pdf(page(f"<h1>{ORG}</h1><p>รายงานของ{ORG}</p>")), tmp_path)
    assert ORG in text
    assert f"รายงานของ{ORG}" in text
    assert "ตาบล" not in text


@needs_pdftotext
@pytest.mark.parametrize("weight", ["normal", "bold"])
@pytest.mark.parametrize("style", ["normal", "italic"])
def test_sara_am_and_sara_aa_words_survive_in_every_face(tmp_path, weight, style):
    # plain า first, so a first-come glyph map would turn the AM's า into a plain one (and the reverse below)
    body = " ".join(AA_WORDS + AM_WORDS + AA_WORDS)
    data = pdf.html_to_pdf(page(f'<p style="font-weight:{weight};font-style:{style}">{body}</p>'))
    assert words_of(pdftotext(data, tmp_path)) == AA_WORDS + AM_WORDS + AA_WORDS


@needs_pdftotext
def test_sara_am_first_does_not_turn_plain_aa_into_am(tmp_path):
    body = " ".join(AM_WORDS + AA_WORDS)
    assert words_of(pdftotext(pdf.html_to_pdf(page(f"<p>{body}</p>")), tmp_path)) == AM_WORDS + AA_WORDS


@needs_pdftotext
def test_sara_am_survives_line_breaks_between_thai_words(tmp_path):
    # No spaces: Pango (libthai) breaks the lines between words in a narrow column.
    sentence = "องค์การบริหารส่วนตำบลแหลมสอมกำหนดให้สำนักปลัดดำเนินการจัดทำคำนำรายงานประจำปีและทำน้ำดื่ม" * 3
    data = pdf.html_to_pdf(page(f'<p style="width:4cm">{sentence}</p>'))
    lines = [line for line in pdftotext(data, tmp_path).splitlines() if line.strip()]
    assert len(lines) > 6  # it did wrap
    assert "".join(words_of("\n".join(lines))) == sentence


@needs_pdftotext
def test_a_real_nikhahit_keeps_its_text(tmp_path):
    # U+0E4D on its own (Pali, e.g. พุทธํ) is not part of a SARA AM and must not vanish.
    assert "พุทธํ" in pdftotext(pdf.html_to_pdf(page("<p>พุทธํ ตำบล</p>")), tmp_path)


@needs_pdftotext
def test_page_numbers_are_thai_digits_and_text_in_tables(tmp_path):
    rows = "".join(
        f"<tr><td>{i}</td><td>ดำเนินการตามแผน</td><td class='num'>20,000</td></tr>" for i in range(60)
    )
    data = pdf.html_to_pdf(page(f"<h1>{ORG}</h1><table>{rows}</table>"))
    text = pdftotext(data, tmp_path)
    footers = [line.replace(" ", "") for line in text.splitlines() if FOOTER.match(line)]
    assert "-๑-" in footers and "-๒-" in footers
    assert text.count("ดำเนินการตามแผน") == 60


def test_the_derived_font_gives_the_am_glyphs_of_their_own():
    face = thaifont.derived_face("Sarabun-Regular.ttf")
    assert "\u0e33" in face.overrides.values() and "\u0e32" in face.overrides.values()
    assert face.data[:4] == b"\x00\x01\x00\x00"


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_pdf_is_a4_and_embeds_the_derived_sarabun(tmp_path):
    path = tmp_path / "a4.pdf"
    path.write_bytes(pdf.html_to_pdf(page("<p>ตำบล</p>")))
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True).stdout.decode()
    assert "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True).stdout.decode()
    assert "Sarabun-Sujarit" in fonts


def test_fetcher_serves_static_files_and_refuses_the_network():
    fetcher = pdf._make_fetcher()
    css = fetcher.fetch(pdf.ORIGIN + "/static/css/print.css")
    assert b"Sarabun Sujarit" in css.read()
    for url in (
        "https://example.com/x.css",
        "http://127.0.0.1:8000/static/css/print.css",
        pdf.ORIGIN + "/static/../sujarit/settings.py",
        pdf.ORIGIN + "/admin/",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_remote_image_is_not_fetched_and_the_pdf_still_renders(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF engine touched the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    data = pdf.html_to_pdf(page('<img src="https://example.com/logo.png" alt=""><p>ตำบล</p>'))
    assert data.startswith(b"%PDF-")


@needs_pdftotext
def test_render_pdf_uses_a_template_extending_pdf_base(tmp_path, settings):
    from django.template import engines

    template = engines["django"].from_string(
        '{% extends "pdf_base.html" %}{% block content %}<h1>{{ org }}</h1>'
        "<p>{{ amount|baht }} บาท ({{ amount|bahttext }})</p>{% endblock %}"
    )
    from decimal import Decimal

    html = template.render({"org": ORG, "amount": Decimal("70000")})
    text = pdftotext(pdf.html_to_pdf(html), tmp_path)
    assert ORG in text
    assert "70,000 บาท (เจ็ดหมื่นบาทถ้วน)" in text


@needs_pdftotext
@pytest.mark.parametrize("style", ["", "font-weight:bold"])
def test_pages_of_the_seed_plan_come_back_character_for_character(tmp_path, style):
    # Real text with every kind of Thai mark stacking; bold places marks right of the pen and raises
    # some, which made pdftotext split words ("ปฏิบต ั ิ") before the ActualText spans.
    from django.conf import settings

    seed = (settings.PACKAGE_DIR / "demo" / "laemsom_plan_2566_2570.txt").read_text()
    paragraphs = [p for p in re.sub(r"<[^>]+>", " ", seed[20000:26000]).splitlines() if p.strip()]
    body = "".join(f'<p style="{style}">{html.escape(p)}</p>' for p in paragraphs)
    text = pdftotext(pdf.html_to_pdf(page(body)), tmp_path)
    assert "".join(words_of(text)) == re.sub(r"\s+", "", "".join(paragraphs))


def test_to_unicode_maps_give_sara_am_its_own_glyph():
    # Viewers that ignore ActualText read the ToUnicode maps: ำ must be in them, as its own entry.
    import zlib

    data = pdf.html_to_pdf(page("<p>การ ตำบล น้ำ</p>"))
    cmaps = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            cmaps.append(zlib.decompress(match[1]))
        except zlib.error:
            continue
    bfchar = b"".join(c for c in cmaps if b"beginbfchar" in c)
    assert b"<0e33>" in bfchar.lower() and b"<0e32>" in bfchar.lower()


def test_weasyprint_missing_harfbuzz_subset_warning_is_not_shown():
    """Without Debian's libharfbuzz-subset0 WeasyPrint warns at import; fonts are subset with fontTools.

    Run in a fresh interpreter (pytest shows every deprecation warning inside tests), with Python's
    default filters as `make run` has them, after the PDF engine has been imported.
    """
    import sys

    code = (
        "import warnings, sujarit.core.pdf\n"
        "warnings.warn('HarfBuzz-Subset will be required by future versions of WeasyPrint. "
        "Please install this library with your package manager.', DeprecationWarning)\n"
        "warnings.warn('another deprecation', DeprecationWarning)\n"
    )
    env = {"DJANGO_SETTINGS_MODULE": "sujarit.settings", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], capture_output=True, env=env, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "another deprecation" in out.stderr  # warnings are shown at all
    assert "HarfBuzz-Subset" not in out.stderr


def test_weasyprints_fonttools_notice_is_silenced_but_its_other_warnings_are_not(caplog):
    import logging

    logger = logging.getLogger("weasyprint")
    with caplog.at_level(logging.WARNING):
        for family in ("Sarabun", "Sarabun Bold"):
            logger.warning(
                'Using fontTools instead of HarfBuzz-Subset for font "%s". This will be unsupported in future '
                "versions of WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 with your package manager.",
                family,
            )
        logger.warning('Unable to subset "%s" with fontTools', "Sarabun")
    messages = [r.getMessage() for r in caplog.records]
    assert not any("HarfBuzz-Subset" in m for m in messages)
    assert 'Unable to subset "Sarabun" with fontTools' in messages
