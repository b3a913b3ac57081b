"""Demo registers of the demo organization for fiscal years 2566 to the current one, made through
the verbs as staff would, so the plan's bound KPIs (items 3–5, 17, 18, 20, 21, 23–25) show values.

Idempotent: a fiscal year whose fraud-risk assessment exists is left alone; villages once.
"""

import datetime as dt

from django.utils import timezone

from sujarit.core import thai

from . import queries
from .models import Forum, ForumIssue, Network, Risk, RiskAssessment, SalaryRound, Treatment, Village
from .services import civic, control, governance, risk
from .services import honours as honour_choice

FIRST_YEAR = 2566
# (work process, risk event, likelihood, impact, existing controls, owner, treatment measures)
RISKS = [
    ("การจัดซื้อจัดจ้าง", "กำหนดคุณลักษณะเฉพาะของพัสดุเอื้อประโยชน์แก่ผู้ขายบางราย", 3, 4,
     "คณะกรรมการกำหนดร่างขอบเขตงาน", "กองคลัง",
     ["เผยแพร่ร่างขอบเขตงานรับฟังความคิดเห็นก่อนประกาศ", "เชิญตัวแทนชุมชนร่วมสังเกตการณ์การจัดซื้อจัดจ้าง"]),
    ("การตรวจรับงานก่อสร้าง", "ตรวจรับงานไม่เป็นไปตามแบบรูปรายการ", 3, 5,
     "คณะกรรมการตรวจรับพัสดุ", "กองช่าง",
     ["จัดทำแบบตรวจสอบการตรวจรับงานก่อสร้างพร้อมภาพถ่าย"]),
    ("การออกใบอนุญาตก่อสร้างอาคาร", "เรียกรับผลประโยชน์เพื่อเร่งรัดการอนุญาต", 2, 4,
     "กำหนดระยะเวลาการพิจารณาตามคู่มือประชาชน", "กองช่าง",
     ["ประกาศขั้นตอนและระยะเวลาการอนุญาตให้ประชาชนทราบ"]),
    ("การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", "ประเมินภาษีต่ำกว่าความเป็นจริงเพื่อประโยชน์ส่วนตน", 2, 3,
     "ตรวจสอบบัญชีรายการที่ดินและสิ่งปลูกสร้าง", "กองคลัง",
     ["สุ่มตรวจการประเมินภาษีโดยหัวหน้าหน่วยงาน"]),
    ("การใช้รถยนต์ส่วนกลาง", "ใช้รถยนต์ส่วนกลางเพื่อประโยชน์ส่วนตน", 2, 2,
     "สมุดบันทึกการใช้รถ", "สำนักปลัด",
     ["ตรวจสอบสมุดบันทึกการใช้รถและการเบิกน้ำมันรายเดือน"]),
]  # fmt: skip
VILLAGES = [(1, "บ้านแหลมสอม", 812), (2, "บ้านหาดสำราญ", 640), (3, "บ้านทุ่งยาว", 955),
            (4, "บ้านควนตุ้งกู", 530), (5, "บ้านนาโต๊ะหมิง", 708)]  # fmt: skip


def _staff(org, username):
    person = org.people.filter(user__username=username, user__isnull=False).select_related("user").first()
    return person.user if person else None


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _on(fy, month, day, today):
    """A date of fiscal year fy (BE) by CE month; None when it has not come yet."""
    year = thai.ce_year(fy) - (1 if month >= 10 else 0)
    day = dt.date(year, month, day)
    return day if day <= today else None


