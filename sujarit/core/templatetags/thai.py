"""Template filters for Thai dates and baht amounts (a builtin: no {% load %} needed)."""

from django import template

from .. import thai

register = template.Library()


@register.filter
def thaidate(value, arg=""):
    """{{ d|thaidate }} → 26 พฤศจิกายน 2569; arg 'short', 'time', 'short,time'."""
    opts = set(filter(None, str(arg).split(",")))
    return thai.thai_date(value, short="short" in opts, with_time="time" in opts)


@register.filter
def be(value):
    """A CE year or date → BE year."""
    if value in (None, ""):
        return ""
    year = getattr(value, "year", value)
    return thai.be_year(int(year))


@register.filter
def baht(value, decimals=None):
    return thai.baht(value, None if decimals in (None, "") else int(decimals))


@register.filter
def bahttext(value):
    return thai.baht_text(value)


@register.filter
def thaidigits(value):
    return thai.to_thai_digits(value)


@register.filter
def percent(value, decimals=0):
    if value is None or value == "":
        return "–"
    return f"{float(value):.{int(decimals)}f} %"
