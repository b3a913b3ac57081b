"""E-PlanNACC's result colours: each item, in each round, is green, orange or red by its percent done.

The thresholds are data (settings `SUJARIT_PLAN_RESULT_THRESHOLDS`, default E-PlanNACC's own):
6-month round green ≥ 50 %, orange 20–49 %, red < 20 %; 12-month round green ≥ 80 %, orange 50–79 %,
red < 50 %. An item done is green, an item that cannot be carried out is red, whatever percent is
written; an item without a counted report has no colour (it is "not reported").
Every page, chart, report and export asks `colour_of`, so they cannot disagree.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import ItemStatus

# round (months) -> (lowest percent that is green, lowest percent that is orange)
DEFAULT_THRESHOLDS = {6: (50, 20), 12: (80, 50)}


@dataclass(frozen=True)
class Colour:
    key: str  # "green", "orange", "red"
    label: object
    css: str  # the platform's class: ok / warn / bad
    hex: str  # for PDF and Excel (the same inks as sujarit.css)
    eplan: str  # E-PlanNACC's word, for the export


GREEN = Colour("green", _("Green"), "ok", "116B2F", "เขียว")
ORANGE = Colour("orange", _("Orange"), "warn", "8A5A00", "ส้ม")
RED = Colour("red", _("Red"), "bad", "A1121F", "แดง")
COLOURS = {c.key: c for c in (GREEN, ORANGE, RED)}


def thresholds():
    """{round: (green_from, orange_from)} from the settings, E-PlanNACC's by default."""
    raw = getattr(settings, "SUJARIT_PLAN_RESULT_THRESHOLDS", None) or DEFAULT_THRESHOLDS
    return {int(r): (int(g), int(o)) for r, (g, o) in raw.items()}


def colour_of(round_months, percent_done, status=None):
    """The Colour of an item's result in a round, or None when there is nothing to colour."""
    if status in (None, ""):
        return None
    if status == ItemStatus.DONE:
        return GREEN
    if status == ItemStatus.CANNOT_DO:
        return RED
    green_from, orange_from = thresholds()[int(round_months)]
    percent = percent_done or 0
    if percent >= green_from:
        return GREEN
    if percent >= orange_from:
        return ORANGE
    return RED


def legend(round_months):
    """The thresholds of a round in words, for the pages' keys (e.g. "green ≥ 50 %, orange 20–49 %…")."""
    green_from, orange_from = thresholds()[int(round_months)]
    return [
        (GREEN, f"≥ {green_from} %"),
        (ORANGE, f"{orange_from}–{green_from - 1} %"),
        (RED, f"< {orange_from} %"),
    ]
