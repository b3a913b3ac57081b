"""A believable front page for the demo organization: settings, executives with portraits, news and
activities with photos, and the organization's pages. Every picture is drawn here with Pillow (nothing
is downloaded) and goes through the same re-encoding as a staff member's upload."""

import io
import math
import random
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from . import services
from .models import ExecutiveGroup, PageKind, Post, PostKind

# Demo people carry "(สาธิต)" like the core's demo staff; contacts use the reserved .example domain.
EXECUTIVES = [
    (ExecutiveGroup.EXECUTIVE, "นายก อบต. (สาธิต)", "นายกองค์การบริหารส่วนตำบลแหลมสอม", "nayok@laemsom.example"),
    (
        ExecutiveGroup.EXECUTIVE,
        "รองนายก คนที่ 1 (สาธิต)",
        "รองนายกองค์การบริหารส่วนตำบลแหลมสอม",
        "deputy1@laemsom.example",
    ),
    (
        ExecutiveGroup.EXECUTIVE,
        "รองนายก คนที่ 2 (สาธิต)",
        "รองนายกองค์การบริหารส่วนตำบลแหลมสอม",
        "deputy2@laemsom.example",
    ),
    (
        ExecutiveGroup.EXECUTIVE,
        "เลขานุการนายก (สาธิต)",
        "เลขานุการนายกองค์การบริหารส่วนตำบลแหลมสอม",
        "secretary@laemsom.example",
    ),
    (
        ExecutiveGroup.COUNCIL,
        "ประธานสภา (สาธิต)",
        "ประธานสภาองค์การบริหารส่วนตำบลแหลมสอม",
        "council@laemsom.example",
    ),
    (ExecutiveGroup.OFFICIAL, "ปลัด อบต. (สาธิต)", "ปลัดองค์การบริหารส่วนตำบลแหลมสอม", "palad@laemsom.example"),
    (ExecutiveGroup.OFFICIAL, "ผู้อำนวยการกองคลัง (สาธิต)", "ผู้อำนวยการกองคลัง", "finance@laemsom.example"),
]

