"""Reporting periods: a fiscal year or one of its two reporting rounds, as (start, end) CE dates.

KPI measures are called as `func(org, period)`; a measure reads `period.start`/`period.end` for
date ranges, and `period.fiscal_year`/`period.round` when it works on plan reports.
"""

import datetime as dt
from dataclasses import dataclass

from . import thai

ROUNDS = (6, 12)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    fiscal_year: int | None = None  # BE
    round: int | None = None  # 6 or 12; None = the whole fiscal year (or an arbitrary range)

    @classmethod
    def for_fiscal_year(cls, fiscal_year):
        """The whole Thai fiscal year (BE): 1 Oct of the year before to 30 Sep."""
        start, end = thai.fiscal_year_bounds(int(fiscal_year))
        return cls(start, end, int(fiscal_year), None)

    @classmethod
    def for_round(cls, fiscal_year, round_months):
        """A reporting round: 6 = 1 Oct – 31 Mar, 12 = the whole fiscal year."""
        round_months = int(round_months)
        if round_months not in ROUNDS:
            raise ValueError(f"unknown reporting round {round_months}")
        start, _end = thai.fiscal_year_bounds(int(fiscal_year))
        return cls(start, thai.round_end(int(fiscal_year), round_months), int(fiscal_year), round_months)

    def __contains__(self, day):
        if isinstance(day, dt.datetime):
            day = thai._as_date(day).date()
        return self.start <= day <= self.end

    def datetime_bounds(self):
        """Aware datetimes [start, end) from the first local day's midnight to after the last day."""
        import datetime as _dt

        from django.utils import timezone

        tz = timezone.get_current_timezone()
        start = timezone.make_aware(_dt.datetime.combine(self.start, _dt.time.min), tz)
        end = timezone.make_aware(_dt.datetime.combine(self.end + _dt.timedelta(days=1), _dt.time.min), tz)
        return start, end

    @property
    def has_started(self):
        from django.utils import timezone

        return timezone.localdate() >= self.start

    @property
    def report_round(self):
        """The round whose reports describe this period (the whole year is the 12-month round)."""
        return self.round or 12

    def __str__(self):
        if self.fiscal_year is None:
            return f"{thai.thai_date(self.start)} – {thai.thai_date(self.end)}"
        if self.round == 6:
            return f"{self.fiscal_year} (6)"
        return str(self.fiscal_year)
