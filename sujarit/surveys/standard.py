"""The standard questionnaires shipped as data files (data/standard/*.json), read and checked.

A file holds: key, purpose (a measures.PURPOSES key), kind, title, description, open_link,
context (the survey context of another module whose records it rates, used once that module
registers it), pass_mark (tests), and sections [{title, questions: [{kind, text, choices, correct,
required}]}].
"""

import json
from functools import cache
from pathlib import Path

from .measures import BY_KEY
from .models import Kind, QuestionKind

DIR = Path(__file__).resolve().parent / "data" / "standard"


def _check(d, name):
    assert d["kind"] in Kind.values, name
    assert not d.get("purpose") or BY_KEY[d["purpose"]].kind == d["kind"], name
    for section in d["sections"]:
        for q in section["questions"]:
            assert q["kind"] in QuestionKind.values, (name, q["text"])
            n = len(q.get("choices", []))
            assert all(0 <= i < n for i in q.get("correct", [])), (name, q["text"])
    return d


@cache
def catalogue():
    """{key: definition} of every standard questionnaire, in file order."""
    found = {}
    for path in sorted(DIR.glob("*.json")):
        d = _check(json.loads(path.read_text(encoding="utf-8")), path.name)
        found[d["key"]] = d
    return found
