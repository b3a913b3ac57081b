"""The PDF engine: HTML → PDF with WeasyPrint, bundled Sarabun, A4, Thai text that survives extraction.

Templates extend "pdf_base.html" (title centred, page numbers in Thai digits in the footer, Sarabun
16 pt). Only the project's own static files are fetched — never the network. See docs/ARCHITECTURE.md
"Thai text in PDFs" for why the font is derived and the ToUnicode map rewritten.
"""

import logging
import re
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import thaifont

log = logging.getLogger(__name__)

# WeasyPrint warns at import when Debian's libharfbuzz-subset0 is missing, and subsets fonts with
# fontTools instead, which is what our derived Sarabun is tested with: say it once in the README
# (install the library), never on every start.
warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning)

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


def _fix_text(document, pdf):
    """WeasyPrint finisher: make the PDF's text read back exactly (see docs/ARCHITECTURE.md).

    1. In the derived Sarabun faces, give the SARA AM glyphs their text in the ToUnicode maps.
    2. Wrap every text object (one line of a text box) in an ActualText span holding the text of its
       glyphs, so extractors need not rebuild words from glyph positions: Thai marks placed a little
       right of the pen, or raised with a text rise, made pdftotext split words ("ปฏิบต ั ิ").
    """
    from weasyprint.text.fonts import get_hb_object_data

    by_reference = {getattr(obj, "reference", None): obj for obj in pdf.objects}
    text_of: dict[bytes, dict[int, str]] = {}  # font resource name -> {glyph id: text}
    for font in document.fonts.values():
        face = thaifont.face_for_data(get_hb_object_data(font.hb_face))
        overrides = {}
        if face is not None:
            overrides = {gid: text for gid, text in face.overrides.items() if gid in font.to_unicode}
            font.to_unicode.update(overrides)
        text_of.setdefault(font.hash.encode(), {}).update(font.to_unicode)
        if not overrides:
            continue
        for obj in pdf.objects:
            if isinstance(obj, dict) and obj.get("BaseFont") == font.name and "ToUnicode" in obj:
                stream = by_reference[obj["ToUnicode"]]
                stream.stream = [_rewrite_bfchar(line, overrides) for line in stream.stream]
    for obj in pdf.objects:
        lines = getattr(obj, "stream", None)
        if isinstance(lines, list) and any(isinstance(x, bytes) and x.endswith(b"] TJ") for x in lines):
            obj.stream = _with_actual_text(lines, text_of)


_TF = re.compile(rb"^/(\S+) \S+ Tf$")
_HEX = re.compile(rb"<([0-9a-fA-F]*)>")


def _with_actual_text(lines, text_of):
    """Wrap each line of text (a Tm … inside BT … ET) in a /Span with its ActualText."""
    out, state = [], {"font": None}
    segment: list | None = None  # the lines since the last BT / Tm, while inside a text object
    for line in lines:
        if segment is None:
            out.append(line)
            if line == b"BT":
                segment = []
            continue
        is_bytes = isinstance(line, bytes)
        if is_bytes and (line == b"ET" or line.endswith((b" Tm", b" Td", b" TD", b"T*"))):
            out += _span(segment, text_of, state)
            if line == b"ET":
                out.append(line)
                segment = None
            else:
                segment = [line]
            continue
        segment.append(line)
    if segment is not None:
        out += _span(segment, text_of, state)
    return out


def _span(segment, text_of, state):
    """The segment's lines, inside an ActualText span when all its glyphs' text is known."""
    text = []
    for line in segment:
        if not isinstance(line, bytes):
            continue
        if match := _TF.match(line):
            state["font"] = text_of.get(match[1])
        elif line.endswith(b"] TJ"):
            glyph_text = state["font"]
            if glyph_text is None:
                return segment  # a font we cannot read: leave the line as it is
            text += [
                glyph_text.get(int(h[i : i + 4], 16), "")
                for h in _HEX.findall(line)
                for i in range(0, len(h) - 3, 4)
            ]
    joined = "".join(text)
    if not joined:
        return segment
    actual = b"FEFF" + joined.encode("utf-16-be").hex().upper().encode()
    return [b"/Span <</ActualText <" + actual + b">>> BDC", *segment, b"EMC"]


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
    return document.write_pdf(stylesheets=[fonts], font_config=font_config, finisher=_fix_text)


def render_pdf(template_name, context, request=None) -> bytes:
    """Render a template (extending "pdf_base.html") to PDF bytes."""
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html)
