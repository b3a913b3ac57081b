"""The plan lint on small hand-built plans: a clean plan gives nothing; each test breaks one thing and
expects exactly the findings a reviewer would write for it."""

import copy
from types import SimpleNamespace

import pytest

from sujarit.plans.lint import CODES, Finding, has_errors, lint_plan

YEARS = [2566, 2567, 2568, 2569, 2570]
ORG = "องค์การบริหารส่วนตำบลแหลมสอม"


def per_year(amount):
    return {str(y): amount for y in YEARS}


def make_item(number, dim, mission, kind, name, budget, outputs, outcomes=None):
    return {
        "number": number,
        "dimension": dim,
        "mission": mission,
        "type": kind,
        "name": name,
        "rationale": [f"{ORG}จึงได้จัดทำ{name}ขึ้น"],
        "objectives": ["เพื่อให้การปฏิบัติงานโปร่งใส สามารถตรวจสอบได้"],
        "target_group": f"พนักงานองค์การบริหารส่วนตำบล ลูกจ้างประจำ และพนักงานจ้างของ{ORG}",
        "steps": ["จัดตั้งคณะทำงาน", "ดำเนินการตามแผน", "รายงานผลพร้อมระบุปัญหาอุปสรรคให้ผู้บริหารทราบ"],
        "duration": "ปีงบประมาณ พ.ศ. 2566 – 2570",
        "budget": {
            "text": f"{budget} บาท" if budget != "0" else "ไม่ใช้งบประมาณ",
            "uses_budget": budget != "0",
            "placeholder": False,
            "per_year": per_year(budget),
        },
        "responsible": {"text": f"สำนักปลัด {ORG}", "unit": "สำนักปลัด", "placeholder": False},
        "outputs": outputs,
        "outcomes": outcomes
        if outcomes is not None
        else [
            {
                "text": "ผู้รับบริการพึงพอใจไม่น้อยกว่าร้อยละ 80",
                "target": {"op": ">=", "value": "80", "unit": "percent"},
            }
        ],
        "sections_missing": [],
        "line": number * 50,
    }


