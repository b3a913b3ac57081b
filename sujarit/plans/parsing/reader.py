"""Turn a plan file (.txt in UTF-8 or TIS-620, or .docx) into one stream of text lines.

Table rows become tab-separated lines, the way the PDF-to-text form of the template carries them,
so every later stage reads both kinds of file the same way."""

import io
import re
import zipfile

from .errors import PlanParseError
from .text import HARD_BREAK, normalise_text

MAX_BYTES = 20 * 1024 * 1024
MAX_LINES = 200_000
SIGNATURES = [
    (b"%PDF", "ไฟล์นี้เป็น PDF: กรุณาแปลงเป็นไฟล์ข้อความ (.txt) หรือ Word (.docx) ก่อนนำเข้า"),
    (b"\x89PNG", "ไฟล์นี้เป็นรูปภาพ PNG ไม่ใช่เอกสารแผนปฏิบัติการ"),
    (b"\xff\xd8\xff", "ไฟล์นี้เป็นรูปภาพ JPEG ไม่ใช่เอกสารแผนปฏิบัติการ"),
    (b"GIF8", "ไฟล์นี้เป็นรูปภาพ GIF ไม่ใช่เอกสารแผนปฏิบัติการ"),
    (b"\xd0\xcf\x11\xe0", "ไฟล์นี้เป็นเอกสาร Word/Excel รุ่นเก่า (.doc/.xls): กรุณาบันทึกเป็น .docx ก่อนนำเข้า"),
    (b"\x1f\x8b", "ไฟล์นี้เป็นไฟล์บีบอัด (gzip) ไม่ใช่เอกสารแผนปฏิบัติการ"),
    (b"{\\rtf", "ไฟล์นี้เป็น RTF: กรุณาบันทึกเป็น .docx หรือ .txt ก่อนนำเข้า"),
]
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_lines(data, filename=""):
    """(lines, kind, notes): lines without line ends, kind 'text' or 'docx', notes for warnings."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise PlanParseError("ข้อมูลที่ส่งมาไม่ใช่ไฟล์ (ต้องเป็นไบต์ของไฟล์ .txt หรือ .docx)", where="ไฟล์")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise PlanParseError(
            f"ไฟล์ใหญ่เกินไป ({len(data) // (1024 * 1024)} MB) เอกสารแผนปฏิบัติการไม่ควรเกิน 20 MB", where="ไฟล์"
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise PlanParseError("ไฟล์ว่าง ไม่มีเนื้อหาให้อ่าน", line=0, where="ไฟล์")
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".docx"):
        lines, notes = _docx_lines(data), []
        kind = "docx"
    else:
        for sig, message in SIGNATURES:
            if data.startswith(sig):
                raise PlanParseError(message, line=0, where="ไฟล์")
        lines, notes = _text_lines(data)
        kind = "text"
    if len(lines) > MAX_LINES:
        raise PlanParseError(f"เอกสารยาวเกินไป ({len(lines)} บรรทัด) ไม่ใช่แผนปฏิบัติการตามแบบ", where="ไฟล์")
    return normalise_text("\n".join(lines)).split("\n"), kind, notes


def _text_lines(data):
    notes = []
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError:
                raise PlanParseError(
                    "ไฟล์ข้อความ UTF-16 นี้อ่านไม่ได้ (ข้อมูลเสีย) กรุณาบันทึกเป็น UTF-8", line=0, where="ไฟล์"
                ) from None
            return _split(text), notes
        raise PlanParseError(
            "ไฟล์นี้เป็นไฟล์ไบนารี ไม่ใช่ไฟล์ข้อความหรือเอกสาร Word (.docx) ที่อ่านได้", line=0, where="ไฟล์"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp874")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise PlanParseError(
                f"อ่านไฟล์ได้ถึงบรรทัดที่ {line} แล้วพบอักขระที่ไม่ใช่ข้อความ UTF-8 หรือ TIS-620 (ไฟล์เสียหรือไม่ใช่ไฟล์ข้อความ)",
                line=line,
                where="ไฟล์",
            ) from None
        notes.append(
            {
                "code": "reader.encoding",
                "where": "ไฟล์",
                "message": "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8 จึงอ่านเป็น TIS-620 (cp874)",
            }
        )
    if _binary_share(text) > 0.05:
        raise PlanParseError("ไฟล์นี้มีอักขระควบคุมจำนวนมาก ไม่ใช่ไฟล์ข้อความของแผนปฏิบัติการ", line=0, where="ไฟล์")
    return _split(text), notes


def _binary_share(text):
    sample = text[:20000]
    if not sample:
        return 0
    return len(CONTROL_RE.findall(sample)) / len(sample)


def _split(text):
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


def _docx_lines(data):
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise PlanParseError("ระบบอ่านไฟล์ .docx ไม่ได้ในขณะนี้ (ไม่มี python-docx)", where="ไฟล์") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise PlanParseError(
            "ไฟล์นี้ไม่ใช่เอกสาร Word (.docx) ที่สมบูรณ์: เปิดไฟล์ไม่ได้ (ไฟล์อาจเสียหรือถูกตัดท้าย)", line=0, where="ไฟล์"
        ) from None
    if unpacked > 10 * MAX_BYTES:
        raise PlanParseError(
            "เอกสาร Word (.docx) นี้เมื่อแตกไฟล์แล้วใหญ่เกินไป ไม่ใช่แผนปฏิบัติการตามแบบ", line=0, where="ไฟล์"
        )
    if "word/document.xml" not in names:
        raise PlanParseError(
            "ไฟล์ ZIP นี้ไม่ใช่เอกสาร Word (.docx): ไม่พบเนื้อหาเอกสาร (word/document.xml)", line=0, where="ไฟล์"
        )
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        blocks = list(_blocks(body))
        paras = [_para_text(b) for b in blocks if b.tag == W + "p"]
        # A document typed in Word separates paragraphs without empty ones; the line stream marks
        # paragraph ends with blank lines (as the text form does), or consecutive lines would be
        # read as one wrapped paragraph.
        dense = len(paras) >= 10 and sum(1 for p in paras if not p.strip()) < 0.1 * len(paras)
        lines = []
        for block in blocks:
            if block.tag == W + "p":
                lines.extend(_para_text(block).split("\n"))
                if dense:
                    lines.append(HARD_BREAK)
            else:
                lines.extend(_table_lines(block))
    except PlanParseError:
        raise
    except Exception:  # python-docx/lxml raise many kinds on damaged parts
        raise PlanParseError("เอกสาร Word (.docx) นี้เสียหาย อ่านเนื้อหาไม่ได้", line=0, where="ไฟล์") from None
    return lines


def _blocks(parent, depth=0):
    """Body paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "sdt" and depth < 20:
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content, depth + 1)


def _para_text(p):
    parts = []
    for el in p.iter():
        if el.tag == W + "t" and el.text:
            parts.append(el.text)
        elif el.tag == W + "tab":
            parts.append("\t")
        elif el.tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _table_lines(tbl):
    lines = []
    for tr in tbl.iterchildren(W + "tr"):
        cells = []
        for tc in tr.iterchildren(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            if vmerge is not None and vmerge.get(W + "val") in (None, "continue"):
                cells.append("")
                continue
            texts = [_para_text(p).replace("\t", " ").replace("\n", " ") for p in tc.iter(W + "p")]
            texts = [t for t in texts if t.strip()]
            cells.append(" ".join(texts))
            span = tcpr.find(W + "gridSpan") if tcpr is not None else None
            if span is not None and (span.get(W + "val") or "").isdigit():
                # keep the columns aligned with the header: a cell spanning n columns fills n
                cells.extend([""] * min(int(span.get(W + "val")) - 1, 50))
        lines.append("\t".join(cells))
    return lines
