"""Open data: every public publication's metadata and the OIT compliance status, as JSON, CSV, a
DCAT-AP catalogue (JSON-LD) and a CKAN-compatible action API, so a national portal can harvest them.

Only what the public already sees is listed: public publications (approved, not withdrawn) and
their current version; drafts and withdrawn ones never appear.
"""

from django.urls import reverse

from ..models import Area, Kind
from ..services import catalogue
from . import compliance
from .publications import file_url as version_file_url
from .publications import period_label, public_publications, publication_url

COLUMNS = [
    "id", "title", "kind", "area", "fiscal_year", "period_kind", "period", "unit", "oit_codes",
    "publish_date", "version", "url", "file_url", "file_name", "file_type", "file_size", "sha256",
]  # fmt: skip


def publications(org):
    """Public publications of org with what the metadata needs, newest first."""
    return (
        public_publications(org)
        .select_related("org", "unit", "current_version")
        .prefetch_related("tags")
        .order_by("-publish_date", "-pk")
    )


def publication_row(p, absolute):
    """One publication's metadata; `absolute(path)` makes a full URL."""
    v = p.current_version
    if v is not None:
        v.publication = p  # already loaded: file_url() must not fetch it (and its org) again per row
    file_url = ""
    if v is not None and v.file:
        file_url = absolute(version_file_url(v))
    return {
        "id": p.pk,
        "title": p.title,
        "kind": p.kind,
        "area": p.area,
        "fiscal_year": p.fiscal_year,
        "period_kind": p.period_kind,
        "period": p.period,
        "unit": p.unit.name if p.unit_id else "",
        "oit_codes": sorted(t.code for t in p.tags.all()),
        "publish_date": p.publish_date.isoformat() if p.publish_date else None,
        "version": v.number if v else None,
        "url": absolute(publication_url(p)),
        "link": (v.url if v and p.kind == Kind.LINK else ""),
        "file_url": file_url,
        "file_name": v.file_name if v else "",
        "file_type": v.content_type if v else "",
        "file_size": v.size if v else None,
        "sha256": v.sha256 if v else "",
    }


def compliance_status(org, absolute):
    """The current assessment year's board as data; None when no catalogue is loaded."""
    year = catalogue.current_assessment_year(org)
    if year is None:
        return None
    rows = compliance.board(org, year)
    return {
        "assessment_year": year,
        "estimated_oit_score": str(compliance.score_of(rows)),
        "counts": compliance.counts(rows),
        "items": [item_row(r, absolute) for r in rows],
    }


def item_row(r, absolute):
    item = r["item"]
    owner = r["owner"]
    return {
        "code": item.code,
        "title": item.title,
        "area": item.area,
        "frequency": item.frequency,
        "status": r["status"],
        "due": r["due"].isoformat() if r["due"] else None,
        "owner": owner_label(owner),
        "evidence": [
            {
                "title": e["title"],
                "url": absolute(e["url"]) if e["url"] else "",
                "date": e["date"].isoformat() if e["date"] else None,
                "source": e["source"],
            }
            for e in r["evidence"]
        ],
    }


def owner_label(owner):
    if owner is None:
        return ""
    parts = [owner.person.full_name if owner.person_id else "", owner.unit.name if owner.unit_id else ""]
    return " · ".join(x for x in parts if x)


def as_json(org, absolute):
    return {
        "organization": {"slug": org.slug, "name": org.name},
        "publications": [publication_row(p, absolute) for p in publications(org)],
        "compliance": compliance_status(org, absolute),
    }


def csv_table(org, absolute, table="publications"):
    """(header, rows) of the publications' metadata, or of the compliance status ("compliance")."""
    if table == "compliance":
        status = compliance_status(org, absolute) or {"items": [], "assessment_year": ""}
        header = ["assessment_year", "code", "title", "area", "frequency", "status", "due", "owner",
                  "evidence_urls"]  # fmt: skip
        rows = [
            [status["assessment_year"], r["code"], r["title"], r["area"], r["frequency"], r["status"],
             r["due"], r["owner"], " ".join(e["url"] for e in r["evidence"])]
            for r in status["items"]
        ]  # fmt: skip
        return header, rows
    rows = []
    for p in publications(org):
        row = publication_row(p, absolute)
        row["oit_codes"] = " ".join(row["oit_codes"])
        rows.append([row[c] for c in COLUMNS])
    return COLUMNS, rows


