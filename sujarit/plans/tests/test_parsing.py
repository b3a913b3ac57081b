"""The plan parser on the customer's document (the seed), its .docx twin, and broken files."""

import copy
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from sujarit.plans.parsing import PlanParseError, parse_plan
from sujarit.plans.parsing.numbers import money_tokens, stated_counts
from sujarit.plans.parsing.targets import find_target

SEED = Path(__file__).resolve().parents[2] / "demo" / "laemsom_plan_2566_2570.txt"
YEARS = ["2566", "2567", "2568", "2569", "2570"]
TYPES = {"project", "measure", "activity", "guideline", ""}
UNITS = {"percent", "count", "channel", "report", "times", "person", "baht", "score", "level", "day", "other"}
THAI_RE = re.compile(r"[\u0e01-\u0e5b]")


def seed_bytes():
    return SEED.read_bytes()


def build_docx(text):
    """The same content as a Word document: a paragraph per line, a real table per run of tab rows."""
    import docx

    document = docx.Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            document.add_paragraph(lines[i])
            i += 1
            continue
        rows = []
        while i < len(lines) and "\t" in lines[i]:
            rows.append(lines[i].split("\t"))
            i += 1
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                # a cell's "<p>a</p> <p>b</p>" fragments are the cell's own paragraphs in Word
                pieces = [p.strip() for p in re.split(r"</?p>", value) if p.strip()] or [value]
                cell = table.cell(r, c)
                cell.text = pieces[0]
                for piece in pieces[1:]:
                    cell.add_paragraph(piece)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def assert_plan_shape(plan):
    """The JSON contract of docs/PLAN_FORMAT.md (types and enumerations), for any parsed document."""
    json.dumps(plan)  # JSON-serialisable, no Decimal or float
    assert plan["format"] == "sujarit.plan/1"
    assert set(plan["source"]) == {"name", "sha256", "kind"} and plan["source"]["kind"] in ("text", "docx")
    assert isinstance(plan["title"], str)
    assert set(plan["organization"]) == {"name", "type"}
    cycle = plan["cycle"]
    assert isinstance(cycle["fiscal_years"], list)
    assert all(isinstance(y, int) for y in cycle["fiscal_years"])
    assert isinstance(plan["preface"]["stated_items_per_dimension"], dict)
    for risk in plan["risks"]:
        assert isinstance(risk["number"], int) and isinstance(risk["process"], str)
        assert all(isinstance(x, str) for x in risk["issues"] + risk["controls"])
        assert isinstance(risk["level"], str) and isinstance(risk["line"], int)
    assert set(plan["intro"]) == {"rationale", "objectives", "goals", "benefits"}
    for goal in plan["goals"]:
        assert isinstance(goal["indicator"], str)
        for year, target in goal["targets"].items():
            assert year.isdigit() and set(target) == {"text", "value", "unit"}
    for dim in plan["dimensions"]:
        assert isinstance(dim["number"], int) and isinstance(dim["name"], str)
        for mission in dim["missions"]:
            assert re.fullmatch(r"\d\.\d+", mission["code"])
        for entry in dim["summary"]["items"]:
            assert isinstance(entry["seq"], int)
            assert all(v is None or re.fullmatch(r"\d+(\.\d+)?", v) for v in entry["budget"].values())
        assert all(isinstance(v, int) for v in dim["summary"]["stated_counts"].values())
    assert set(plan["summary_total"]) == {"stated_counts", "stated_budget", "intro_counts"}
    assert plan["items"], "a parsed plan always has items"
    for item in plan["items"]:
        assert isinstance(item["number"], int) and isinstance(item["line"], int)
        assert isinstance(item["dimension"], int)
        dim = next(d for d in plan["dimensions"] if d["number"] == item["dimension"])
        assert item["mission"] == "" or item["mission"] in {m["code"] for m in dim["missions"]}
        assert item["mission"] == "" or item["mission"].startswith(f"{item['dimension']}.")
        assert item["type"] in TYPES
        assert isinstance(item["name"], str)
        for key in ("rationale", "objectives", "steps", "sections_missing"):
            assert all(isinstance(x, str) for x in item[key])
        budget = item["budget"]
        assert budget["uses_budget"] in (True, False, None) and budget["placeholder"] in (True, False)
        assert all(v is None or re.fullmatch(r"\d+(\.\d+)?", v) for v in budget["per_year"].values())
        assert set(item["responsible"]) == {"text", "unit", "placeholder"}
        for kpi in item["outputs"] + item["outcomes"]:
            assert isinstance(kpi["text"], str) and kpi["text"]
            target = kpi["target"]
            if target is not None:
                assert target["op"] in (">=", "<=", "=") and target["unit"] in UNITS
                assert re.fullmatch(r"\d+(\.\d+)?", target["value"])
    for warning in plan["warnings"]:
        assert set(warning) == {"code", "where", "message"} and THAI_RE.search(warning["message"])


