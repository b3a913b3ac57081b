"""Mutated documents thrown at the parser: a plan of the contract's shape or a Thai PlanParseError, never
any other exception (hypothesis)."""

import io
import re
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sujarit.plans.parsing import PlanParseError, parse_plan

from .test_parsing import assert_plan_shape, build_docx, seed_bytes

SEED = seed_bytes()
SEED_LINES = SEED.decode("utf-8").split("\n")
THAI_RE = re.compile(r"[\u0e01-\u0e5b]")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(data, filename="plan.txt"):
    """Parse; on failure the error must be ours, in Thai, and not the catch-all for our own bugs."""
    try:
        plan = parse_plan(data, filename)
    except PlanParseError as exc:
        assert exc.message and THAI_RE.search(exc.message), exc.message
        assert exc.__cause__ is None, f"internal error wrapped: {exc.__cause__!r}"
        return None
    assert_plan_shape(plan)
    return plan


def joined(lines):
    return "\n".join(lines).encode("utf-8")


@FAST
@given(st.integers(min_value=0, max_value=len(SEED)))
def test_truncated_anywhere(cut):
    outcome(SEED[:cut])  # may cut inside a UTF-8 sequence too


@FAST
@given(st.lists(st.integers(min_value=0, max_value=len(SEED_LINES) - 1), min_size=1, max_size=40))
def test_random_lines_deleted(indexes):
    drop = set(indexes)
    outcome(joined([line for i, line in enumerate(SEED_LINES) if i not in drop]))


@FAST
@given(st.lists(st.integers(min_value=0, max_value=len(SEED_LINES) - 1), min_size=1, max_size=20))
def test_random_lines_duplicated(indexes):
    lines = list(SEED_LINES)
    for i in sorted(indexes, reverse=True):
        lines.insert(i, lines[i])
    outcome(joined(lines))


@FAST
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(SEED_LINES) - 1),
            st.integers(min_value=0, max_value=len(SEED_LINES) - 1),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_random_lines_swapped(pairs):
    lines = list(SEED_LINES)
    for a, b in pairs:
        lines[a], lines[b] = lines[b], lines[a]
    outcome(joined(lines))


@FAST
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(SEED_LINES)), st.text(max_size=80)),
        min_size=1,
        max_size=20,
    )
)
def test_random_unicode_inserted(insertions):
    lines = list(SEED_LINES)
    for at, text in sorted(insertions, reverse=True):
        lines.insert(at, text)
    outcome(joined(lines))


@FAST
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(SEED)), st.binary(min_size=1, max_size=16)),
        min_size=1,
        max_size=10,
    )
)
def test_random_bytes_inserted(insertions):
    data = SEED
    for at, chunk in sorted(insertions, reverse=True):
        data = data[:at] + chunk + data[at:]
    outcome(data)


@FAST
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(SEED_LINES) - 1),
            st.sampled_from(
                ["ลำดับที่ 3", "ส่วนที่ 3", "มิติที่ 9", "9. ผลผลิต/ผลลัพธ์", "1.1 ภารกิจ", "\t\t\t-\t-", "ผลลัพธ์", "#####"]
            ),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_structural_lines_inserted(insertions):
    lines = list(SEED_LINES)
    for at, text in sorted(insertions, reverse=True):
        lines.insert(at, text)
    outcome(joined(lines))


@FAST
@given(st.binary(max_size=2048))
def test_random_bytes(data):
    assert outcome(data) is None


@FAST
@given(st.binary(max_size=512))
def test_png_header_then_anything(tail):
    assert outcome(b"\x89PNG\r\n\x1a\n" + tail, "plan.png") is None


@FAST
@given(st.dictionaries(st.text(min_size=1, max_size=20), st.binary(max_size=200), max_size=4))
def test_zip_that_is_not_docx(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in members.items():
            zf.writestr(name.replace("\x00", "_") or "x", body)
    assert outcome(out.getvalue(), "plan.docx") is None


DOCX = build_docx("\n".join(SEED_LINES[:200] + ["ส่วนที่ 3", "", "ลำดับที่ 1", "1. ชื่อโครงการ : โครงการ ก"]))


@FAST
@given(st.integers(min_value=0, max_value=len(DOCX) - 1), st.binary(min_size=1, max_size=8))
def test_corrupted_docx(at, chunk):
    outcome(DOCX[:at] + chunk + DOCX[at + len(chunk) :], "plan.docx")


def test_empty_file():
    assert outcome(b"") is None
    assert outcome(b"", "plan.docx") is None