# --- DCAT-AP and CKAN ---------------------------------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# DCAT-AP wants IRIs for formats and media types: the EU file-type authority list and IANA's register.
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "http://www.iana.org/assignments/media-types/"
FORMATS = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/webp": "WEBP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "text/html": "HTML",
    "application/json": "JSON",
    "text/csv": "CSV",
}


def format_of(content_type, file_name=""):
    """A short format name (PDF, DOCX …): CKAN's `format`, and the code in the EU file-type list."""
    content_type = (content_type or "").split(";")[0].strip()
    if content_type in FORMATS:
        return FORMATS[content_type]
    _stem, dot, ext = (file_name or "").rpartition(".")
    return ext.upper() if dot and ext.isalnum() else ""


def description(p):
    """What a publication is, in one line (a CKAN package's notes, a DCAT dataset's description)."""
    parts = [p.get_kind_display(), p.get_area_display(), f"ปีงบประมาณ {p.fiscal_year}"]
    if p.period_kind and p.period:
        parts.append(period_label(p))
    return " · ".join(str(x) for x in parts if x)


def _dcat_format(content_type, file_name=""):
    """dct:format and dcat:mediaType of a distribution, as IRIs (only those that are known)."""
    out = {}
    code = format_of(content_type, file_name)
    if code in FORMATS.values():
        out["dct:format"] = {"@id": FILE_TYPE + code}
    media = (content_type or "").split(";")[0].strip()
    if media in FORMATS:
        out["dcat:mediaType"] = {"@id": MEDIA_TYPE + media}
    return out


def _distributions(row):
    dists = [
        {"@type": "dcat:Distribution", "dct:title": "หน้าเผยแพร่", "dcat:accessURL": {"@id": row["url"]},
         **_dcat_format("text/html")},
    ]  # fmt: skip
    if row["link"]:
        dists.append(
            {"@type": "dcat:Distribution", "dct:title": "ลิงก์ต้นทาง", "dcat:accessURL": {"@id": row["link"]}}
        )
    if row["file_url"]:
        dist = {
            "@type": "dcat:Distribution",
            "dct:title": row["file_name"],
            "dcat:accessURL": {"@id": row["file_url"]},
            "dcat:downloadURL": {"@id": row["file_url"]},
            **_dcat_format(row["file_type"], row["file_name"]),
        }
        if row["file_size"] is not None:
            dist["dcat:byteSize"] = {"@value": str(row["file_size"]), "@type": "xsd:nonNegativeInteger"}
        if row["sha256"]:
            dist["spdx:checksum"] = {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                "spdx:checksumValue": {"@value": row["sha256"], "@type": "xsd:hexBinary"},
            }
        dists.append(dist)
    return dists


def _contact(org, home_url):
    contact = {"@id": f"{home_url}#contact", "@type": "vcard:Organization", "vcard:fn": org.name}
    if org.email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{org.email}"}
    if org.phone:
        contact["vcard:hasTelephone"] = org.phone
    return contact


