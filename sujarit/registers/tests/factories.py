"""Register rows made through the verbs, as staff would."""

import datetime as dt

from ..services import governance, risk


def assessment_with_risks(org, by, fiscal_year=2568, risks=((3, 4), (2, 2))):
    a = risk.open_assessment(
        org, fiscal_year=fiscal_year, title=f"การประเมินความเสี่ยงการทุจริต {fiscal_year}", by=by
    )
    for n, (likelihood, impact) in enumerate(risks):
        risk.add_risk(a, process=f"กระบวนงาน {n}", event="เรียกรับผลประโยชน์", likelihood=likelihood,
                      impact=impact, by=by)  # fmt: skip
    return a


def delegation(org, by, n=1, start=dt.date(2024, 10, 1), until=None):
    return governance.add_delegation(
        org, number=f"{n}/2568", title="มอบหมายให้ปลัดปฏิบัติราชการแทน", delegator="นายก อบต.",
        delegate="ปลัด อบต.", powers="อนุมัติจัดซื้อจัดจ้าง", effective_from=start, effective_until=until, by=by,
    )  # fmt: skip
