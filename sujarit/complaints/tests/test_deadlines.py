"""The 15-day rule: due dates in calendar or working days, national and the organization's holidays."""

import datetime as dt
import io
import json
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sujarit.core.models import AuditEvent

from ..models import DayCount, Holiday
from ..queries import deadlines
from ..queries.policy import policy_for
from ..services import holidays
from ..services.holidays import NATIONAL_HOLIDAYS, HolidayFileError, load_national_holidays

D = dt.date


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("complaints", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, out.getvalue(), err.getvalue()


def test_calendar_days_count_weekends_and_holidays(org, policy):
    load_national_holidays()
    assert deadlines.due_date(org, D(2026, 4, 10)) == D(2026, 4, 25)


def test_working_days_skip_weekends_songkran_and_coronation_day(org, policy):
    load_national_holidays()
    policy.day_count = DayCount.WORKING
    policy.save()
    # Fri 10 Apr 2026: Songkran 13–15 Apr and Coronation Day 4 May are not counted.
    assert deadlines.due_date(org, D(2026, 4, 10)) == D(2026, 5, 7)


def test_organizations_own_holiday_moves_its_due_date_only(org, other_org, policy, admin_user):
    load_national_holidays()
    policy.day_count = DayCount.WORKING
    policy.save()
    holidays.add_holiday(org, D(2026, 5, 6), "วันหยุดพิเศษขององค์กร", by=admin_user)
    assert deadlines.due_date(org, D(2026, 4, 10)) == D(2026, 5, 8)
    other = policy_for(other_org)
    other.day_count = DayCount.WORKING
    other.save()
    assert deadlines.due_date(other_org, D(2026, 4, 10)) == D(2026, 5, 7)


def test_reminder_day_counts_back_in_working_days(org, policy):
    policy.day_count = DayCount.WORKING
    policy.remind_days_before = 3
    # Due Monday 8 Dec 2025 (after the 5 Dec holiday): three working days back skip the weekend and 5 Dec.
    load_national_holidays()
    assert deadlines.days_before(org, D(2025, 12, 8), 3, DayCount.WORKING) == D(2025, 12, 2)
    assert deadlines.days_before(org, D(2025, 12, 8), 3, DayCount.CALENDAR) == D(2025, 12, 5)


def test_shipped_holiday_file_covers_both_fiscal_years_with_thai_names():
    years, rows = holidays.read_national_holidays()
    assert years == [2569, 2570]
    dates = [d for d, _n in rows]
    assert min(dates) >= D(2025, 10, 1) and max(dates) <= D(2027, 9, 30)
    for _day, name in rows:
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in name), name
    named = dict(rows)
    assert named[D(2026, 4, 13)] == "วันสงกรานต์"
    assert named[D(2025, 12, 10)] == "วันรัฐธรรมนูญ"
    assert "administrator can correct" in json.loads(NATIONAL_HOLIDAYS.read_text(encoding="utf-8"))["about"]


def test_loading_national_holidays_twice_changes_nothing_the_second_time(db):
    first = load_national_holidays()
    assert first["created"] == Holiday.objects.filter(org__isnull=True).count() >= 35
    assert load_national_holidays() == {"created": 0, "updated": 0, "removed": 0}
    assert Holiday.objects.filter(org__isnull=True).count() == first["created"]


def test_corrected_file_moves_a_holiday(db, tmp_path):
    load_national_holidays()
    data = json.loads(NATIONAL_HOLIDAYS.read_text(encoding="utf-8"))
    for row in data["holidays"]:
        if row["date"] == "2027-05-20":
            row["date"] = "2027-05-21"
            row["name"] = "วันวิสาขบูชา (แก้ไข)"
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_national_holidays(fixed) == {"created": 1, "updated": 0, "removed": 1}
    assert not Holiday.objects.filter(org__isnull=True, date=D(2027, 5, 20)).exists()
    assert Holiday.objects.get(org__isnull=True, date=D(2027, 5, 21)).name == "วันวิสาขบูชา (แก้ไข)"


def test_malformed_holiday_file_changes_nothing(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"fiscal_years": [2569], "holidays": [{"date": "2026-13-01", "name": "x"}]}')
    with pytest.raises(HolidayFileError):
        load_national_holidays(bad)
    assert not Holiday.objects.exists()


def test_holidays_command_loads_and_reports_in_thai_with_status_0(db):
    code, out, err = run("holidays")
    assert code == 0 and err == ""
    assert Holiday.objects.filter(org__isnull=True).exists()
    code, out, _err = run("holidays")
    assert code == 0 and "0" in out


def test_holidays_command_with_a_bad_file_exits_2_without_traceback(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    code, out, err = run("holidays", "--file", str(bad))
    assert code == 2 and out == ""
    assert "bad.json" in err and "Traceback" not in err
    assert not Holiday.objects.exists()


def test_adding_a_holiday_twice_is_refused_and_audited_once(org, policy, admin_user):
    holidays.add_holiday(org, D(2026, 6, 10), "งานประจำปี", by=admin_user)
    with pytest.raises(ValidationError):
        holidays.add_holiday(org, D(2026, 6, 10), "ซ้ำ", by=admin_user)
    with pytest.raises(ValidationError):
        holidays.add_holiday(org, D(2026, 6, 11), "   ", by=admin_user)
    assert Holiday.objects.for_org(org).count() == 1
    assert AuditEvent.objects.filter(action="complaints.holiday_added").count() == 1


def test_national_holidays_cannot_be_removed_by_an_organization(org, policy, admin_user):
    load_national_holidays()
    national = Holiday.objects.filter(org__isnull=True).first()
    with pytest.raises(ValidationError):
        holidays.remove_holiday(org, national.pk, by=admin_user)
    assert Holiday.objects.filter(pk=national.pk).exists()


def test_unit_officer_cannot_change_holidays(org, policy, unit_officer, other_org_officer):
    with pytest.raises(PermissionDenied):
        holidays.add_holiday(org, D(2026, 6, 10), "x", by=unit_officer)
    with pytest.raises(PermissionDenied):
        holidays.add_holiday(org, D(2026, 6, 10), "x", by=other_org_officer)
    assert not Holiday.objects.exists()


def test_countdown_says_where_a_case_stands_against_its_due_date():
    today = dt.date(2026, 11, 10)

    def case(**kw):
        base = {"first_answer_at": None, "explained_at": None, "is_open": True, "due_date": today}
        return SimpleNamespace(**{**base, **kw})

    assert deadlines.countdown(case(due_date=today + dt.timedelta(days=3)), today) == {
        "status": "left",
        "days": 3,
    }
    assert deadlines.countdown(case(), today)["status"] == "today"
    assert deadlines.countdown(case(due_date=today - dt.timedelta(days=2)), today) == {
        "status": "late",
        "days": 2,
    }
    late_but_answered = case(due_date=today - dt.timedelta(days=2), first_answer_at=dt.datetime(2026, 11, 1))
    assert deadlines.countdown(late_but_answered, today)["status"] == "answered"
    assert deadlines.countdown(case(explained_at=dt.datetime(2026, 11, 9)), today)["status"] == "explained"
    assert deadlines.countdown(case(is_open=False), today)["status"] == "closed"
