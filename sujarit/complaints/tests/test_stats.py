"""Yearly complaint statistics: the figures, the public pages (page, CSV, JSON) and the JSON API."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from sujarit.complaints.models import Channel, Kind, Outcome, State
from sujarit.complaints.queries import stats
from sujarit.complaints.services import cases

YEAR = 2568  # 1 October 2024 – 30 September 2025, long past: every case's due date has passed


def at(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_case(org, kind=Kind.GENERAL, *, received, category=None, channel=Channel.WEB, answered=None,
              closed=None, satisfaction=None, outcome="", state=None, location="", lat=None, lon=None):  # fmt: skip
    """A case received on `received`, answered/closed `answered`/`closed` days later when given."""
    with transaction.atomic():
        case = cases.create_case(
            org, kind, received_at=at(received), category=category, channel=channel, outcome=outcome,
            location=location, latitude=lat, longitude=lon,
        )  # fmt: skip
    if answered is not None:
        case.first_answer_at = at(received + dt.timedelta(days=answered), 15)
    if closed is not None:
        case.closed_at = at(received + dt.timedelta(days=closed), 16)
        case.state = State.CLOSED
    if state:
        case.state = state
    case.satisfaction = satisfaction
    case.save()
    return case


@pytest.fixture
def year_cases(org, categories):
    """FY 2568: 4 general (3 roads, 1 waste; 3 answered in time, 1 late), 2 corruption (1 substantiated)."""
    road, waste = categories["road"], categories["waste"]
    made = [
        make_case(org, received=dt.date(2024, 10, 3), category=road, answered=2, closed=10, satisfaction=5),
        make_case(
            org,
            received=dt.date(2024, 10, 20),
            category=road,
            answered=15,
            closed=20,
            satisfaction=3,
            channel=Channel.PHONE,
        ),  # fmt: skip
        make_case(org, received=dt.date(2025, 2, 1), category=road, answered=30, channel=Channel.TRAFFY),
        make_case(org, received=dt.date(2025, 9, 30), category=waste, answered=1, closed=3, satisfaction=4),
        make_case(
            org,
            Kind.INTEGRITY,
            received=dt.date(2024, 11, 5),
            category=categories["bribe"],
            answered=5,
            closed=40,
            outcome=Outcome.SUBSTANTIATED,
        ),  # fmt: skip
        make_case(org, Kind.INTEGRITY, received=dt.date(2025, 3, 1), category=categories["procure"]),
    ]
    # Outside the year on both sides: never counted.
    make_case(org, received=dt.date(2024, 9, 30), category=road)
    make_case(org, received=dt.date(2025, 10, 1), category=road)
    return made


def by_code(rows):
    return {r["code"]: r["count"] for r in rows}


# --- the figures --------------------------------------------------------------------------------------


def test_yearly_counts_by_channel_category_state_and_month(org, year_cases):
    data = stats.yearly(org, Kind.GENERAL, YEAR)
    assert data["total"] == 4
    assert by_code(data["by_channel"])["web"] == 2
    assert by_code(data["by_channel"])["phone"] == 1 and by_code(data["by_channel"])["traffy"] == 1
    assert by_code(data["by_category"]) == {"road": 3, "waste": 1}
    assert by_code(data["by_state"])["closed"] == 3 and by_code(data["by_state"])["received"] == 1
    months = data["by_month"]
    assert [m["label"] for m in months][:3] == ["ตุลาคม 2567", "พฤศจิกายน 2567", "ธันวาคม 2567"]
    assert months[-1]["label"] == "กันยายน 2568" and len(months) == 12
    assert [m["count"] for m in months] == [2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    assert "by_outcome" not in data


def test_share_answered_within_due_mean_days_and_satisfaction(org, year_cases):
    data = stats.yearly(org, Kind.GENERAL, YEAR)
    # due = received + 15 calendar days: answered after 2, 15 and 1 days in time, after 30 days late
    assert data["due"] == {"judged": 4, "within": 3, "late": 1, "pending": 0, "share": Decimal("75.00")}
    assert data["closed"] == 3 and data["mean_days_to_close"] == Decimal("11.0")  # (10 + 20 + 3) / 3
    assert data["satisfaction"] == {"rated": 3, "satisfied": 2, "share": Decimal("66.67")}


def test_an_open_case_not_yet_due_is_not_late_but_an_overdue_one_is(org, categories):
    today = timezone.localdate()
    make_case(org, received=today, category=categories["road"])
    make_case(org, received=today - dt.timedelta(days=40), category=categories["road"])
    period = stats.Period(today - dt.timedelta(days=60), today)
    due = stats.summarize(org, Kind.GENERAL, period)["due"]
    assert due["pending"] == 1 and due["late"] == 1 and due["within"] == 0 and due["share"] == Decimal("0.00")


def test_corruption_statistics_are_counts_with_outcomes(org, year_cases):
    data = stats.yearly(org, Kind.INTEGRITY, YEAR)
    assert data["total"] == 2
    assert by_code(data["by_category"]) == {"bribe": 1, "procurement": 1}
    assert by_code(data["by_outcome"])["substantiated"] == 1
    assert data["due"]["within"] == 1 and data["due"]["late"] == 1


def test_empty_year_has_no_shares(org, policy):
    data = stats.yearly(org, Kind.GENERAL, 2560)
    assert data["total"] == 0 and data["due"]["share"] is None and data["mean_days_to_close"] is None
    assert data["satisfaction"]["share"] is None and len(data["by_month"]) == 12


def test_other_organizations_cases_are_not_counted(org, other_org, year_cases):
    assert stats.yearly(other_org, Kind.GENERAL, YEAR)["total"] == 0


# --- public pages -----------------------------------------------------------------------------------


def test_public_statistics_page_shows_the_year_with_charts_and_no_login(client, org, year_cases):
    resp = client.get(f"/{org.slug}/complaints/stats/?year={YEAR}")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "<svg" in html and "ถนนชำรุด" in html and "ตุลาคม 2567" in html
    assert 'id="within-due">75.0 %' in html
    assert f'<option value="{YEAR}" selected>' in html


def test_bad_year_falls_back_with_a_message(client, org, policy):
    resp = client.get(f"/{org.slug}/complaints/stats/?year=abc")
    assert resp.status_code == 200
    assert list(resp.context["messages"])


def test_statistics_csv_has_one_figure_per_row(client, org, year_cases):
    resp = client.get(f"/{org.slug}/complaints/stats.csv?year={YEAR}")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    figures = {(r[2], r[3]): r[5] for r in rows[1:]}
    assert figures[("total", "")] == "4"
    assert figures[("category", "road")] == "3"
    assert figures[("month", "2024-10")] == "2"
    assert figures[("due", "share_percent")] == "75"


def test_statistics_json_and_bad_year(client, org, year_cases):
    resp = client.get(f"/{org.slug}/complaints/stats.json?year={YEAR}")
    data = json.loads(resp.content)
    assert data["total"] == 4 and data["due"]["share"] == "75.00" and data["organization"]["slug"] == org.slug
    assert client.get(f"/{org.slug}/complaints/stats.json?year=99").status_code == 400
    assert client.get(f"/{org.slug}/complaints/stats.csv?year=x").status_code == 400


def test_integrity_statistics_page_csv_json_carry_no_text(client, org, year_cases):
    secret_place = "หลังตลาดสดเทศบาล"
    case = year_cases[-1]
    case.location = secret_place  # never read for statistics, even if set
    case.save()
    page = client.get(f"/{org.slug}/integrity/stats/?year={YEAR}").content.decode()
    assert "เรียกรับสินบน" in page and secret_place not in page
    data = json.loads(client.get(f"/{org.slug}/integrity/stats.json?year={YEAR}").content)
    assert data["total"] == 2 and by_code(data["by_outcome"])["substantiated"] == 1
    assert secret_place not in json.dumps(data, ensure_ascii=False)
    body = client.get(f"/{org.slug}/integrity/stats.csv?year={YEAR}").content.decode("utf-8-sig")
    assert "substantiated" in body and secret_place not in body


# --- API ----------------------------------------------------------------------------------------------


def test_api_statistics_for_both_kinds(client, org, year_cases):
    resp = client.get(f"/api/v1/orgs/{org.slug}/complaints/stats?fiscal_year={YEAR}")
    assert resp.status_code == 200
    data = resp.json()
    assert data["total"] == 4 and data["due"]["share"] == "75.00" and data["mean_days_to_close"] == "11.0"
    integrity = client.get(
        f"/api/v1/orgs/{org.slug}/complaints/stats?fiscal_year={YEAR}&kind=integrity"
    ).json()
    assert integrity["total"] == 2 and by_code(integrity["by_outcome"])["substantiated"] == 1


def test_api_statistics_errors(client, org, policy):
    assert client.get("/api/v1/orgs/nowhere/complaints/stats").status_code == 404
    assert client.get(f"/api/v1/orgs/{org.slug}/complaints/stats?kind=secret").status_code == 400
    assert client.get(f"/api/v1/orgs/{org.slug}/complaints/stats?fiscal_year=12").status_code == 400
    assert client.get(f"/api/v1/orgs/{org.slug}/complaints/stats").status_code == 200


def test_statistics_page_queries_do_not_grow_with_cases(
    client, org, year_cases, django_assert_max_num_queries
):
    for _i in range(5):
        make_case(org, received=dt.date(2025, 4, 1), channel=Channel.LETTER)
    with django_assert_max_num_queries(8):
        assert client.get(f"/{org.slug}/complaints/stats/?year={YEAR}").status_code == 200
