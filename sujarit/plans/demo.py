"""Demo data: the seed plan of อบต.แหลมสอม, imported from the bundled document."""

import json
from functools import lru_cache
from pathlib import Path

from .parsing import parse_plan
from .services.diffing import find_plan
from .services.importing import ImportResult, import_plan
from .services.kpis import auto_bind

SEED = Path(__file__).resolve().parent.parent / "demo" / "laemsom_plan_2566_2570.txt"


@lru_cache(maxsize=1)
def _seed_parsed_json():
    return json.dumps(parse_plan(SEED.read_bytes(), SEED.name), ensure_ascii=False)


def seed_parsed():
    """The bundled seed, parsed (a fresh copy each call; the parse itself is done once)."""
    return json.loads(_seed_parsed_json())


def load(org, stdout=None):
    """Import the bundled plan document into the demo organization (idempotent)."""
    parsed = seed_parsed()
    plan = find_plan(org, (parsed["cycle"]["first_year"], parsed["cycle"]["last_year"]))
    if plan is not None and plan.source_sha256 != parsed["source"]["sha256"]:
        # staff have imported their own revision since: `make run` must not undo it
        result = ImportResult(plan, "kept")
    else:
        result = import_plan(org, parsed, by=None, source_name=SEED.name)
    # Measures a module registered since the plan was first imported bind now (idempotent).
    auto_bind(result.plan)
    if stdout is not None:
        plan = result.plan
        stdout.write(
            f"plan {plan.first_year}-{plan.last_year}: {result.status} "
            f"({plan.items.count()} items) from {SEED.name}"
        )
    return result
