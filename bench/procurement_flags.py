"""Every procurement red flag over a million generated records, side by side with a straightforward
pandas implementation of the same rules, in the same run, checking that both find identical flags.

    .venv/bin/python -m bench.procurement_flags [--records 1000000] [--per-org 500] [--seed 7] [--smoke]

The generator (numpy, seeded) makes organizations of `--per-org` projects each in fiscal year 2568,
with 40 vendors per organization and planted cases for every rule (single and few bidders, awards
near and far below the reference price, contracts above the award, identical and clustered offers,
bidders sharing a director, address or phone, short submission periods, long signature delays,
bunched year-end purchases, a dominant vendor, invalid IDs). From the same arrays it builds both
inputs: the plain records the back office's rules read (`redflags.records.ProjectRec` / `VendorRec`,
Decimal money) and pandas tables (money as integer satang). Building them is not timed.

Timed: `redflags.evaluate` for each organization-year (the code the back office runs), and the pandas
rules over the whole tables (groupby per organization). Each side runs in its own forked child so
its peak memory is its own: the peak resident set (VmHWM, reset through /proc/self/clear_refs) above
the resident set when it started (the inputs, already built, are not counted; their sizes are printed
apart). The flags are compared as sets of (organization, code, key).

--smoke: 2,000 records — proves the benchmark still runs and agrees; its figures mean nothing.
"""