@pytest.fixture(scope="module")
def seed():
    return parse_plan(seed_bytes(), "laemsom_plan_2566_2570.txt")


def item(plan, number):
    return next(i for i in plan["items"] if i["number"] == number)


# --- the seed, as a reviewer would check it ------------------------------------------------------


def test_seed_has_the_contract_shape(seed):
    assert_plan_shape(seed)
    assert seed["source"]["kind"] == "text"


def test_seed_header_organization_and_cycle(seed):
    assert seed["title"].startswith("แผนปฏิบัติการป้องกันการทุจริต")
    assert seed["organization"] == {"name": "องค์การบริหารส่วนตำบลแหลมสอม", "type": "sao"}
    assert seed["cycle"] == {
        "first_year": 2566,
        "last_year": 2570,
        "fiscal_years": [2566, 2567, 2568, 2569, 2570],
    }
    assert seed["preface"] == {
        "stated_total_items": 27,
        "stated_items_per_dimension": {"1": 5, "2": 12, "3": 4, "4": 6},
    }


def test_seed_has_27_items_in_4_dimensions_and_12_missions(seed):
    assert [i["number"] for i in seed["items"]] == list(range(1, 28))
    assert [d["number"] for d in seed["dimensions"]] == [1, 2, 3, 4]
    codes = [m["code"] for d in seed["dimensions"] for m in d["missions"]]
    assert codes == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"]
    per_dim = {d: sum(1 for i in seed["items"] if i["dimension"] == d) for d in (1, 2, 3, 4)}
    assert per_dim == {1: 5, 2: 12, 3: 4, 4: 6}
    assert seed["dimensions"][0]["name"] == "การสร้างวัฒนธรรมสุจริต"
    assert seed["dimensions"][3]["name"] == "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"


def test_seed_item_types_match_what_part_2_states(seed):
    counts = {}
    for i in seed["items"]:
        counts[i["type"]] = counts.get(i["type"], 0) + 1
    assert counts == {"project": 4, "measure": 12, "activity": 11}
    # Part 2 says 3 projects and 11 activities: item 6 is a โครงการ in Part 3 but a มาตรการ in Part 2
    assert seed["summary_total"]["stated_counts"] == {"project": 3, "measure": 13, "activity": 11}
    assert item(seed, 6)["type"] == "project"


def test_seed_items_get_their_mission_from_part_2(seed):
    missions = {i["number"]: i["mission"] for i in seed["items"]}
    assert missions[1] == "1.1" and missions[2] == "1.1" and missions[3] == "1.1"
    assert missions[4] == "1.2" and missions[5] == "1.2"
    assert missions[6] == "2.1" and missions[7] == "2.1" and missions[8] == "2.1"
    assert missions[11] == "2.3" and missions[17] == "2.3"
    assert missions[18] == "3.1" and missions[19] == "3.2" and missions[20] == "3.3"
    assert missions[22] == "4.1" and missions[24] == "4.2" and missions[27] == "4.3"
    assert all(i["mission"].startswith(f"{i['dimension']}.") for i in seed["items"])