def clean_plan():
    """A small plan with nothing wrong: 2 dimensions, 4 items, Part 2 and Part 3 agreeing, one risk."""
    channels = {"text": "เผยแพร่อย่างน้อย 3 ช่องทาง", "target": {"op": ">=", "value": "3", "unit": "channel"}}
    report = {"text": "มีรายงาน จำนวน 1 ฉบับ", "target": {"op": "=", "value": "1", "unit": "report"}}
    return {
        "format": "sujarit.plan/1",
        "source": {"name": "clean.txt", "sha256": "0" * 64, "kind": "text"},
        "title": "แผนปฏิบัติการป้องกันการทุจริต เพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566 - 2570)",
        "organization": {"name": ORG, "type": "sao"},
        "cycle": {"first_year": 2566, "last_year": 2570, "fiscal_years": list(YEARS)},
        "preface": {"stated_total_items": 4, "stated_items_per_dimension": {"1": 2, "2": 2}},
        "risks": [
            {
                "number": 1,
                "process": "การบริหารการเงิน งบประมาณ การจัดซื้อจัดจ้าง",
                "issues": ["การจัดซื้อจัดจ้างไม่เป็นไปตามระเบียบ"],
                "level": "ปานกลาง",
                # wrapped as in a PDF table cell, with the organization's name and another type word
                "controls": [
                    "มาตรการส่งเสริมการปฏิบัติงาน ตามประมวลจริยธรรมขององค์การ บริหารส่วนตำบลแหลมสอม",
                    "กิจกรรมวิเคราะห์ผลการจัดซื้อจัด จ้างประจำปี",
                ],
                "line": 40,
            }
        ],
        "intro": {
            "rationale": [f"ดังนั้น {ORG}จึงให้ความสำคัญกับการบริหารงานตามหลักธรรมาภิบาล"],
            "objectives": [f"(1) เพื่อแสดงเจตจำนงสุจริตของผู้บริหาร{ORG}ต่อสาธารณชน"],
            "goals": [
                f"(1) คดีทุจริตของ{ORG}ลดลง ร้อยละ 5 ในปี พ.ศ. 2566",
                f"(2) {ORG}ผ่านเกณฑ์การประเมิน ITA (85 คะแนนขึ้นไป) ในปี พ.ศ. 2566",
            ],
            "benefits": [f"(1) ประชาชนมีส่วนร่วมในการตรวจสอบ{ORG}"],
        },
        "goals": [
            {
                "indicator": "จำนวนคดีทุจริตลดลง (คำนวณจากปี 2565)",
                "targets": {
                    str(y): {"text": f"ร้อยละ {5 * (k + 1)}", "value": str(5 * (k + 1)), "unit": "percent"}
                    for k, y in enumerate(YEARS)
                },
            },
            {
                "indicator": "คะแนน ITA",
                "targets": {str(y): {"text": "90 คะแนน", "value": "90", "unit": "score"} for y in YEARS},
            },
        ],
        "dimensions": [
            {
                "number": 1,
                "name": "การสร้างวัฒนธรรมสุจริต",
                "missions": [{"code": "1.1", "name": "การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากร"}],
                "summary": {
                    "items": [
                        {
                            "seq": 1,
                            "mission": "1.1",
                            "name": "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของ องค์การบริหารส่วนตำบลแหลม สอม",
                            "budget": per_year(None),
                        },
                        {
                            "seq": 2,
                            "mission": "1.1",
                            "name": "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต",
                            "budget": per_year("20000"),
                        },
                    ],
                    "stated_counts": {"project": 1, "measure": 1, "activity": 0},
                    "stated_budget": per_year("20000"),
                },
            },
            {
                "number": 2,
                "name": "การบริหารราชการด้วยความโปร่งใส",
                "missions": [{"code": "2.1", "name": "การเปิดเผยข้อมูลสาธารณะ"}],
                "summary": {
                    "items": [
                        {
                            "seq": 1,
                            "mission": "2.1",
                            "name": "มาตรการ NO Gift Policy",
                            "budget": per_year("7200"),
                        },
                        {
                            "seq": 2,
                            "mission": "2.1",
                            "name": "กิจกรรมวิเคราะห์ผลการจัดซื้อจัดจ้างประจำปี",
                            "budget": per_year(None),
                        },
                    ],
                    "stated_counts": {"project": 0, "measure": 1, "activity": 1},
                    "stated_budget": per_year("7200"),
                },
            },
        ],
        "summary_total": {
            "stated_counts": {"project": 1, "measure": 2, "activity": 1},
            "stated_budget": per_year("27200"),
            "intro_counts": {"project": 1, "measure": 2, "activity": 1},
        },
        # Part 3 in another order than Part 2 (as in real plans): pairing is by name
        "items": [
            make_item(
                1, 1, "1.1", "project", "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต", "20000", [channels]
            ),
            make_item(
                2,
                1,
                "1.1",
                "measure",
                f"มาตรการ “ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของ{ORG}”",
                "0",
                [channels],
            ),
            make_item(3, 2, "2.1", "activity", "กิจกรรม “วิเคราะห์ผลการจัดซื้อจัดจ้างประจำปี”", "0", [report]),
            make_item(4, 2, "2.1", "measure", "มาตรการ NO Gift Policy", "7200", [report]),
        ],
        "warnings": [],
    }


@pytest.fixture
def plan():
    return copy.deepcopy(clean_plan())


def codes(findings):
    """The findings' codes, sorted — after checking each has the severity the catalogue gives it."""
    for f in findings:
        if not f.code.startswith(("typo.", "parse.")):
            assert f.code in CODES, f"{f.code} is not in the catalogue"
            assert f.severity == CODES[f.code][0], (
                f"{f.code} is {f.severity}, catalogue says {CODES[f.code][0]}"
            )
    return sorted(f.code for f in findings)


def only(findings, code):
    found = [f for f in findings if f.code == code]
    assert found, f"no {code} in {[f.to_dict() for f in findings]}"
    return found


# --- the clean plan and the API ------------------------------------------------------------------


