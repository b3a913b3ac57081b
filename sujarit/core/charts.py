"""Server-rendered bar charts as inline SVG: no JavaScript, readable by screen readers, print as drawn.

Each row is drawn as its label (wrapped at spaces onto more lines when long) and its bar(s) below, so
long Thai labels never collide with the bars. The drawing is narrow and its type large, so that on a
390 px phone, where it is scaled to the screen, its text still reads at about 14 px. Colours carry no
meaning alone: every bar has its value written beside it.
"""

import unicodedata
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

WIDTH = 420
FONT = 16
LABEL_H = 22  # one line of label
LABEL_CHARS = 40  # about as many characters (Thai marks above and below not counted) fit WIDTH at FONT
BAR_H = 16
GAP = 10
VALUE_W = 120  # room right of the longest bar for its value
THAI_MARKS = set(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
PALETTE = ("#0b4f8a", "#c46a00", "#116b2f", "#a1121f")


def _num(value):
    return float(value) if isinstance(value, (int, float, Decimal)) and value is not None else 0.0


def _width(text):
    """Characters that take room on the line (Thai vowel and tone marks above or below do not)."""
    return sum(1 for c in text if not unicodedata.combining(c) and c not in THAI_MARKS)


def _lines(label):
    """The label cut into lines of at most LABEL_CHARS wide, between Thai words (PyThaiNLP) or at spaces."""
    if _width(label) <= LABEL_CHARS:
        return [label]
    from pythainlp.tokenize import word_tokenize

    lines, line = [], ""
    for word in word_tokenize(label, keep_whitespace=True):
        if line.strip() and _width(line) + _width(word) > LABEL_CHARS:
            lines.append(line.strip())
            line = word.lstrip()
        else:
            line += word
    return [*lines, line.strip()] if line.strip() else lines or [""]


def bar_chart(rows, *, title, max_value=None, series=None, fmt=str):
    """An SVG horizontal bar chart.

    rows: [(label, value)] for one series, or [(label, [v1, v2, …])] with `series` naming each.
    `fmt` turns a value into the text written beside its bar (None is written as "–").
    """
    series = list(series or [])
    norm = []
    for label, values in rows:
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        norm.append((_lines(str(label)), values))
    n_series = max((len(v) for _l, v in norm), default=1)
    top = max_value if max_value is not None else max((_num(v) for _l, vs in norm for v in vs), default=0)
    top = _num(top) or 1.0
    bar_room = WIDTH - VALUE_W
    legend_h = (LABEL_H + 4) if len(series) > 1 else 0
    bars_h = n_series * (BAR_H + 2) + GAP
    height = legend_h + sum(len(lines) * LABEL_H + bars_h for lines, _v in norm) or LABEL_H + bars_h
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(str(title), {chr(34): "&quot;"})}" '
        f'font-family="Sarabun, sans-serif" font-size="{FONT}">',
        f"<title>{escape(str(title))}</title>",
    ]
    if legend_h:
        x = 0
        for i, name in enumerate(series):
            colour = PALETTE[i % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
            parts.append(f'<text x="{x + 20}" y="16" fill="#1b1f24">{escape(str(name))}</text>')
            x += 30 + 10 * len(str(name))
    y = legend_h
    for lines, values in norm:
        for n, line in enumerate(lines):
            parts.append(f'<text x="0" y="{y + n * LABEL_H + 16}" fill="#1b1f24">{escape(line)}</text>')
        by = y + len(lines) * LABEL_H
        for i, value in enumerate(values):
            colour = PALETTE[i % len(PALETTE)]
            w = max(0.0, min(1.0, _num(value) / top)) * bar_room
            parts.append(
                f'<rect x="0" y="{by}" width="{bar_room:.1f}" height="{BAR_H}" fill="#f6f8fa" stroke="#d5dbe1"/>'
            )
            if w > 0:
                parts.append(f'<rect x="0" y="{by}" width="{w:.1f}" height="{BAR_H}" fill="{colour}"/>')
            text = "–" if value is None else fmt(value)
            parts.append(
                f'<text x="{bar_room + 6}" y="{by + BAR_H - 3}" fill="#1b1f24">{escape(str(text))}</text>'
            )
            by += BAR_H + 2
        y += len(lines) * LABEL_H + bars_h
    parts.append("</svg>")
    return mark_safe("".join(parts))
