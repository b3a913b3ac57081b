"""Review of every document the platform produces: each registered export in each format, each PDF URL.

With a year of realistic data (the demo plan's 27 items, all reported; complaints in both channels;
the organization's profile with its emblem and signers), every PDF is checked page by page: the page
count fits the content (no near-empty pages), no page holds only the signatures, the emblem and the
three signers are there, and pdftotext gives back the Thai exactly. Spreadsheets must open.
"""

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from PIL import Image, ImageDraw

from sujarit.core import services
from sujarit.core.models import Role
from sujarit.core.registry import registry
from sujarit.core.tests.personas import make_staff

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext/pdfinfo (poppler-utils) are not installed",
)
YEAR = 2569  # a fiscal year of the demo plan whose two rounds are over
PALAD = "นางสาวจำเนียร ทำดี"
HEAD = "นายสมศักดิ์ ใจซื่อ"
COORDINATOR = "นางน้ำทิพย์ ชำนาญกิจ"
FOOTER = re.compile(r"^\s*-\s*[๐-๙]+\s*-\s*$")
SIGNED = "(ลงชื่อ)"
WORK = (
    "จัดกิจกรรมตามแผนครบถ้วน มีผู้เข้าร่วม {n} คน จากเป้าหมาย 50 คน ได้ดำเนินการประชาสัมพันธ์ผ่านเว็บไซต์ "
    "และเสียงตามสายของหมู่บ้าน พร้อมทั้งจัดทำรายงานสรุปผลเสนอผู้บริหารเพื่อทราบ"
)
PROBLEMS = "ระยะเวลาดำเนินการคาบเกี่ยวกับฤดูฝน ทำให้ต้องเลื่อนกำหนดการบางส่วน"
NEXT = "ปรับกำหนดการให้เหมาะสมกับฤดูกาล และประสานผู้นำชุมชนล่วงหน้าอย่างน้อย 15 วัน"


def _emblem():
    img = Image.new("RGB", (400, 400), "white")
    draw = ImageDraw.Draw(img)
    draw.ellipse((20, 20, 380, 380), outline="darkgreen", width=18)
    draw.ellipse((120, 120, 280, 280), fill="goldenrod")
    out = io.BytesIO()
    img.save(out, "JPEG")
    return SimpleUploadedFile("ตรา อบต.jpg", out.getvalue(), "image/jpeg")


