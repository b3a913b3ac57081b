"""The general spelling check: every finding on the seed reviewed by hand (precision), typos injected
into the rest of the seed found again (recall), names the plan defines left alone, and the dictionary
loaded once."""

import copy
import random
import re
import time

import pytest

from sujarit.plans.demo import SEED
from sujarit.plans.lint import lint_plan
from sujarit.plans.lint.base import Context
from sujarit.plans.lint.spelling import lexicon, misspellings, tokens
from sujarit.plans.parsing import parse_plan

from .test_lint import clean_plan
from .test_lint_seed import corrected_seed

# Every word the check doubts in the seed, as (where, wrong, suggestion, a real typo?), reviewed by hand.
SEED_REVIEW = [
    ("ส่วนที่ 1 การประเมินความเสี่ยง ลำดับที่ 4", "ไวเนล", "ไวนิล", True),
    ("ส่วนที่ 3 ลำดับที่ 1", "ทุกกระดับ", "ทุกระดับ", True),
    ("ส่วนที่ 3 ลำดับที่ 2", "แผนพับ", "แผ่นพับ", True),
    ("ส่วนที่ 3 ลำดับที่ 4", "องค์การปกครองส่วนท้องถิ่น", "องค์กรปกครองส่วนท้องถิ่น", True),
    ("ส่วนที่ 3 ลำดับที่ 9", "องค์การปกครองส่วนท้องถิ่น", "องค์กรปกครองส่วนท้องถิ่น", True),
    ("ส่วนที่ 3 ลำดับที่ 10", "กฏระเบียบ", "กฎระเบียบ", True),
    ("ส่วนที่ 3 ลำดับที่ 10", "ช้อร้องเรียน", "ข้อร้องเรียน", True),
    ("ส่วนที่ 3 ลำดับที่ 11", "การเลื่อนขึ้นเงินเดือน", "การเลื่อนขั้นเงินเดือน", True),
    ("ส่วนที่ 3 ลำดับที่ 11", "องค์การปกครองส่วนท้องถิ่น", "องค์กรปกครองส่วนท้องถิ่น", True),
    ("ส่วนที่ 3 ลำดับที่ 15", "ความจำป็น", "ความจำเป็น", True),
    ("ส่วนที่ 3 ลำดับที่ 15", "ช้อร้องเรียน", "ข้อร้องเรียน", True),
    ("ส่วนที่ 3 ลำดับที่ 17", "ประพฤตินิชอบ", "ประพฤติมิชอบ", True),
    ("ส่วนที่ 3 ลำดับที่ 26", "ประพฤตินิชอบ", "ประพฤติมิชอบ", True),
]
# Typos of the seed the check does not find (two letters off a word, or a real word in the wrong place):
# ประพฤตินิยมชอบ (Part 1), ประพทุติมิชอบ (item 23), คุณพินิจ for ดุลพินิจ (item 8), วิทยทัศน์ (item 2).
MIN_PRECISION = 0.8
MIN_RECALL = 0.7

TONES_AND_VOWELS = "่้๊๋ัิีึืุู็"
LEADING = {"เ": "แ", "แ": "เ", "โ": "ไ", "ไ": "ใ", "ใ": "ไ"}


@pytest.fixture
def plan():
    return copy.deepcopy(clean_plan())


def found(text):
    return misspellings(Context(parse_plan(text.encode("utf-8"), "spelling.txt")))


@pytest.fixture(scope="module")
def seed_found():
    return [
        (where, wrong, right)
        for where, _label, wrong, right in misspellings(Context(parse_plan(SEED.read_bytes(), SEED.name)))
    ]


def test_every_finding_on_the_seed_is_reviewed_and_most_are_real_typos(seed_found):
    reviewed = {(where, wrong): (right, typo) for where, wrong, right, typo in SEED_REVIEW}
    unreviewed = [f for f in seed_found if (f[0], f[1]) not in reviewed]
    assert not unreviewed, f"findings nobody reviewed: {unreviewed}"
    assert set(seed_found) == {(w, x, r) for w, x, r, _typo in SEED_REVIEW}
    precision = sum(typo for *_rest, typo in SEED_REVIEW) / len(SEED_REVIEW)
    print(f"\nspelling precision on the seed: {precision:.2f} ({len(SEED_REVIEW)} findings)")
    assert precision >= MIN_PRECISION


