"""The plan lint on small hand-built plans, continued: items, goals, risks, wording and odd input.
Each test breaks one thing in the clean plan of test_lint.py and expects exactly its findings."""

import copy
from types import SimpleNamespace

import pytest

from sujarit.plans.lint import has_errors, lint_plan

from .test_lint import ORG, clean_plan, codes, only, per_year


@pytest.fixture
def plan():
    return copy.deepcopy(clean_plan())


# --- items ---------------------------------------------------------------------------------------


def test_budget_placeholder_left_in(plan):
    plan["items"][1]["budget"] = {
        "text": "ระบุงบประมาณที่ใช้ดำเนินการ",
        "uses_budget": None,
        "placeholder": True,
        "per_year": per_year(None),
    }
    findings = lint_plan(plan)
    assert codes(findings) == ["items.placeholder"]
    assert findings[0].where == "ส่วนที่ 3 ลำดับที่ 2 หัวข้อ 7. งบประมาณ"
    assert "ระบุงบประมาณที่ใช้ดำเนินการ" in findings[0].message


def test_responsible_placeholder_found_even_when_the_reader_did_not_flag_it(plan):
    # the heading "8. ผู้รับผิดชอบโครงการ" read with its tail into the text
    plan["items"][2]["responsible"] = {
        "text": "โครงการ ระบุหน่วยงานที่รับผิดชอบดำเนินการ",
        "unit": "",
        "placeholder": False,
    }
    findings = lint_plan(plan)
    assert codes(findings) == ["items.placeholder"]
    assert findings[0].where == "ส่วนที่ 3 ลำดับที่ 3 หัวข้อ 8. ผู้รับผิดชอบ"


def test_item_name_without_a_type_word(plan):
    plan["items"][3]["name"], plan["items"][3]["type"] = "NO Gift Policy", None
    findings = lint_plan(plan)
    assert "items.type_unknown" in codes(findings)
    assert only(findings, "items.type_unknown")[0].where == "ส่วนที่ 3 ลำดับที่ 4 หัวข้อ 1. ชื่อโครงการ"


def test_empty_section(plan):
    plan["items"][2]["outcomes"] = []
    plan["items"][2]["sections_missing"] = ["outcomes"]
    findings = lint_plan(plan)
    assert codes(findings) == ["items.section_missing"]
    assert findings[0].where == "ส่วนที่ 3 ลำดับที่ 3 หัวข้อ 9. ผลลัพธ์"


def test_missing_results_section_is_one_finding(plan):
    plan["items"][1]["outputs"], plan["items"][1]["outcomes"] = [], []
    plan["items"][1]["sections_missing"] = ["results"]
    findings = lint_plan(plan)
    assert codes(findings) == ["items.section_missing"]
    assert findings[0].where == "ส่วนที่ 3 ลำดับที่ 2 หัวข้อ 9. ผลผลิต/ผลลัพธ์"


def test_empty_steps_are_found_without_the_readers_note(plan):
    plan["items"][0]["steps"] = []
    findings = lint_plan(plan)
    assert codes(findings) == ["items.section_missing"]
    assert findings[0].where == "ส่วนที่ 3 ลำดับที่ 1 หัวข้อ 5. วิธีดำเนินการ"


def test_gap_in_item_numbering(plan):
    plan["items"][2]["number"] = 5
    plan["items"][3]["number"] = 6
    findings = lint_plan(plan)
    assert codes(findings) == ["items.numbering", "items.numbering"]
    assert {f.where for f in findings} == {"ส่วนที่ 3 ลำดับที่ 3", "ส่วนที่ 3 ลำดับที่ 4"}


def test_item_budget_for_a_year_outside_the_cycle(plan):
    plan["items"][0]["budget"]["per_year"]["2571"] = "20000"
    assert codes(lint_plan(plan)) == ["items.year_outside_cycle"]


def test_duration_outside_the_cycle(plan):
    plan["items"][1]["duration"] = "ปีงบประมาณ พ.ศ. 2565 – 2570"
    findings = lint_plan(plan)
    assert codes(findings) == ["items.duration_outside_cycle"]
    assert findings[0].severity == "warning"


def test_item_without_any_measurable_target_is_info(plan):
    plan["items"][3]["outputs"] = [{"text": "มีประกาศ NO Gift Policy", "target": None}]
    plan["items"][3]["outcomes"] = [{"text": "ไม่มีเรื่องร้องเรียนเรื่องสินบน", "target": None}]
    findings = lint_plan(plan)
    assert codes(findings) == ["items.no_measurable_target"]
    assert findings[0].severity == "info" and not has_errors(findings)


# --- goals ---------------------------------------------------------------------------------------