@pytest.fixture
def year_of_work(org):
    """The demo plan with every item reported and approved in both rounds; complaints; the profile."""
    from sujarit.complaints.models import Category, ComplaintPolicy, Kind
    from sujarit.complaints.tests.test_stats import make_case
    from sujarit.plans import demo
    from sujarit.plans.models import ItemStatus, KPIResult, ProgressReport, ReportState

    admin = make_staff(org, "t_admin", Role.ADMIN)
    coordinator = make_staff(org, "t_coord", Role.PLAN_COORDINATOR)
    services.update_organization(
        org, by=admin, district="ปะเหลียน", province="ตรัง", palad_name=PALAD, head_name=HEAD,
        coordinator_name=COORDINATOR, coordinator_position="นักวิเคราะห์นโยบายและแผนชำนาญการ",
    )  # fmt: skip
    services.set_emblem(org, _emblem(), by=admin)
    plan = demo.load(org).plan
    for i, item in enumerate(plan.items.order_by("number")):
        for rnd in (6, 12):
            done = rnd == 12 or i % 3 == 0
            report = ProgressReport.objects.create(
                org=org, item=item, fiscal_year=YEAR, round=rnd, state=ReportState.APPROVED,
                status=ItemStatus.DONE if done else ItemStatus.IN_PROGRESS, percent_done=100 if done else 60,
                spent=Decimal(1000 * (i + 1)) if item.uses_budget else 0, work_done=WORK.format(n=40 + i),
                problems=PROBLEMS if i % 2 else "", next_steps=NEXT if i % 4 == 0 else "",
            )  # fmt: skip
            for kpi in item.kpis.all():
                KPIResult.objects.create(org=org, report=report, kpi=kpi, value=Decimal(80 + i % 20))

    unit = services.ensure_unit(org, "สำนักปลัด")
    ComplaintPolicy.objects.create(org=org, general_unit=unit, integrity_unit=unit)
    road = Category.objects.create(org=org, code="road", name="ถนนชำรุด", unit=unit)
    waste = Category.objects.create(org=org, code="waste", name="ขยะตกค้าง", unit=unit)
    bribe = Category.objects.create(org=org, kind=Kind.INTEGRITY, code="bribe", name="เรียกรับสินบน")
    for day in range(0, 330, 11):
        received = dt.date(2025, 10, 2) + dt.timedelta(days=day)
        make_case(
            org, received=received, category=road if day % 2 else waste, answered=3, closed=9, satisfaction=4
        )
    make_case(org, Kind.INTEGRITY, received=dt.date(2025, 12, 1), category=bribe, answered=5, closed=30)

    # the registers: a published fraud-risk assessment with its treatments, the year's ปค.5
    from sujarit.procurement.tests.helpers import project, vendor
    from sujarit.registers.services import control, risk
    from sujarit.registers.tests.factories import assessment_with_risks

    assessment = assessment_with_risks(
        org, admin, fiscal_year=YEAR, risks=[(1 + n % 5, 1 + n * 2 % 5) for n in range(12)]
    )
    for n, r in enumerate(assessment.risks.all()):
        risk.add_treatment(r, measure=f"{WORK.format(n=n)} ทบทวนขั้นตอนทุกไตรมาส", owner="สำนักปลัด", by=admin)
    risk.publish_assessment(assessment, published_on=dt.date(2026, 1, 10), channels="เว็บไซต์", by=admin)
    evaluation = control.open_evaluation(org, fiscal_year=YEAR, by=admin)
    for n in range(8):
        control.add_improvement(evaluation, mission=f"ภารกิจด้านการเงินและบัญชี {n}", risk=PROBLEMS,
                                improvement=NEXT, owner="กองคลัง", by=admin)  # fmt: skip
    # ปค.4 on the five components and the internal auditor's ปค.6
    control.record_components(
        evaluation, overall="การควบคุมภายในของ อบต. มีความเพียงพอ แต่ควรปรับปรุงการตรวจสอบเอกสารการเบิกจ่าย",
        by=admin, **{key: f"{label[3:]} {WORK.format(n=n)}" for n, (key, label) in
                     enumerate(evaluation.COMPONENTS)},
    )  # fmt: skip
    control.record_review(
        evaluation, findings=f"{PROBLEMS} {NEXT}", auditor_name="นางสาวสมใจ ตรวจดี",
        auditor_position="นักวิชาการตรวจสอบภายใน", reviewed_on=dt.date(2025, 11, 20), by=admin,
    )  # fmt: skip
    # the No Gift register: the executive's declaration, the year's gifts and the culture activities
    from sujarit.integrity import services as integrity

    integrity.announce(
        org, kind="no_gift", title="ประกาศนโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
        signed_by=HEAD, signed_on=dt.date(2025, 10, 15), text=WORK.format(n=1), by=admin,
    )  # fmt: skip
    for n, status in enumerate(("refused", "handed_over", "refused", "offered")):
        integrity.record_gift(
            org, recipient=f"เจ้าหน้าที่กองช่าง {n + 1}", giver=f"หจก.ทดสอบ{n}", description="กระเช้าของขวัญปีใหม่",
            value=f"{1500 + 250 * n}", occasion="เทศกาลปีใหม่", offered_on=dt.date(2025, 12, 20 + n),
            status=status, handling="ส่งคืนผู้ให้พร้อมหนังสือขอบคุณ" if status == "refused" else "", by=admin,
        )  # fmt: skip
    for n, month in enumerate((11, 5)):
        integrity.record_activity(
            org, title=f"อบรมเสริมสร้างวัฒนธรรมองค์กรไม่รับของขวัญ ครั้งที่ {n + 1}", participants=35 + n,
            held_on=dt.date(2025 + (month < 10), month, 12), summary=WORK.format(n=n), by=admin,
        )  # fmt: skip
    # a role model of integrity the organization honoured, and the certificate it prints
    from sujarit.registers.services import civic

    honour = civic.add_honour(
        org, name="นางสาวสุดา ซื่อตรง", recipient="person", category="integrity", awarded_on=dt.date(2026, 8, 12),
        reason="ปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต ปฏิเสธการรับของขวัญจากผู้รับจ้าง", by=admin,
    )  # fmt: skip
    # procurement: one project a month, so that every month's สขร.1 page has a row
    for month in range(12):
        day = dt.date(2025 + (month + 9) // 12, (month + 9) % 12 + 1, 15)
        project(org, day=day, agreed=50000 + month, winner=vendor(org, f"หจก.ทดสอบ{month}"))
    return {"org": org, "admin": admin, "coordinator": coordinator, "plan": plan, "assessment": assessment,
            "honours": honour}  # fmt: skip


def _walk(patterns, prefix=""):
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def pdf_urls(slug, pks):
    """Every URL of the URLconf that serves a PDF, for both rounds of YEAR (`pk`: the record's)."""
    urls = set()
    for route in _walk(get_resolver().url_patterns):
        if not re.search(r"\.pdf\$?$", route):
            continue
        for rnd in (6, 12):
            url = route.replace("<slug:org_slug>", slug).replace("<int:fiscal_year>", str(YEAR))
            pk = pks["honours"] if "/honours/" in url else pks["assessment"]
            url = url.replace("<int:round>", str(rnd)).replace("<int:pk>", str(pk))
            for form in ("pc1", "pc4", "pc6") if "<str:form>" in url else (None,):
                final = url.replace("<str:form>", form) if form else url
                assert "<" not in final, f"add the parameters of {route} to this test"
                urls.add("/" + final.lstrip("^").rstrip("$"))
    return sorted(urls)


def pages_of(data, tmp_path):
    """The text of each page (pdftotext), without the page-number footer."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    texts = []
    for n in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        texts.append("\n".join(line for line in out.splitlines() if line.strip() and not FOOTER.match(line)))
    return texts


def has_image(data, tmp_path):
    path = tmp_path / "img.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout
    return len(out.splitlines()) > 2


def check_pdf(name, data, tmp_path, *, official, form=False):
    """`form`: an official form laid out as prescribed (one page a month for สขร.1): every page must
    carry the form's content, but a quiet month's page is short by design."""
    pages = pages_of(data, tmp_path)
    chars = [len("".join(p.split())) for p in pages]
    if form:
        assert all(c >= 120 for c in chars), (name, chars)
    else:
        # the page count fits the content: full pages carry well over 600 characters; only the last may be short
        assert len(pages) <= sum(chars) // 600 + 1, (name, chars)
    for n, text in enumerate(pages, start=1):
        # a page with signatures carries the end of the document's content above them, not one line
        if SIGNED in text:
            above = "".join(text[: text.index(SIGNED)].split())
            assert len(above) >= 120, f"{name}: page {n} holds only the signatures ({above!r})"
    whole = "\n".join(pages)
    squashed = "".join(whole.split())
    assert "องค์การบริหารส่วนตำบลแหลมสอม" in whole, name  # SARA AM comes back
    if official:
        assert has_image(data, tmp_path), f"{name}: no emblem"
        for who in (PALAD, HEAD, "ปลัดองค์การบริหารส่วนตำบลแหลมสอม", "นายกองค์การบริหารส่วนตำบลแหลมสอม"):
            assert "".join(who.split()) in squashed, (name, who)
        assert "อำเภอปะเหลียนจังหวัดตรัง" in squashed
    return pages


@needs_poppler
@pytest.mark.django_db
def test_every_document_reads_as_an_officer_would_sign_it(client, year_of_work, tmp_path):
    org = year_of_work["org"]
    client.force_login(year_of_work["admin"])
    seen = {"pdf": 0, "xlsx": 0, "csv": 0}
    for key, export in registry.exports.items():
        for fmt in export.formats:
            for rnd in (6, 12) if "round" in export.params else (None,):
                query = {"fiscal_year": YEAR} | ({"round": rnd} if rnd else {})
                resp = client.get(f"/{org.slug}/staff/exports/{key}/{fmt}/", query)
                if resp.status_code == 404 and export.module not in (
                    "plans",
                    "complaints",
                    "registers",
                    "procurement",
                ):
                    continue  # a module this year of work leaves empty: "nothing to export", said in Thai
                assert resp.status_code == 200, (key, fmt, rnd, resp.status_code)
                seen[fmt] += 1
                if fmt == "pdf":
                    form = export.document == "form"
                    check_pdf(f"{key} {rnd}", resp.content, tmp_path, official=not form, form=form)
                elif fmt == "xlsx":
                    assert load_workbook(io.BytesIO(resp.content)).worksheets, key
                else:
                    assert resp.content.decode("utf-8-sig").strip(), key
    assert seen["pdf"] >= 7 and seen["xlsx"] >= 8 and seen["csv"] >= 2, seen

    urls = pdf_urls(org.slug, {k: year_of_work[k].pk for k in ("assessment", "honours")})
    # plans public/staff, complaints public/staff, the manual, the risk assessment public/staff, ปค.5
    assert len(urls) >= 8, urls
    for url in urls:
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert resp["Content-Type"] == "application/pdf", url
        # ปค.1, ปค.4 and ปค.6 are the Ministry of Finance's forms, each signed as the form prescribes;
        # a certificate is one page the executive alone signs
        form = "/registers/control/" in url or url.endswith("/certificate.pdf")
        check_pdf(url, resp.content, tmp_path, official="/manual" not in url and not form, form=form)


@needs_poppler
@pytest.mark.django_db
def test_monitoring_report_prints_what_was_done_in_thai_prose(client, year_of_work, tmp_path):
    org = year_of_work["org"]
    resp = client.get(f"/{org.slug}/plan/reports/{YEAR}/12.pdf")
    pages = check_pdf("monitoring 12", resp.content, tmp_path, official=True)
    whole = "\n".join(pages)
    squashed = "".join(whole.split())
    # what the officers wrote is in the document, not only on the web page
    assert "".join(WORK.format(n=41).split()) in squashed
    assert "".join(PROBLEMS.split()) in squashed and "".join(NEXT.split()) in squashed
    assert "แนวทางการดำเนินงานต่อไป" in squashed and "ผลการดำเนินงาน" in squashed
    # Thai punctuation: a space between clauses, no comma or dash glued in from English
    assert re.search(r"บาทถ้วน\)\s*ใช้จริง", whole), whole[:800]
    assert "บาทถ้วน)," not in squashed and " — " not in whole
    # 27 items with their results on portrait pages: the old landscape table took 22–25 pages without them
    assert len(pages) <= 20, len(pages)
    # the preparer, the reviewing head and the executive sign, on a page with the report's last words
    assert COORDINATOR.replace(" ", "") in "".join(pages[-1].split())
    for role in ("ผู้รายงาน", "ผู้ตรวจสอบ", "ผู้รับรองรายงาน"):
        assert role in pages[-1]