def test_seed_item_1_in_full(seed):
    one = item(seed, 1)
    assert one["line"] == 160
    assert one["dimension"] == 1 and one["mission"] == "1.1" and one["type"] == "measure"
    assert one["name"] == "มาตรการ “ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมขององค์การบริหารส่วนตำบลแหลมสอม”"
    assert len(one["rationale"]) == 2 and one["rationale"][1].startswith("ดังนั้น เพื่อให้เกิดความโปร่งใส")
    assert len(one["objectives"]) == 5 and one["objectives"][0].startswith("เพื่อเป็นเครื่องมือกำกับ")
    assert one["target_group"].endswith("จำนวน 53 คน")
    assert len(one["steps"]) == 7 and one["steps"][-1] == "รายงานผลการดำเนินการ"
    assert one["duration"] == "ปีงบประมาณ พ.ศ. 2566 – 2570"
    assert one["budget"] == {
        "text": "ไม่ใช้งบประมาณ",
        "uses_budget": False,
        "placeholder": False,
        "per_year": dict.fromkeys(YEARS, "0"),
    }
    assert one["responsible"] == {
        "text": "สำนักปลัด องค์การบริหารส่วนตำบลแหลมสอม",
        "unit": "สำนักปลัด",
        "placeholder": False,
    }
    assert one["outputs"][0] == {
        "text": "มีการเผยแพร่ประมวลจริยธรรม อย่างน้อย 3 ช่องทาง",
        "target": {"op": ">=", "value": "3", "unit": "channel"},
    }
    assert one["outputs"][1]["target"] == {"op": ">=", "value": "80", "unit": "percent"}
    assert len(one["outcomes"]) == 1 and one["outcomes"][0]["target"] is None
    assert one["sections_missing"] == []


def test_seed_budgets_per_fiscal_year(seed):
    assert item(seed, 2)["budget"]["per_year"] == dict.fromkeys(YEARS, "20000")
    assert item(seed, 6)["budget"]["per_year"] == dict.fromkeys(YEARS, "7200")
    assert item(seed, 6)["budget"]["uses_budget"] is True
    # Part 3 gives item 8 (NO Gift Policy) "0 บาท"; the 7,200 of Part 2's mission 2.1 belongs to item 6
    assert item(seed, 8)["budget"]["text"] == "0 บาท"
    assert item(seed, 8)["budget"]["per_year"] == dict.fromkeys(YEARS, "0")
    assert item(seed, 18)["budget"]["per_year"]["2570"] == "10000"
    assert item(seed, 24)["budget"]["per_year"]["2566"] == "40000"
    assert item(seed, 22)["budget"]["text"] == "ไม่ใช้งบประมาณดำเนินการ"
    assert item(seed, 22)["budget"]["uses_budget"] is False


def test_seed_template_placeholders_are_flagged_not_fatal(seed):
    last = item(seed, 27)
    assert last["budget"]["text"] == "ระบุงบประมาณที่ใช้ดำเนินการ"
    assert last["budget"]["placeholder"] is True and last["budget"]["uses_budget"] is None
    assert last["budget"]["per_year"] == dict.fromkeys(YEARS)
    assert last["responsible"] == {"text": "ระบุหน่วยงานที่รับผิดชอบดำเนินการ", "unit": "", "placeholder": True}
    seven = item(seed, 7)  # the same placeholders, one of them mistyped ("ระบุนายงาน…")
    assert seven["budget"]["placeholder"] and seven["responsible"]["placeholder"]
    flagged = [
        i["number"] for i in seed["items"] if i["budget"]["placeholder"] or i["responsible"]["placeholder"]
    ]
    assert flagged == [7, 27]


def test_seed_responsible_units(seed):
    units = {i["responsible"]["unit"] for i in seed["items"] if not i["responsible"]["placeholder"]}
    assert units == {"สำนักปลัด", "กองคลัง"}
    assert item(seed, 12)["responsible"]["unit"] == "กองคลัง"
    assert item(seed, 4)["responsible"]["unit"] == "สำนักปลัด"  # written without a space before the org


def test_seed_outputs_and_outcomes_with_targets(seed):
    assert item(seed, 8)["outputs"][0]["target"] == {"op": "=", "value": "1", "unit": "report"}
    assert item(seed, 12)["outputs"][0]["target"] == {"op": ">=", "value": "1", "unit": "times"}
    assert item(seed, 17)["outputs"][0]["target"] == {"op": ">=", "value": "4", "unit": "report"}
    assert item(seed, 9)["outcomes"][0]["target"] == {"op": ">=", "value": "85", "unit": "score"}
    assert item(seed, 20)["outcomes"][0]["target"] == {"op": ">=", "value": "10", "unit": "percent"}
    # a wrapped output line continued after a blank line stays one output
    sixteen = item(seed, 16)["outputs"]
    assert len(sixteen) == 1 and sixteen[0]["text"].endswith("องค์การบริหารส่วนตำบลแหลมสอม พ.ศ. 2566 - 2570")
    # the "#####" banner before the next dimension is not an outcome
    assert all("#" not in k["text"] for i in seed["items"] for k in i["outputs"] + i["outcomes"])
    with_target = sum(1 for i in seed["items"] for k in i["outputs"] + i["outcomes"] if k["target"])
    assert with_target >= 25


