"""A date as an officer types it: day/month/year in the Buddhist Era ("15/01/2568", Thai digits too),
a Christian-Era year, or the browser's ISO form ("2025-01-15")."""

import datetime as dt
import re

from sujarit.core.thai import arabic_digits

_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
BE_OFFSET = 543


class DateError(ValueError):
    """The text is not a date; the message is Thai and says what to type."""


def parse_date(text):
    """The date the text names, or None for blank; DateError (Thai message) for anything else."""
    if text is None:
        return None
    if isinstance(text, dt.date):
        return text
    value = arabic_digits(text).strip()
    if not value:
        return None
    m = _ISO.match(value)
    if m:
        year, month, day = (int(x) for x in m.groups())
    else:
        m = _DMY.match(value)
        if not m:
            raise DateError(f"“{str(text)[:40]}” ไม่ใช่วันที่ กรุณาพิมพ์ในรูปแบบ วว/ดด/ปปปป (พ.ศ.) เช่น 15/01/2568")
        day, month, year = (int(x) for x in m.groups())
        if year > 2400:  # the Buddhist Era, as Thai documents write it
            year -= BE_OFFSET
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"ไม่มีวันที่ “{str(text)[:40]}” ในปฏิทิน") from None