def load(org, stdout=None):
    """Fill the registers for fiscal years 2566 to the current one; returns how many years were made."""
    admin = _staff(org, "admin")
    if admin is None:
        _say(stdout, "registers: no demo admin account; demo registers skipped\n")
        return 0
    today = timezone.localdate()
    if not Village.objects.for_org(org).exists():
        for number, name, population in VILLAGES:
            civic.add_village(org, number=number, name=name, population=population, by=admin)
        civic.add_network(
            org,
            name="ชุมชนเฝ้าระวังการทุจริตบ้านแหลมสอม",
            kind="watchdog",
            members=25,
            founded_on=dt.date(2022, 11, 15),
            activities="สังเกตการณ์การจัดซื้อจัดจ้าง",
            by=admin,
        )
        civic.add_network(org, name="เครือข่ายต่อต้านการทุจริตตำบลแหลมสอม", kind="network", members=14,
                          founded_on=dt.date(2023, 2, 1), activities="ประชุมเครือข่ายรายไตรมาส", by=admin)  # fmt: skip
    _control(org, today, admin)
    made = 0
    for fy in range(FIRST_YEAR, thai.current_fiscal_year() + 1):
        # The plan's import may already have opened the year's assessment with Part 1's risks; the demo's
        # own (typed-in) risks mark a year as done.
        if Risk.objects.for_org(org).filter(assessment__fiscal_year=fy, source="").exists():
            continue
        _year(org, fy, today, admin)
        made += 1
    if not SalaryRound.objects.for_org(org).exists():
        _governance_and_civic(org, today, admin)
    _say(stdout, f"registers: {made} fiscal years of demo registers\n")
    return made


def _year(org, fy, today, admin):
    assessment = RiskAssessment.objects.for_org(org).filter(fiscal_year=fy, kind="fraud").first()
    if assessment is None:
        assessment = risk.open_assessment(
            org, fiscal_year=fy, title=f"รายงานการประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {fy}", by=admin
        )
    for n, (process, event, likelihood, impact, controls, owner, measures) in enumerate(RISKS):
        r = risk.add_risk(assessment, process=process, event=event, likelihood=likelihood, impact=impact,
                          existing_controls=controls, owner=owner, by=admin)  # fmt: skip
        for measure in measures:
            t = risk.add_treatment(r, measure=measure, owner=owner, due_on=_on(fy, 9, 30, dt.date.max),
                                   plan_item=23, by=admin)  # fmt: skip
            done = _on(fy, 3 + n, 15, today)
            if done is not None:
                risk.set_treatment_status(t, status=Treatment.Status.DONE, done_on=done, by=admin)
    published = _on(fy, 11, 20, today)
    if published is not None:
        risk.publish_assessment(assessment, published_on=published, by=admin,
                                channels="เว็บไซต์ อบต.\nบอร์ดประชาสัมพันธ์\nเฟซบุ๊กเพจ อบต.")  # fmt: skip
    orders = [
        ("นายก อบต.", "ปลัด อบต.", "อำนาจอนุมัติการจัดซื้อจัดจ้างวงเงินไม่เกิน 100,000 บาท", 10),
        ("นายก อบต.", "รองนายก อบต.", "การควบคุมและรับผิดชอบงานกองช่างและกองการศึกษา", 10),
        ("ปลัด อบต.", "หัวหน้าสำนักปลัด", "การลงนามหนังสือราชการภายนอกเรื่องปกติ", 11),
        ("ปลัด อบต.", "ผู้อำนวยการกองคลัง", "การอนุมัติเบิกจ่ายเงินวงเงินไม่เกิน 50,000 บาท", 11),
        ("นายก อบต.", "ปลัด อบต.", "การอนุญาตตามพระราชบัญญัติควบคุมอาคาร", 12),
    ]
    for i, (delegator, delegate, powers, month) in enumerate(orders, start=1):
        start = _on(fy, month, 1, today)
        if start is None:
            continue
        order = governance.add_delegation(
            org, number=f"{i * 37 + fy % 100}/{fy}", title=f"มอบหมายให้{delegate}ปฏิบัติราชการแทน",
            delegator=delegator, delegate=delegate, powers=powers, effective_from=start,
            effective_until=dt.date(start.year + 1, 9, 30), circulated_on=start, published_on=start, by=admin,
        )  # fmt: skip
        if fy >= thai.current_fiscal_year() - 1:
            _delegate_reports(org, order, fy, today, admin, behind=i == 1)

    trainings = [
        ("อบรมความรู้ด้านกฎหมายและระเบียบสำหรับผู้บริหารและสมาชิกสภา", 24, 11, (4, 4, 12, 11, 0, 0)),
        ("อบรมบทบาทและอำนาจหน้าที่ของสมาชิกสภาท้องถิ่น", 25, 5, (0, 0, 12, 10, 0, 0)),
        ("อบรมคุณธรรมจริยธรรมและการต่อต้านการทุจริต", 2, 7, (4, 3, 12, 9, 48, 45)),
    ]
    for title, item, month, (e1, e2, c1, c2, s1, s2) in trainings:
        held = _on(fy, month, 10, today)
        if held is not None:
            governance.add_training(org, title=title, held_on=held, plan_item=item, by=admin,
                                    executives_expected=e1, executives_attended=e2, council_expected=c1,
                                    council_attended=c2, staff_expected=s1, staff_attended=s2)  # fmt: skip
    honours = [
        ("นางสาวสมใจ ใจดี", "person", "integrity", 1), ("กลุ่มอาสาสมัครบ้านแหลมสอม", "organization", "public_benefit", 8),
        ("นายประเสริฐ ทองดี", "person", "community_committee", 8), ("นายสมบัติ รักถิ่น", "person", "public_benefit", 8),
    ]  # fmt: skip
    for name, recipient, category, month in honours:
        awarded = _on(fy, month, 12, today)
        if awarded is not None:
            civic.add_honour(org, name=name, recipient=recipient, category=category, awarded_on=awarded,
                             reason="ปฏิบัติตนเป็นแบบอย่างที่ดี", by=admin)  # fmt: skip
    if fy == thai.current_fiscal_year():
        _nomination(org, fy, today, admin)
    for village in Village.objects.for_org(org):
        held = _on(fy, 10 + village.number % 3, 5 + village.number, today)
        if held is not None:
            civic.add_forum(org, village=village, held_on=held, attendees=village.population // 6,
                            issues="ถนนชำรุด น้ำประปาไม่เพียงพอ", proposals="บรรจุในแผนพัฒนาท้องถิ่น", by=admin)  # fmt: skip


