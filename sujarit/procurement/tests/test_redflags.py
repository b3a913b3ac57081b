"""Red flags against a generator of planted cases and near misses: precision and recall per rule."""

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from sujarit.procurement import redflags
from sujarit.procurement.models import Director, Method

from .helpers import project, vendor

FY = 2568  # 1 Oct 2024 – 30 Sep 2025
E, M, S, D = Method.E_BIDDING, Method.E_MARKET, Method.SELECTION, Method.SPECIFIC


def _day(rng, first=dt.date(2024, 10, 1), last=dt.date(2025, 7, 31)):
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _competitive(org, rng, *, discount, n_bidders=3, **kw):
    ref = Decimal(rng.randrange(200, 3000) * 1000)
    agreed = (ref * (1 - Decimal(str(discount)))).quantize(Decimal("1"))
    bidders = [vendor(org) for _ in range(n_bidders)]
    bids = [(bidders[0], agreed)] + [(v, agreed + 1000 * (i + 1)) for i, v in enumerate(bidders[1:])]
    kw.setdefault("day", _day(rng))
    return project(org, method=rng.choice([E, M, S]), budget=ref, ref=ref, agreed=agreed, winner=bidders[0],
                   bidders=bids, **kw)  # fmt: skip


def _direct(org, rng, *, amount=None, who=None, day=None):
    amount = amount or rng.randrange(5, 60) * 1000
    who = who or vendor(org)
    return project(org, method=D, budget=amount, ref=amount, agreed=amount, winner=who, bidders=[(who, amount)],
                   day=day or _day(rng))  # fmt: skip


def plant(org, seed):
    """Noise, planted cases and near misses; returns the set of flags that must be found."""
    rng = random.Random(seed)
    expected = set()
    for _ in range(12):
        _competitive(org, rng, discount=rng.uniform(0.05, 0.15), n_bidders=rng.choice([3, 4, 5]))
    for _ in range(20):
        _direct(org, rng)
    # planted
    p = _competitive(org, rng, discount=0.08, n_bidders=1)
    expected.add(("single_bidder", p.pk))
    p = _competitive(org, rng, discount=0.10, n_bidders=2)
    expected.add(("few_bidders", p.pk))
    p = _competitive(org, rng, discount=rng.choice([0.005, 0, -0.02]))
    expected.add(("near_reference", p.pk))
    p = _competitive(org, rng, discount=rng.uniform(0.45, 0.6))
    expected.add(("below_reference", p.pk))
    p = _competitive(org, rng, discount=0.10)
    p.contract_amount = p.agreed_price * Decimal("1.1")
    p.save()
    expected.add(("contract_above_award", p.pk))
    shop, start = vendor(org), _day(rng, last=dt.date(2025, 6, 30))
    group = [
        _direct(org, rng, amount=200_000, who=shop, day=start + dt.timedelta(days=d)) for d in (0, 9, 20)
    ]
    expected.add(("split_purchase", frozenset(x.pk for x in group)))
    for d in (2, 8, 15, 27):
        _direct(org, rng, amount=300_000, day=dt.date(2025, 9, 1) + dt.timedelta(days=d))
    expected.add(("year_end_direct", FY))
    nobody = vendor(org, tid=rng.choice(["", "0105512345672"]))
    _direct(org, rng, who=nobody)
    expected.add(("invalid_id", nobody.pk))
    bad_director = vendor(org)
    Director.objects.create(vendor=bad_director, name="กรรมการ", id_number="1234567890123")
    _direct(org, rng, who=bad_director)
    expected.add(("invalid_id", bad_director.pk))
    # near misses: each sits just on the quiet side of a rule
    _competitive(org, rng, discount=0.02)  # 98 % of the reference: not "close"
    _competitive(org, rng, discount=0.1, bids_complete=False, n_bidders=1)  # e-GP data: bidders unknown
    twice = vendor(org)
    for d in (0, 10):
        _direct(org, rng, amount=200_000, who=twice, day=dt.date(2025, 3, 1) + dt.timedelta(days=d))  # 400k
    apart = vendor(org)
    for d in (0, 45):
        _direct(
            org, rng, amount=300_000, who=apart, day=dt.date(2025, 1, 1) + dt.timedelta(days=d)
        )  # 45 days
    _direct(org, rng, amount=600_000, who=vendor(org), day=dt.date(2025, 2, 1))  # one purchase over the limit
    return expected


def _identity(flag):
    if flag.code == "split_purchase":
        return (flag.code, frozenset(e["project"] for e in flag.evidence["projects"]))
    if flag.code == "year_end_direct":
        return (flag.code, flag.fiscal_year)
    if flag.code == "invalid_id":
        return (flag.code, flag.vendor.pk)
    return (flag.code, flag.project.pk)


def _resolve_split(org, expected):
    from sujarit.procurement.models import Project

    numbers = dict(Project.objects.for_org(org).values_list("pk", "egp_number"))
    return {(c, frozenset(numbers[p] for p in k)) if c == "split_purchase" else (c, k) for c, k in expected}


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_planted_flags_are_found_and_nothing_else(org, seed):
    expected = _resolve_split(org, plant(org, seed))
    found = {_identity(f) for f in redflags.compute(org, FY)}
    per_code = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for item in found | expected:
        slot = 0 if item in found and item in expected else (1 if item in found else 2)
        per_code[item[0]][slot] += 1
    for code, (tp, fp, fn) in sorted(per_code.items()):
        print(f"seed {seed} {code:22} precision {tp / (tp + fp):.2f} recall {tp / (tp + fn):.2f}")
    tp = len(found & expected)
    precision, recall = tp / len(found), tp / len(expected)
    print(f"seed {seed} overall: {len(expected)} planted, {len(found)} flagged, precision {precision:.2f}, "
          f"recall {recall:.2f}")  # fmt: skip
    assert found == expected


def test_the_discount_rule_is_silent_when_the_quartiles_are_all_zero(org):
    rng = random.Random(0)
    for _ in range(8):
        _competitive(org, rng, discount=0)
    _competitive(org, rng, discount=0.5)
    assert not [f for f in redflags.compute(org, FY) if f.code == "below_reference"]


def test_parameters_come_from_settings(org, settings):
    rng = random.Random(0)
    p = _competitive(org, rng, discount=0.03)
    assert not [f for f in redflags.compute(org, FY) if f.code == "near_reference"]
    settings.SUJARIT_PROCUREMENT_FLAGS = {"near_reference_ratio": Decimal("0.95")}
    flags = [f for f in redflags.compute(org, FY) if f.code == "near_reference"]
    assert [f.project.pk for f in flags] == [p.pk]
    assert "95" in redflags.rule_text("near_reference")


def test_flags_of_another_organization_are_not_mixed_in(org, other_org):
    plant(other_org, 1)
    assert redflags.compute(org, FY) == []


def test_the_command_prints_code_project_vendor_message_evidence(org, capsys):
    import json

    plant(org, 1)
    call_command("procurement", "flags", "--org", org.slug, "--fy", str(FY), "--json")
    out = json.loads(capsys.readouterr().out)
    assert {"single_bidder", "split_purchase", "year_end_direct"} <= {f["code"] for f in out}
    assert all({"code", "project", "vendor", "message", "evidence"} <= set(f) for f in out)
    split = next(f for f in out if f["code"] == "split_purchase")
    assert split["evidence"]["total"] == "600000.00" and len(split["evidence"]["projects"]) == 3
