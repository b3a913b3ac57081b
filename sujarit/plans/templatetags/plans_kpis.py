"""Template filters of the plan pages: a KPI's reported value in its own terms (มี / ไม่มี, 80 %)."""

from django import template

from ..services.kpis import value_text

register = template.Library()


@register.filter
def kpi_value(result):
    """A KPIResult's value as the KPI reads it: 'มี', 'ไม่มี', '87.5 %', '3 ช่องทาง'; '–' when empty."""
    return value_text(result.kpi, result.value) or "–"
