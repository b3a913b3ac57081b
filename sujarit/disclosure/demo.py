"""Demo publications of the disclosure portal: about thirty, across the five areas and two fiscal years.

Made through the publishing verbs, as staff would: the demo `admin` prepares and sends each for
approval, the demo `executive` approves it. Monthly procurement summaries (O16) are PDFs made with
the PDF engine, one for every month of the previous fiscal year and every month of the current one
that has ended. Idempotent: a publication already there (same title and fiscal year) is left alone.
"""

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from sujarit.core import thai
from sujarit.core.models import Unit
from sujarit.core.pdf import html_to_pdf

from .models import InfoChannel, Publication
from .searchindex import build
from .services import publishing

MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
# (what, method, budget in baht) — the ordinary purchases of a subdistrict administration.
PURCHASES = [
    ("จัดซื้อวัสดุสำนักงาน", "เฉพาะเจาะจง", 18_500),
    ("จัดซื้อวัสดุคอมพิวเตอร์", "เฉพาะเจาะจง", 24_900),
    ("จัดซื้ออาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก", "เฉพาะเจาะจง", 96_315),
    ("จ้างเหมาซ่อมแซมไฟฟ้าส่องสว่างสาธารณะ หมู่ที่ 2", "เฉพาะเจาะจง", 45_000),
    ("จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น", "เฉพาะเจาะจง", 30_000),
    ("จ้างเหมาบริการเก็บขยะมูลฝอย", "เฉพาะเจาะจง", 84_000),
    ("จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านแหลมสอม หมู่ที่ 1", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", 1_480_000),
    ("จ้างขุดลอกคลองระบายน้ำ หมู่ที่ 4", "เฉพาะเจาะจง", 248_000),
    ("จัดซื้อวัสดุไฟฟ้าและวิทยุ", "เฉพาะเจาะจง", 12_750),
    ("จ้างเหมาซ่อมแซมรถบรรทุกน้ำ", "เฉพาะเจาะจง", 27_400),
]  # fmt: skip
VENDORS = ["ร้านแหลมสอมพาณิชย์", "หจก.ตรังวัสดุก่อสร้าง", "บริษัท อันดามันซัพพลาย จำกัด", "ร้านปะเหลียนการไฟฟ้า"]
QUIET_MONTH = 4  # April: a month with no procurement, published as such (O16 asks for every month)

PAGES = [
    # (fiscal year offset, area, codes, kind, title, body, unit)
    (0, "basic", ["O3"], "page", "อำนาจหน้าที่ขององค์การบริหารส่วนตำบลแหลมสอม",
     "องค์การบริหารส่วนตำบลมีอำนาจหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 "
     "มาตรา 66 มาตรา 67 และมาตรา 68 และพระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กร"
     "ปกครองส่วนท้องถิ่น พ.ศ. 2542 มาตรา 16 ได้แก่ การจัดให้มีและบำรุงรักษาทางน้ำและทางบก "
     "การรักษาความสะอาดของถนน ทางน้ำ ทางเดิน และที่สาธารณะ รวมทั้งการกำจัดขยะมูลฝอยและสิ่งปฏิกูล "
     "การป้องกันโรคและระงับโรคติดต่อ การป้องกันและบรรเทาสาธารณภัย การส่งเสริมการศึกษา ศาสนา และวัฒนธรรม "
     "การส่งเสริมการพัฒนาสตรี เด็ก เยาวชน ผู้สูงอายุ และผู้พิการ", "สำนักปลัด"),
    (0, "basic", ["O5"], "announcement", "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี 2570",
     "ขอเชิญผู้มีหน้าที่เสียภาษีที่ดินและสิ่งปลูกสร้างชำระภาษีได้ที่กองคลัง ตั้งแต่บัดนี้ถึงเดือนเมษายน "
     "ในวันและเวลาราชการ หรือชำระผ่านระบบพร้อมเพย์ของ อบต.", "กองคลัง"),
    (0, "basic", ["O5"], "announcement", "ขอเชิญร่วมงานประเพณีลอยกระทง ณ ท่าเรือแหลมสอม",
     "อบต.แหลมสอม ขอเชิญประชาชนร่วมงานประเพณีลอยกระทง มีการประกวดกระทงประดิษฐ์จากวัสดุธรรมชาติ "
     "และการแสดงของนักเรียนศูนย์พัฒนาเด็กเล็ก", "กองการศึกษา ศาสนาและวัฒนธรรม"),
    (0, "basic", ["O5"], "announcement", "ประชาสัมพันธ์การลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ",
     "ผู้ที่จะมีอายุครบ 60 ปีบริบูรณ์ในปีงบประมาณถัดไป ลงทะเบียนขอรับเบี้ยยังชีพผู้สูงอายุได้ที่สำนักปลัด "
     "โดยนำบัตรประจำตัวประชาชนและสมุดบัญชีเงินฝากมาด้วย", "สำนักปลัด"),
    (-1, "basic", ["O5"], "announcement", "ประชาสัมพันธ์การป้องกันโรคไข้เลือดออกในช่วงฤดูฝน",
     "ขอความร่วมมือประชาชนกำจัดแหล่งเพาะพันธุ์ยุงลายตามหลัก 3 เก็บ ป้องกัน 3 โรค", "สำนักปลัด"),
    (0, "administration", ["O8"], "document", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2570",
     "โครงการและกิจกรรมที่จะดำเนินการในปีงบประมาณ พ.ศ. 2570 จำแนกตามยุทธศาสตร์การพัฒนา", "สำนักปลัด"),
    (0, "administration", ["O10"], "document", "คู่มือการปฏิบัติงานด้านการเงินและบัญชี",
     "ขั้นตอนการเบิกจ่ายเงิน การตรวจฎีกา และการจัดทำรายงานการเงินประจำเดือน", "กองคลัง"),
    (0, "administration", ["O11"], "document", "คู่มือการให้บริการประชาชน อบต.แหลมสอม",
     "การขออนุญาตก่อสร้างอาคาร การจดทะเบียนพาณิชย์ การขอรับเบี้ยยังชีพ และการขอใช้น้ำประปา "
     "พร้อมระยะเวลาและเอกสารที่ต้องใช้", "สำนักปลัด"),
    (-1, "administration", ["O9"], "document", "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2569",
     "ผลการดำเนินงานตามแผนพัฒนาท้องถิ่นและการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2569", "สำนักปลัด"),
    (-1, "administration", ["O12"], "document", "สถิติการให้บริการประชาชน ประจำปีงบประมาณ พ.ศ. 2569",
     "จำนวนผู้รับบริการจำแนกตามงานบริการ การชำระภาษี การขออนุญาตก่อสร้าง และงานทะเบียน", "สำนักปลัด"),
    (0, "budget", ["O14"], "document", "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2570",
     "แผนการจัดซื้อจัดจ้างตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560", "กองคลัง"),
    (0, "budget", ["O15"], "announcement",
     "ประกาศรายชื่อผู้ชนะการเสนอราคา จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านแหลมสอม หมู่ที่ 1",
     "ผู้ชนะการเสนอราคา ได้แก่ หจก.ตรังวัสดุก่อสร้าง เสนอราคาเป็นเงินทั้งสิ้น 1,395,000 บาท "
     "(หนึ่งล้านสามแสนเก้าหมื่นห้าพันบาทถ้วน) โดยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "กองช่าง"),
    (0, "budget", ["O15"], "announcement", "ประกาศประกวดราคาจ้างขุดลอกคลองระบายน้ำ หมู่ที่ 4",
     "องค์การบริหารส่วนตำบลแหลมสอม มีความประสงค์จะประกวดราคาจ้างขุดลอกคลองระบายน้ำ หมู่ที่ 4 "
     "ราคากลางของงานเป็นเงิน 248,000 บาท", "กองช่าง"),
    (-1, "budget", ["O15"], "announcement", "ประกาศรายชื่อผู้ชนะการเสนอราคา จัดซื้ออาหารเสริม (นม) ภาคเรียนที่ 2",
     "ผู้ได้รับการคัดเลือก ได้แก่ สหกรณ์โคนมตรัง จำกัด ราคาที่ตกลง 96,315 บาท", "กองการศึกษา ศาสนาและวัฒนธรรม"),
    (-1, "budget", ["O13"], "document", "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569",
     "ผลการเบิกจ่ายงบประมาณรายจ่ายประจำปี ตั้งแต่ 1 ตุลาคม ถึง 31 มีนาคม จำแนกตามแผนงาน", "กองคลัง"),
    (-1, "budget", ["O17"], "document", "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2569",
     "สรุปผลการจัดซื้อจัดจ้าง ปัญหา อุปสรรค และแนวทางการปรับปรุงการจัดซื้อจัดจ้างในปีถัดไป", "กองคลัง"),
    (0, "hr", ["O18"], "page", "นโยบายการบริหารทรัพยากรบุคคล ประจำปี 2570",
     "อบต.แหลมสอม ยึดหลักคุณธรรม ความรู้ความสามารถ และผลงาน ในการสรรหา บรรจุ แต่งตั้ง "
     "พัฒนา และประเมินผลการปฏิบัติงานของพนักงานส่วนตำบลและพนักงานจ้าง", "สำนักปลัด"),
    (0, "hr", ["O19"], "announcement", "ประกาศรับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง",
     "รับสมัครพนักงานจ้างตามภารกิจ ตำแหน่งผู้ช่วยนักวิชาการเงินและบัญชี จำนวน 1 อัตรา", "สำนักปลัด"),
    (-1, "hr", ["O20"], "document", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปี 2569",
     "ผลการฝึกอบรม การประเมินผลการปฏิบัติงาน และการเลื่อนระดับของบุคลากร", "สำนักปลัด"),
    (0, "transparency", ["O25"], "announcement", "ประกาศเจตนารมณ์นโยบายไม่รับของขวัญ (No Gift Policy) ประจำปี 2570",
     "ผู้บริหารและบุคลากรของ อบต.แหลมสอม จะไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่", "สำนักปลัด"),
    (0, "transparency", ["O28"], "document", "การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. 2570",
     "ความเสี่ยงการทุจริตในการพิจารณาอนุมัติอนุญาต การใช้อำนาจ และการใช้จ่ายงบประมาณ พร้อมมาตรการควบคุม",
     "หน่วยตรวจสอบภายใน"),
    (0, "transparency", ["O24"], "announcement", "ประชุมประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น",
     "เชิญประชาชนทุกหมู่บ้านร่วมเสนอปัญหาและความต้องการ เพื่อบรรจุในแผนพัฒนาท้องถิ่น", "สำนักปลัด"),
    (-1, "transparency", ["O31"], "document", "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี 2569",
     "ผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต และข้อเสนอแนะ", "หน่วยตรวจสอบภายใน"),
]  # fmt: skip


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _staff(org, username):
    person = org.people.filter(user__username=username, user__isnull=False).select_related("user").first()
    return person.user if person else None


def _pdf(title, paragraphs_html):
    html = (
        '<html lang="th"><body><h1 style="font-size:18pt;text-align:center">'
        f"{escape(title)}</h1>{paragraphs_html}</body></html>"
    )
    return html_to_pdf(html)


def _summary_html(org, year, month, rng):
    """The สขร.1 table of one month (or its 'no procurement' line)."""
    if month == QUIET_MONTH:
        return "<p>ในเดือนนี้ไม่มีการจัดซื้อจัดจ้าง</p>"
    rows = []
    for i, (what, method, budget) in enumerate(rng.sample(PURCHASES[:6] + PURCHASES[8:], 3), 1):
        price = int(budget * rng.uniform(0.9, 1.0))
        vendor = rng.choice(VENDORS)
        rows.append(
            f"<tr><td>{i}</td><td>{escape(what)}</td><td>{thai.baht(budget)}</td><td>{escape(method)}</td>"
            f"<td>{escape(vendor)} {thai.baht(price)}</td><td>ราคาต่ำสุด</td></tr>"
        )
    return (
        f"<p>{escape(org.name)} (แบบ สขร.1)</p>"
        '<table border="1" cellpadding="4" style="border-collapse:collapse;font-size:12pt">'
        "<tr><th>ลำดับ</th><th>งานที่จัดซื้อหรือจัดจ้าง</th><th>วงเงิน (บาท)</th><th>วิธีซื้อหรือจ้าง</th>"
        "<th>ผู้ได้รับการคัดเลือกและราคาที่ตกลง</th><th>เหตุผลที่คัดเลือก</th></tr>" + "".join(rows) + "</table>"
    )


def _elapsed_months(fiscal_year, today):
    """(year CE, month) of each month of the fiscal year that has ended by today."""
    first, _last = thai.fiscal_year_bounds(fiscal_year)
    months, y, m = [], first.year, first.month
    while (y, m) < (today.year, today.month) and len(months) < 12:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _plans(org, today):
    """Everything the demo publishes, as keyword arguments of publishing.create (+ the PDF)."""
    current = thai.fiscal_year_of(today)
    plans = []
    for fy in (current - 1, current):
        for year, month in _elapsed_months(fy, today):
            title = f"สรุปผลการจัดซื้อจัดจ้างประจำเดือน{MONTHS[month - 1]} {thai.be_year(year)}"
            rng = random.Random(f"{org.slug}-{year}-{month}")
            published = dt.date(year + (month == 12), month % 12 + 1, 10)
            plans.append(
                {
                    "kind": "document",
                    "title": title,
                    "area": "budget",
                    "fiscal_year": fy,
                    "period_kind": "month",
                    "period": month,
                    "oit_codes": ["O16"],
                    "unit": "กองคลัง",
                    "publish_date": min(published, today),
                    "body": "สรุปผลการดำเนินการจัดซื้อจัดจ้างตามมาตรา 9 แห่งพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
                    "pdf": lambda t=title, y=year, m=month, r=rng: _pdf(t, _summary_html(org, y, m, r)),
                }
            )
    first_day = thai.fiscal_year_bounds(current)[0]
    for n, (offset, area, codes, kind, title, body, unit) in enumerate(PAGES):
        fy = current + offset
        title, body = (t.replace("2570", str(fy)).replace("2569", str(fy)) for t in (title, body))
        # Spread over the year: the current year's since its first day, the previous year's over it.
        start = first_day if offset == 0 else thai.fiscal_year_bounds(fy)[0]
        span = max(0, ((today if offset == 0 else thai.fiscal_year_bounds(fy)[1]) - start).days)
        plan = {
            "kind": kind,
            "title": title,
            "area": area,
            "fiscal_year": fy,
            "oit_codes": codes,
            "unit": unit,
            "publish_date": start + dt.timedelta(days=(n * 37) % (span + 1)),
            "body": body,
        }
        if kind == "document":
            plan["pdf"] = lambda t=title, b=body: _pdf(t, f"<p>{escape(b)}</p>")
        plans.append(plan)
    return plans


# The channels the seed plan's item 6 lists (website, Facebook, LINE, the information centre, the
# announcement van, the village loudspeakers, the journal), plus the Q&A board.
DEMO_CHANNELS = [
    ("walk_in", "ศูนย์ข้อมูลข่าวสาร ณ ที่ทำการ อบต."),
    ("website", "เว็บไซต์ขององค์การบริหารส่วนตำบล"),
    ("social", "เพจ Facebook ขององค์การบริหารส่วนตำบล"),
    ("line", "LINE Official Account"),
    ("qa", "กระดานถาม-ตอบบนเว็บไซต์"),
    ("other", "รถประชาสัมพันธ์และเสียงตามสาย"),
    ("other", "วารสารประชาสัมพันธ์"),
]


def load_channels(org):
    """The information centre's channels, once (the KPI of item 6 counts them)."""
    if InfoChannel.objects.for_org(org).exists():
        return 0
    InfoChannel.objects.bulk_create(
        [InfoChannel(org=org, kind=kind, name=name, order=i) for i, (kind, name) in enumerate(DEMO_CHANNELS)]
    )
    return len(DEMO_CHANNELS)


def load(org, stdout=None):
    """Publish the demo publications of `org` (once) and index them; returns how many were made."""
    load_channels(org)
    admin, executive = _staff(org, "admin"), _staff(org, "executive")
    if admin is None or executive is None:
        _say(stdout, "disclosure: no demo admin/executive account; demo publications skipped\n")
        return 0
    today = timezone.localdate()
    units = {u.name: u for u in Unit.objects.for_org(org)}
    existing = set(Publication.objects.for_org(org).values_list("title", "fiscal_year"))
    made = 0
    for plan in _plans(org, today):
        if (plan["title"], plan["fiscal_year"]) in existing:
            continue
        make_pdf = plan.pop("pdf", None)
        upload = None
        if make_pdf is not None:
            name = f"{plan['title'][:80]}.pdf"
            upload = SimpleUploadedFile(name, make_pdf(), content_type="application/pdf")
        plan["unit"] = units.get(plan["unit"])
        publication = publishing.create(org, by=admin, upload=upload, **plan)
        version = publication.versions.get(number=1)
        publishing.submit(version, by=admin)
        publishing.approve(version, by=executive)
        made += 1
    build.reindex(org)
    _say(stdout, f"disclosure: {made} demo publications made\n")
    return made