import argparse
import datetime as dt
import gc
import os
import pickle
import sys
import time
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/procurement_flags.py`
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

FY = 2568
FY_START = dt.date(2024, 10, 1)
FY_END = dt.date(2025, 9, 30)
VENDORS_PER_ORG = 40
METHODS = np.array(["specific", "e_bidding", "e_market", "selection"])
COMPETITIVE = {"e_bidding", "e_market", "selection"}
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sujarit.settings")
    import django

    django.setup()


# --- the generator ----------------------------------------------------------------------------------


def check_digit(twelve):
    s = sum((2 - i) * int(n) for i, n in enumerate(twelve)) % 11
    return str((1 - s) % 10)


def generate(n_records, per_org, seed):
    """Column arrays of projects, bids, vendors and directors (plain Python/numpy, no Decimal yet)."""
    rng = np.random.default_rng(seed)
    orgs = max(1, n_records // per_org)
    n = orgs * per_org
    org = np.repeat(np.arange(orgs), per_org)
    pid = np.arange(1, n + 1)
    method = METHODS[rng.choice(4, size=n, p=[0.7, 0.1, 0.15, 0.05])]
    competitive = method != "specific"
    budget = np.round(np.exp(rng.uniform(np.log(5e3), np.log(5e6), n))).astype(np.int64)
    has_ref = rng.random(n) < 0.9
    ref = np.round(budget * rng.uniform(0.4, 1.05, n)).astype(np.int64)
    base = np.where(has_ref, ref, budget)
    agreed = np.round(base * rng.uniform(0.8, 1.0, n)).astype(np.int64)
    far = rng.random(n) < 0.01  # far below the reference price
    agreed = np.where(far, np.round(base * rng.uniform(0.3, 0.5, n)).astype(np.int64), agreed)
    near = rng.random(n) < 0.05
    agreed = np.where(near, base - rng.integers(0, 3, n), agreed)
    agreed = np.maximum(agreed, 1)
    has_agreed = rng.random(n) > 0.03
    contract = agreed + np.where(rng.random(n) < 0.01, rng.integers(1000, 50000, n), 0)
    day_off = rng.integers(0, 365, n)
    late_org = (org % 10 == 0) & (method == "specific") & (rng.random(n) < 0.4)
    day_off = np.where(late_org, rng.integers(335, 365, n), day_off)  # bunched at the year's end
    announce_gap = rng.integers(3, 41, n)
    announce_gap = np.where(rng.random(n) < 0.005, rng.integers(120, 200, n), announce_gap)  # long delays
    closing_gap = rng.integers(1, 21, n)
    winner_local = rng.integers(0, VENDORS_PER_ORG, n)
    dominant = (org % 7 == 0) & (rng.random(n) < 0.4)
    winner_local = np.where(dominant, 0, winner_local)
    has_winner = rng.random(n) > 0.03
    winner = org * VENDORS_PER_ORG + winner_local + 1  # database ids start at 1
    n_bids = np.where(competitive, rng.choice([1, 2, 3, 4, 5], size=n, p=[0.15, 0.2, 0.3, 0.2, 0.15]), 1)
    bids_complete = rng.random(n) > 0.03
    same_price = rng.random(n) < 0.005
    clustered = rng.random(n) < 0.01

    projects = []
    bid_rows = []  # (project, vendor, price, order)
    for i in range(n):
        day = FY_START + dt.timedelta(days=int(day_off[i]))
        announced = day - dt.timedelta(days=int(announce_gap[i]))
        closing = announced + dt.timedelta(days=int(closing_gap[i])) if competitive[i] else None
        w = int(winner[i]) if has_winner[i] else None
        price = int(agreed[i]) if has_agreed[i] else int(budget[i])
        o = int(org[i])
        bidders = []
        if competitive[i]:
            others = rng.permutation(VENDORS_PER_ORG)[: int(n_bids[i])] + o * VENDORS_PER_ORG + 1
            pool = [int(v) for v in others if int(v) != w]
            bidders = ([w] if w is not None else []) + pool
            bidders = bidders[: int(n_bids[i])]
        elif w is not None:
            bidders = [w]
        for k, v in enumerate(bidders):
            if k == 0:
                offered = price
            elif same_price[i] and k == 1:
                offered = price
            elif clustered[i]:
                offered = price + int(price * 0.001 * k) + k
            else:
                offered = price + max(1, int(price * (0.02 + 0.03 * k)))
            bid_rows.append((i + 1, v, offered, k))
        projects.append(
            (
                int(pid[i]),
                o,
                str(method[i]),
                int(budget[i]),
                int(ref[i]) if has_ref[i] else None,
                int(agreed[i]) if has_agreed[i] else None,
                int(contract[i]) if has_agreed[i] else None,
                day,
                announced,
                closing,
                w,
                bool(bids_complete[i]),
            )
        )

    vendors, directors = [], []  # (id, org, tax_id, address, phone); (vendor, name, id_number)
    for o in range(orgs):
        for k in range(VENDORS_PER_ORG):
            vid = o * VENDORS_PER_ORG + k + 1
            twelve = "0" + "".join(str(d) for d in rng.integers(0, 10, 11))
            tax_id = twelve + check_digit(twelve)
            if rng.random() < 0.01:
                tax_id = twelve + str((int(check_digit(twelve)) + 1) % 10)
            address = f"{vid} หมู่ {k % 9 + 1} ตำบลแหลมสอม"
            if k > 0 and rng.random() < 0.05:  # the same address written another way
                other = vid - 1
                address = f"{other}  หมู่ {(k - 1) % 9 + 1}, ตำบลแหลมสอม".translate(
                    str.maketrans("0123456789", THAI_DIGITS)
                )
            phone = f"08{vid % 100000000:08d}"
            if k > 0 and rng.random() < 0.03:
                phone = f"+66 8{(vid - 1) % 100000000:08d}"
            vendors.append((vid, o, tax_id, address, phone))
            for j in range(1 + int(rng.random() < 0.3)):
                person = vid * 2 + j
                if k > 0 and j == 0 and rng.random() < 0.05:
                    person = (vid - 1) * 2  # a director of the vendor before
                name = f"นาย สมชาย  ทดสอบ{person}"
                number = ""
                if rng.random() > 0.1:
                    p12 = str(1 + person % 8) + f"{person:011d}"[-11:]
                    number = p12 + check_digit(p12)
                    if rng.random() < 0.005:
                        number = p12 + str((int(check_digit(p12)) + 1) % 10)
                elif rng.random() < 0.5:
                    name = f"สมชาย ทดสอบ{person}"  # no title, no ID: matched by name
                directors.append((vid, name, number))
    return {"orgs": orgs, "projects": projects, "bids": bid_rows, "vendors": vendors, "directors": directors}


# --- the two inputs ---------------------------------------------------------------------------------


def as_records(data):
    """{org: ([ProjectRec], {vendor id: VendorRec})}: what `redflags.evaluate` reads."""
    from sujarit.procurement.redflags.records import ProjectRec, VendorRec

    bids = {}
    for project, vendor, price, _order in data["bids"]:
        bids.setdefault(project, []).append((vendor, Decimal(price)))
    dirs = {}
    for vendor, name, number in data["directors"]:
        dirs.setdefault(vendor, []).append((name, number))
    vendors = {}
    for vid, org, tax_id, address, phone in data["vendors"]:
        vendors.setdefault(org, {})[vid] = VendorRec(
            vid, f"ผู้ขาย {vid}", tax_id, address, phone, tuple(dirs.get(vid, ()))
        )
    out = {o: ([], vendors.get(o, {})) for o in range(data["orgs"])}
    for pid, org, method, budget, ref, agreed, contract, day, announced, closing, winner, complete in data[
        "projects"
    ]:
        out[org][0].append(
            ProjectRec(
                id=pid,
                ref=f"#{pid}",
                name=f"โครงการ {pid}",
                method=method,
                budget=Decimal(budget),
                reference=None if ref is None else Decimal(ref),
                agreed=None if agreed is None else Decimal(agreed),
                contract_amount=None if contract is None else Decimal(contract),
                day=day,
                announced=announced,
                closing=closing,
                contract_date=day,
                winner=winner,
                bids=tuple(bids.get(pid, ())),
                bids_complete=complete,
            )
        )
    return out


def as_frames(data):
    """pandas tables: projects, bids, vendors, directors; money in integer satang (nullable Int64)."""
    p = pd.DataFrame(
        data["projects"],
        columns=[
            "id",
            "org",
            "method",
            "budget",
            "ref",
            "agreed",
            "contract",
            "day",
            "announced",
            "closing",
            "winner",
            "bids_complete",
        ],  # fmt: skip
    )
    for col in ("budget", "ref", "agreed", "contract"):
        p[col] = (p[col].astype("Int64")) * 100
    p["winner"] = p["winner"].astype("Int64")
    for col in ("day", "announced", "closing"):
        p[col] = pd.to_datetime(p[col])
    p["contract_date"] = p["day"]
    b = pd.DataFrame(data["bids"], columns=["project", "vendor", "price", "order"])
    b["price"] = b["price"].astype("int64") * 100
    v = pd.DataFrame(data["vendors"], columns=["vendor", "org", "tax_id", "address", "phone"])
    d = pd.DataFrame(data["directors"], columns=["vendor", "name", "id_number"])
    return p, b, v, d


# --- the pandas implementation ----------------------------------------------------------------------


def _frac(value):
    f = Fraction(Decimal(str(value)))
    return f.numerator, f.denominator


def _valid_ids(ids):
    """Thai 13-digit IDs as python-stdnum's tin accepts them: 13 digits, not starting with 9, check digit."""
    s = ids.fillna("")
    ok = s.str.fullmatch(r"\d{13}") & ~s.str.startswith("9")
    digits = s.where(ok, "0" * 13).str.split("", expand=True).iloc[:, 1:14].astype(int).to_numpy()
    weights = 2 - np.arange(12)
    check = (1 - (digits[:, :12] * weights).sum(axis=1) % 11) % 10
    return ok & (check == digits[:, 12])


def _fence_flags(df, value, extra):
    """Rows at or above (discounts) / above (delays) the per-org upper fence Q3 + 1.5·IQR."""
    g = df.groupby("org")[value]
    q = g.quantile([0.25, 0.75]).unstack()  # linear interpolation: statistics' "inclusive" method
    q1, q3, size = df["org"].map(q[0.25]), df["org"].map(q[0.75]), df["org"].map(g.size())
    iqr = q3 - q1
    upper = q3 + 1.5 * iqr
    usable = (size >= extra["min"]) & ~((q1 == 0) & (q3 == 0) & (iqr == 0))
    return df[usable & extra["test"](df[value], upper)]


def pandas_flags(p, b, v, d, params):
    out = []

    def add(frame, code, key):
        out.extend(zip(frame["org"].tolist(), [code] * len(frame), key(frame).tolist(), strict=True))

    pkey = lambda f: "p" + f["id"].astype(str)  # noqa: E731
    comp = p["method"].isin(COMPETITIVE)
    nb = b.groupby("project").size()
    p = p.assign(n_bids=p["id"].map(nb).fillna(0).astype(int))
    amount = p["agreed"].fillna(p["budget"])
    p = p.assign(amount=amount)

    # bidders
    base = p[comp & p["bids_complete"]]
    add(base[base["n_bids"] == 1], "single_bidder", pkey)
    add(base[(base["n_bids"] > 1) & (base["n_bids"] < params["min_bidders"])], "few_bidders", pkey)
    # prices
    num, den = _frac(params["near_reference_ratio"])
    ref_ok = p["ref"].fillna(0) != 0
    m = comp & ref_ok & p["agreed"].notna() & (p["agreed"] * den >= p["ref"] * num)
    add(p[m.fillna(False)], "near_reference", pkey)
    m = p["contract"].notna() & p["agreed"].notna() & (p["contract"] > p["agreed"])
    add(p[m.fillna(False)], "contract_above_award", pkey)
    num, den = _frac(params["reference_budget_low"])
    m = ref_ok & (p["budget"] != 0) & ((p["ref"] > p["budget"]) | (p["ref"] * den < p["budget"] * num))
    add(p[m.fillna(False)], "reference_vs_budget", pkey)
    # bid prices (only when every bidder is recorded)
    bp = b.merge(p[["id", "org", "bids_complete"]], left_on="project", right_on="id")
    bp = bp[bp["bids_complete"]]
    g = bp.groupby(["org", "project"])["price"]
    stats = g.agg(n="size", unique="nunique", low="min", high="max").reset_index()
    stats = stats[stats["n"] >= 2]
    ident = stats[stats["unique"] < stats["n"]]
    add(ident.rename(columns={"project": "id"}), "identical_bids", pkey)
    num, den = _frac(params["cluster_spread"])
    rest = stats[stats["unique"] == stats["n"]]
    rest = rest[(rest["n"] >= params["cluster_min_bids"]) & (rest["low"] > 0)]
    rest = rest[(rest["high"] - rest["low"]) * den <= rest["low"] * num]
    add(rest.rename(columns={"project": "id"}), "clustered_bids", pkey)
    # shared contacts: ties of each vendor, then the first bidder holding a tie paired with each later one
    digits = str.maketrans(THAI_DIGITS, "0123456789")
    addr = v["address"].fillna("").str.translate(digits).str.replace(r"[\s,]+", "", regex=True).str.lower()
    phone = v["phone"].fillna("").str.translate(digits).str.replace(r"\D", "", regex=True)
    intl = phone.str.startswith("66") & phone.str.len().isin([10, 11])
    phone = phone.where(~intl, "0" + phone.str[2:])
    phone = phone.where(phone.str.len() >= 9, "")
    bare = (
        d["name"].fillna("").str.strip()
        .str.replace(r"^(?:นาย|นางสาว|นาง|น\.ส\.|ว่าที่\s*ร\.ต\.|ดร\.)\s*", "", regex=True)
        .str.replace(r"[\s,]+", "", regex=True)
    )  # fmt: skip
    person = ("id:" + d["id_number"]).where(d["id_number"] != "", ("name:" + bare).where(bare != "", ""))
    ties = pd.concat(
        [
            pd.DataFrame({"vendor": d["vendor"], "kind": "director", "tie": person}),
            pd.DataFrame({"vendor": v["vendor"], "kind": "address", "tie": addr}),
            pd.DataFrame({"vendor": v["vendor"], "kind": "phone", "tie": phone}),
        ]
    )
    ties = ties[ties["tie"] != ""].drop_duplicates()
    multi = b[b["project"].map(nb) >= 2]
    bt = multi.merge(ties, on="vendor")
    first = bt.sort_values("order").groupby(["project", "kind", "tie"])["vendor"].transform("first")
    pairs = bt.assign(first=first)
    pairs = pairs[pairs["vendor"] != pairs["first"]][["project", "first", "vendor"]].drop_duplicates()
    pairs = pairs.merge(p[["id", "org"]], left_on="project", right_on="id")
    add(pairs, "shared_contacts", lambda f: "p" + f["project"].astype(str) + ":" + f["first"].astype(str) + "-"
        + f["vendor"].astype(str))  # fmt: skip
    # short submission
    minimum = p["method"].map(params["min_submission_days"])
    days = (p["closing"] - p["announced"]).dt.days
    m = minimum.notna() & (minimum > 0) & p["announced"].notna() & p["closing"].notna() & (days < minimum)
    add(p[m], "short_submission", pkey)

    # over the year: discounts below the reference price
    sample = p[comp & ref_ok & p["agreed"].notna()].copy()
    sample["d"] = ((sample["ref"] - sample["agreed"]) / sample["ref"]).astype(float)
    hits = _fence_flags(
        sample, "d", {"min": params["iqr_min_sample"], "test": lambda x, up: (x > 0) & (x >= up)}
    )
    add(hits, "below_reference", pkey)
    # delays
    start = p["closing"].fillna(p["announced"])
    dd = p.assign(delay=(p["contract_date"] - start).dt.days)
    dd = dd[start.notna() & p["contract_date"].notna() & (p["contract_date"] >= start)]
    hits = _fence_flags(
        dd,
        "delay",
        {
            "min": params["iqr_min_sample"],
            "test": lambda x, up: (x > up) & (x >= params["delay_min_days"]),
        },  # fmt: skip
    )
    add(hits, "abnormal_delay", pkey)
    # split purchases: per vendor, groups opened by a purchase more than the window after the group's first
    limit = int(params["direct_limit"] * 100)
    window = pd.Timedelta(days=params["split_window_days"])
    sp = p[(p["method"] == "specific") & p["winner"].notna() & p["day"].notna() & (p["amount"] < limit)]
    sp = sp.sort_values(["org", "winner", "day", "id"])
    orgs_, winners = sp["org"].to_numpy(), sp["winner"].to_numpy(dtype="int64")
    days_ = sp["day"].to_numpy().astype("datetime64[D]").astype("int64")
    ids_, amounts = sp["id"].to_numpy(), sp["amount"].to_numpy(dtype="int64")
    groups, begin, total = [], 0, 0
    window_days = window.days
    for i in range(len(sp) + 1):  # one pass: a group ends at a new vendor or past the window
        if (
            i == len(sp)
            or winners[i] != winners[begin]
            or orgs_[i] != orgs_[begin]
            or days_[i] - days_[begin] > window_days
        ):
            if i - begin >= 2 and total > limit:
                groups.append((orgs_[begin], "split:" + ",".join(str(x) for x in ids_[begin:i])))
            begin, total = i, 0
        if i < len(sp):
            total += amounts[i]
    out.extend((org, "split_purchase", key) for org, key in groups)
    # the year's end
    window_start = pd.Timestamp(FY_END - dt.timedelta(days=params["year_end_days"] - 1))
    direct = p[(p["method"] == "specific") & p["day"].notna()]
    agg = direct.assign(
        late=direct["day"] >= window_start,
        late_amount=direct["amount"].where(direct["day"] >= window_start, 0),
    )
    agg = agg.groupby("org").agg(
        total=("amount", "sum"), late_n=("late", "sum"), late_total=("late_amount", "sum")
    )
    num, den = _frac(params["year_end_share"])
    agg = agg[(agg["total"] != 0) & (agg["late_n"] >= params["year_end_min_count"])
              & (agg["late_total"] * den >= agg["total"] * num)].reset_index()  # fmt: skip
    add(agg, "year_end_direct", lambda f: pd.Series([f"fy{FY}"] * len(f), dtype=object))
    # the share of direct purchases
    num, den = _frac(params["direct_share"])
    agg = (
        p.assign(direct=p["amount"].where(p["method"] == "specific", 0))
        .groupby("org")
        .agg(n=("id", "size"), total=("amount", "sum"), direct=("direct", "sum"))
    )
    agg = agg[(agg["n"] >= params["direct_share_min_projects"]) & (agg["total"] != 0)
              & (agg["direct"] * den >= agg["total"] * num)].reset_index()  # fmt: skip
    add(agg, "direct_share", lambda f: pd.Series([f"fy{FY}"] * len(f), dtype=object))
    # supplier concentration
    won = (
        p[p["winner"].notna()]
        .groupby(["org", "winner"])
        .agg(value=("amount", "sum"), n=("id", "size"))
        .reset_index()
    )
    won["total"] = won.groupby("org")["value"].transform("sum")
    won["vendors"] = won.groupby("org")["winner"].transform("size")
    num, den = _frac(params["concentration_share"])
    won = won[(won["total"] != 0) & (won["vendors"] >= 2) & (won["value"] * den >= won["total"] * num)
              & (won["n"] >= params["concentration_min_awards"])]  # fmt: skip
    add(won, "supplier_concentration", lambda f: "v" + f["winner"].astype(str))
    # invalid IDs of the vendors used in the year (winners and bidders)
    used = (
        pd.concat(
            [
                p[p["winner"].notna()][["org", "winner"]].rename(columns={"winner": "vendor"}),
                b.merge(p[["id", "org"]], left_on="project", right_on="id")[["org", "vendor"]],
            ]  # fmt: skip
        )
        .astype({"vendor": "int64"})
        .drop_duplicates()
    )
    bad_vendor = set(v.loc[~_valid_ids(v["tax_id"]), "vendor"])
    numbered = d[d["id_number"] != ""]
    bad_vendor |= set(numbered.loc[~_valid_ids(numbered["id_number"]), "vendor"])
    add(used[used["vendor"].isin(bad_vendor)], "invalid_id", lambda f: "v" + f["vendor"].astype(str))
    return out


# --- running both -----------------------------------------------------------------------------------


def _rss_kb(field):
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def in_child(fn):
    """Run fn() in a forked child: (seconds, peak MB above the child's start, result)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            gc.collect()
            try:
                with open("/proc/self/clear_refs", "w") as fh:
                    fh.write("5")  # reset VmHWM to the current resident set
            except OSError:
                pass
            start_rss = _rss_kb("VmRSS")
            start = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - start
            peak = (_rss_kb("VmHWM") - start_rss) / 1024
            payload = pickle.dumps((seconds, peak, result))
        except BaseException as exc:  # noqa: BLE001 - reported by the parent
            payload = pickle.dumps(exc)
        with os.fdopen(write, "wb") as fh:
            fh.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        payload = fh.read()
    os.waitpid(pid, 0)
    value = pickle.loads(payload)
    if isinstance(value, BaseException):
        raise value
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--per-org", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="2,000 records: proves the benchmark runs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.records = 2000
    setup_django()
    from sujarit.procurement import redflags

    params = redflags.parameters()
    t0 = time.perf_counter()
    data = generate(args.records, args.per_org, args.seed)
    rss0 = _rss_kb("VmRSS")
    records = as_records(data)
    rss1 = _rss_kb("VmRSS")
    frames = as_frames(data)
    rss2 = _rss_kb("VmRSS")
    del data
    gc.collect()
    n = sum(len(ps) for ps, _v in records.values())
    print(f"{n:,} projects in {len(records):,} organizations, {len(frames[1]):,} bids, {len(frames[2]):,} vendors "
          f"(generated and built in {time.perf_counter() - t0:.1f} s)", flush=True)  # fmt: skip

    def library():
        return [
            (org, h.code, h.key)
            for org, (projects, vendors) in records.items()
            for h in redflags.evaluate(FY, projects, vendors, params)
        ]

    def with_pandas():
        return pandas_flags(*frames, params)

    lib_s, lib_mb, lib = in_child(library)
    pd_s, pd_mb, pdf = in_child(with_pandas)
    lib_set, pd_set = set(lib), set(pdf)
    counts_lib, counts_pd = Counter(c for _o, c, _k in lib_set), Counter(c for _o, c, _k in pd_set)
    print(
        f"inputs held: plain records {(rss1 - rss0) / 1024:.0f} MB, pandas tables {(rss2 - rss1) / 1024:.0f} MB"
    )
    print("| rule | sujarit | pandas |")
    print("|---|---:|---:|")
    for code in redflags.RULES:
        print(f"| {code} | {counts_lib[code]:,} | {counts_pd[code]:,} |")
    print(f"| total | {len(lib_set):,} | {len(pd_set):,} |")
    print(f"sujarit rules: {lib_s:.2f} s, peak +{lib_mb:.0f} MB; pandas: {pd_s:.2f} s, peak +{pd_mb:.0f} MB")
    print(f"ratio (sujarit / pandas): time {lib_s / pd_s:.2f}, peak memory {lib_mb / max(pd_mb, 1):.2f}")
    if lib_set != pd_set or len(lib) != len(lib_set):
        only_lib, only_pd = sorted(lib_set - pd_set)[:10], sorted(pd_set - lib_set)[:10]
        print(f"flags DIFFER: only sujarit {only_lib}; only pandas {only_pd}")
        return 1
    missing = [c for c in redflags.RULES if not counts_lib[c]]
    print(
        "flags identical: yes"
        + (f" (rules that found nothing at this size: {', '.join(missing)})" if missing else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