# (days ago, kind, title, text, scene)
POSTS = [
    (
        3,
        PostKind.ACTIVITY,
        "โครงการปลูกป่าชายเลนเฉลิมพระเกียรติ ประจำปี",
        "องค์การบริหารส่วนตำบลแหลมสอมร่วมกับชุมชนชายฝั่ง โรงเรียน และอาสาสมัครในพื้นที่ ปลูกต้นโกงกางบริเวณป่าชายเลนหมู่ที่ 3 จำนวนกว่า 2,000 ต้น\n\nกิจกรรมนี้มุ่งฟื้นฟูแหล่งอนุบาลสัตว์น้ำและป้องกันการกัดเซาะชายฝั่ง ผู้สนใจร่วมดูแลกล้าไม้ติดต่อสำนักปลัด",
        "mangrove",
    ),
    (
        9,
        PostKind.NEWS,
        "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ปีงบประมาณปัจจุบัน",
        "ขอเชิญชวนเจ้าของที่ดินและสิ่งปลูกสร้างชำระภาษีได้ที่กองคลัง ในวันและเวลาราชการ หรือกดบัตรคิวล่วงหน้าผ่านระบบคิวออนไลน์\n\nผู้ชำระภายในกำหนดไม่ต้องเสียเงินเพิ่ม",
        "office",
    ),
    (
        16,
        PostKind.ACTIVITY,
        "ประชุมประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น",
        "คณะผู้บริหารและเจ้าหน้าที่ร่วมรับฟังความคิดเห็นของประชาชนทั้ง 7 หมู่บ้าน เพื่อจัดลำดับความสำคัญของโครงการในแผนพัฒนาท้องถิ่น\n\nข้อเสนอของประชาคมจะนำเข้าสู่การพิจารณาของคณะกรรมการพัฒนาท้องถิ่นต่อไป",
        "meeting",
    ),
    (
        24,
        PostKind.NEWS,
        "รับสมัครผู้สูงอายุรายใหม่เพื่อรับเบี้ยยังชีพ",
        "ผู้ที่จะมีอายุครบ 60 ปีบริบูรณ์ในปีงบประมาณถัดไป ลงทะเบียนได้ที่สำนักปลัด นำบัตรประจำตัวประชาชนและสมุดบัญชีเงินฝากมาด้วย",
        "office",
    ),
    (
        33,
        PostKind.ACTIVITY,
        "กิจกรรมวันเด็กแห่งชาติ ณ ศูนย์พัฒนาเด็กเล็ก",
        "ศูนย์พัฒนาเด็กเล็กจัดกิจกรรมวันเด็ก มีการแสดงของเด็ก เกมส์ และมอบทุนการศึกษา โดยได้รับการสนับสนุนจากผู้ปกครองและภาคเอกชนในพื้นที่",
        "children",
    ),
    (
        41,
        PostKind.NEWS,
        "แจ้งปิดซ่อมถนนสายบ้านแหลมสอม–ท่าเรือ ชั่วคราว",
        "กองช่างจะดำเนินการซ่อมผิวถนนเป็นเวลา 5 วัน ขอให้ผู้ใช้ทางเลี่ยงไปใช้เส้นทางสำรองและขออภัยในความไม่สะดวก",
        "road",
    ),
    (
        55,
        PostKind.ACTIVITY,
        "อบรมคุณธรรมจริยธรรมและการป้องกันการทุจริตแก่บุคลากร",
        "บุคลากรของ อบต. ร่วมอบรมประมวลจริยธรรม การป้องกันผลประโยชน์ทับซ้อน และช่องทางแจ้งเบาะแสการทุจริต ตามแผนปฏิบัติการป้องกันการทุจริต",
        "meeting",
    ),
    (
        70,
        PostKind.ACTIVITY,
        "ทำความสะอาดชายหาดร่วมกับชุมชน",
        "ชาวบ้าน นักเรียน และเจ้าหน้าที่ร่วมเก็บขยะบริเวณชายหาดและคัดแยกขยะรีไซเคิล ได้ขยะรวมกว่า 300 กิโลกรัม",
        "beach",
    ),
]

PAGES = {
    PageKind.HISTORY: 'องค์การบริหารส่วนตำบลแหลมสอมยกฐานะจากสภาตำบลตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537\n\nชื่อ "แหลมสอม" มาจากลักษณะพื้นที่ที่เป็นแหลมยื่นลงสู่ทะเลฝั่งอันดามัน ชุมชนดั้งเดิมประกอบอาชีพประมงชายฝั่งและทำสวนยางพารา\n\n(ข้อความสาธิต)',
    PageKind.AREA: "ตำบลแหลมสอมตั้งอยู่ในอำเภอปะเหลียน จังหวัดตรัง พื้นที่ส่วนใหญ่เป็นที่ราบชายฝั่ง มีป่าชายเลนและลำคลองหลายสาย\n\nทิศเหนือ ทิศใต้ ทิศตะวันออก และทิศตะวันตก ติดต่อกับตำบลข้างเคียงและทะเลอันดามัน (ข้อความสาธิต)",
    PageKind.POPULATION: "ประชากรตามทะเบียนราษฎรประมาณ 5,000 คน ในราว 1,500 ครัวเรือน ประกอบอาชีพเกษตรกรรม ประมงชายฝั่ง และรับจ้างทั่วไป\n\n(ตัวเลขสาธิต โปรดแก้ไขตามข้อมูลทะเบียนราษฎรล่าสุด)",
    PageKind.VILLAGES: "หมู่ที่ 1 บ้านแหลมสอม\n\nหมู่ที่ 2 บ้านท่าข้าม\n\nหมู่ที่ 3 บ้านป่าชายเลน\n\nหมู่ที่ 4 บ้านควนใหม่\n\n(รายชื่อสาธิต)",
    PageKind.AUTHORITY: "องค์การบริหารส่วนตำบลมีอำนาจหน้าที่ในการพัฒนาตำบลทั้งในด้านเศรษฐกิจ สังคม และวัฒนธรรม ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 และพระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542",
    PageKind.DEVELOPMENT_PLAN: 'แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) กำหนดยุทธศาสตร์การพัฒนา 6 ด้าน ได้แก่ โครงสร้างพื้นฐาน เศรษฐกิจและการท่องเที่ยว คุณภาพชีวิต ทรัพยากรธรรมชาติและสิ่งแวดล้อม การศึกษาและวัฒนธรรม และการบริหารจัดการที่ดี\n\nแผนปฏิบัติการป้องกันการทุจริตของ อบต. อ่านได้ที่เมนู "แผนปฏิบัติการ"',
}