# ปค.5 rows: (mission, risk, existing control, evaluation, remaining risk, improvement, owner)
IMPROVEMENTS = [
    ("การจัดเก็บรายได้ให้เป็นไปตามเป้าหมาย", "ลูกหนี้ภาษีค้างชำระสะสม", "แจ้งเตือนผู้ค้างชำระ",
     "ยังไม่เพียงพอ", "ลูกหนี้ค้างชำระบางรายยังไม่ชำระ", "จัดทำทะเบียนลูกหนี้และออกหนังสือเตือนทุกไตรมาส", "กองคลัง"),
    ("การจัดซื้อจัดจ้างเป็นไปตามระเบียบ", "เอกสารประกอบการจัดซื้อจัดจ้างไม่ครบถ้วน", "ตรวจสอบโดยเจ้าหน้าที่พัสดุ",
     "ยังไม่เพียงพอ", "เอกสารบางโครงการไม่ครบ", "จัดทำแบบตรวจสอบเอกสาร (Checklist) ทุกโครงการ", "กองคลัง"),
    ("การควบคุมงานก่อสร้างให้ได้มาตรฐาน", "ผู้ควบคุมงานไม่เพียงพอ", "มอบหมายนายช่างควบคุมงาน",
     "ยังไม่เพียงพอ", "งานหลายโครงการในช่วงเวลาเดียวกัน", "จัดทำแผนการควบคุมงานและรายงานรายสัปดาห์", "กองช่าง"),
]  # fmt: skip


COMPONENTS = {
    "environment": "ผู้บริหารให้ความสำคัญกับความซื่อสัตย์และจริยธรรม มีโครงสร้างองค์กรและการมอบหมายอำนาจหน้าที่ชัดเจน",
    "risk": "มีการระบุและประเมินความเสี่ยงของภารกิจตามแผน รวมทั้งความเสี่ยงการทุจริต",
    "activities": "มีกิจกรรมการควบคุมตามระเบียบ แต่การตรวจสอบเอกสารจัดซื้อจัดจ้างยังไม่ครบทุกโครงการ",
    "information": "มีระบบสารสนเทศและช่องทางสื่อสารภายในและภายนอกที่เพียงพอ",
    "monitoring": "มีการติดตามผลการควบคุมภายในระหว่างปีและประเมินผลเมื่อสิ้นปี",
    "overall": "การควบคุมภายในมีความเพียงพอและมีประสิทธิผลตามสมควร ยกเว้นเรื่องที่กำหนดไว้ในแผนการปรับปรุง (ปค.5)",
}
REVIEW = "การประเมินผลการควบคุมภายในเป็นไปตามหลักเกณฑ์ และได้กำหนดการปรับปรุงความเสี่ยงที่ยังมีอยู่ไว้ในแบบ ปค.5 แล้ว"


