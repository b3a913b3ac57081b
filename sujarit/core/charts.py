"""Server-rendered bar charts as inline SVG: no JavaScript, readable by screen readers, print as drawn.

Each row is drawn as its label on one line and its bar(s) below, so long Thai labels never collide
with the bars. Colours carry no meaning alone: every bar has its value written beside it.
"""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

WIDTH = 640
LABEL_H = 22
BAR_H = 16
GAP = 10
VALUE_W = 130  # room right of the longest bar for its value
PALETTE = ("#0b4f8a", "#c46a00", "#116b2f", "#a1121f")


def _num(value):
    return float(value) if isinstance(value, (int, float, Decimal)) and value is not None else 0.0


def bar_chart(rows, *, title, max_value=None, series=None, fmt=str):
    """An SVG horizontal bar chart.

    rows: [(label, value)] for one series, or [(label, [v1, v2, …])] with `series` naming each.
    `fmt` turns a value into the text written beside its bar (None is written as "–").
    """
    series = list(series or [])
    norm = []
    for label, values in rows:
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        norm.append((str(label), values))
    n_series = max((len(v) for _l, v in norm), default=1)
    top = max_value if max_value is not None else max((_num(v) for _l, vs in norm for v in vs), default=0)
    top = _num(top) or 1.0
    bar_room = WIDTH - VALUE_W
    legend_h = (LABEL_H + 4) if len(series) > 1 else 0
    row_h = LABEL_H + n_series * (BAR_H + 2) + GAP
    height = legend_h + max(len(norm), 1) * row_h
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(str(title), {chr(34): "&quot;"})}" '
        f'font-family="Sarabun, sans-serif" font-size="14">',
        f"<title>{escape(str(title))}</title>",
    ]
    if legend_h:
        x = 0
        for i, name in enumerate(series):
            colour = PALETTE[i % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
            parts.append(f'<text x="{x + 20}" y="16" fill="#1b1f24">{escape(str(name))}</text>')
            x += 30 + 9 * len(str(name))
    y = legend_h
    for label, values in norm:
        parts.append(f'<text x="0" y="{y + 15}" fill="#1b1f24">{escape(label)}</text>')
        by = y + LABEL_H
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
        y += row_h
    parts.append("</svg>")
    return mark_safe("".join(parts))