def test_clean_plan_gives_no_findings(plan):
    assert lint_plan(plan) == []


def test_clean_plan_linted_for_its_own_organization_gives_no_findings(plan):
    org = SimpleNamespace(name=ORG, org_type="sao")
    assert lint_plan(plan, org=org) == []


def test_finding_to_dict_has_the_four_contract_keys():
    f = Finding("items.placeholder", "error", "ส่วนที่ 3 ลำดับที่ 1", "ข้อความ")
    assert f.to_dict() == {
        "code": "items.placeholder",
        "severity": "error",
        "where": "ส่วนที่ 3 ลำดับที่ 1",
        "message": "ข้อความ",
    }
    with pytest.raises(ValueError):
        Finding("x.y", "fatal", "", "")


def test_has_errors_only_for_error_severity():
    warning = Finding("wording.other_org_type", "warning", "w", "m")
    error = Finding("summary.grand_total_mismatch", "error", "w", "m")
    assert not has_errors([]) and not has_errors([warning])
    assert has_errors([warning, error])


@pytest.mark.parametrize(
    "parsed", [{}, None, {"items": "x", "dimensions": [1, None], "risks": {}, "goals": [[]], "cycle": []}]
)
def test_odd_input_gives_no_traceback_and_no_false_alarm(parsed):
    findings = lint_plan(parsed)
    assert "lint.rule_failed" not in codes(findings)


# --- Part 2 totals and counts --------------------------------------------------------------------


def test_grand_total_that_does_not_add_up_in_one_year(plan):
    plan["summary_total"]["stated_budget"]["2566"] = "20000"
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.grand_total_mismatch"]
    f = findings[0]
    assert f.severity == "error" and f.where == "ส่วนที่ 2 รวมทั้งสิ้น"
    assert "ปี 2566" in f.message and "20,000 บาท" in f.message and "27,200 บาท" in f.message


def test_grand_total_wrong_every_year_is_one_finding_naming_the_years(plan):
    plan["summary_total"]["stated_budget"] = per_year("20000")
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.grand_total_mismatch"]
    assert "ปี 2566–2570" in findings[0].message and "ปีละ 27,200 บาท" in findings[0].message


def test_dimension_total_that_differs_from_its_rows(plan):
    plan["dimensions"][0]["summary"]["stated_budget"]["2567"] = "25000"
    plan["summary_total"]["stated_budget"]["2567"] = "32200"  # the grand total follows the stated rows
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.dimension_total_mismatch"]
    assert findings[0].where == "ส่วนที่ 2 มิติที่ 1"
    assert "ปี 2567" in findings[0].message and "25,000" in findings[0].message


def test_budget_column_outside_the_cycle(plan):
    plan["summary_total"]["stated_budget"]["2571"] = "0"
    assert codes(lint_plan(plan)) == ["summary.year_outside_cycle"]


def test_dimension_counts_that_differ_from_the_items_listed(plan):
    plan["dimensions"][1]["summary"]["stated_counts"] = {"project": 0, "measure": 2, "activity": 0}
    plan["summary_total"]["stated_counts"] = {"project": 1, "measure": 3, "activity": 0}  # follows the rows
    plan["summary_total"]["intro_counts"] = {"project": 1, "measure": 3, "activity": 0}
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.counts_mismatch", "summary.counts_mismatch_part3"]
    assert {f.where for f in findings} == {"ส่วนที่ 2 มิติที่ 2"}
    assert "0 โครงการ 2 มาตรการ 0 กิจกรรม" in findings[0].message


def test_dimension_stating_items_it_does_not_list(plan):
    plan["dimensions"].append(
        {
            "number": 3,
            "name": "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
            "missions": [],
            "summary": {"items": [], "stated_counts": {"project": 1}, "stated_budget": per_year(None)},
        }
    )
    plan["summary_total"]["stated_counts"]["project"] = 2
    plan["summary_total"]["intro_counts"]["project"] = 2
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.counts_mismatch", "summary.counts_mismatch_part3"]
    assert {f.where for f in findings} == {"ส่วนที่ 2 มิติที่ 3"}


