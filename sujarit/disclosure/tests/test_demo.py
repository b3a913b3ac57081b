"""`sujarit demo load` fills the disclosure portal: about thirty publications, findable by Thai words."""

from io import StringIO

from django.core.management import call_command

from sujarit.core import thai
from sujarit.core.models import Organization
from sujarit.disclosure.models import Area, Publication, PublicationTag
from sujarit.disclosure.queries import search
from sujarit.disclosure.searchindex import build


def test_demo_load_publishes_across_areas_and_years_and_indexes_them(db):
    call_command("demo", "load", stdout=StringIO())
    org = Organization.objects.get(slug="laemsom")
    public = Publication.objects.for_org(org).public()
    assert 25 <= public.count() <= 40
    assert set(public.values_list("area", flat=True)) == set(Area.values)
    current = thai.current_fiscal_year()
    assert set(public.values_list("fiscal_year", flat=True)) == {current - 1, current}
    summaries = public.filter(tags__code="O16")
    assert summaries.filter(fiscal_year=current - 1).count() == 12
    assert all(p.current_version.file_name.endswith(".pdf") for p in summaries)
    assert PublicationTag.objects.filter(publication__org=org, code="O3").exists()
    assert all(p.current_version.reviewed_by.username == "executive" for p in public)
    # Found by a word inside an unspaced title, and (from the PDF) by a word only the file holds.
    assert search.search(org, "อำนาจหน้าที่")[0].tags.filter(code="O3").exists()
    assert len(search.search(org, "จัดซื้อจัดจ้าง", limit=50)) >= 12
    if build.shutil.which("pdftotext"):
        assert set(search.search(org, "หจก.ตรังวัสดุก่อสร้าง", limit=50)) & set(summaries)
    # Loading again changes nothing.
    call_command("demo", "load", stdout=StringIO())
    assert Publication.objects.for_org(org).count() == public.count()


def test_demo_offers_the_information_channels_item_6_counts(org):
    from sujarit.core.periods import Period
    from sujarit.core.registry import registry
    from sujarit.disclosure import demo

    demo.load_channels(org)
    demo.load_channels(org)  # once
    value = registry.measures["disclosure.info_channels"].func(org, Period.for_fiscal_year(2570))
    assert value >= 5
