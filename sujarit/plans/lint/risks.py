"""Part 1's fraud-risk table: every control it promises should be an item the plan actually carries."""

from .base import WARNING, Finding, as_dict, as_list, as_text
from .text import clean, name_key, short, similarity

MATCH = 0.8  # trigram Dice at or above which a control and an item name are the same thing
HINT = 0.45  # below MATCH but at least this: name the nearest item so the author can fix the wording


def risk_where(risk, k=None):
    where = f"ส่วนที่ 1 การประเมินความเสี่ยง ลำดับที่ {risk.get('number', '?')}"
    return where + (f" มาตรการที่ {k}" if k else "")


def check_risks(ctx):
    risks = [as_dict(r) for r in as_list(ctx.parsed.get("risks"))]
    if not risks:
        if ctx.items:
            yield Finding(
                "risks.missing",
                WARNING,
                "ส่วนที่ 1 การประเมินความเสี่ยง",
                "ไม่พบตารางการประเมินความเสี่ยงการทุจริต (ขั้นตอน ประเด็นความเสี่ยง ระดับ และมาตรการควบคุม)",
            )
        return
    names = [(item, name_key(item.get("name"), ctx.org_name)) for item in ctx.items]
    for risk in risks:
        controls = [c for c in as_list(risk.get("controls")) if as_text(c)]
        if not controls:
            yield Finding(
                "risks.no_controls",
                WARNING,
                risk_where(risk),
                f"ความเสี่ยงลำดับที่ {risk.get('number', '?')} “{short(as_text(risk.get('process')))}” "
                "ไม่มีมาตรการควบคุมความเสี่ยง",
            )
            continue
        if not names:
            continue
        for k, control in enumerate(controls, start=1):
            key = name_key(control, ctx.org_name)
            score, item = max(((similarity(key, n), item) for item, n in names), key=lambda t: t[0])
            if score >= MATCH:
                continue
            hint = ""
            if score >= HINT:
                hint = f" (ใกล้เคียงที่สุดคือลำดับที่ {item.get('number', '?')} “{short(as_text(item.get('name')))}”)"
            yield Finding(
                "risks.control_not_in_plan",
                WARNING,
                risk_where(risk, k),
                f"มาตรการควบคุมความเสี่ยง “{short(clean(control), 100)}” ไม่มีโครงการ/มาตรการ/กิจกรรมใดในแผนรองรับ"
                f"{hint}",
            )


RULES = (check_risks,)
