"""What a rule returns, and the small helpers the rules share."""

import re
import statistics
from dataclasses import dataclass
from decimal import Decimal

from sujarit.core import thai


@dataclass(slots=True)
class Hit:
    """A rule's finding: project and vendor are record ids; the caller attaches the objects."""

    code: str
    key: str
    message: str
    evidence: dict
    project: int | None = None
    vendor: int | None = None


def baht(value):
    return thai.baht(value) if value is not None else "-"


def pct(ratio):
    return (Decimal(ratio) * 100).quantize(Decimal("0.01"))


def fences(values):
    """Tukey's fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR) as Cardinal computes them (inclusive quartiles);
    None when Q1 = Q3 = IQR = 0, which Cardinal skips."""
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    iqr = q3 - q1
    if q1 == q3 == iqr == 0:
        return None
    k = Decimal("1.5") if isinstance(iqr, Decimal) else 1.5
    return q1, q3, q1 - k * iqr, q3 + k * iqr


_TITLES = re.compile(r"^(?:นาย|นางสาว|นาง|น\.ส\.|ว่าที่\s*ร\.ต\.|ดร\.)\s*")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ADDRESS_NOISE = re.compile(r"[\s,]+")
_NOT_DIGIT = re.compile(r"\D")


def norm_address(text):
    return _ADDRESS_NOISE.sub("", (text or "").translate(_THAI_DIGITS)).lower()


def norm_phone(text):
    digits = _NOT_DIGIT.sub("", (text or "").translate(_THAI_DIGITS))
    if digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits if len(digits) >= 9 else ""


def norm_person(name, id_number):
    """A director's identity: the 13-digit ID when there is one, else the name without title or spaces."""
    if id_number:
        return "id:" + id_number
    bare = _ADDRESS_NOISE.sub("", _TITLES.sub("", (name or "").strip()))
    return "name:" + bare if bare else ""