def test_goal_table_year_outside_the_cycle(plan):
    plan["goals"][1]["targets"]["2571"] = {"text": "90 คะแนน", "value": "90", "unit": "score"}
    assert codes(lint_plan(plan)) == ["goals.year_outside_cycle"]


def test_goal_table_missing_a_year(plan):
    del plan["goals"][1]["targets"]["2570"]
    assert codes(lint_plan(plan)) == ["goals.year_missing"]


def test_goal_sentence_that_the_table_contradicts(plan):
    plan["intro"]["goals"][0] = f"(1) คดีทุจริตของ{ORG}ลดลง ร้อยละ 50 ในปี พ.ศ. 2566"
    findings = lint_plan(plan)
    assert codes(findings) == ["goals.text_mismatch"]
    assert findings[0].where == "ส่วนที่ 1 เป้าหมาย ข้อ 1" and "ร้อยละ 5" in findings[0].message


def test_ita_goal_at_least_is_met_by_a_higher_table_value(plan):
    plan["goals"][1]["targets"]["2566"] = {"text": "96.5 คะแนน", "value": "96.5", "unit": "score"}
    assert lint_plan(plan) == []


# --- risks ---------------------------------------------------------------------------------------


def test_risk_control_no_item_carries(plan):
    plan["risks"][0]["controls"].append("โครงการพัฒนาศักยภาพเพื่อเพิ่ม ประสิทธิภาพการทำงาน")
    findings = lint_plan(plan)
    assert codes(findings) == ["risks.control_not_in_plan"]
    assert findings[0].where == "ส่วนที่ 1 การประเมินความเสี่ยง ลำดับที่ 1 มาตรการที่ 3"


def test_risk_control_matches_despite_type_word_spaces_and_owner(plan):
    plan["risks"][0]["controls"] = [
        "มาตรการวิเคราะห์ผลการจัดซื้อ จัดจ้างประจำปีขององค์การบริหารส่วนตำบลแหลมสอม",
        "โครงการ NO Gift Policy ของหน่วยงาน",
    ]
    assert lint_plan(plan) == []


def test_risk_without_controls(plan):
    plan["risks"][0]["controls"] = []
    assert codes(lint_plan(plan)) == ["risks.no_controls"]


# --- wording -------------------------------------------------------------------------------------


def test_municipal_wording_in_a_sao_plan(plan):
    plan["items"][1]["steps"].append("เสนอนายกเทศมนตรีและปลัดเทศบาลลงนามในคำสั่ง")
    findings = lint_plan(plan)
    assert codes(findings) == ["wording.other_org_type"]
    assert findings[0].where == "ส่วนที่ 3 ลำดับที่ 2"
    assert "นายกเทศมนตรี" in findings[0].message and "5. วิธีดำเนินการ" in findings[0].message


def test_provincial_wording_in_a_sao_plan(plan):
    plan["intro"]["benefits"].append("(2) องค์การบริหารส่วนจังหวัดมีการบริหารที่โปร่งใส")
    findings = lint_plan(plan)
    assert codes(findings) == ["wording.other_org_type"]
    assert findings[0].where == "ส่วนที่ 1 ประโยชน์ของการจัดทำแผน ข้อ 2"


def test_sao_wording_in_a_municipality_plan(plan):
    plan["organization"] = {"name": "เทศบาลตำบลแหลมสอม", "type": "tambon_muni"}
    findings = lint_plan(plan)
    assert set(codes(findings)) == {"wording.other_org_type"}


def test_another_organizations_name(plan):
    plan["items"][1]["rationale"].append("ตามแนวทางขององค์การบริหารส่วนตำบลบางพลี จึงได้จัดทำมาตรการนี้")
    findings = lint_plan(plan)
    assert codes(findings) == ["wording.other_org_name"]
    assert "บางพลี" in findings[0].message


def test_generic_uses_of_the_type_name_are_not_flagged(plan):
    plan["items"][1]["steps"] += [
        "นายกองค์การบริหารส่วนตำบลมอบหมาย ให้ปลัดดำเนินการ",
        "องค์การบริหารส่วนตำบลทุกแห่งต้องเผยแพร่ข้อมูล",
        "ประสานงานกับองค์การบริหารส่วนตำบล ใกล้เคียง",
    ]
    assert lint_plan(plan) == []