def _delegate_reports(org, order, fy, today, admin, behind):
    """The delegate's monthly reports of the year; a delegate `behind` has not reported the last month."""
    due = queries.months_due(order, *thai.fiscal_year_bounds(fy), today)
    for month in due[:-1] if behind else due:
        reported_on = min(queries.next_month(month) + dt.timedelta(days=4), today)
        governance.add_delegate_report(
            org, order=order, month=month, reported_on=reported_on, by=admin,
            summary=f"ใช้อำนาจตามคำสั่ง ({order.powers}) ตามระเบียบ ไม่มีเรื่องค้างพิจารณา",
        )  # fmt: skip


def _nomination(org, fy, today, admin):
    """This year's nomination, scored by two of the three committee members so far."""
    nominated = _on(fy, 10, 20, today)
    if nominated is None:
        return
    n = honour_choice.nominate(
        org, name="นายบุญมี ซื่อสัตย์", recipient="person", category="integrity", by=admin,
        reason="แจ้งเบาะแสการลักลอบทิ้งขยะและคืนทรัพย์สินที่เก็บได้ให้เจ้าของ",
        nominated_by="ผู้ใหญ่บ้านหมู่ที่ 2", nominated_on=nominated,
    )  # fmt: skip
    for member, score in (("ปลัด อบต.", 82), ("หัวหน้าสำนักปลัด", 76)):
        honour_choice.score(org, nomination=n, member=member, score=score, by=admin)


def _control(org, today, admin):
    """Internal control evaluations of fiscal years 2565 to last year, certified after each year's end;
    their improvements are carried out in the year after."""
    for fy in range(FIRST_YEAR - 1, thai.current_fiscal_year()):
        if queries.control_evaluation(org, fy) is not None:
            continue
        evaluation = control.open_evaluation(org, fiscal_year=fy, by=admin)
        for n, (mission, risk_, existing, assessed, remaining, improvement, owner) in enumerate(IMPROVEMENTS):
            row = control.add_improvement(evaluation, mission=mission, risk=risk_, existing_control=existing,
                                          assessment=assessed, remaining_risk=remaining, improvement=improvement,
                                          owner=owner, due_on=_on(fy + 1, 9, 30, dt.date.max), by=admin)  # fmt: skip
            done = _on(fy + 1, 2 + 2 * n, 20, today)
            if done is not None:
                control.set_improvement_status(row, status="done", done_on=done, by=admin)
        reviewed = _on(fy + 1, 11, 10, today)
        if reviewed is not None:
            control.record_components(evaluation, by=admin, **COMPONENTS)
            control.record_review(evaluation, findings=REVIEW, by=admin, auditor_name="นางสาวพิมพ์ใจ ตรวจดี",
                                  auditor_position="นักวิชาการตรวจสอบภายใน", reviewed_on=reviewed)  # fmt: skip
        certified = _on(fy + 1, 11, 25, today)
        if certified is not None:
            control.record_steps(evaluation, certified_on=certified, sent_on=certified,
                                 published_on=_on(fy + 1, 12, 5, today), by=admin)  # fmt: skip


COMMITTEE = "นายก อบต. (ประธาน)\nปลัด อบต.\nหัวหน้าสำนักปลัด\nผู้อำนวยการกองคลัง"
# (name, village number, position, term started, left on): the first completes a term in 2570.
MEMBERS = [
    ("นายประเสริฐ ทองดี", 1, "ประธานคณะกรรมการชุมชน", dt.date(2022, 11, 1), None),
    ("นางมาลี ศรีสุข", 2, "กรรมการชุมชน", dt.date(2022, 12, 1), dt.date(2024, 5, 1)),
    ("นายอนันต์ ใจซื่อ", 3, "กรรมการชุมชน", dt.date(2023, 6, 1), None),
]
ISSUES = [
    ("ถนนในหมู่บ้านชำรุด", "ซ่อมแซมถนนลาดยางสายกลางหมู่บ้าน", "in_plan", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) หน้า 45"),
    ("น้ำประปาไม่เพียงพอในฤดูแล้ง", "ขยายเขตประปาหมู่บ้าน", "carried_out", "ดำเนินการตามข้อบัญญัติงบประมาณ"),
    ("ไฟฟ้าส่องสว่างไม่เพียงพอ", "ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ", "pending", ""),
]