def dcat_catalog(org, absolute, catalog_url, home_url, metadata_urls):
    """A DCAT-AP dcat:Catalog with one dcat:Dataset per public publication (JSON-LD).

    Each has DCAT-AP's mandatory properties (catalogue: title, description, publisher, datasets;
    dataset: title, description; distribution: accessURL; publisher: foaf:name).
    """
    areas = dict(Area.choices)
    contact = _contact(org, home_url)  # the same node (one @id) on every dataset
    datasets = []
    for p in publications(org):
        row = publication_row(p, absolute)
        dataset = {
            "@id": row["url"],
            "@type": "dcat:Dataset",
            "dct:identifier": str(row["id"]),
            "dct:title": row["title"],
            "dct:description": description(p),
            "dct:publisher": {"@id": home_url},
            "dcat:contactPoint": contact,
            "dcat:keyword": [*row["oit_codes"], str(areas.get(row["area"], row["area"]))],
            "dcat:landingPage": {"@id": row["url"]},
            "dcat:distribution": _distributions(row),
        }
        if row["publish_date"]:
            dataset["dct:issued"] = {"@value": row["publish_date"], "@type": "xsd:date"}
        if p.updated_at:
            dataset["dct:modified"] = {"@value": p.updated_at.date().isoformat(), "@type": "xsd:date"}
        datasets.append(dataset)
    datasets.append(
        {
            "@id": metadata_urls["json"],
            "@type": "dcat:Dataset",
            "dct:identifier": "publications-metadata",
            "dct:title": f"ข้อมูลการเผยแพร่และสถานะ OIT ของ{org.name}",
            "dct:description": "รายการเอกสารที่เผยแพร่ต่อสาธารณะทั้งหมด (ชื่อ ประเภท ปีงบประมาณ รหัส OIT "
            "ไฟล์และค่า SHA-256) และสถานะการเปิดเผยข้อมูลตามเกณฑ์ OIT ของปีประเมินปัจจุบัน",
            "dct:publisher": {"@id": home_url},
            "dcat:contactPoint": contact,
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dcat:accessURL": {"@id": metadata_urls[key]},
                    "dcat:downloadURL": {"@id": metadata_urls[key]},
                    **_dcat_format(media),
                }
                for key, media in (("json", "application/json"), ("csv", "text/csv"))
            ],
        }
    )
    return {
        "@context": CONTEXT,
        "@id": catalog_url,
        "@type": "dcat:Catalog",
        "dct:title": f"ข้อมูลเปิดเผยต่อสาธารณะ {org.name}",
        "dct:description": f"เอกสาร ประกาศ รายงาน และหลักฐานการเปิดเผยข้อมูล (OIT) ที่{org.name}"
        "เผยแพร่ต่อสาธารณะ ทุกรายการผ่านการอนุมัติก่อนเผยแพร่",
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/THA"},
        "dct:publisher": {"@id": home_url, "@type": "foaf:Organization", "foaf:name": org.name},
        "foaf:homepage": {"@id": home_url},
        "dcat:dataset": datasets,
    }


def ckan_name(p):
    return f"pub-{p.pk}"


def ckan_organization(org, absolute, package_count=None):
    """The organization as a CKAN organization (one per catalogue: /api/ckan/<slug>/)."""
    return {
        "id": org.slug,
        "name": org.slug,
        "title": org.name,
        "display_name": org.name,
        "description": " ".join(p for p in (org.district, org.province) if p),
        "image_url": "",
        "created": org.created_at.isoformat(),
        "is_organization": True,
        "type": "organization",
        "state": "active",
        "approval_status": "approved",
        "package_count": package_count,
        "site_url": absolute(reverse("core:org_home", kwargs={"org_slug": org.slug})),
    }


def ckan_resources(p, row):
    """The publication's resources: its public page, the link it points to, its file."""
    package_id = ckan_name(p)
    created, modified = p.created_at.isoformat(), p.updated_at.isoformat()
    resources = [
        {"id": f"{package_id}-page", "name": row["title"], "url": row["url"], "format": "HTML",
         "mimetype": "text/html"},
    ]  # fmt: skip
    if row["link"]:
        resources.append(
            {"id": f"{package_id}-link", "name": row["title"], "url": row["link"], "format": "",
             "mimetype": ""}
        )  # fmt: skip
    if row["file_url"]:
        resources.append(
            {
                "id": f"{package_id}-file",
                "name": row["file_name"],
                "url": row["file_url"],
                "format": format_of(row["file_type"], row["file_name"]),
                "mimetype": row["file_type"],
                "size": row["file_size"],
                "hash": f"sha256:{row['sha256']}" if row["sha256"] else "",
            }
        )
    for position, r in enumerate(resources):
        r.update(package_id=package_id, position=position, description="", url_type="", state="active",
                 created=created, last_modified=modified)  # fmt: skip
    return resources


def ckan_package(org, p, absolute):
    """A publication as a CKAN package (the fields CKAN harvesters read)."""
    row = publication_row(p, absolute)
    resources = ckan_resources(p, row)
    return {
        "id": ckan_name(p),
        "name": ckan_name(p),
        "title": row["title"],
        "notes": description(p),
        "url": row["url"],
        "type": "dataset",
        "state": "active",
        "private": False,
        "metadata_created": p.created_at.isoformat(),
        "metadata_modified": p.updated_at.isoformat(),
        "owner_org": org.slug,
        "organization": ckan_organization(org, absolute),
        "groups": [],
        "tags": [{"name": c} for c in row["oit_codes"]],
        "num_tags": len(row["oit_codes"]),
        "extras": [
            {"key": "fiscal_year", "value": str(p.fiscal_year)},
            {"key": "area", "value": p.area},
            {"key": "publish_date", "value": row["publish_date"] or ""},
        ],
        "resources": resources,
        "num_resources": len(resources),
    }