PALETTES = {
    "mangrove": ((122, 180, 220), (40, 110, 70), (20, 80, 60)),
    "office": ((170, 205, 235), (200, 190, 160), (150, 60, 50)),
    "meeting": ((235, 225, 205), (120, 90, 60), (60, 80, 120)),
    "children": ((250, 220, 150), (90, 170, 90), (230, 90, 80)),
    "road": ((160, 200, 230), (110, 110, 110), (230, 200, 60)),
    "beach": ((110, 180, 230), (240, 220, 170), (40, 120, 190)),
}


def _jpeg(img, name):
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def scene(kind, seed, size=(1280, 720)):
    """A photo-like picture of `kind`: sky, ground, and shapes of trees, buildings or people."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    sky, ground, accent = PALETTES[kind]
    w, h = size
    img = Image.new("RGB", size, sky)
    d = ImageDraw.Draw(img)
    horizon = int(h * rnd.uniform(0.5, 0.62))
    for y in range(horizon):  # the sky lightens towards the horizon
        t = y / horizon
        d.line([(0, y), (w, y)], fill=tuple(int(c + (255 - c) * t * 0.45) for c in sky))
    d.ellipse([w * 0.78, h * 0.08, w * 0.78 + 90, h * 0.08 + 90], fill=(255, 236, 170))
    d.rectangle([0, horizon, w, h], fill=ground)
    for _ in range(14):  # trees, posts or buildings along the horizon
        x = rnd.randint(0, w)
        if kind in ("office", "road"):
            bw, bh = rnd.randint(80, 200), rnd.randint(60, 160)
            d.rectangle([x, horizon - bh, x + bw, horizon], fill=tuple(max(0, c - 30) for c in accent))
            d.polygon(
                [(x - 10, horizon - bh), (x + bw / 2, horizon - bh - 50), (x + bw + 10, horizon - bh)],
                fill=accent,
            )
        else:
            r = rnd.randint(30, 70)
            d.line([(x, horizon), (x, horizon - 2 * r)], fill=(90, 60, 40), width=8)
            d.ellipse(
                [x - r, horizon - 3 * r, x + r, horizon - r], fill=tuple(max(0, c - 20) for c in ground)
            )
    for i in range(rnd.randint(5, 11)):  # people in the foreground
        x = int(w * (i + rnd.random()) / 11)
        y = rnd.randint(horizon + 60, h - 40)
        s = rnd.uniform(0.8, 1.3) * (y / h) * 1.4
        shirt = rnd.choice([accent, (240, 240, 240), (70, 110, 160), (180, 150, 90)])
        d.ellipse([x - 14 * s, y - 95 * s, x + 14 * s, y - 65 * s], fill=(120, 85, 60))
        d.rounded_rectangle([x - 24 * s, y - 64 * s, x + 24 * s, y], radius=int(10 * s), fill=shirt)
    if kind == "road":
        d.polygon([(w * 0.35, h), (w * 0.48, horizon), (w * 0.52, horizon), (w * 0.65, h)], fill=(70, 70, 70))
        for k in range(6):
            yy = horizon + (h - horizon) * k / 6
            d.line([(w / 2, yy), (w / 2, yy + 20 + k * 6)], fill=(250, 250, 250), width=3 + k)
    if kind in ("beach", "mangrove"):
        for _k in range(40):  # light on the water
            yy = rnd.randint(horizon, horizon + 40)
            xx = rnd.randint(0, w)
            d.line([(xx, yy), (xx + rnd.randint(10, 40), yy)], fill=(235, 245, 255), width=2)
    return img.filter(ImageFilter.GaussianBlur(1.2))


def portrait(seed, size=(480, 600)):
    """A head-and-shoulders figure in the khaki civil-service uniform before a studio backdrop."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    w, h = size
    back = rnd.choice([(40, 80, 140), (60, 100, 160), (90, 60, 120), (30, 90, 110)])
    img = Image.new("RGB", size, back)
    d = ImageDraw.Draw(img)
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=tuple(int(c * (1 - 0.35 * t)) for c in back))
    skin = rnd.choice([(205, 160, 125), (185, 140, 105), (220, 175, 140)])
    cx = w / 2
    d.rounded_rectangle([cx - 190, h * 0.62, cx + 190, h + 40], radius=90, fill=(139, 125, 90))  # khaki
    d.polygon([(cx - 45, h * 0.62), (cx, h * 0.74), (cx + 45, h * 0.62)], fill=(240, 240, 235))
    d.rectangle([cx - 35, h * 0.5, cx + 35, h * 0.64], fill=skin)
    d.ellipse([cx - 95, h * 0.18, cx + 95, h * 0.56], fill=skin)
    hair = rnd.choice([(20, 20, 20), (40, 35, 30), (90, 90, 90)])
    d.chord([cx - 100, h * 0.14, cx + 100, h * 0.44], 180, 360, fill=hair)
    for side in (-1, 1):
        d.ellipse([cx + side * 38 - 9, h * 0.36, cx + side * 38 + 9, h * 0.385], fill=(40, 30, 25))
    d.arc([cx - 30, h * 0.42, cx + 30, h * 0.48], 20, 160, fill=(120, 60, 50), width=4)
    for k in range(3):  # badges on the uniform
        d.rectangle(
            [cx - 150 + k * 22, h * 0.72, cx - 134 + k * 22, h * 0.74],
            fill=rnd.choice([(200, 30, 30), (230, 200, 40), (40, 90, 180)]),
        )
    return img.filter(ImageFilter.GaussianBlur(0.8))


