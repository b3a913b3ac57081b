"""Survey fixtures: a small open satisfaction survey and a small knowledge test of the demo organization."""

import pytest

from sujarit.surveys.models import Kind, State
from sujarit.surveys.services import editing


def make_survey(org, by, **kwargs):
    q = editing.create(org, by=by, title="ความพึงพอใจต่อการให้บริการ", purpose="service", **kwargs)
    editing.save_question(q, by=by, wording="เจ้าหน้าที่สุภาพ", kind="likert", section="ด้านเจ้าหน้าที่")
    editing.save_question(q, by=by, wording="ขั้นตอนรวดเร็ว", kind="likert", section="ด้านขั้นตอน")
    editing.save_question(q, by=by, wording="งานที่มาติดต่อ", kind="single", choices=["ภาษี", "ทะเบียน"])
    editing.save_question(q, by=by, wording="ข้อเสนอแนะ", kind="text", required=False)
    editing.set_state(q, State.OPEN, by=by)
    return q


def make_test(org, by, **kwargs):
    q = editing.create(
        org, by=by, title="แบบทดสอบประมวลจริยธรรม", kind=Kind.TEST, purpose="ethics_test", **kwargs
    )
    for n in range(5):
        editing.save_question(
            q, by=by, wording=f"ข้อ {n + 1}", kind="single", choices=["ก", "ข", "ค"], correct=[1]
        )
    editing.set_state(q, State.OPEN, by=by)
    return q


@pytest.fixture
def survey(org, unit_officer):
    return make_survey(org, unit_officer)


@pytest.fixture
def knowledge_test(org, unit_officer):
    return make_test(org, unit_officer)


def form(q, *values, **extra):
    """A POST dict answering q's current questions in order with `values` (None = no answer)."""
    data = {}
    for question, value in zip(q.current_version().questions.all(), values, strict=False):
        if value is None:
            continue
        data[f"q{question.pk}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data.update(extra)
    return data


def getlist_of(data):
    def getlist(name):
        value = data.get(name, [])
        return value if isinstance(value, list) else [value]

    return getlist
