"""`sujarit plan kpis`: every KPI of the seed with its binding, value, status, and why it is not measured."""

import json

import pytest
from django.core.management import call_command

from sujarit.disclosure.models import ITAResult
from sujarit.plans.models import KPI

pytestmark = pytest.mark.django_db


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("plan", "kpis", *args, stdout=out)
    return out.getvalue()


def test_the_seed_s_coverage_as_json(org, seed_plan):
    data = json.loads(_run("--org", org.slug, "--year", "2568", "--json"))
    assert data["fiscal_year"] == 2568
    assert data["total"] == KPI.objects.filter(item__plan=seed_plan).count() == 82
    # 39 before the measures of items 2, 7, 8, 10, 11, 13, 14, 16, 19, 20, 22 and 27; a floor, not a target.
    assert data["bound"] == sum(1 for k in data["kpis"] if k["measure"]) >= 53
    for k in data["kpis"]:
        if k["measure"]:
            assert k["reason"] is None
        else:
            assert k["reason"]["text"]  # every unbound KPI says why, in Thai
    surveys = [k for k in data["kpis"] if k["reason"] and k["reason"]["needs"] == "surveys"]
    assert any("ขวัญกำลังใจ" in k["text"] for k in surveys)  # satisfaction KPIs bind to surveys now


def test_the_ita_score_measures_items_9_and_16(org, seed_plan):
    ita = KPI.objects.filter(item__plan=seed_plan, measure_key="disclosure.ita_score")
    assert sorted(k.item.number for k in ita) == [9, 16]
    ITAResult.objects.create(org=org, year=2568, total="91.25")
    ITAResult.objects.create(org=org, year=2567, total="80.00")
    data = json.loads(_run("--org", org.slug, "--year", "2568", "--json"))
    rows = [k for k in data["kpis"] if k["measure"] == "disclosure.ita_score"]
    assert {(r["value"], r["status"]) for r in rows} == {("91.25", "met")}
    data = json.loads(_run("--org", org.slug, "--year", "2567", "--json"))
    rows = [k for k in data["kpis"] if k["measure"] == "disclosure.ita_score"]
    assert {(r["value"], r["status"]) for r in rows} == {("80", "not_met")}


def test_the_table_in_thai(org, seed_plan):
    text = _run("--org", org.slug, "--year", "2568")
    assert text.startswith("ปีงบประมาณ 2568: ตัวชี้วัด")
    assert "วัดด้วยแบบสำรวจได้" in text


@pytest.mark.parametrize("year", ["12", "2599", "abc"])
def test_a_year_outside_the_plan_is_refused_in_thai(org, seed_plan, year, capsys):
    with pytest.raises(SystemExit) as exc:
        _run("--org", org.slug, "--year", year)
    assert exc.value.code == 2
    assert "ไม่อยู่ในแผน" in capsys.readouterr().err


def test_the_kpi_page_shows_the_coverage_and_why_each_kpi_is_typed_by_hand(
    client, org, seed_plan, coordinator
):
    from django.urls import reverse

    client.force_login(coordinator)
    page = client.get(reverse("plans_staff:kpi_list", kwargs={"org_slug": org.slug}) + "?year=2568")
    html = page.content.decode()
    bound = KPI.objects.filter(item__plan=seed_plan).exclude(measure_key="").count()
    assert f"ตัวชี้วัด {bound} จาก 82 ตัว คำนวณจากข้อมูลในระบบ" in html
    assert "วัดด้วยแบบสำรวจได้" in html  # a survey-type KPI no standard questionnaire fits says so


def test_the_new_measures_bind_where_their_kpis_say_so(org, seed_plan):
    bound = {}
    for k in KPI.objects.filter(item__plan=seed_plan).exclude(measure_key=""):
        bound.setdefault(k.measure_key, []).append(k.item.number)
    assert bound["complaints.personnel_reduction"] == [10]
    assert bound["complaints.salary_promotion_reduction"] == [11]
    assert sorted(bound["complaints.procurement_reduction"]) == [13, 14]
    assert sorted(bound["complaints.substantiated_corruption_reduction"]) == [20, 22]
    for key in ("centre", "designated_officers", "channels_published", "follow_up"):
        assert bound[f"complaints.{key}"] == [19]
    assert bound["complaints.integrity_channel"] == [27]
    assert bound["complaints.bribery_complaints"] == [8]
    assert bound["plans.plan_in_force"] == [16]
    assert bound["disclosure.transparency_publications"] == [2]
    assert bound["disclosure.areas_disclosed"] == [7]


def test_the_shapes_the_text_gives(org, seed_plan):
    kpis = KPI.objects.filter(item__plan=seed_plan)
    centre = kpis.get(item__number=19, text__startswith="มีศูนย์")
    assert (centre.target_op, centre.target_value, centre.target_unit) == (">=", 1, "yesno")
    down = kpis.get(item__number=20, text__startswith="การทุจริต")
    assert (down.target_op, down.target_value, down.target_unit) == (">=", 10, "percent")
    bare = kpis.get(item__number=11, text__contains="เลื่อนขั้นเงินเดือนลดลง")
    assert (bare.target_op, bare.target_value, bare.target_unit) == (">", 0, "percent")


def test_each_unbound_kpi_says_what_it_needs(org, seed_plan):
    data = json.loads(_run("--org", org.slug, "--year", "2568", "--json"))
    needs = {(k["item"], k["text"][:20]): k["reason"]["needs"] for k in data["kpis"] if k["reason"]}
    by_item = {}
    for (item, _text), need in needs.items():
        by_item.setdefault(item, set()).add(need)
    assert 12 not in by_item  # the finance module measures all three (meetings, Cross Check, errors)
    assert "channels" in by_item[20]  # publishing beyond the website is not recorded yet
    assert by_item[1] == {"surveys"}  # the ethics code's channels are measured by the registers
    assert "measures" in by_item[9]
    assert "supervision" in by_item[19]
