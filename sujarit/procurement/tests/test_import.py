"""Importing e-GP open data (2568 contract layout) and Sujarit's template: all or nothing, idempotent."""

import io
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from sujarit.core.models import AuditEvent
from sujarit.procurement import ingest
from sujarit.procurement.ingest.template import TEMPLATE_COLUMNS
from sujarit.procurement.models import Bid, ImportBatch, Method, Project, Source, Vendor
from sujarit.procurement.services.importing import import_file

from .helpers import EGP_HEADER_26, csv_file, egp_file, egp_row, valid_id


def _counts():
    return (Project.objects.count(), Vendor.objects.count(), Bid.objects.count(), ImportBatch.objects.count())


def test_egp_2568_rows_are_read_by_position_despite_a_26_field_header(org, finance_officer):
    result = import_file(org, egp_file(3), "egp-contact-2568.csv", by=finance_officer)
    assert (result.layout, result.created, result.rows) == ("egp-2568", 3, 3)
    assert any("26 ช่อง" in n and "28 ช่อง" in n for n in result.notes)
    p = Project.objects.get(egp_number="68010000001")
    assert p.name == "จัดซื้อวัสดุ 1" and p.method == Method.SPECIFIC and p.source == Source.EGP
    assert (p.budget, p.reference_price, p.agreed_price) == (
        Decimal("50000"),
        Decimal("50000"),
        Decimal("49500"),
    )
    assert p.contract_date.isoformat() == "2025-01-15"  # 15/01/2568 BE
    assert p.winner.name == "ร้านทดสอบ" and len(p.winner.tax_id) == 13
    assert not p.bids_complete  # contract data names the winner only


def test_a_31_field_header_is_reported_too(org):
    header = [*EGP_HEADER_26, "a", "b", "c", "d", "e"]
    result = import_file(org, egp_file(2, header=header), "x.csv", by=None)
    assert result.created == 2 and any("31 ช่อง" in n for n in result.notes)


def test_rows_of_other_agencies_are_skipped_and_counted(org):
    rows = [EGP_HEADER_26, egp_row(1), egp_row(2, agency="เทศบาลตำบลอื่น"), egp_row(3, agency="เทศบาลตำบลอื่น")]
    result = import_file(org, csv_file(rows), "x.csv", by=None)
    assert result.created == 1 and any("ข้าม 2 แถว" in n for n in result.notes)


def test_a_file_with_damaged_ids_is_refused_whole_with_every_bad_line(org, finance_officer):
    rows = [
        EGP_HEADER_26,
        egp_row(1),
        egp_row(2, tid="1.23457E+12"),
        egp_row(3),
        egp_row(4, tid="0105512345679"),
        egp_row(5)[:20],
    ]
    before = _counts()
    with pytest.raises(ingest.ImportRejected) as caught:
        import_file(org, csv_file(rows), "bad.csv", by=finance_officer)
    lines = {e.line: e.reason for e in caught.value.errors}
    assert set(lines) == {3, 5, 6}
    assert "เลขยกกำลัง" in lines[3] and "เลขตรวจสอบ" in lines[5] and "20 ช่อง" in lines[6]
    assert _counts() == before  # nothing of a rejected file is stored
    assert not AuditEvent.objects.filter(action="procurement.file_imported").exists()


def test_ids_that_lost_their_leading_zero_are_repaired_and_reported(org):
    tid = valid_id("0923")
    result = import_file(org, csv_file([EGP_HEADER_26, egp_row(1, tid=tid[1:])]), "x.csv", by=None)
    assert Vendor.objects.get().tax_id == tid
    assert any("เติมเลข 0" in n and "บรรทัด 2" in n for n in result.notes)


def test_importing_the_same_file_again_changes_nothing(org):
    data = egp_file(3)
    import_file(org, data, "a.csv", by=None)
    before = _counts(), list(Project.objects.values_list("updated_at", flat=True))
    events = AuditEvent.objects.count()
    again = import_file(org, data, "a.csv", by=None)
    assert again.already_imported
    assert (_counts(), list(Project.objects.values_list("updated_at", flat=True))) == before
    assert AuditEvent.objects.count() == events


