"""The risk heat map: likelihood (across) × impact (up), as inline SVG that prints as drawn.

Each cell is coloured by its level's band and carries the number of risks in it as text, so the
colour is never the only carrier of meaning.
"""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Level, level_of

CELL = 64
LEFT = 70
TOP = 10
COLOURS = {
    Level.LOW: "#cfe8d5",
    Level.MEDIUM: "#fff1b8",
    Level.HIGH: "#ffcf99",
    Level.VERY_HIGH: "#f4a6a6",
}


def heat_map(counts):
    """SVG for {(likelihood, impact): n}."""
    width, height = LEFT + 5 * CELL + 10, TOP + 5 * CELL + 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="Sarabun, sans-serif"><title>{_("Risk heat map")}</title>'
    ]
    for impact in range(5, 0, -1):
        y = TOP + (5 - impact) * CELL
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + CELL / 2 + 5}" text-anchor="end" font-size="14">{impact}</text>'
        )
        for likelihood in range(1, 6):
            x = LEFT + (likelihood - 1) * CELL
            level = level_of(likelihood * impact)
            n = counts.get((likelihood, impact), 0)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{COLOURS[level]}" '
                f'stroke="#555"><title>{level.label}: {n}</title></rect>'
            )
            if n:
                parts.append(
                    f'<text x="{x + CELL / 2}" y="{y + CELL / 2 + 7}" text-anchor="middle" '
                    f'font-size="20" font-weight="bold" data-cell="{likelihood}-{impact}">{n}</text>'
                )
    base = TOP + 5 * CELL
    for likelihood in range(1, 6):
        x = LEFT + (likelihood - 1) * CELL + CELL / 2
        parts.append(f'<text x="{x}" y="{base + 18}" text-anchor="middle" font-size="14">{likelihood}</text>')
    parts.append(
        f'<text x="{LEFT + 2.5 * CELL}" y="{base + 42}" text-anchor="middle" font-size="14">'
        f"{_('Likelihood')} →</text>"
    )
    parts.append(
        f'<text x="16" y="{TOP + 2.5 * CELL}" text-anchor="middle" font-size="14" '
        f'transform="rotate(-90 16 {TOP + 2.5 * CELL})">{_("Impact")} →</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
