"""Thai conventions: Buddhist Era dates, fiscal years (1 Oct – 30 Sep), baht amounts and words."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

BE_OFFSET = 543
MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
MONTHS_SHORT = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
]  # fmt: skip
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def to_thai_digits(text):
    return str(text).translate(THAI_DIGITS)


def arabic_digits(text):
    """Thai digits (๐–๙) as 0–9: what people type is read the same whichever digits they use."""
    return str(text).translate(ARABIC_DIGITS)


def be_year(ce_year):
    return ce_year + BE_OFFSET


def ce_year(be):
    return be - BE_OFFSET


def _as_date(value):
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value
    return value


def thai_date(value, short=False, with_time=False, thai_digits=False):
    """'26 พฤศจิกายน 2569' (or '26 พ.ย. 2569'); datetimes in Asia/Bangkok."""
    if value in (None, ""):
        return ""
    value = _as_date(value)
    months = MONTHS_SHORT if short else MONTHS
    text = f"{value.day} {months[value.month - 1]} {be_year(value.year)}"
    if with_time and isinstance(value, dt.datetime):
        text += f" {value:%H:%M} น."
    return to_thai_digits(text) if thai_digits else text


def fiscal_year_of(value):
    """Thai fiscal year (BE) that a date falls in: FY N runs 1 Oct N-1 to 30 Sep N."""
    value = _as_date(value)
    year = value.year + 1 if value.month >= 10 else value.year
    return be_year(year)


def fiscal_year_bounds(fy_be):
    """(first day, last day) of fiscal year fy_be as CE dates."""
    y = ce_year(fy_be)
    return dt.date(y - 1, 10, 1), dt.date(y, 9, 30)


def round_end(fy_be, round_months):
    """Last day of a reporting round: 6 months ends 31 Mar, 12 months ends 30 Sep."""
    y = ce_year(fy_be)
    return dt.date(y, 3, 31) if round_months == 6 else dt.date(y, 9, 30)


def current_fiscal_year():
    return fiscal_year_of(timezone.localdate())


def baht(amount, decimals=None):
    """'20,000' or '1,234.50' for a Decimal; '' for None."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    if decimals is None:
        decimals = 0 if amount == amount.to_integral_value() else 2
    q = Decimal(1).scaleb(-decimals)
    return f"{amount.quantize(q, rounding=ROUND_HALF_UP):,.{decimals}f}"


def baht_text(amount):
    """The amount in Thai words, as on official documents: 'สองหมื่นบาทถ้วน'."""
    from pythainlp.util import bahttext

    if amount is None:
        return ""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount == 0:
        return "ศูนย์บาทถ้วน"
    return bahttext(float(amount))


def parse_fiscal_year(value, default=None):
    """A fiscal year (BE) from a query value → (year, ok); ok is False when it had to fall back."""
    default = default or current_fiscal_year()
    if value in (None, ""):
        return default, True
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default, False
    if not 2400 <= year <= 3000:
        return default, False
    return year, True


# The 77 provinces by the NACC regional office (สำนักงาน ป.ป.ช. ประจำภาค 1–9) whose area holds them;
# Bangkok answers to NACC's head office (region None). Supervisors' scopes and the oversight drill-down
# read this table; an organization's own `nacc_region` is filled from it when it is created.
NACC_REGIONS = {
    1: "ชัยนาท นนทบุรี ปทุมธานี พระนครศรีอยุธยา ลพบุรี สระบุรี สิงห์บุรี อ่างทอง",
    2: "จันทบุรี ฉะเชิงเทรา ชลบุรี ตราด นครนายก ปราจีนบุรี ระยอง สระแก้ว สมุทรปราการ",
    3: "นครราชสีมา บุรีรัมย์ สุรินทร์ ศรีสะเกษ ชัยภูมิ อุบลราชธานี ยโสธร อำนาจเจริญ",
    4: "ขอนแก่น กาฬสินธุ์ มหาสารคาม ร้อยเอ็ด เลย หนองบัวลำภู อุดรธานี หนองคาย บึงกาฬ นครพนม สกลนคร มุกดาหาร",
    5: "เชียงใหม่ เชียงราย ลำพูน ลำปาง แม่ฮ่องสอน น่าน พะเยา แพร่",
    6: "พิษณุโลก สุโขทัย อุตรดิตถ์ ตาก กำแพงเพชร พิจิตร เพชรบูรณ์ นครสวรรค์ อุทัยธานี",
    7: "ราชบุรี กาญจนบุรี นครปฐม สุพรรณบุรี สมุทรสาคร สมุทรสงคราม เพชรบุรี ประจวบคีรีขันธ์",
    8: "สุราษฎร์ธานี ชุมพร ระนอง กระบี่ พังงา ภูเก็ต นครศรีธรรมราช",
    9: "สงขลา สตูล ตรัง พัทลุง ปัตตานี ยะลา นราธิวาส",
    None: "กรุงเทพมหานคร",
}
_PROVINCE_REGION = {name: region for region, names in NACC_REGIONS.items() for name in names.split()}


def provinces():
    """The 77 provinces' Thai names, in Thai alphabetical order."""
    from pythainlp.util import collate

    return collate(list(_PROVINCE_REGION))


def province_region(name):
    """The NACC region (1–9) of a province, None for Bangkok; KeyError for a name that is no province."""
    return _PROVINCE_REGION[" ".join(str(name).split()).removeprefix("จังหวัด").removeprefix("จ.")]


def region_label(region):
    return f"ภาค {region}" if region else "ส่วนกลาง"