def test_seed_headings_vary_but_sections_are_found(seed):
    # "9.ผลผลิต/ผลลัพธ์" without a space, "5. วิธีดำเนินงาน", "6. ระยะเวลาการดำเนินการ", ...
    assert all(i["sections_missing"] == [] for i in seed["items"])
    assert item(seed, 7)["outputs"] and item(seed, 21)["steps"] and item(seed, 22)["duration"]
    assert len(item(seed, 25)["steps"]) == 3


def test_seed_part_2_summary_as_stated(seed):
    d1, d2, d3, d4 = seed["dimensions"]
    assert d1["summary"]["stated_counts"] == {"project": 1, "measure": 1, "activity": 3}
    assert d1["summary"]["stated_budget"] == dict.fromkeys(YEARS, "20000")
    assert d2["summary"]["stated_counts"] == {"project": 0, "measure": 8, "activity": 4}
    assert d2["summary"]["stated_budget"] == dict.fromkeys(YEARS, "7200")
    assert d3["summary"]["stated_budget"] == dict.fromkeys(YEARS, "10000")
    assert d4["summary"]["stated_counts"] == {"project": 1, "measure": 3, "activity": 2}
    assert d4["summary"]["stated_budget"] == dict.fromkeys(YEARS, "40000")
    assert seed["summary_total"]["stated_budget"] == dict.fromkeys(YEARS, "70000")
    assert seed["summary_total"]["intro_counts"] == {"project": 3, "measure": 13, "activity": 11}
    assert [len(d["summary"]["items"]) for d in seed["dimensions"]] == [5, 12, 4, 6]
    entries = {(d["number"], e["seq"]): e for d in seed["dimensions"] for e in d["summary"]["items"]}
    assert entries[(1, 1)]["name"] == "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต"
    assert entries[(1, 1)]["budget"] == dict.fromkeys(YEARS, "20000")
    assert entries[(1, 3)]["name"].startswith("กิจกรรมยกย่องเชิดชูเกียรติ")  # written "3..กิจกรรม"
    assert entries[(2, 2)]["budget"] == dict.fromkeys(YEARS, "7200")
    assert entries[(2, 3)]["budget"] == dict.fromkeys(YEARS)  # "-"
    assert (
        entries[(3, 1)]["budget"]["2566"] == "10000" and entries[(3, 2)]["budget"]["2566"] is None
    )  # "10,000 -"
    assert entries[(4, 3)]["budget"]["2570"] == "40000" and entries[(4, 4)]["budget"]["2570"] is None
    assert entries[(4, 5)]["budget"] == dict.fromkeys(YEARS) and entries[(4, 6)]["mission"] == "4.3"  # "- -"


def test_seed_goals_table(seed):
    cases, ita = seed["goals"]
    assert cases["indicator"] == "จำนวนคดีทุจริตลดลง (คำนวณจากปี 2565)"
    assert [cases["targets"][y]["value"] for y in YEARS] == ["5", "10", "15", "20", "25"]
    assert cases["targets"]["2566"] == {"text": "ร้อยละ 5", "value": "5", "unit": "percent"}
    assert ita["indicator"] == "คะแนน ITA"
    assert [ita["targets"][y]["value"] for y in YEARS] == ["96.5", "97", "97.5", "98", "98.5"]
    assert {t["unit"] for t in ita["targets"].values()} == {"score"}


def test_seed_risk_table(seed):
    risks = seed["risks"]
    assert [r["number"] for r in risks] == [1, 2, 3, 4]
    assert [r["line"] for r in risks] == [52, 53, 54, 58]
    assert {r["level"] for r in risks} == {"ปานกลาง"}
    assert [len(r["issues"]) for r in risks] == [3, 1, 2, 3]
    assert [len(r["controls"]) for r in risks] == [6, 4, 7, 6]
    assert risks[1]["process"] == "การบริหารงานบุคคล"
    assert risks[3]["controls"][0] == "มาตรการ NO Gift Policy"


def test_seed_risk_row_3_is_merged_across_the_page_break(seed):
    row = seed["risks"][2]
    # the row continues after the repeated header: its cells join the cells above them
    assert row["issues"][0].endswith("หรือใช้เงินไม่ เกิดประโยชน์กับราชการ")
    assert row["issues"][1] == "นำทรัพย์สินของทางราชการไปใช้ประโยชน์ส่วนตัว"
    assert row["controls"][2] == "มาตรการป้องกันผลประโยชน์ ทับซ้อนขององค์การบริหารส่วนตำบล แหลมสอม"
    assert row["controls"][6] == "กิจกรรมอบรมให้ความรู้ระเบียบข้อกฎหมายต่างๆที่เกี่ยวข้อง"
    assert row["level"] == "ปานกลาง"
    assert all("<p>" not in x for x in row["issues"] + row["controls"])