def test_grand_counts_that_differ_from_the_dimensions(plan):
    plan["summary_total"]["stated_counts"]["project"] = 2
    plan["summary_total"]["intro_counts"]["project"] = 2
    assert codes(lint_plan(plan)) == ["summary.grand_counts_mismatch"]


def test_sentence_above_the_table_that_differs_from_the_total_row(plan):
    plan["summary_total"]["intro_counts"] = {"project": 1, "measure": 3, "activity": 1}
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.intro_counts_mismatch"]
    assert "1 โครงการ 3 มาตรการ 1 กิจกรรม" in findings[0].message


def test_preface_total_that_differs_from_the_items(plan):
    plan["preface"]["stated_total_items"] = 27
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.preface_total_mismatch"]
    assert findings[0].where == "คำนำ" and "27" in findings[0].message


def test_preface_count_per_dimension_that_differs(plan):
    plan["preface"]["stated_items_per_dimension"] = {"1": 3, "2": 1}
    findings = lint_plan(plan)
    assert codes(findings) == ["summary.preface_dimension_mismatch"] * 2
    assert {f.where for f in findings} == {"คำนำ มิติที่ 1", "คำนำ มิติที่ 2"}


# --- Part 2 against Part 3 -----------------------------------------------------------------------


def test_type_differs_between_part2_and_part3(plan):
    item = plan["items"][3]
    item["type"], item["name"] = "project", "โครงการ NO Gift Policy"
    findings = lint_plan(plan)
    assert codes(findings) == ["items.type_mismatch", "summary.counts_mismatch_part3"]
    f = only(findings, "items.type_mismatch")[0]
    assert f.where == "ส่วนที่ 3 ลำดับที่ 4 หัวข้อ 1. ชื่อโครงการ" and f.severity == "error"
    assert "มาตรการ" in f.message and "โครงการ" in f.message


def test_name_differs_between_part2_and_part3(plan):
    plan["items"][0]["name"] = "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริตแก่บุคลากร"
    findings = lint_plan(plan)
    assert codes(findings) == ["items.name_mismatch"]
    assert findings[0].severity == "warning"


def test_item_in_part2_without_detail_in_part3(plan):
    del plan["items"][3]
    plan["preface"] = {"stated_total_items": 4, "stated_items_per_dimension": {}}
    findings = lint_plan(plan)
    assert codes(findings) == [
        "items.missing_in_part3",
        "summary.counts_mismatch_part3",
        "summary.preface_total_mismatch",
    ]
    assert only(findings, "items.missing_in_part3")[0].where == "ส่วนที่ 2 มิติที่ 2 ลำดับที่ 1"


def test_item_in_part3_missing_from_the_part2_table(plan):
    del plan["dimensions"][1]["summary"]["items"][1]
    plan["preface"] = {"stated_total_items": 4, "stated_items_per_dimension": {}}
    findings = lint_plan(plan)
    assert codes(findings) == [
        "items.missing_in_part2",
        "summary.counts_mismatch",
        "summary.preface_total_mismatch",
    ]
    assert only(findings, "items.missing_in_part2")[0].where == "ส่วนที่ 3 ลำดับที่ 3"


def test_budget_differs_between_part2_and_part3(plan):
    plan["items"][0]["budget"]["per_year"]["2568"] = "25000"
    findings = lint_plan(plan)
    assert codes(findings) == ["items.budget_mismatch"]
    f = findings[0]
    assert f.where == "ส่วนที่ 3 ลำดับที่ 1 หัวข้อ 7. งบประมาณ"
    assert "ปี 2568" in f.message and "20,000 บาท" in f.message and "25,000 บาท" in f.message


def test_item_under_another_dimension_in_part3(plan):
    plan["items"][2]["dimension"] = 1
    plan["preface"] = {"stated_total_items": 4, "stated_items_per_dimension": {}}
    findings = lint_plan(plan)
    assert codes(findings) == [
        "items.dimension_mismatch",
        "summary.counts_mismatch_part3",
        "summary.counts_mismatch_part3",
    ]
