"""The Open311 request parser answers any input with clean fields or a client error, never a crash."""

import datetime as dt
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from ..open311 import MAX_DESCRIPTION, MEDIA_MARK, Open311Error, parse_datetime, parse_request

ROAD = SimpleNamespace(code="road", name="ถนนชำรุด")
CATEGORIES = {"road": ROAD}
FIELDS = [
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    "api_key",
]
values = st.one_of(
    st.text(max_size=60),
    st.text(min_size=3990, max_size=4010, alphabet="กขค \n"),
    st.sampled_from(
        ["road", "7.5", "-91", "nan", "inf", "1e400", "99.1234567", "a@b.co", "https://x.org/p.jpg"]
    ),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), values))
def test_any_parameters_give_fields_or_a_client_error(data):
    try:
        fields = parse_request(data, CATEGORIES)
    except Open311Error as error:
        assert error.status == 400 and error.descriptions
        return
    assert fields["category"] is ROAD
    assert 0 < len(fields["description"].split(MEDIA_MARK)[0]) <= MAX_DESCRIPTION
    assert "\x00" not in fields["description"]
    assert 0 < len(fields["subject"]) <= 100
    assert fields["location"] or fields["latitude"] is not None
    assert (fields["latitude"] is None) == (fields["longitude"] is None)
    if fields["latitude"] is not None:
        assert abs(fields["latitude"]) <= 90 and abs(fields["longitude"]) <= 180
        assert -fields["latitude"].as_tuple().exponent <= 6


@settings(deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=MAX_DESCRIPTION).filter(
        str.strip
    ),
    st.text(max_size=300),
)
def test_valid_request_keeps_the_description(description, address):
    data = {"service_code": "road", "description": description, "lat": "7.4", "long": "99.6"}
    data["address_string"] = address
    fields = parse_request(data, CATEGORIES)
    assert fields["description"].strip() == fields["description"]
    assert len(fields["description"]) <= len(description)


@settings(deadline=None)
@given(st.text(max_size=50))
def test_any_date_text_gives_an_aware_datetime_or_a_client_error(raw):
    try:
        value, _date_only = parse_datetime("start_date", raw)
    except Open311Error as error:
        assert error.status == 400
        return
    assert value.tzinfo is not None
    assert 1900 <= value.year <= 2200


@settings(deadline=None)
@given(st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2200, 12, 30)))
def test_iso_datetimes_round_trip(value):
    text = value.replace(microsecond=0).isoformat() + "+07:00"
    parsed, date_only = parse_datetime("end_date", text)
    assert not date_only
    assert parsed.utcoffset() == dt.timedelta(hours=7)
    assert parsed.replace(tzinfo=None) == value.replace(microsecond=0)
