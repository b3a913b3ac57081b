"""Demo data: the seed plan of อบต.แหลมสอม, imported from the bundled document."""

from functools import lru_cache
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "demo" / "laemsom_plan_2566_2570.txt"


@lru_cache(maxsize=1)
def _seed_parsed_json():
    import json

    from .parsing import parse_plan

    return json.dumps(parse_plan(SEED.read_bytes(), SEED.name), ensure_ascii=False)


def seed_parsed():
    """The bundled seed, parsed (a fresh copy each call; the parse itself is done once)."""
    import json

    return json.loads(_seed_parsed_json())


def load(org, stdout=None):
    """Import the bundled plan document into the demo organization (idempotent)."""
    from .services.importing import import_plan

    result = import_plan(org, seed_parsed(), by=None, source_name=SEED.name)
    if stdout is not None:
        plan = result.plan
        stdout.write(
            f"plan {plan.first_year}-{plan.last_year}: {result.status} "
            f"({plan.items.count()} items) from {SEED.name}"
        )
    return result
