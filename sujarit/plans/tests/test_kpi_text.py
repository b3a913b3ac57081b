"""The KPI text classifier: one place decides whether a KPI is a yes/no, a count, a percentage or a
year-on-year reduction, and which measures can answer it."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sujarit.plans.services import kpi_text
from sujarit.plans.services.kpis import suggested_measure

THAI = st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E2E), min_size=1, max_size=40)
# Thai letters that do not themselves say "down" (a subject containing ลดลง is a reduction, rightly).
PLAIN = THAI.filter(lambda t: "ลดลง" not in t)
NUMBER = st.integers(min_value=1, max_value=999)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_one_shape_and_a_consistent_target(text):
    s = kpi_text.shape(text)
    assert s.kind in {
        kpi_text.EXISTENCE,
        kpi_text.REDUCTION,
        kpi_text.PERCENT,
        kpi_text.COUNT,
        kpi_text.OTHER,
    }
    if s.kind == kpi_text.OTHER:
        assert s.target() == {}
    else:
        assert s.op in (">=", "<=", "=", ">") and Decimal(s.value) >= 0
    if s.kind == kpi_text.EXISTENCE:
        assert s.target() == {"op": ">=", "value": "1", "unit": kpi_text.YESNO}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["มี", "มีการ", "จัดทำ", "ประกาศ", "เกิด"]), THAI)
def test_an_existence_without_a_number_is_a_yes_no(verb, rest):
    text = verb + rest
    if "ลดลง" in text or "ครอบคลุม" in text or "ตามลำดับ" in text:
        return
    assert kpi_text.shape(text).kind == kpi_text.EXISTENCE


@settings(max_examples=200, deadline=None)
@given(PLAIN, NUMBER)
def test_down_by_n_percent_is_a_reduction_with_that_target(subject, n):
    s = kpi_text.shape(f"{subject}ลดลงร้อยละ {n}")
    assert (s.kind, s.op, Decimal(s.value), s.unit) == (kpi_text.REDUCTION, ">=", n, "percent")


@settings(max_examples=200, deadline=None)
@given(THAI)
def test_a_bare_down_is_any_reduction(subject):
    s = kpi_text.shape(f"จำนวนข้อร้องเรียน{subject} ลดลง")
    assert (s.kind, s.op, s.value, s.unit) == (kpi_text.REDUCTION, ">", "0", "percent")


@settings(max_examples=200, deadline=None)
@given(PLAIN, NUMBER)
def test_a_share_keeps_its_percent_and_a_count_its_unit(subject, n):
    share = kpi_text.shape(f"ประชาชน{subject}พึงพอใจไม่น้อยกว่าร้อยละ {n}")
    assert (share.kind, share.op, Decimal(share.value), share.unit) == (kpi_text.PERCENT, ">=", n, "percent")
    count = kpi_text.shape(f"มีการเผยแพร่{subject} อย่างน้อย {n} ช่องทาง")
    assert (count.kind, count.op, Decimal(count.value), count.unit) == (kpi_text.COUNT, ">=", n, "channel")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("มีศูนย์หรือหน่วยรับเรื่องราวร้องเรียน/ร้องทุกข์", kpi_text.EXISTENCE),
        ("มีแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส", kpi_text.EXISTENCE),
        ("ข้อร้องเรียนในการเลื่อนขั้นเงินเดือนลดลง", kpi_text.REDUCTION),
        ("การทุจริตในองค์กรปกครองส่วนท้องถิ่นลดลงไม่ต่ำกว่าร้อยละ 10", kpi_text.REDUCTION),
        ("มีการเผยแพร่ประมวลจริยธรรม อย่างน้อย 3 ช่องทาง", kpi_text.COUNT),
        ("มีผลการประเมิน ITA ผ่านเกณฑ์การประเมิน (85 คะแนนขึ้นไป)", kpi_text.COUNT),
        ("ประชาชนมีความพึงพอใจ ไม่ต่ำกว่าร้อยละ 80", kpi_text.PERCENT),
        ("มีการใช้บัตรคิวสำหรับให้บริการแก่ประชาชนตามลำดับก่อนหลัง", kpi_text.OTHER),  # a degree, not whether
        ("ภาคประชาชนมีส่วนร่วมในการตรวจสอบการบริหารราชการ", kpi_text.OTHER),
        ("ผู้บริหารท้องถิ่น และบุคลากร ไม่มีเรื่องร้องเรียนเรื่องสินบน", kpi_text.COUNT),
    ],
)
def test_the_seed_s_wordings(text, kind):
    assert kpi_text.shape(text).kind == kind


def test_a_share_never_answers_an_existence():
    assert not kpi_text.fits(kpi_text.EXISTENCE, "percent")
    assert kpi_text.fits(kpi_text.EXISTENCE, kpi_text.YESNO) and kpi_text.fits(kpi_text.EXISTENCE, "count")
    assert kpi_text.fits(kpi_text.COUNT, "score") and not kpi_text.fits(kpi_text.COUNT, "percent")
    assert not kpi_text.fits(kpi_text.REDUCTION, "count")
    # Item 19's follow-up output matches the "answered within the due date" share's hint too; being a
    # yes/no it binds to the follow-up measure only.
    text = (
        "มีการแจ้งผลการดำเนินการหรือความก้าวหน้า ผลเรื่องร้องเรียน ให้ผู้ร้องเรียนทราบ "
        "รวมทั้งมีช่องทางในการติดตามเรื่องร้องเรียนให้ผู้ร้องเรียนสามารถติดตามผลได้ด้วยตนเอง"
    )
    assert suggested_measure(text) == "complaints.follow_up"


def test_no_complaint_is_a_count_of_none():
    s = kpi_text.shape("บุคลากรขององค์กรปกครองส่วนท้องถิ่น ไม่มีเรื่องร้องเรียนเรื่องสินบน")
    assert s.target() == {"op": "=", "value": "0", "unit": "count"}