def test_the_same_content_in_other_bytes_leaves_every_project_unchanged(org):
    import_file(org, egp_file(3), "a.csv", by=None)
    stamps = list(Project.objects.order_by("pk").values_list("updated_at", flat=True))
    result = import_file(org, egp_file(3).replace(b"\r\n", b"\n"), "b.csv", by=None)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert list(Project.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_a_changed_row_updates_its_project(org):
    import_file(org, egp_file(2), "a.csv", by=None)
    rows = [EGP_HEADER_26, egp_row(1), egp_row(2, agreed="48,000.00")]
    result = import_file(org, csv_file(rows), "b.csv", by=None)
    assert (result.updated, result.unchanged) == (1, 1)
    assert Project.objects.get(egp_number="68010000002").agreed_price == Decimal("48000")


def test_a_tis620_csv_is_read(org):
    result = import_file(org, csv_file([EGP_HEADER_26, egp_row(1)], encoding="cp874"), "x.csv", by=None)
    assert result.created == 1 and Project.objects.get().name == "จัดซื้อวัสดุ 1"


def _template_rows(bidders):
    header = list(TEMPLATE_COLUMNS)
    row = {t: "" for t in header}
    row |= {
        "เลขที่โครงการ e-GP": "68019000001",
        "งานที่จัดซื้อหรือจัดจ้าง": "จ้างก่อสร้างถนน หมู่ที่ 1",
        "วงเงินงบประมาณ": "1,000,000",
        "ราคากลาง": "990000",
        "วิธีจัดซื้อจัดจ้าง": "e-bidding",
        "ผู้เสนอราคาและราคาที่เสนอ": "; ".join(f"{t}|{n}|{p}" for t, n, p in bidders),
        "เลขประจำตัวผู้ได้รับคัดเลือก": bidders[0][0],
        "ผู้ได้รับคัดเลือก": bidders[0][1],
        "ราคาที่ตกลง": bidders[0][2],
        "วันที่สัญญา": "5 ม.ค. 2568",
    }
    return [header, [row[t] for t in header]]


def test_the_template_records_every_bidder(org):
    bidders = [(valid_id(), "หจก.หนึ่ง", "900000"), (valid_id(), "หจก.สอง", "950000")]
    result = import_file(org, csv_file(_template_rows(bidders)), "t.csv", by=None)
    assert result.layout == "template" and result.created == 1
    p = Project.objects.get()
    assert p.bids_complete and p.method == Method.E_BIDDING and p.winner.name == "หจก.หนึ่ง"
    assert sorted(p.bids.values_list("price", flat=True)) == [Decimal("900000"), Decimal("950000")]
    assert p.contract_date.isoformat() == "2025-01-05"


def test_the_template_as_excel_is_read(org):
    bidders = [(valid_id(), "หจก.หนึ่ง", "900000")]
    wb = Workbook()
    for row in _template_rows(bidders):
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    assert import_file(org, out.getvalue(), "t.xlsx", by=None).created == 1


def test_a_template_winner_who_did_not_bid_is_refused(org):
    rows = _template_rows([(valid_id(), "หจก.หนึ่ง", "900000")])
    rows[1][list(TEMPLATE_COLUMNS).index("เลขประจำตัวผู้ได้รับคัดเลือก")] = valid_id()
    with pytest.raises(ingest.ImportRejected, match="ไม่อยู่ในรายชื่อผู้เสนอราคา"):
        import_file(org, csv_file(rows), "t.csv", by=None)
    assert Project.objects.count() == 0


def test_an_unknown_layout_is_refused_in_thai(org):
    with pytest.raises(ingest.ImportRejected, match="ไม่รู้จักรูปแบบไฟล์"):
        import_file(org, b"a,b,c\n1,2,3\n", "x.csv", by=None)


def test_the_import_permission_is_checked(org, council_member):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_file(org, egp_file(1), "x.csv", by=council_member)
    assert Project.objects.count() == 0


def test_the_command_imports_and_reports(org, tmp_path, capsys):
    path = tmp_path / "egp.csv"
    path.write_bytes(egp_file(2))
    call_command("procurement", "import", str(path), "--org", org.slug)
    assert "ใหม่ 2" in capsys.readouterr().out
    call_command("procurement", "import", str(path), "--org", org.slug)
    assert "นำเข้าแล้ว" in capsys.readouterr().out


def test_the_command_refuses_a_bad_file_with_exit_status_2(org, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file([EGP_HEADER_26, egp_row(1, tid="1.23457E+12")]))
    with pytest.raises(SystemExit) as caught:
        call_command("procurement", "import", str(path), "--org", org.slug)
    assert caught.value.code == 2 and Project.objects.count() == 0


def test_the_console_command_name_is_sujarit_procurement():
    out = subprocess.run(
        [sys.executable, "-m", "sujarit.cli", "procurement", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "import" in out.stdout and "flags" in out.stdout
