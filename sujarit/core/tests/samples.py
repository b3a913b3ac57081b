"""Small real files for upload tests: a PDF, DOCX and XLSX that name their author where Office and
PDF writers do (document properties, XMP, comment authors, tracked changes, saved folder)."""

import io
import zipfile

AUTHOR = "Somchai Whistleblower"


def tiny_pdf(text="evidence", author=None):
    """A one-page PDF; with `author`, in its Info dictionary, its XMP and a sticky note's author."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Marker = pikepdf.String(text)  # something of the content to find again
    if author:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = [author]
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Creator"] = f"C:/Users/{author}/Documents"
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[0, 0, 10, 10], T=author, Contents=text
        )
        pdf.pages[0].Annots = pdf.make_indirect([pdf.make_indirect(note)])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_marker(data):
    """The text tiny_pdf put in a PDF (read back by pikepdf, wherever the writer put it)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return str(pdf.Root.Marker)


def docx_with_author(author=AUTHOR, text="เงินทอนโครงการถนน"):
    """A Word document whose properties, comments and tracked changes name `author`."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    doc.core_properties.author = author
    doc.core_properties.last_modified_by = author
    doc.core_properties.comments = f"written by {author}"
    buf = io.BytesIO()
    doc.save(buf)
    # python-docx writes no comments or tracked changes: add them as Word does.
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(
                    b"</w:body>",
                    f'<w:p><w:ins w:id="1" w:author="{author}" w:date="2026-01-01T00:00:00Z"><w:r><w:t>x</w:t>'
                    f"</w:r></w:ins></w:p></w:body>".encode(),
                )
            dst.writestr(info, body)
        dst.writestr(
            "word/comments.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:comments {w}><w:comment w:id="0" w:author="{author}" '
            f'w:initials="SW"><w:p><w:r><w:t>ดูตรงนี้</w:t></w:r></w:p></w:comment></w:comments>',
        )
        dst.writestr(
            "docProps/custom.xml",
            '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
            'officeDocument/2006/custom-properties"><property name="Owner">'
            f"{author}</property></Properties>",
        )
    return out.getvalue()


def xlsx_with_author(author=AUTHOR):
    """A workbook whose properties, a cell comment's author and the saved folder name `author`."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    wb = Workbook()
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.active["A1"] = "งบประมาณ"
    wb.active["A1"].comment = Comment("ตัวเลขไม่ตรง", author)
    buf = io.BytesIO()
    wb.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    path = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/'
        f'spreadsheetml/2010/11/ac" url="C:\\Users\\{author}\\Documents\\"/></mc:Choice></mc:AlternateContent>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = body.replace(b"<workbookPr", path.encode() + b"<workbookPr", 1)
            dst.writestr(info, body)
    return out.getvalue()


def unpacked(data):
    """Every part of an Office file, unpacked and joined (to look for a name anywhere in it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return b"".join(zf.read(n) for n in zf.namelist())


def png_bytes(size=(4, 4)):
    """A small real PNG."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def scheduled_work(callbacks):
    """The on-commit callbacks a verb scheduled itself: without the one each audited event adds
    (core.audit.record forgets the organization's version the public page cache remembers)."""
    from sujarit.core import audit

    return [c for c in callbacks if getattr(c, "func", None) is not audit.forget_version]