def test_seed_intro_lists(seed):
    intro = seed["intro"]
    assert len(intro["rationale"]) == 5
    assert len(intro["objectives"]) == 5 and intro["objectives"][0].startswith("เพื่อแสดงเจตจำนงสุจริต")
    assert len(intro["goals"]) == 2
    assert len(intro["benefits"]) == 5 and intro["benefits"][2].startswith("องค์การบริหารส่วนตำบลแหลมสอ")


def test_seed_warnings_are_the_readers_own_notes(seed):
    codes = [w["code"] for w in seed["warnings"]]
    assert codes.count("typo.dimension_heading") == 3  # "มติที่ 1", "มติที่ 2", "มติที่ 3"
    assert "summary.budget_rows" in codes  # mission 2.2: seven items, five budget rows
    assert not any(c.startswith("item.") for c in codes)


def test_docx_twin_parses_to_the_same_plan(seed):
    data = build_docx(seed_bytes().decode("utf-8"))
    twin = parse_plan(data, "laemsom.docx")
    assert twin["source"]["kind"] == "docx"
    assert_plan_shape(twin)
    left, right = copy.deepcopy(seed), copy.deepcopy(twin)
    left.pop("source"), right.pop("source")
    assert left == right


def test_docx_with_merged_cells_reads_each_cell_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "merged"
    table.cell(0, 1).text, table.cell(0, 2).text = "a", "b"
    table.cell(1, 1).text, table.cell(1, 2).text = "c", "d"
    out = io.BytesIO()
    document.save(out)
    from sujarit.plans.parsing.reader import read_lines

    lines, kind, _ = read_lines(out.getvalue(), "t.docx")
    assert kind == "docx" and lines == ["merged\ta\tb", "\tc\td"]


# --- other encodings and forms of the text -------------------------------------------------------


def test_bom_crlf_and_thai_digits_read_the_same(seed):
    text = seed_bytes().decode("utf-8")
    variant = "\ufeff" + text.replace("\n", "\r\n").replace("2566", "๒๕๖๖").replace("ลำดับที่ 14", "ลำดับที่ ๑๔")
    plan = parse_plan(variant.encode("utf-8"), "plan.txt")
    assert len(plan["items"]) == 27 and item(plan, 14)["line"] == item(seed, 14)["line"]
    assert plan["cycle"]["fiscal_years"] == seed["cycle"]["fiscal_years"]
    assert item(plan, 1)["budget"] == item(seed, 1)["budget"]


def test_tis620_file_is_read_with_a_note(seed):
    text = seed_bytes().decode("utf-8").replace("“", '"').replace("”", '"').replace("–", "-")
    plan = parse_plan(text.encode("cp874", errors="replace"), "plan.txt")
    assert len(plan["items"]) == 27
    assert "reader.encoding" in [w["code"] for w in plan["warnings"]]


# --- broken files: a Thai message saying where reading stopped ----------------------------------


def thai_error(data, filename="plan.txt"):
    with pytest.raises(PlanParseError) as info:
        parse_plan(data, filename)
    message = str(info.value)
    assert THAI_RE.search(message), message
    return info.value


def test_document_cut_inside_an_item_says_where_reading_stopped():
    lines = seed_bytes().decode("utf-8").split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("ลำดับที่ 14"))
    cut = next(n for n in range(start, len(lines)) if lines[n].startswith("9. ผลผลิต"))
    error = thai_error("\n".join(lines[:cut]).encode("utf-8"))
    assert "ลำดับที่ 14" in error.message and "9. ผลผลิต/ผลลัพธ์" in error.message
    assert f"บรรทัดที่ {error.line}" in error.message and error.line <= cut
    assert error.where == "ส่วนที่ 3 ลำดับที่ 14"


def test_document_cut_before_part_3_says_so():
    text = seed_bytes().decode("utf-8")
    error = thai_error(text[: text.index("ส่วนที่ 3\n")].encode("utf-8"))
    assert "ส่วนที่ 2" in error.message and "ส่วนที่ 3" in error.message