def test_own_name_misspelt(plan):
    plan["items"][0]["target_group"] = "พนักงานองค์กรบริหารส่วนตำบลแหลมสอม"
    findings = lint_plan(plan)
    assert codes(findings) == ["wording.org_name_misspelt"]
    assert "องค์การบริหารส่วนตำบลแหลมสอม" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "ประชาชนมีส่วนร่วมในการตรวจสอบองค์การบริหารส่วนตำบล แหลมสอ",  # last letter lost at a line end
        "องค์การบริหารส่วนตำบลแหลมสอมีการบริหารราชการที่ดี",  # แหลมสอม + มี lost one ม
        "เพื่อยกระดับองค์การบริหารส่วนตำบลแหลมสอที่มีประสิทธิภาพ",
    ],
)
def test_own_name_cut_short(plan, text):
    plan["intro"]["benefits"] = [text]
    findings = lint_plan(plan)
    assert codes(findings) == ["wording.org_name_truncated"]
    assert findings[0].where == "ส่วนที่ 1 ประโยชน์ของการจัดทำแผน ข้อ 1"


def test_responsible_unit_with_the_organization_cut_off(plan):
    plan["items"][2]["responsible"]["text"] = "สำนักปลัด องค์การบริหารส่วน"
    findings = lint_plan(plan)
    assert codes(findings) == ["wording.org_name_truncated"]
    assert "8. ผู้รับผิดชอบ" in findings[0].message


def test_name_split_over_two_paragraphs_is_not_cut_short(plan):
    plan["items"][0]["outputs"] = [
        {"text": "มีแผนปฏิบัติการขององค์การบริหารส่วน", "target": None},
        {
            "text": "ตำบลแหลมสอม พ.ศ. 2566 - 2570 จำนวน 1 ฉบับ",
            "target": {"op": "=", "value": "1", "unit": "report"},
        },
    ]
    assert lint_plan(plan) == []


def test_key_terms_misspelt_are_one_finding_per_place(plan):
    plan["items"][3]["rationale"].append("องค์การปกครองส่วนท้องถิ่นให้ความสำคัญกับการป้องกันการทุจริต")
    plan["items"][3]["outcomes"][0]["text"] = "ช้อร้องเรียนการทุจริตและประพฤตินิชอบลดลง ร้อยละ 80"
    findings = lint_plan(plan)
    assert codes(findings) == ["wording.typo"]
    message = findings[0].message
    assert "“ประพฤตินิชอบ” (ควรเป็น “ประพฤติมิชอบ”)" in message and "“ช้อร้องเรียน”" in message
    assert "องค์กรปกครองส่วนท้องถิ่น" in message


def test_correct_spellings_are_not_typos(plan):
    plan["items"][3]["rationale"].append("การทุจริตและประพฤติมิชอบของเจ้าหน้าที่ ใช้ดุลพินิจ ทุกระดับ ข้อร้องเรียน")
    assert lint_plan(plan) == []


def test_readers_notes_on_the_document_are_passed_on_and_its_own_are_not(plan):
    plan["warnings"] = [
        {"code": "typo.dimension_heading", "where": "ส่วนที่ 3 บรรทัดที่ 154", "message": "หัวข้อมิติสะกดว่า 'มติที่ 1'"},
        {"code": "reader.encoding", "where": "ไฟล์", "message": "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8"},
    ]
    findings = lint_plan(plan)
    assert [f.to_dict() for f in findings] == [
        {
            "code": "typo.dimension_heading",
            "severity": "warning",
            "where": "ส่วนที่ 3 บรรทัดที่ 154",
            "message": "หัวข้อมิติสะกดว่า 'มติที่ 1'",
        }
    ]


def test_title_years_that_differ_from_the_cycle(plan):
    plan["title"] = "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2565 - 2569)"
    findings = lint_plan(plan)
    assert codes(findings) == ["plan.title_cycle_mismatch"]
    assert findings[0].where == "ชื่อแผน"


@pytest.mark.parametrize("name", [ORG, "อบต.แหลมสอม", "อบต. แหลมสอม", "องค์การบริหารส่วนตำบล แหลมสอม"])
def test_own_organization_however_its_name_is_written_is_not_another(plan, name):
    assert lint_plan(plan, org=SimpleNamespace(name=name, org_type="sao")) == []


def test_plan_of_another_organization(plan):
    org = SimpleNamespace(name="องค์การบริหารส่วนตำบลบางพลี", org_type="sao")
    findings = lint_plan(plan, org=org)
    assert "plan.org_mismatch" in codes(findings)
    assert has_errors(findings)


# --- robustness ----------------------------------------------------------------------------------


def _paths(obj, prefix=()):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield prefix + (key,)
            yield from _paths(value, prefix + (key,))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield prefix + (index,)
            yield from _paths(value, prefix + (index,))


def test_any_field_of_the_wrong_shape_never_breaks_a_rule():
    """Every value of the clean plan replaced in turn by None, a string, a list or a dict."""
    base = clean_plan()
    broken = []
    for path in _paths(base):
        for odd in (None, "x", [], {}):
            parsed = copy.deepcopy(base)
            target = parsed
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = odd
            if "lint.rule_failed" in codes(lint_plan(parsed)):
                broken.append((path, odd))
    assert broken == []
