"""The PDF engine: HTML → PDF with WeasyPrint, bundled Sarabun, A4, Thai text that survives extraction.

Templates extend "pdf_base.html" (title centred, page numbers in Thai digits in the footer, Sarabun
16 pt). Only the project's own static files are fetched — never the network. See docs/ARCHITECTURE.md
"Thai text in PDFs" for why the font is derived and the ToUnicode map rewritten.
"""

import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import thaifont

log = logging.getLogger(__name__)

# Relative and /static/… URLs resolve against this origin; the fetcher answers it from disk.
ORIGIN = "https://sujarit.invalid"
FONT_PATH = "/_pdf-fonts/"
PDF_CONTENT_TYPE = "application/pdf"


def _static_path(url_path):
    """The file behind a /static/… path, or None."""
    prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    if not url_path.startswith(prefix):
        return None
    relative = unquote(url_path[len(prefix) :])
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = Path(settings.STATIC_ROOT) / relative
    return candidate if candidate.is_file() else None


def _static_roots():
    roots = [Path(d if isinstance(d, str | Path) else d[1]).resolve() for d in settings.STATICFILES_DIRS]
    return roots + [Path(settings.STATIC_ROOT).resolve()]


def _make_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the derived fonts, the project's static files and data: URLs; refuses the rest."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            path = None
            if f"{parts.scheme}://{parts.netloc}" == ORIGIN:
                if parts.path.startswith(FONT_PATH):
                    file_name = parts.path[len(FONT_PATH) :]
                    if file_name in thaifont.FACES.values():
                        face = thaifont.derived_face(file_name)
                        return URLFetcherResponse(url, face.data, {"Content-Type": "font/ttf"})
                path = _static_path(parts.path)
            elif parts.scheme == "file":
                candidate = Path(url2pathname(parts.path)).resolve()
                if any(candidate.is_relative_to(root) for root in _static_roots()) and candidate.is_file():
                    path = candidate
            if path is None:
                raise ValueError(f"PDF engine fetches only the project's static files, not {url}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})

    return StaticOnlyFetcher(allowed_protocols=("data", "https", "file"))


def _content_type(path):
    import mimetypes

    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


_BFCHAR = re.compile(rb"^<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>$")


def _fix_to_unicode(document, pdf):
    """WeasyPrint finisher: give the derived font's SARA AM glyphs their text in every ToUnicode map."""
    from weasyprint.text.fonts import get_hb_object_data

    by_reference = {getattr(obj, "reference", None): obj for obj in pdf.objects}
    for font in document.fonts.values():
        face = thaifont.face_for_data(get_hb_object_data(font.hb_face))
        if face is None:
            continue
        overrides = {gid: text for gid, text in face.overrides.items() if gid in font.to_unicode}
        if not overrides:
            continue
        for obj in pdf.objects:
            if isinstance(obj, dict) and obj.get("BaseFont") == font.name and "ToUnicode" in obj:
                stream = by_reference[obj["ToUnicode"]]
                stream.stream = [_rewrite_bfchar(line, overrides) for line in stream.stream]


def _rewrite_bfchar(line, overrides):
    match = _BFCHAR.match(line) if isinstance(line, bytes) else None
    if match is None:
        return line
    gid = int(match[1], 16)
    if gid not in overrides:
        return line
    return b"<%s> <%s>" % (match[1], overrides[gid].encode("utf-16-be").hex().encode())


def _font_css():
    return thaifont.font_face_css(ORIGIN + FONT_PATH)


def html_to_pdf(html: str, base_url=None) -> bytes:
    """Render an HTML string to PDF bytes (A4, Sarabun; Thai text extractable)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _make_fetcher()
    font_config = FontConfiguration()
    fonts = CSS(string=_font_css(), font_config=font_config, url_fetcher=fetcher, base_url=ORIGIN + "/")
    document = HTML(string=html, base_url=base_url or ORIGIN + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[fonts], font_config=font_config, finisher=_fix_to_unicode)


def render_pdf(template_name, context, request=None) -> bytes:
    """Render a template (extending "pdf_base.html") to PDF bytes."""
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html)
