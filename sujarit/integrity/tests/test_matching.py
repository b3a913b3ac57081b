"""The matcher against generated data with planted conflicts (known answers): precision and recall
are printed per variation; each Thai name variation is also shown on its own."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sujarit.integrity import matching, synthetic
from sujarit.integrity.matching import Counterparty, Subject


def _pairs(found):
    return {(m.subject.ref, m.counterparty.ref) for m in found}


@pytest.mark.parametrize("people,directors,seed", [(300, 3000, 1), (600, 6000, 7)])
def test_planted_conflicts_are_found_with_precision_and_recall_reported(people, directors, seed, capsys):
    data = synthetic.generate(people, directors, seed=seed)
    found = _pairs(matching.find(data.subjects, data.directors))
    precision, recall = synthetic.score(found, data.planted)
    lines = [
        f"COI matcher: {len(data.subjects)} people and relatives × {len(data.directors)} directors, "
        f"{len(data.planted)} planted: precision {precision:.3f}, recall {recall:.3f}"
    ]
    for kind in synthetic.KINDS:
        planted = {p for p, k in data.kinds.items() if k == kind}
        if planted:
            lines.append(f"  {kind:9} planted {len(planted):3}  found {len(planted & found):3}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert recall >= 0.98
    assert precision >= 0.9


def test_titles_ranks_spacing_and_thai_digits_do_not_hide_a_person():
    person = Subject("p", "นายสมชาย ใจดี", "1101700207030")
    for written in (
        "ว่าที่ ร.ต. สมชาย  ใจดี",
        "ว่าที่ร้อยตรีสมชาย ใจดี",
        "พ.ต.ท.สมชาย ใจดี",
        "นาย สม ชาย ใจดี",
        "จ.ส.อ. สมชาย\u200b ใจดี",
    ):
        found = matching.find([person], [Counterparty("d", "director", written, vendor="หจก.ทดสอบ")])
        assert [m.rule for m in found] == ["name"], written
    by_id = matching.find([person], [Counterparty("d", "director", "นายสมศักดิ์ ใจดี", "๑-๑๐๑๗-๐๐๒๐๗-๐๓-๐")])
    assert by_id[0].score == 100 and "1101700207030" in by_id[0].reason


def test_spelling_variants_score_below_an_exact_name_with_the_reason():
    found = matching.find(
        [Subject("p", "ณัฐพล ทองดี")], [Counterparty("d", "director", "นายนัฐพล ทองดี", vendor="บริษัท ก จำกัด")]
    )
    assert len(found) == 1 and found[0].rule == "similar_name" and 60 <= found[0].score < 90
    assert "คล้าย" in found[0].reason and "บริษัท ก จำกัด" in found[0].reason


def test_a_maiden_name_matches_through_the_declared_former_surname():
    wife = Subject("r", "นางสมศรี ใจดี", former_surnames=("รักไทย",), relation="spouse", official="นายสมชาย ใจดี")
    found = matching.find([wife], [Counterparty("d", "director", "น.ส.สมศรี รักไทย", vendor="หจก.ข")])
    assert found[0].rule == "former_surname" and "รักไทย" in found[0].reason


def test_different_valid_ids_overrule_the_same_name():
    person = Subject("p", "นายสมชาย ใจดี", "1101700207030")
    namesake = Counterparty(
        "d", "director", "นายสมชาย ใจดี", synthetic.thai_id(__import__("random").Random(3))
    )
    assert matching.find([person], [namesake]) == []


def test_same_surname_and_address_suggests_an_undeclared_relative():
    person = Subject("p", "นายสมชาย ใจดี", address="12 หมู่ 3 ตำบลแหลมสอม")
    vendor = Counterparty("v", "vendor", "นางมาลี ใจดี", address="๑๒ ม.๓ ต.แหลมสอม")
    found = matching.find([person], [vendor])
    assert found[0].rule == "surname_address" and found[0].score == 70


def test_shareholding_at_or_under_the_limit_is_not_a_conflict():
    person = Subject("person:1", "นายสมชาย ใจดี")
    small = Counterparty(
        "i1",
        "shareholder",
        "บ.ก",
        "0105551234567",
        vendor="บ.ก",
        share_percent=__import__("decimal").Decimal("5"),
        role="shareholder",
        declared_by="person:1",
    )
    large = Counterparty(
        "i2",
        "shareholder",
        "บ.ข",
        "0105551234567",
        vendor="บ.ข",
        share_percent=__import__("decimal").Decimal("5.01"),
        role="shareholder",
        declared_by="person:1",
    )
    found = matching.find([person], [small, large])
    assert [m.counterparty.ref for m in found] == ["i2"] and "มาตรา 126" in found[0].reason


@given(st.text(max_size=60))
def test_any_text_normalizes_without_error(text):
    given_name, surname = matching.split_name(text)
    assert " " not in given_name
    assert matching.clean_id(text) in ("",) or len(matching.clean_id(text)) == 13


@given(st.one_of(st.text(max_size=30), st.from_regex(r"[0-9๐-๙ \-]{10,20}", fullmatch=True)))
def test_an_id_is_either_a_valid_13_digit_id_or_refused_in_thai(raw):
    from django.core.exceptions import ValidationError
    from stdnum.th import pin

    from sujarit.integrity.services import clean_person_id

    try:
        value = clean_person_id(raw)
    except ValidationError as refused:
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in refused.messages[0])
    else:
        assert value == "" or (len(value) == 13 and pin.is_valid(value))