def test_document_cut_after_the_outputs_of_the_last_item():
    text = seed_bytes().decode("utf-8")
    error = thai_error(text[: text.rindex("ผลลัพธ์")].encode("utf-8"))
    assert "ลำดับที่ 27" in error.message and "ผลลัพธ์" in error.message


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "ว่าง"),
        (b"   \r\n\n", "ว่าง"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"%PDF-1.7\n...", "PDF"),
        (bytes(range(256)) * 4, "ไบนารี"),
        ("สวัสดีครับ นี่คือบันทึกการประชุม\nไม่ใช่แผน".encode(), "ไม่ใช่แผน"),
    ],
)
def test_files_that_are_not_plans(data, words):
    assert words in thai_error(data).message


def test_zip_that_is_not_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert ".docx" in thai_error(out.getvalue(), "plan.docx").message


def test_truncated_docx():
    data = build_docx("ส่วนที่ 3\n\nลำดับที่ 1\n")
    assert "docx" in thai_error(data[: len(data) // 2], "plan.docx").message


def test_plan_without_item_blocks_is_refused():
    text = seed_bytes().decode("utf-8")
    text = re.sub(r"ลำดับที่ \d+", "รายการ", text)
    assert "ลำดับที่" in thai_error(text.encode("utf-8")).message


# --- the number and target readers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20,000บาท", ["20000"]),
        ("จำนวน7,200 บาท", ["7200"]),
        ("10,000 -", ["10000", None]),
        ("-", [None]),
        ("- -", [None, None]),
        ("1,234.50 บาท", ["1234.50"]),
        ("ไม่ใช้งบประมาณ", ["0"]),
    ],
)
def test_money_tokens(text, expected):
    assert money_tokens(text) == expected


def test_stated_counts():
    assert stated_counts("จำนวน 1 โครงการ 3 มาตรการ 2กิจกรรม") == {"project": 1, "measure": 3, "activity": 2}
    assert stated_counts("จำนวน 0 โครงการ 8 มาตรการ 4 กิจกรรม")["project"] == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("มีการเผยแพร่ อย่างน้อย 3 ช่องทาง", (">=", "3", "channel")),
        ("มีความพึงพอใจ ไม่น้อยกว่าร้อยละ 80", (">=", "80", "percent")),
        ("ไม่ต่ำกว่า ร้อยละ 80 ของผู้มาขอรับบริการ", (">=", "80", "percent")),
        ("มีประกาศใช้ จำนวน 1 ฉบับ", ("=", "1", "report")),
        ("ประชุม อย่างน้อย ไตรมาสละ 1 ครั้ง", (">=", "1", "times")),
        ("ผ่านเกณฑ์การประเมิน (85 คะแนนขึ้นไป)", (">=", "85", "score")),
        ("แก้ไขข้อร้องเรียนภายใน 15 วัน", ("<=", "15", "day")),
        ("กิจกรรมการควบคุมภายในร้อยละ 80 ได้ดำเนินการแก้ไข", ("=", "80", "percent")),
        ("ข้อผิดพลาดลดลงร้อยละ 80", (">=", "80", "percent")),
        ("ผู้เข้าร่วมไม่น้อยกว่า 50 คน", (">=", "50", "person")),
        ("ไม่เกินร้อยละ 5", ("<=", "5", "percent")),
    ],
)
def test_find_target(text, expected):
    target = find_target(text)
    assert (target["op"], target["value"], target["unit"]) == expected


def test_texts_without_a_target():
    assert find_target("ภาคประชาชนมีส่วนร่วมในการตรวจสอบ") is None
    assert find_target("ปีงบประมาณ พ.ศ. 2566 - 2570") is None