def mutate(word, rng):
    """One slip of the hand: a tone mark or vowel dropped, two marks swapped, or the leading vowel changed."""
    marks = [i for i, ch in enumerate(word) if ch in TONES_AND_VOWELS]
    choices = []
    if marks:
        i = rng.choice(marks)
        choices.append(word[:i] + word[i + 1 :])
    pairs = [
        i for i in range(len(word) - 1) if word[i] in TONES_AND_VOWELS and word[i + 1] in TONES_AND_VOWELS
    ]
    if pairs:
        i = rng.choice(pairs)
        choices.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    leads = [i for i, ch in enumerate(word) if ch in LEADING]
    if leads:
        i = rng.choice(leads)
        choices.append(word[:i] + LEADING[word[i]] + word[i + 1 :])
    return rng.choice(choices) if choices else None


def inject(text, count, seed=2568):
    """The corrected seed with `count` typos, one per line of Part 3's prose, chosen deterministically."""
    rng = random.Random(seed)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("ส่วนที่ 3"))
    words, _trie = lexicon()
    candidates = [
        i
        for i in range(start, len(lines))
        if len(lines[i]) > 40 and not lines[i].startswith(("1.", "6.", "7."))
    ]
    injected = []
    for i in rng.sample(candidates, len(candidates)):
        if len(injected) == count:
            break
        runs = re.findall(r"[\u0e01-\u0e4e]+", lines[i])
        pool = [
            t for run in runs for t in tokens(run) if len(t) >= 5 and t in words and lines[i].count(t) == 1
        ]
        if not pool:
            continue
        word = rng.choice(sorted(set(pool)))
        wrong = mutate(word, rng)
        if not wrong or wrong == word or wrong in words:
            continue
        lines[i] = lines[i].replace(word, wrong, 1)
        injected.append((word, wrong, lines[i]))
    return "\n".join(lines), injected


def test_injected_typos_are_found_with_their_suggestion():
    text, injected = inject(corrected_seed(), 40)
    assert len(injected) == 40
    results = found(text)

    def caught(finding, injection):
        """The finding points at the injected slip: its word overlaps the slip in that line."""
        _word, wrong, line = injection
        at, start = line.find(wrong), line.find(finding[2])
        return start >= 0 and at >= 0 and start < at + len(wrong) and at < start + len(finding[2])

    hits = [inj for inj in injected if any(caught(f, inj) for f in results)]
    fixed = [inj for inj in hits if any(caught(f, inj) and inj[0] in f[3] for f in results)]
    false_alarms = [f for f in results if not any(caught(f, inj) for inj in injected)]
    recall = len(hits) / len(injected)
    precision = (len(results) - len(false_alarms)) / len(results)
    print(
        f"\nspelling recall on {len(injected)} injected typos: {recall:.2f} "
        f"({len(fixed)} with the right suggestion); precision {precision:.2f}; false alarms {false_alarms}"
    )
    assert recall >= MIN_RECALL
    assert precision >= MIN_PRECISION
    assert len(fixed) >= 0.75 * len(hits)


def test_the_corrected_seed_has_no_spelling_findings():
    assert found(corrected_seed()) == []


def test_names_the_plan_defines_are_not_typos(plan):
    plan["items"][3]["rationale"].append(
        "จัดประชุมที่บ้านทุ่งสะบ้า หมู่ที่ 5 โดยมีนายสมศักดิ์ ทองประเสริฐ เป็นประธาน ในโครงการ “ตลาดนัดคลองลัดมยม”"
    )
    assert [f for f in lint_plan(plan) if f.code == "wording.typo"] == []


def test_a_dropped_tone_mark_is_a_typo_with_its_suggestion(plan):
    plan["items"][3]["rationale"].append("รับเรื่องรองเรียนจากประชาชน และตอบเรื่องร้องเรียนภายใน 15 วัน")
    plan["items"][2]["rationale"].append("ประชาชนร้องเรียนได้ทุกช่องทาง")
    (finding,) = [f for f in lint_plan(plan) if f.code == "wording.typo"]
    assert "“เรื่องรองเรียน” (ควรเป็น “เรื่องร้องเรียน”)" in finding.message
    assert finding.where == "ส่วนที่ 3 ลำดับที่ 4"


def test_abbreviations_are_not_typos(plan):
    plan["items"][3]["rationale"].append("ตามหนังสือ ปค. และ สถ. ที่ มท 0810 ลงวันที่ 1 ม.ค. พ.ศ. 2566")
    assert [f for f in lint_plan(plan) if f.code == "wording.typo"] == []


def test_the_dictionary_is_loaded_once():
    lexicon()
    started = time.perf_counter()
    for _ in range(3):
        lexicon()
    assert time.perf_counter() - started < 0.01
