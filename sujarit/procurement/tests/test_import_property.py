"""Property tests of the importer: whatever the bytes or rows, it raises nothing but its own
ImportRejected, and a file is stored whole or not at all."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sujarit.procurement import ingest
from sujarit.procurement.models import Bid, ImportBatch, Project, Vendor
from sujarit.procurement.services.importing import import_file

from .helpers import EGP_HEADER_26, csv_file, egp_row

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
tricky = st.sampled_from(["", "-", "1.23457E+12", "0994000165510", "99400016551", "31/02/2568", "1e999", "NaN",
                          "=1+1", "๑๒๓", "68010000001", "e-bidding", "เฉพาะเจาะจง", "9" * 30, "\x00",
                          "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินงบประมาณ", "วิธีจัดซื้อจัดจ้าง", "ผู้เสนอราคาและราคาที่เสนอ",
                          "0994000165510|ร้าน|1,000; x|y", "เลขที่สัญญา"])  # fmt: skip


def _clear():
    Bid.objects.all().delete()
    Project.objects.all().delete()
    Vendor.objects.all().delete()
    ImportBatch.objects.all().delete()


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_anything_but_a_refusal(data):
    try:
        parsed = ingest.parse(data)
    except ingest.ImportRejected as exc:
        assert exc.errors and all(str(e) for e in exc.errors)
    else:
        assert parsed.records


@SETTINGS
@given(st.lists(st.lists(st.one_of(cells, tricky), max_size=32), min_size=1, max_size=8))
def test_arbitrary_rows_never_raise_anything_but_a_refusal(rows):
    try:
        ingest.parse(csv_file(rows))
    except ingest.ImportRejected:
        pass


@pytest.mark.django_db
@SETTINGS
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 27), st.one_of(cells, tricky)),
        max_size=6,
    ),
    st.integers(1, 5),
)
def test_a_damaged_egp_file_is_stored_whole_or_not_at_all(org, damage, n_rows):
    _clear()
    rows = [EGP_HEADER_26, *[egp_row(i) for i in range(1, n_rows + 1)]]
    for row, column, value in damage:
        if row < n_rows:
            rows[row + 1][column] = value
    try:
        result = import_file(org, csv_file(rows), "x.csv", by=None)
    except ingest.ImportRejected as exc:
        assert exc.errors
        assert (Project.objects.count(), Vendor.objects.count(), ImportBatch.objects.count()) == (0, 0, 0)
    else:
        assert Project.objects.count() == result.created == result.rows
        assert ImportBatch.objects.count() == 1


def _template(n_rows):
    from sujarit.procurement.ingest.template import TEMPLATE_COLUMNS

    from .helpers import valid_id

    header = list(TEMPLATE_COLUMNS)
    rows = [header]
    for i in range(n_rows):
        a, b = valid_id(), valid_id()
        values = {
            "เลขที่โครงการ e-GP": f"6801900{i:04d}",
            "งานที่จัดซื้อหรือจัดจ้าง": f"งาน {i}",
            "วงเงินงบประมาณ": "100000",
            "วิธีจัดซื้อจัดจ้าง": "คัดเลือก",
            "ผู้เสนอราคาและราคาที่เสนอ": f"{a}|ก|90000; {b}|ข|95000",
            "เลขประจำตัวผู้ได้รับคัดเลือก": a,
            "วันที่สัญญา": "01/02/2568",
        }
        rows.append([values.get(t, "") for t in header])
    return rows


@pytest.mark.django_db
@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 19), st.one_of(cells, tricky)), max_size=6),
    st.integers(1, 4),
)
def test_a_damaged_template_is_stored_whole_or_not_at_all(org, damage, n_rows):
    _clear()
    rows = _template(n_rows)
    for row, column, value in damage:
        if row < n_rows:
            rows[row + 1][column] = value
    try:
        result = import_file(org, csv_file(rows), "t.csv", by=None)
    except ingest.ImportRejected as exc:
        assert exc.errors
        assert (Project.objects.count(), Vendor.objects.count(), ImportBatch.objects.count()) == (0, 0, 0)
    else:
        assert Project.objects.count() == result.created == result.rows == n_rows