def test_docx_typed_in_word_without_empty_paragraphs_or_typed_numbers():
    """A plan typed in Word: no empty paragraphs between paragraphs, headings numbered by Word itself."""
    import docx

    document = docx.Document()
    for text in [
        "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2567 - 2570)",
        "เทศบาลตำบลบ้านทดสอบ",
        "ส่วนที่ 3",
        "มิติที่ 1 การสร้างวัฒนธรรมสุจริต",
        "ลำดับที่ 1",
        "ชื่อโครงการ : โครงการอบรมคุณธรรม",
        "หลักการและเหตุผล",
        "ย่อหน้าแรกของหลักการและเหตุผล",
        "ย่อหน้าที่สองของหลักการและเหตุผล",
        "วัตถุประสงค์",
        "เพื่อส่งเสริมคุณธรรมจริยธรรมของพนักงานเทศบาลทุกคนให้ปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริตและโปร่งใส",
        "ป้องกันการทุจริตในหน่วยงาน",  # Word numbers these itself: two paragraphs, not one wrapped line
        "กลุ่มเป้าหมาย",
        "พนักงานเทศบาล จำนวน 40 คน",
        "วิธีดำเนินการ",
        "1) จัดอบรม",
        "ระยะเวลาดำเนินการ",
        "ปีงบประมาณ พ.ศ. 2567 - 2570",
        "งบประมาณดำเนินการ",
        "15,000 บาท",
        "ผู้รับผิดชอบ",
        "กองคลัง เทศบาลตำบลบ้านทดสอบ",
        "ผลผลิต/ผลลัพธ์",
        "ผลผลิต",
        "ผู้เข้าอบรมไม่น้อยกว่าร้อยละ 90",
        "ผลลัพธ์",
        "ไม่มีเรื่องร้องเรียน",
    ]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    plan = parse_plan(out.getvalue(), "word.docx")
    assert_plan_shape(plan)
    assert plan["organization"] == {"name": "เทศบาลตำบลบ้านทดสอบ", "type": "tambon_muni"}
    assert plan["cycle"]["fiscal_years"] == [2567, 2568, 2569, 2570]
    (only,) = plan["items"]
    assert only["name"] == "โครงการอบรมคุณธรรม" and only["type"] == "project" and only["dimension"] == 1
    assert only["rationale"] == ["ย่อหน้าแรกของหลักการและเหตุผล", "ย่อหน้าที่สองของหลักการและเหตุผล"]
    assert only["objectives"] == [
        "เพื่อส่งเสริมคุณธรรมจริยธรรมของพนักงานเทศบาลทุกคนให้ปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริตและโปร่งใส",
        "ป้องกันการทุจริตในหน่วยงาน",
    ]
    assert only["budget"]["per_year"] == {"2567": "15000", "2568": "15000", "2569": "15000", "2570": "15000"}
    assert only["responsible"]["unit"] == "กองคลัง"
    assert only["outputs"][0]["target"] == {"op": ">=", "value": "90", "unit": "percent"}
    assert only["outcomes"][0]["text"] == "ไม่มีเรื่องร้องเรียน"
    assert only["sections_missing"] == []


def test_contents_written_as_paragraphs_do_not_move_the_parts(seed):
    """ "ส่วนที่ 3 … 11 - 67" in the contents (without a table) is not where Part 3 starts."""
    lines = seed_bytes().decode("utf-8").split("\n")
    lines[33:43] = [line.replace("\t", " ") for line in lines[33:43]]
    plan = parse_plan("\n".join(lines).encode("utf-8"), "plan.txt")
    assert plan["items"] == seed["items"] and plan["risks"] == seed["risks"]
    assert plan["dimensions"] == seed["dimensions"] and plan["goals"] == seed["goals"]


def test_docx_with_merged_summary_cells_reads_the_same_summary(seed):
    """Word users merge the dimension column down and the "รวม" label across two columns."""
    import docx

    document = docx.Document(io.BytesIO(build_docx(seed_bytes().decode("utf-8"))))
    merged = 0
    for table in document.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if not rows or len(rows[0]) < 8:  # the Part 2 tables (nine columns)
            continue
        for r, cells in enumerate(rows):
            if cells[1] in ("รวม", "รวมทั้งสิ้น") and not cells[0]:
                table.cell(r, 0).merge(table.cell(r, 1))
                merged += 1
        starts = [r for r, cells in enumerate(rows) if re.match(r"\d\.", cells[0])]
        for a, b in zip(starts, [*starts[1:], len(rows)], strict=False):
            last = max(r for r in range(a, b) if not rows[r][1].startswith("รวม"))
            if last > a:
                table.cell(a, 0).merge(table.cell(last, 0))
                merged += 1
    assert merged >= 8
    out = io.BytesIO()
    document.save(out)
    plan = parse_plan(out.getvalue(), "merged.docx")
    assert plan["dimensions"] == seed["dimensions"]
    assert plan["summary_total"] == seed["summary_total"]
    assert plan["items"] == seed["items"]