def _governance_and_civic(org, today, admin):
    """Salary rounds, HR documents, the ethics code, forum proposals, committee members and observers."""
    for fy in range(FIRST_YEAR, thai.current_fiscal_year() + 1):
        for number, month in ((1, 3), (2, 9)):
            criteria = _on(fy, month - 2, 1, today)
            if criteria is None:
                continue
            results = _on(fy, month, 25, today)
            governance.record_salary_round(
                org, fiscal_year=fy, number=number, committee=COMMITTEE, criteria_published_on=criteria,
                results_published_on=results, assessed=40 if results else 0, promoted=36 if results else 0,
                appeals=max(0, 3 - (fy - FIRST_YEAR)) if results else 0,
                appeals_resolved=max(0, 3 - (fy - FIRST_YEAR)) if results else 0, by=admin,
            )  # fmt: skip
        for kind, title, month in (
            ("policy", f"นโยบายการบริหารทรัพยากรบุคคล ประจำปี พ.ศ. {fy}", 10),
            ("criteria", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", 10),
            ("report", f"รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปี พ.ศ. {fy - 1}", 11),
        ):
            published = _on(fy, month, 20, today)
            if published is not None:
                governance.add_hr_document(
                    org, fiscal_year=fy, kind=kind, title=title, published_on=published, by=admin
                )
        held = _on(fy, 6, 15, today)
        if held is not None:
            governance.add_ethics_activity(org, title="กิจกรรมส่งเสริมคุณธรรมจริยธรรม", held_on=held,
                                           participants=min(5, org.people.filter(active=True).count()), by=admin)  # fmt: skip
    code = governance.add_ethics_code(
        org, title="ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น องค์การบริหารส่วนตำบลแหลมสอม",
        adopted_on=dt.date(2022, 10, 20), published_on=dt.date(2022, 11, 1),
        channels="เว็บไซต์ อบต.\nบอร์ดประชาสัมพันธ์\nเฟซบุ๊กเพจ อบต.", summary="ค่านิยมหลัก 9 ประการ", by=admin,
    )  # fmt: skip
    for n, person in enumerate(org.people.filter(active=True, is_council=False)):
        if n % 4 != 3:  # most, not all, have signed
            governance.acknowledge_code(code, person=person, acknowledged_on=dt.date(2022, 11, 15), by=admin)
    villages = {v.number: v for v in Village.objects.for_org(org)}
    for name, number, position, started, left in MEMBERS:
        civic.add_committee_member(org, village=villages[number], name=name, position=position,
                                   term_started_on=started, left_on=left, by=admin)  # fmt: skip
    for member in queries.completed_terms(org, dt.date(2000, 1, 1), today):
        awarded = member.term_ends_on + dt.timedelta(days=14)
        if awarded <= today:
            civic.add_honour(org, name=member.name, recipient="person", category="community_committee",
                             awarded_on=awarded, reason="ปฏิบัติหน้าที่คณะกรรมการชุมชนจนครบวาระ 4 ปี", by=admin)  # fmt: skip
    for forum in Forum.objects.for_org(org).order_by("held_on"):
        for n, (issue, proposal, outcome, note) in enumerate(ISSUES):
            if (forum.village.number + n) % 2:
                continue
            row = civic.add_forum_issue(forum, issue=issue, proposal=proposal, by=admin)
            decided = forum.held_on + dt.timedelta(days=60)
            if outcome != ForumIssue.Outcome.PENDING and decided <= today:
                civic.set_issue_outcome(row, outcome=outcome, decided_on=decided, outcome_note=note, by=admin)
    network = Network.objects.for_org(org).filter(kind="watchdog").first()
    if network is not None:
        for fy in range(FIRST_YEAR, thai.current_fiscal_year() + 1):
            for step, month in (("opening", 2), ("inspection", 6)):
                invited = _on(fy, month, 8, today)
                if invited is not None:
                    civic.invite_observer(org, network=network, observer="นายสมศักดิ์ เฝ้าระวัง", step=step,
                                          subject="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
                                          invited_on=invited, attended=True, by=admin)  # fmt: skip
