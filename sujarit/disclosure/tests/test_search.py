"""Thai search of the public portal: words found inside unspaced titles, ranking, tenancy, typing."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sujarit.disclosure.models import Publication, PublicationTag, PublicationVersion, SearchTerm
from sujarit.disclosure.queries import search
from sujarit.disclosure.searchindex import build
from sujarit.disclosure.searchindex.words import segment


def publish(org, title, body="", *, area="budget", codes=(), fiscal_year=2568, public=True, day=1):
    """A publication whose first version is published (or left a draft), indexed as approval does."""
    pub = Publication.objects.create(
        org=org,
        kind="announcement",
        title=title,
        area=area,
        fiscal_year=fiscal_year,
        publish_date=timezone.localdate().replace(day=day),
    )
    version = PublicationVersion.objects.create(
        publication=pub, number=1, body=body, state="published" if public else "draft"
    )
    for code in codes:
        PublicationTag.objects.create(publication=pub, code=code)
    if public:
        pub.current_version = version
        pub.save(update_fields=["current_version"])
    build.index_publication(pub)
    return pub


def titles(results):
    return [p.title for p in results]


def test_segment_cuts_a_thai_sentence_into_words():
    words = segment("ประกาศรายชื่อผู้ชนะการเสนอราคาโครงการก่อสร้างถนนคอนกรีต หมู่ที่ ๓")
    assert {"ประกาศ", "รายชื่อ", "ผู้ชนะ", "ราคา", "โครงการ", "ถนน"} <= set(words)
    assert "การ" not in words and "ที่" not in words  # stop words
    assert all(len(w) > 1 for w in words)  # "๓" is one character: dropped


def test_segment_normalises_latin_words_thai_digits_and_punctuation():
    assert segment("O16: Procurement, ปีงบประมาณ พ.ศ. ๒๕๖๘!") == [
        "o16",
        "procurement",
        "ปีงบประมาณ",
        "2568",
    ]
    assert segment("") == [] and segment("!!! ... ???") == []


def test_a_word_in_the_middle_of_an_unspaced_title_finds_it(org):
    pub = publish(org, "สรุปผลการจัดซื้อจัดจ้างประจำเดือนตุลาคม")
    publish(org, "ประกาศรับสมัครบุคคลเพื่อสรรหาเป็นพนักงานจ้าง", area="hr")
    assert search.search(org, "จัดจ้าง") == [pub]
    assert search.search(org, "ตุลาคม") == [pub]
    assert search.search(org, "ประจำเดือน") == [pub]


def test_a_compound_is_found_by_its_parts(org):
    pub = publish(org, "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2568")
    for query in ("งบประมาณ", "ปีงบประมาณ", "ประจำปี", "จัดซื้อจัดจ้าง", "2568", "๒๕๖๘"):
        assert search.search(org, query) == [pub], query


def test_title_matches_rank_before_text_matches(org):
    in_text = publish(org, "รายงานประจำปี", "รายงานผลการดำเนินงานด้านงบประมาณและการเบิกจ่าย", day=20)
    in_title = publish(org, "รายงานการใช้จ่ายงบประมาณ", "ผลการดำเนินงาน", day=2)
    assert search.search(org, "งบประมาณ") == [in_title, in_text]


def test_oit_codes_and_area_find_publications(org):
    pub = publish(org, "สรุปผลการจัดซื้อจัดจ้างเดือนพฤศจิกายน", codes=["O16"])
    publish(org, "คู่มือการให้บริการประชาชน", area="administration", codes=["O11"])
    assert search.search(org, "o16") == [pub]
    assert search.search(org, "O16") == [pub]


def test_other_organizations_and_non_public_publications_are_not_found(org, other_org):
    mine = publish(org, "ประกาศผู้ชนะการเสนอราคาจ้างเหมาซ่อมแซมถนน")
    publish(other_org, "ประกาศผู้ชนะการเสนอราคาจ้างเหมาซ่อมแซมถนน")
    publish(org, "ประกาศผู้ชนะการเสนอราคาซ่อมแซมถนนลูกรัง (ร่าง)", public=False)
    withdrawn = publish(org, "ประกาศผู้ชนะการเสนอราคาซ่อมแซมถนนคอนกรีต")
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save(update_fields=["withdrawn_at"])
    build.index_publication(withdrawn)
    assert search.search(org, "ซ่อมแซมถนน") == [mine]
    assert not SearchTerm.objects.filter(publication=withdrawn).exists()


def test_withdrawn_publication_is_not_found_even_before_its_rows_are_removed(org):
    pub = publish(org, "ประกาศราคากลางโครงการขุดลอกคลอง")
    Publication.objects.filter(pk=pub.pk).update(withdrawn_at=timezone.now())
    assert search.search(org, "ขุดลอก") == []


def test_the_last_word_is_matched_as_a_prefix_while_typing(org):
    pub = publish(org, "ประกาศรายชื่อผู้ชนะการเสนอราคา")
    assert search.search(org, "ประกาศ รายชื่อ ผู้ชน") == [pub]
    earlier = search.search(org, "ผู้ชน ประกาศ")  # only the last word is a prefix
    assert earlier == [pub] and not earlier.matched_all


def test_every_word_is_required_then_any_word_with_a_note(org):
    road = publish(org, "ประกาศผู้ชนะการเสนอราคาก่อสร้างถนน")
    school = publish(org, "ประกาศผู้ชนะการเสนอราคาซื้ออาหารเสริมนมโรงเรียน")
    both = search.search(org, "ประกาศ ถนน")
    assert both == [road] and both.matched_all
    fallback = search.search(org, "ถนน โรงเรียน")
    assert set(fallback) == {road, school} and not fallback.matched_all


def test_limit_and_offset_page_through_results(org):
    for day in range(1, 6):
        publish(org, f"ประกาศเรื่องการรับสมัครครั้งที่ {day}", day=day)
    first, rest = search.search(org, "รับสมัคร", limit=2), search.search(org, "รับสมัคร", limit=10, offset=2)
    assert len(first) == 2 and len(rest) == 3 and not set(first) & set(rest)


def test_reindexing_follows_a_new_version(org):
    pub = publish(org, "ประกาศราคากลาง", "โครงการก่อสร้างรางระบายน้ำ")
    v2 = PublicationVersion.objects.create(publication=pub, number=2, body="โครงการปรับปรุงศาลาประชาคม")
    pub.current_version = v2
    pub.save(update_fields=["current_version"])
    build.index_publication(pub)
    assert search.search(org, "ศาลาประชาคม") == [pub] and search.search(org, "ระบายน้ำ") == []


def test_pdf_text_is_indexed(org):
    from sujarit.core.pdf import html_to_pdf

    pytest.importorskip("weasyprint")
    if not build.shutil.which("pdftotext"):
        pytest.skip("pdftotext is missing")
    pub = publish(org, "เอกสารแนบ")
    version = pub.current_version
    pdf = html_to_pdf("<p>รายงานการติดตามและประเมินผลแผนพัฒนาท้องถิ่น</p>")
    version.file.save("report.pdf", ContentFile(pdf), save=False)
    version.file_name, version.content_type = "report.pdf", "application/pdf"
    version.save()
    build.index_publication(pub)
    assert search.search(org, "แผนพัฒนาท้องถิ่น") == [pub]


def test_a_broken_pdf_is_indexed_without_its_text(org):
    pub = publish(org, "เอกสารเสีย")
    version = pub.current_version
    version.file.save("broken.pdf", ContentFile(b"%PDF-1.4 not really"), save=False)
    version.file_name, version.content_type = "broken.pdf", "application/pdf"
    version.save()
    assert build.index_publication(pub) > 0
    assert search.search(org, "เอกสาร") == [pub]


def test_search_takes_two_queries_whatever_the_size(org, django_assert_num_queries):
    for i in range(30):
        publish(org, f"สรุปผลการจัดซื้อจัดจ้างประจำเดือน ครั้งที่ {i}", "ประกาศ งบประมาณ")
    with django_assert_num_queries(2):  # the ranking, then the page's publications with their text
        results = search.search(org, "จัดซื้อจัดจ้าง งบประมาณ", limit=20)
        [p.current_version.body for p in results]
    assert len(results) == 20 and results.matched_all
    with django_assert_num_queries(2):  # no publication has both words: those with most, same queries
        fallback = search.search(org, "จัดซื้อจัดจ้าง ฟุตบอล")
    assert len(fallback) == 20 and not fallback.matched_all


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300) | st.sampled_from(["%", "_", "\\", "' OR 1=1 --", "๑๒๓", "ก" * 300]))
def test_any_query_returns_a_list(org, query):
    results = search.search(org, query)
    assert isinstance(results, list)


@pytest.mark.django_db
def test_reindex_rebuilds_one_organization(org, other_org):
    pub = publish(org, "ประกาศเจตนารมณ์การต่อต้านการทุจริต")
    theirs = publish(other_org, "ประกาศเจตนารมณ์การต่อต้านการทุจริต")
    SearchTerm.objects.filter(publication=pub).delete()
    assert search.search(org, "ทุจริต") == []
    assert build.reindex(org)[0] == 1
    assert search.search(org, "ทุจริต") == [pub] and search.search(other_org, "ทุจริต") == [theirs]


def test_search_page_shows_results_and_messages(org, client):
    publish(org, "สรุปผลการจัดซื้อจัดจ้างประจำเดือนธันวาคม", "จัดซื้อวัสดุสำนักงาน")
    url = reverse("disclosure:search", kwargs={"org_slug": org.slug})
    page = client.get(url, {"q": "จัดซื้อ"})
    assert page.status_code == 200 and "ธันวาคม" in page.content.decode()
    assert client.get(url).status_code == 200
    too_long = client.get(url, {"q": "ก" * 500})
    assert too_long.status_code == 200 and "ธันวาคม" not in too_long.content.decode()
    nothing = client.get(url, {"q": "ไม่มีคำนี้แน่นอน"})
    assert nothing.status_code == 200


def test_reindex_command_rebuilds_the_index(org):
    from io import StringIO

    from django.core.management import call_command

    pub = publish(org, "ประกาศผลการคัดเลือกผู้รับทุนการศึกษา")
    SearchTerm.objects.all().delete()
    out = StringIO()
    call_command("disclosure", "reindex", "--org", org.slug, stdout=out)
    assert search.search(org, "ทุนการศึกษา") == [pub] and "1" in out.getvalue()
