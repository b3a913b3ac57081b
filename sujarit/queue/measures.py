"""The queue's KPI measures (plan item 15: "มีการใช้บัตรคิวสำหรับให้บริการแก่ประชาชนตามลำดับก่อนหลัง").

Each is `func(org, period) -> Decimal | None`; None means no ticket was called in the period.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import Measure

from . import queries


def served_in_order(org, period):
    """Share of the called tickets called in the published order (percent)."""
    return queries.in_order_share(org, period.start, period.end)


def tickets_issued(org, period):
    count = queries.issued(org, period.start, period.end)
    return Decimal(count) if count else None


def within_standard(org, period):
    """Share of the served tickets served within their service's standard time (percent)."""
    share = queries.statistics(org, period.start, period.end)["total"]["within_standard"]
    return Decimal(share) if share is not None else None


MEASURES = (
    Measure(
        "queue.served_in_order",
        _("Tickets called in the published order"),
        "percent",
        served_in_order,
        "queue",
        _(
            "Share of the queue tickets called in the period that were called in the order the office "
            "publishes (priority groups, then arrival); a call out of order needs a reason and is listed "
            "in the fairness report."
        ),
        # Item 15's output: "มีการใช้บัตรคิวสำหรับให้บริการแก่ประชาชนตามลำดับก่อนหลัง …"
        hints=(r"บัตรคิว.*ตามลำดับ\s*ก่อน\s*-?\s*หลัง",),
    ),
    Measure(
        "queue.tickets_issued",
        _("Queue tickets issued"),
        "count",
        tickets_issued,
        "queue",
        _("Number of queue tickets issued in the period, at the kiosk or by officers."),
    ),
    Measure(
        "queue.within_standard",
        _("Services completed within the standard time"),
        "percent",
        within_standard,
        "queue",
        _(
            "Share of the served tickets whose service took no longer than the service manual's standard time."
        ),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
