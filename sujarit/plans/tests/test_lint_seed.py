"""The lint on the customer's plan (อบต.แหลมสอม, 2566–2570): it names the document's real defects, and a
copy with those defects corrected lints clean — so it does not cry wolf."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sujarit.plans.demo import SEED
from sujarit.plans.lint import CODES, has_errors, lint_plan
from sujarit.plans.parsing import PlanParseError, parse_plan

R = "ส่วนที่ 1 การประเมินความเสี่ยง ลำดับที่"

# The seed's defects as a careful NACC reviewer reads them, as (code, where).
EXPECTED = [
    # Part 2: the grand total says 70,000 a year; the dimensions say 20,000 + 7,200 + 10,000 + 40,000.
    ("summary.grand_total_mismatch", "ส่วนที่ 2 รวมทั้งสิ้น"),
    # Dimension 2 states 0 projects 8 measures, but Part 3 details item 6 as a project (see below).
    ("summary.counts_mismatch_part3", "ส่วนที่ 2 มิติที่ 2"),
    ("items.type_mismatch", "ส่วนที่ 3 ลำดับที่ 6 หัวข้อ 1. ชื่อโครงการ"),  # Part 2 มาตรการ…, Part 3 โครงการ…
    # Items 7 and 27 still carry the template's "ระบุงบประมาณที่ใช้ดำเนินการ" / "ระบุ…หน่วยงาน…".
    ("items.placeholder", "ส่วนที่ 3 ลำดับที่ 7 หัวข้อ 7. งบประมาณ"),
    ("items.placeholder", "ส่วนที่ 3 ลำดับที่ 7 หัวข้อ 8. ผู้รับผิดชอบ"),
    ("items.placeholder", "ส่วนที่ 3 ลำดับที่ 27 หัวข้อ 7. งบประมาณ"),
    ("items.placeholder", "ส่วนที่ 3 ลำดับที่ 27 หัวข้อ 8. ผู้รับผิดชอบ"),
    # Names that differ between Part 2 and Part 3: เลื่อนขั้น/เลื่อนขึ้น, มอบหมายงาน/มอบหมาย, ได้รับทราบ/ได้ทราบ.
    ("items.name_mismatch", "ส่วนที่ 3 ลำดับที่ 11 หัวข้อ 1. ชื่อโครงการ"),
    ("items.name_mismatch", "ส่วนที่ 3 ลำดับที่ 17 หัวข้อ 1. ชื่อโครงการ"),
    ("items.name_mismatch", "ส่วนที่ 3 ลำดับที่ 26 หัวข้อ 1. ชื่อโครงการ"),
    # Items whose outputs and outcomes state no measurable target (info).
    ("items.no_measurable_target", "ส่วนที่ 3 ลำดับที่ 3 หัวข้อ 9. ผลผลิต"),
    ("items.no_measurable_target", "ส่วนที่ 3 ลำดับที่ 5 หัวข้อ 9. ผลผลิต"),
    ("items.no_measurable_target", "ส่วนที่ 3 ลำดับที่ 18 หัวข้อ 9. ผลผลิต"),
    ("items.no_measurable_target", "ส่วนที่ 3 ลำดับที่ 26 หัวข้อ 9. ผลผลิต"),
    ("items.no_measurable_target", "ส่วนที่ 3 ลำดับที่ 27 หัวข้อ 9. ผลผลิต"),
    # Goal (1) says corruption cases fall 50% in 2566; the goals table says 5% for 2566 (25% by 2570).
    ("goals.text_mismatch", "ส่วนที่ 1 เป้าหมาย ข้อ 1"),
    # Risk-table controls no plan item carries (พัฒนาศักยภาพ…, สร้างจิตสำนึก…, ป้องกันการใช้จ่ายงบประมาณ…,
    # ทรัพย์สินของทางราชการ, อบรมระเบียบวินัย, อบรมข้อกฎหมาย, ให้ความรู้คุณธรรม, เกียรติบัตรบุคคลต้นแบบ,
    # บัตรคิวเพื่อสร้างความยุติธรรม (the plan has บัตรคิวในการติดต่อราชการ), ช่องทางการเข้าถึงข้อมูลข่าว).
    ("risks.control_not_in_plan", f"{R} 1 มาตรการที่ 1"),
    ("risks.control_not_in_plan", f"{R} 1 มาตรการที่ 4"),
    ("risks.control_not_in_plan", f"{R} 3 มาตรการที่ 4"),
    ("risks.control_not_in_plan", f"{R} 3 มาตรการที่ 5"),
    ("risks.control_not_in_plan", f"{R} 3 มาตรการที่ 6"),
    ("risks.control_not_in_plan", f"{R} 3 มาตรการที่ 7"),
    ("risks.control_not_in_plan", f"{R} 4 มาตรการที่ 2"),
    ("risks.control_not_in_plan", f"{R} 4 มาตรการที่ 3"),
    ("risks.control_not_in_plan", f"{R} 4 มาตรการที่ 4"),
    ("risks.control_not_in_plan", f"{R} 4 มาตรการที่ 5"),
    # The organization's name cut short: "แหลมสอมีการ", "ตำบล แหลมสอ", "แหลมสอที่มี"; "สำนักปลัด องค์การบริหารส่วน".
    ("wording.org_name_truncated", "ส่วนที่ 1 ประโยชน์ของการจัดทำแผน ข้อ 3"),
    ("wording.org_name_truncated", "ส่วนที่ 1 ประโยชน์ของการจัดทำแผน ข้อ 4"),
    ("wording.org_name_truncated", "ส่วนที่ 1 ประโยชน์ของการจัดทำแผน ข้อ 5"),
    ("wording.org_name_truncated", "ส่วนที่ 3 ลำดับที่ 23"),
    # "องค์กรบริหารส่วนตำบลแหลมสอม" for "องค์การ…".
    ("wording.org_name_misspelt", "ส่วนที่ 2 มิติที่ 3 ลำดับที่ 3"),
    ("wording.org_name_misspelt", "ส่วนที่ 2 มิติที่ 4 ลำดับที่ 1"),
    ("wording.org_name_misspelt", "ส่วนที่ 3 ลำดับที่ 6"),
    ("wording.org_name_misspelt", "ส่วนที่ 3 ลำดับที่ 10"),
    ("wording.org_name_misspelt", "ส่วนที่ 3 ลำดับที่ 15"),
    # Misspelt words found by the general spelling check (each reviewed in test_lint_spelling.py).
    ("wording.typo", f"{R} 4"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 1"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 2"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 4"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 9"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 10"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 11"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 15"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 17"),
    ("wording.typo", "ส่วนที่ 3 ลำดับที่ 26"),
    # Copied from a municipality's plan: นายกเทศมนตรี/ปลัดเทศบาล (item 17), ข้อบัญญัติ/เทศบัญญัติ (item 18).
    ("wording.other_org_type", "ส่วนที่ 3 ลำดับที่ 17"),
    ("wording.other_org_type", "ส่วนที่ 3 ลำดับที่ 18"),
    # Part 3 banners "มติที่ 1/2/3" for "มิติที่" (the reader's note, passed on).
    ("typo.dimension_heading", "ส่วนที่ 3 บรรทัดที่ 154"),
    ("typo.dimension_heading", "ส่วนที่ 3 บรรทัดที่ 440"),
    ("typo.dimension_heading", "ส่วนที่ 3 บรรทัดที่ 1174"),
]

# The same defects corrected by text substitution: (wrong, right). Every one must still occur in the seed.
FIXES = [
    (
        "จำนวน70,000 บาท\tจำนวน70,000 บาท\tจำนวน70,000 บาท\tจำนวน 70,000 บาท\tจำนวน70,000 บาท",
        "จำนวน 77,200 บาท\tจำนวน 77,200 บาท\tจำนวน 77,200 บาท\tจำนวน 77,200 บาท\tจำนวน 77,200 บาท",
    ),
    ("ชื่อโครงการ : โครงการปรับปรุงและพัฒนาศูนย์ข้อมูลข่าวสาร", "ชื่อโครงการ : มาตรการปรับปรุงและพัฒนาศูนย์ข้อมูลข่าวสาร"),
    ("ระบุงบประมาณที่ใช้ดำเนินการ", "ไม่ใช้งบประมาณ"),
    ("ระบุนายงานที่รับผิดชอบดำเนินการ", "สำนักปลัด องค์การบริหารส่วนตำบลแหลมสอม"),
    ("ระบุหน่วยงานที่รับผิดชอบดำเนินการ", "สำนักปลัด องค์การบริหารส่วนตำบลแหลมสอม"),
    ("เลื่อนขึ้นเงินเดือน", "เลื่อนขั้นเงินเดือน"),
    ("ชื่อโครงการ : มาตรการออกคำสั่งมอบหมายขององค์การ", "ชื่อโครงการ : มาตรการออกคำสั่งมอบหมายงานขององค์การ"),
    ("มาตรการจัดการในกรณีได้รับทราบ หรือรับแจ้งหรือ", "มาตรการจัดการในกรณีได้ทราบ หรือรับแจ้ง หรือ"),
    (
        "จำนวนหน่วยงานและบุคคลที่ได้รับการยกย่องเชิดชูเกียรติ\n",
        "จำนวนหน่วยงานและบุคคลที่ได้รับการยกย่องเชิดชูเกียรติ ไม่น้อยกว่า 5 ราย\n",
    ),
    ("ได้รับการยกย่องเชิดชูเกียรติ\n\nผลลัพธ์", "ได้รับการยกย่องเชิดชูเกียรติ ไม่น้อยกว่า 5 ราย\n\nผลลัพธ์"),
    ("มีการจัดประชุมเวทีประชาคมในชุมชน ครอบคลุม", "มีการจัดประชุมเวทีประชาคมในชุมชน อย่างน้อยปีละ 1 ครั้ง ครอบคลุม"),
    ("หรือตรวจสอบพบการทุจริต\n\nผลลัพธ์", "หรือตรวจสอบพบการทุจริต จำนวน 1 มาตรการ\n\nผลลัพธ์"),
    ("ปลอดภัยสำหรับผู้ร้องเรียน\n", "ปลอดภัยสำหรับผู้ร้องเรียน อย่างน้อย 1 ช่องทาง\n"),
    ("ลดลง ร้อยละ 50 ในปี พ.ศ. 2566", "ลดลง ร้อยละ 25 ในปี พ.ศ. 2570"),
    # risk controls named as the items that carry them
    ("โครงการพัฒนาศักยภาพเพื่อเพิ่ม ประสิทธิภาพการทำงาน", "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต"),
    ("โครงการสร้างจิตสำนึกและความ ตระหนักในการต่อต้านการทุจริต", "กิจกรรมบูรณาการทุกภาคส่วนเพื่อต่อต้านการทุจริต"),
    ("มาตรการป้องกันการใช้จ่ายงบประมาณที่ไม่สมควร ผิดวัตถุประสงค์ ไม่มีประสิทธิภาพ", "กิจกรรมติดตามประเมินผลการควบคุมภายใน"),
    (
        "โครงการเสริมสร้างความโปร่งใสในการใช้ทรัพย์สินของทางราชการ",
        "มาตรการเปิดเผยข้อมูลสาธารณะและกำกับติดตามการเผยแพร่ข้อมูลสาธารณะ",
    ),
    ("กิจกรรมอบรมให้ความรู้เพื่อให้ข้าราชการปฏิบัติตามระเบียบวินัยข้าราชการ", "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม"),
    (
        "กิจกรรมอบรมให้ความรู้ระเบียบข้อกฎหมายต่างๆที่เกี่ยวข้อง",
        "โครงการส่งเสริมความรู้ด้านกฎ ระเบียบ และกฎหมายที่เกี่ยวข้องสำหรับผู้บริหารและสมาชิกสภาท้องถิ่น",
    ),
    ("กิจกรรมให้ความรู้ คุณธรรม จริยธรรม", "กิจกรรมยกย่องและเชิดชูเกียรติแก่บุคคล หน่วยงาน องค์กรดีเด่น"),
    ("กิจกรรมมอบเกียรติบัตรบุคคลต้นแบบ ด้านคุณธรรมจริยธรรม", "กิจกรรมการมอบประกาศเกียรติคุณแก่คณะกรรมการชุมชน"),
    ("กิจกรรม จัดทำบัตรคิวเพื่อสร้างความยุติธรรมแก่ผู้ติดต่อ", "กิจกรรมการใช้บัตรคิวในการติดต่อราชการ"),
    (
        "มาตรการจัดให้มีช่องทางการเข้าถึงข้อมูลข่าวขององค์การบริหารส่วนตำบล แหลมสอม (website/Facebook/Line/"
        "ศูนย์ข้อมูลข่าวสาร/รถประชาสัมพันธ์/เสียงตามสาย/วารสาร/ไวเนล/รายงานผลการดำเนินงาน).",
        "มาตรการปรับปรุงและพัฒนาศูนย์ข้อมูลข่าวสารเพื่อเผยแพร่ข้อมูลข่าวสารแก่ประชาชน",
    ),
    # the organization's name
    ("แหลมสอมีการ", "แหลมสอมมีการ"),
    ("ตำบล แหลมสอ\n", "ตำบล แหลมสอม\n"),
    ("แหลมสอที่มี", "แหลมสอมที่มี"),
    ("สำนักปลัด องค์การบริหารส่วน\n", "สำนักปลัด องค์การบริหารส่วนตำบลแหลมสอม\n"),
    ("องค์กรบริหารส่วน", "องค์การบริหารส่วน"),
    ("องค์กร บริหารส่วน", "องค์การ บริหารส่วน"),
    ("องค์กรบริหาร\n", "องค์การบริหาร\n"),
    ("องค์การปกครองส่วนท้องถิ่น", "องค์กรปกครองส่วนท้องถิ่น"),
    # misspelt key terms
    ("ประพฤตินิยมชอบ", "ประพฤติมิชอบ"),
    ("ประพฤตินิชอบ", "ประพฤติมิชอบ"),
    ("ประพทุติมิชอบ", "ประพฤติมิชอบ"),
    ("ช้อร้องเรียน", "ข้อร้องเรียน"),
    ("คุณพินิจ", "ดุลพินิจ"),
    ("จำป็น", "จำเป็น"),
    ("วิทยทัศน์", "วีดิทัศน์"),
    ("ทุกกระดับ", "ทุกระดับ"),
    ("แผนพับ", "แผ่นพับ"),
    ("กฏระเบียบ", "กฎระเบียบ"),
    # copied from a municipality's plan
    (
        "เช่น คำสั่งมอบหมายงานของนายกเทศมนตรี ปลัดเทศบาล และหัวหน้าส่วนราชการ จำนวน 4 ฉบับ "
        "นายกเทศมนตรีมอบหมายให้รองนายกเทศมนตรี นายกเทศมนตรีมอบหมายให้ปลัดเทศบาล รองปลัดเทศบาล "
        "และหัวหน้าส่วนราชการ ปลัดเทศบาลมอบหมายให้รองปลัดเทศบาล ปลัดเทศบาลมอบหมายให้หัวหน้าส่วนราชการ เป็นต้น",
        "เช่น คำสั่งมอบหมายงานของนายก อบต. ปลัด อบต. และหัวหน้าส่วนราชการ จำนวน 4 ฉบับ เป็นต้น",
    ),
    ("ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่าย", "ข้อบัญญัติงบประมาณรายจ่าย"),
    ("มติที่ ", "มิติที่ "),
]


@pytest.fixture(scope="module")
def seed_findings():
    return lint_plan(parse_plan(SEED.read_bytes(), SEED.name))


def test_seed_lint_names_its_real_defects_and_nothing_else(seed_findings):
    found = sorted((f.code, f.where) for f in seed_findings)
    missing = sorted(set(EXPECTED) - set(found))
    unexpected = sorted(set(found) - set(EXPECTED))
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}"
    assert found == sorted(EXPECTED)  # and each exactly once
    assert has_errors(seed_findings)


def test_seed_grand_total_message_names_the_figures(seed_findings):
    (total,) = [f for f in seed_findings if f.code == "summary.grand_total_mismatch"]
    assert total.severity == "error"
    assert total.message == (
        "รวมทั้งสิ้นปี 2566–2570 ระบุปีละ 70,000 บาท แต่ผลรวมของ 4 มิติ "
        "(20,000 + 7,200 + 10,000 + 40,000) เท่ากับปีละ 77,200 บาท"
    )


def test_seed_severities(seed_findings):
    for f in seed_findings:
        if f.code in CODES:
            assert f.severity == CODES[f.code][0], f.code
    by_code = {}
    for f in seed_findings:
        by_code.setdefault(f.code, set()).add(f.severity)
    for code in ("summary.grand_total_mismatch", "summary.counts_mismatch_part3", "items.type_mismatch"):
        assert by_code[code] == {"error"}
    assert by_code["items.placeholder"] == {"error"}
    assert by_code["items.no_measurable_target"] == {"info"}
    for code in ("wording.other_org_type", "wording.org_name_truncated", "risks.control_not_in_plan"):
        assert by_code[code] == {"warning"}


def test_seed_type_mismatch_names_both_parts(seed_findings):
    (f,) = [f for f in seed_findings if f.code == "items.type_mismatch"]
    assert "ส่วนที่ 2 มิติที่ 2 ลำดับที่ 2 ระบุเป็นมาตรการ" in f.message
    assert "ส่วนที่ 3 ลำดับที่ 6 ระบุเป็นโครงการ" in f.message
    (counts,) = [f for f in seed_findings if f.code == "summary.counts_mismatch_part3"]
    assert "“จำนวน 0 โครงการ 8 มาตรการ 4 กิจกรรม”" in counts.message
    assert "มี 1 โครงการ 7 มาตรการ 4 กิจกรรม (โครงการ: ลำดับที่ 6)" in counts.message


def corrected_seed():
    text = SEED.read_text(encoding="utf-8")
    for wrong, right in FIXES:
        assert wrong in text, f"the seed no longer contains {wrong[:40]!r}"
        text = text.replace(wrong, right)
    return text


def test_corrected_seed_lints_clean():
    parsed = parse_plan(corrected_seed().encode("utf-8"), "laemsom_corrected.txt")
    assert len(parsed["items"]) == 27
    findings = lint_plan(parsed)
    assert [f.to_dict() for f in findings] == []


LINES = SEED.read_text(encoding="utf-8").split("\n")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.tuples(st.integers(0, len(LINES) - 1), st.integers(0, 40)),
    swap=st.tuples(st.integers(0, len(LINES) - 1), st.integers(0, len(LINES) - 1)),
    digit=st.sampled_from(["0", "1", "7", "9"]),
)
def test_mutated_seed_lints_without_a_broken_rule(cut, swap, digit):
    """Lines dropped, lines swapped and figures changed: whatever the reader makes of it, every rule runs."""
    lines = list(LINES)
    start, length = cut
    del lines[start : start + length]
    i, j = (min(k, len(lines) - 1) for k in swap)
    lines[i], lines[j] = lines[j], lines[i]
    text = "\n".join(lines).replace("20,000", f"2{digit},000")
    try:
        parsed = parse_plan(text.encode("utf-8"), "mutated.txt")
    except PlanParseError:
        return
    findings = lint_plan(parsed)
    assert "lint.rule_failed" not in [f.code for f in findings]
    assert all(f.message and f.where for f in findings)
