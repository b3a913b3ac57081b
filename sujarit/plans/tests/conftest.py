"""Plan fixtures: the demo organization's plan imported from the bundled seed, and a small hand-built plan."""

import copy

import pytest

from sujarit.plans import demo


@pytest.fixture
def seed_parsed():
    """The seed document parsed (docs/PLAN_FORMAT.md shape); a fresh copy per test."""
    return demo.seed_parsed()


@pytest.fixture
def seed_plan(org):
    """The demo organization's (slug 'laemsom') plan, imported from the bundled seed like `demo load` does."""
    return demo.load(org).plan


def mini_plan_dict(title="แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 - 2570)"):
    """A small plan in the contract's shape: 2 dimensions, 3 missions, 3 items, 1 goal, 1 risk."""
    years = [2566, 2567, 2568, 2569, 2570]

    def per_year(amount):
        return {str(y): amount for y in years}

    def item(number, dim, mission, kind, name, budget, unit_text, outputs, outcomes):
        return {
            "number": number,
            "dimension": dim,
            "mission": mission,
            "type": kind,
            "name": name,
            "rationale": [f"หลักการและเหตุผลของ{name}"],
            "objectives": ["เพื่อส่งเสริมความโปร่งใส"],
            "target_group": "พนักงานส่วนตำบล",
            "steps": ["ประชุมชี้แจง", "ดำเนินการ", "รายงานผล"],
            "duration": "ปีงบประมาณ พ.ศ. 2566 – 2570",
            "budget": {
                "text": f"{budget} บาท" if budget != "0" else "ไม่ใช้งบประมาณ",
                "uses_budget": budget != "0",
                "placeholder": False,
                "per_year": per_year(budget),
            },
            "responsible": {"text": unit_text, "unit": "", "placeholder": unit_text.startswith("ระบุ")},
            "outputs": outputs,
            "outcomes": outcomes,
            "sections_missing": [],
            "line": number * 10,
        }

    return {
        "format": "sujarit.plan/1",
        "source": {"name": "mini.txt", "sha256": "0" * 64, "kind": "text"},
        "title": title,
        "organization": {"name": "องค์การบริหารส่วนตำบลแหลมสอม", "type": "sao"},
        "cycle": {"first_year": 2566, "last_year": 2570, "fiscal_years": years},
        "preface": {"stated_total_items": 3, "stated_items_per_dimension": {"1": 2, "2": 1}},
        "risks": [
            {
                "number": 1,
                "process": "การบริหารงานบุคคล",
                "issues": ["การแต่งตั้งไม่เป็นธรรม"],
                "level": "ปานกลาง",
                "controls": ["มาตรการส่งเสริมความโปร่งใสในการบริหารงานบุคคล"],
                "line": 5,
            }
        ],
        "intro": {"rationale": ["เหตุผล"], "objectives": ["วัตถุประสงค์"], "goals": [], "benefits": []},
        "goals": [
            {
                "indicator": "จำนวนคดีทุจริตลดลง",
                "targets": {str(y): {"text": "ร้อยละ 5", "value": "5", "unit": "percent"} for y in years},
            }
        ],
        "dimensions": [
            {
                "number": 1,
                "name": "การสร้างวัฒนธรรมสุจริต",
                "missions": [
                    {"code": "1.1", "name": "การเสริมสร้างจิตสำนึกและค่านิยม"},
                    {"code": "1.2", "name": "การสร้างทัศนคติและจิตสำนึก"},
                ],
                "summary": {"items": [], "stated_counts": {"project": 1, "measure": 1}, "stated_budget": per_year("20000")},
            },
            {
                "number": 2,
                "name": "การบริหารราชการด้วยความโปร่งใส",
                "missions": [{"code": "2.1", "name": "การแสดงเจตจำนงทางการเมือง"}],
                "summary": {"items": [], "stated_counts": {"activity": 1}, "stated_budget": per_year(None)},
            },
        ],
        "summary_total": {"stated_counts": {"project": 1, "measure": 1, "activity": 1}, "stated_budget": per_year("20000")},
        "items": [
            item(
                1, 1, "1.1", "project", "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต", "20000",
                "สำนักปลัด องค์การบริหารส่วนตำบลแหลมสอม",
                [{"text": "ผู้เข้าร่วมโครงการ ไม่น้อยกว่า 30 คน", "target": {"op": ">=", "value": "30", "unit": "person"}}],
                [{"text": "ผู้เข้าร่วมมีความรู้ ร้อยละ 80", "target": {"op": ">=", "value": "80", "unit": "percent"}}],
            ),
            item(
                2, 1, "1.2", "measure", "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม", "0",
                "กองคลัง องค์การบริหารส่วนตำบลแหลมสอม",
                [{"text": "เผยแพร่อย่างน้อย 3 ช่องทาง", "target": {"op": ">=", "value": "3", "unit": "channel"}}],
                [{"text": "พนักงานปฏิบัติตามประมวลจริยธรรม", "target": None}],
            ),
            item(
                3, 2, "2.1", "activity", "กิจกรรมประกาศเจตจำนงต่อต้านการทุจริต", "0",
                "ระบุหน่วยงานที่รับผิดชอบ",
                [{"text": "ประกาศเจตจำนง 1 ฉบับ", "target": {"op": "=", "value": "1", "unit": "report"}}],
                [],
            ),
        ],
        "warnings": [],
    }  # fmt: skip


@pytest.fixture
def mini_parsed():
    return copy.deepcopy(mini_plan_dict())