def mini_plan(
    budget="ไม่ใช้งบประมาณ",
    responsible="กองคลัง เทศบาลเมืองทดสอบ",
    duration="ปีงบประมาณ พ.ศ. 2566 - 2570",
    drop=(),
):
    """A one-item plan in the text form, with the given section texts; sections in drop are left out."""
    sections = [
        ("1. ชื่อโครงการ : โครงการทดสอบ", None),
        ("2. หลักการและเหตุผล", "เหตุผลของโครงการ"),
        ("3. วัตถุประสงค์", "1) เพื่อทดสอบ"),
        ("4. กลุ่มเป้าหมาย", "พนักงาน"),
        ("5. วิธีดำเนินการ", "1) ดำเนินการ"),
        ("6. ระยะเวลาดำเนินการ", duration),
        ("7. งบประมาณดำเนินการ", budget),
        ("8. ผู้รับผิดชอบ", responsible),
        ("9. ผลผลิต/ผลลัพธ์", "ผลผลิต\n\nมีรายงาน จำนวน 1 ฉบับ\n\nผลลัพธ์\n\nไม่มีเรื่องร้องเรียน"),
    ]
    body = [
        "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 - 2570)",
        "",
        "ส่วนที่ 3",
        "",
        "มิติที่ 1 การสร้างวัฒนธรรมสุจริต",
        "",
        "ลำดับที่ 1",
        "",
    ]
    for number, (heading, text) in enumerate(sections, 1):
        if number in drop:
            continue
        body += [heading, ""] + ([text, ""] if text else [])
    return parse_plan("\n".join(body).encode("utf-8"), "mini.txt")


@pytest.mark.parametrize(
    "text, per_year, uses",
    [
        ("20,000 บาท", dict.fromkeys(YEARS, "20000"), True),
        ("0 บาท", dict.fromkeys(YEARS, "0"), False),
        ("ไม่ใช้งบประมาณดำเนินการ", dict.fromkeys(YEARS, "0"), False),
        (
            "ปี 2566 จำนวน 10,000 บาท ปี 2567 จำนวน 12,000 บาท",
            {"2566": "10000", "2567": "12000", "2568": None, "2569": None, "2570": None},
            True,
        ),
        (
            "1,000 บาท 2,000 บาท 3,000 บาท 4,000 บาท 5,000 บาท",
            dict(zip(YEARS, ["1000", "2000", "3000", "4000", "5000"], strict=True)),
            True,
        ),
        ("ระบุงบประมาณที่ใช้ดำเนินการ", dict.fromkeys(YEARS), None),
    ],
)
def test_item_budget_forms(text, per_year, uses):
    (only,) = mini_plan(budget=text)["items"]
    assert only["budget"]["per_year"] == per_year and only["budget"]["uses_budget"] is uses


def test_item_budget_only_in_the_years_of_its_duration():
    (only,) = mini_plan(budget="5,000 บาท", duration="ปีงบประมาณ พ.ศ. 2567 - 2568")["items"]
    assert only["budget"]["per_year"] == {
        "2566": None,
        "2567": "5000",
        "2568": "5000",
        "2569": None,
        "2570": None,
    }


def test_responsible_unit_of_other_kinds_of_organization():
    (only,) = mini_plan(responsible="กองคลัง เทศบาลเมืองทดสอบ")["items"]
    assert only["responsible"]["unit"] == "กองคลัง"
    (only,) = mini_plan(responsible="กองช่างองค์การบริหารส่วนจังหวัดทดสอบ")["items"]
    assert only["responsible"]["unit"] == "กองช่าง"


def test_sections_missing_in_a_middle_item_are_reported_not_fatal():
    (only,) = mini_plan(drop=(3, 7))["items"]
    assert only["sections_missing"] == ["objectives", "budget"]
    assert only["budget"]["uses_budget"] is None and only["outputs"][0]["target"]["unit"] == "report"


def test_docx_paragraphs_inside_content_controls_are_read():
    """Templates often wrap their parts in content controls (w:sdt); their paragraphs still count."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document(io.BytesIO(build_docx(seed_bytes().decode("utf-8"))))
    body = document.element.body
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    children = [c for c in body.iterchildren() if not c.tag.endswith("sectPr")]
    half = len(children) // 2
    children[half - 1].addnext(sdt)
    for child in children[half:]:
        content.append(child)  # the second half of the document moves into the control
    out = io.BytesIO()
    document.save(out)
    plan = parse_plan(out.getvalue(), "controls.docx")
    assert [i["number"] for i in plan["items"]] == list(range(1, 28))