def banner(seed=7, size=(1600, 500)):
    from PIL import ImageDraw

    img = scene("beach", seed, size=(size[0], size[1]))
    d = ImageDraw.Draw(img)
    for k in range(0, size[0], 6):
        d.line([(k, size[1] - 20 - 10 * math.sin(k / 40)), (k, size[1])], fill=(30, 100, 160))
    return img


def load(org, stdout=None):
    """Give the demo organization its front page once; returns how many news items were made."""
    if Post.objects.for_org(org).exists():
        return 0
    services.save_settings(
        org, by=None, tagline="ชุมชนน่าอยู่ ป่าชายเลนสมบูรณ์ บริการโปร่งใส",
        welcome="ยินดีต้อนรับสู่เว็บไซต์องค์การบริหารส่วนตำบลแหลมสอม\n\nติดตามข่าวสาร กิจกรรม และใช้บริการออนไลน์ได้ตลอด 24 ชั่วโมง",
        colour="#155e75", latitude=Decimal("7.137000"), longitude=Decimal("99.684000"),
        office_hours="วันจันทร์–ศุกร์ 08.30–16.30 น.", banner=_jpeg(banner(), "banner.jpg"),
    )  # fmt: skip
    for i, (group, name, position, email) in enumerate(EXECUTIVES):
        services.save_executive(
            org, by=None, group=group, full_name=name, position=position, email=email, order=i,
            photo=_jpeg(portrait(i), f"portrait-{i}.jpg"),
        )  # fmt: skip
    today = timezone.localdate()
    for n, (days, kind, title, body, what) in enumerate(POSTS):
        services.save_post(
            org, by=None, kind=kind, title=title, body=body, published_on=today - timedelta(days=days),
            photo=_jpeg(scene(what, n), f"news-{n}.jpg"), photo_alt=title,
        )  # fmt: skip
    for kind, body in PAGES.items():
        services.save_page(org, kind, by=None, body=body)
    if stdout is not None:
        stdout.write(f"website: {len(EXECUTIVES)} people, {len(POSTS)} news items, {len(PAGES)} pages\n")
    return len(POSTS)
