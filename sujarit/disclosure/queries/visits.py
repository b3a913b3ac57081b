"""Visitor statistics for the information centre's public page: page views per month and page group."""

from django.db.models import Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from sujarit.core import thai

from ..models import PageGroup, VisitCount


def monthly(org, fiscal_year):
    """Views per month of the fiscal year: [{month, year, label, groups: {group: n}, total}], Oct → Sep."""
    start, end = thai.fiscal_year_bounds(fiscal_year)
    sums = (
        VisitCount.objects.for_org(org)
        .filter(day__gte=start, day__lte=end)
        .annotate(y=ExtractYear("day"), m=ExtractMonth("day"))
        .values("y", "m", "group")
        .annotate(n=Sum("count"))
    )
    found = {(r["y"], r["m"], r["group"]): r["n"] for r in sums}
    months = []
    for i in range(12):
        month = (start.month - 1 + i) % 12 + 1
        year = start.year + (start.month - 1 + i) // 12
        groups = {g: found.get((year, month, g), 0) for g in PageGroup.values}
        months.append(
            {
                "month": month,
                "year": year,
                "label": f"{thai.MONTHS_SHORT[month - 1]} {thai.be_year(year)}",
                "groups": groups,
                "cells": [groups[g] for g in PageGroup.values],
                "total": sum(groups.values()),
            }
        )
    return months
