"""Conflict-of-interest matching: 10,000 covered people with their relatives against 100,000 vendor
directors (sujarit.integrity.synthetic, with planted matches), Sujarit's matcher beside a
straightforward pandas implementation of the same rules, in the same run.

    .venv/bin/python -m bench.coi_matching [--people 10000] [--directors 100000] [--smoke]

Each implementation runs in its own process on the same generated data (same seed), so neither's
memory is counted in the other's: time of the matching (normalization included) and peak memory of
the process's resident memory added by it (peak RSS minus RSS before; tracemalloc would slow pure
Python far more than pandas and skew the times), then the ratios.
Both must return the same matches with the same scores (exit status 1 otherwise), and the planted
cases' precision and recall are printed. No database: the matcher is pure Python by design.

--smoke: 200 people and 2,000 directors.
"""

import argparse
import gc
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/coi_matching.py`
    sys.path.insert(0, str(ROOT))


def _data(people, directors):
    from sujarit.integrity import synthetic

    return synthetic.generate(people, directors, planted_share=0.01, seed=11)


def sujarit_matches(data):
    from sujarit.integrity import matching

    return {
        (m.subject.ref, m.counterparty.ref): m.score for m in matching.find(data.subjects, data.directors)
    }


def pandas_matches(data):
    """The same rules, written the way an analyst would with pandas: merges on block keys, then scores."""
    import pandas as pd
    from rapidfuzz import fuzz

    from sujarit.integrity.matching import DEFAULTS, clean_address, clean_id, sound, split_name

    threshold = DEFAULTS["name_threshold"]
    s = pd.DataFrame({"sref": [x.ref for x in data.subjects], "name": [x.name for x in data.subjects],
                      "sid": [x.id_number for x in data.subjects], "saddr": [x.address for x in data.subjects],
                      "former": [x.former_surnames for x in data.subjects]})  # fmt: skip
    c = pd.DataFrame({"cref": [x.ref for x in data.directors], "name": [x.name for x in data.directors],
                      "cid": [x.id_number for x in data.directors], "caddr": [x.address for x in data.directors]})  # fmt: skip
    for df, idc, addr in ((s, "sid", "saddr"), (c, "cid", "caddr")):
        parts = df["name"].map(split_name)
        df["given"] = parts.str[0]
        df["surname"] = parts.str[1]
        df[idc] = df[idc].map(clean_id)
        df[addr] = df[addr].map(clean_address)
    # rule 1: IDs
    ids = s[s["sid"] != ""].merge(c[c["cid"] != ""], left_on="sid", right_on="cid")
    found = pd.DataFrame({"sref": ids["sref"], "cref": ids["cref"], "score": 100})
    # rule 3: names, every surname variant (the current one, then each former surname)
    variants = s.assign(
        variant=s.apply(
            lambda r: (
                [(r["surname"], False)] + [(split_name("x " + f)[1], True) for f in r["former"] if f.strip()]
            ),
            axis=1,
        )
    )
    variants = variants.explode("variant")
    variants["vsurname"] = variants["variant"].str[0]
    variants["former_flag"] = variants["variant"].str[1].astype(bool)
    variants = variants[variants["vsurname"] != ""]
    c = c[c["surname"] != ""].copy()
    c["k_x"] = c["surname"].map(sound)
    c["k_g"] = c["given"].map(sound) + "|" + c["surname"].str[:2]
    variants["k_x"] = variants["vsurname"].map(sound)
    variants["k_g"] = variants["given"].map(sound) + "|" + variants["vsurname"].str[:2]
    cols = ["sref", "given", "vsurname", "former_flag", "sid", "saddr"]
    pairs = pd.concat(
        [
            variants[cols].merge(c, left_on="vsurname", right_on="surname", suffixes=("_s", "")),
            variants[cols + ["k_x"]].merge(c, on="k_x", suffixes=("_s", "")),
            variants[cols + ["k_g"]].merge(c, on="k_g", suffixes=("_s", "")),
        ]
    ).drop_duplicates(["sref", "cref", "vsurname"])
    pairs = pairs[~((pairs["sid"] != "") & (pairs["cid"] != "") & (pairs["sid"] != pairs["cid"]))]
    g = [fuzz.ratio(a, b) for a, b in zip(pairs["given_s"], pairs["given"], strict=True)]
    sn = [fuzz.ratio(a, b) for a, b in zip(pairs["vsurname"], pairs["surname"], strict=True)]
    whole = [
        fuzz.ratio(a + b, x + y)
        for a, b, x, y in zip(
            pairs["given_s"], pairs["vsurname"], pairs["given"], pairs["surname"], strict=True
        )
    ]
    phon = [
        sound(a) == sound(b) and sound(x) == sound(y)
        for a, b, x, y in zip(
            pairs["given_s"], pairs["given"], pairs["vsurname"], pairs["surname"], strict=True
        )
    ]
    addr = [
        bool(a and b) and fuzz.token_set_ratio(a, b) >= DEFAULTS["address_threshold"]
        for a, b in zip(pairs["saddr"], pairs["caddr"], strict=True)
    ]
    pairs = pairs.assign(g=g, sn=sn, whole=whole, phon=phon, addr=addr)
    exact = (pairs["g"] == 100) & (pairs["sn"] == 100)
    least = pairs[["g", "sn"]].min(axis=1)
    similar = ((pairs["whole"] >= threshold) & (least >= 80)) | (pairs["phon"] & (least >= 70))
    near = (pairs["sn"] == 100) & pairs["addr"] & ~pairs["former_flag"]
    bonus = pairs["addr"].astype(int)
    score = pd.Series(0, index=pairs.index)
    score = score.mask(near, 70)
    score = score.mask(similar, ((pairs["whole"] * 0.9).astype(int) + 5 * bonus).clip(60, 89))
    score = score.mask(exact & pairs["former_flag"], 90 + 5 * bonus)
    score = score.mask(exact & ~pairs["former_flag"], 95 + 4 * bonus)
    named = pairs.assign(score=score)[score > 0][["sref", "cref", "score"]]
    best = pd.concat([found, named]).groupby(["sref", "cref"])["score"].max()
    return {k: int(v) for k, v in best.items()}


def _rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def _measure(which, people, directors, queue):
    data = _data(people, directors)
    func = sujarit_matches if which == "sujarit" else pandas_matches
    if which == "pandas":  # imported before the clock starts, as in a notebook
        import pandas  # noqa: F401
    from sujarit.integrity.matching import sound, split_name

    sound("สมชาย"), split_name("นายสมชาย ใจดี")  # PyThaiNLP's first call loads its tables: not timed
    gc.collect()
    before = _rss_kib()
    start = time.perf_counter()
    result = func(data)
    seconds = time.perf_counter() - start
    # The process's peak resident size minus its size before matching: what the matching added at
    # its peak (tracemalloc would slow pure Python far more than pandas and skew the time).
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before, 4) * 1024
    queue.put((which, seconds, peak, result, data.planted, len(data.subjects), len(data.directors)))


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench.coi_matching", description=__doc__.split("\n")[0])
    p.add_argument("--people", type=int, default=10_000)
    p.add_argument("--directors", type=int, default=100_000)
    p.add_argument("--smoke", action="store_true", help="toy sizes: does it still run?")
    args = p.parse_args(argv)
    if args.smoke:
        args.people, args.directors = 200, 2_000
    queue = multiprocessing.get_context("spawn").Queue()
    runs = {}
    for which in ("sujarit", "pandas"):
        proc = multiprocessing.get_context("spawn").Process(
            target=_measure, args=(which, args.people, args.directors, queue)
        )
        proc.start()
        got = queue.get()
        proc.join()
        runs[got[0]] = got
    from sujarit.integrity import synthetic

    _w, _t, _m, ours, planted, n_subjects, n_directors = runs["sujarit"]
    print(
        f"{args.people:,} covered people ({n_subjects:,} with relatives) × {n_directors:,} directors, {len(planted)} planted"
    )
    print("| implementation | seconds | peak RSS added, MiB | matches | precision | recall |")
    print("|---|---|---|---|---|---|")
    for which in ("sujarit", "pandas"):
        _w, seconds, peak, result, *_ = runs[which]
        precision, recall = synthetic.score(result, planted)
        print(
            f"| {which} | {seconds:.2f} | {peak / 2**20:.1f} | {len(result):,} | {precision:.3f} | {recall:.3f} |"
        )
    strong = {k: v for k, v in ours.items() if v >= 90}
    precision, recall = synthetic.score(strong, planted)
    print(
        f"matches scored 90 or more (same ID, name, maiden name): {len(strong):,}, precision {precision:.3f}, recall {recall:.3f}"
    )
    same = runs["sujarit"][3] == runs["pandas"][3]
    print(f"same matches and scores: {'yes' if same else 'NO'}")
    print(
        f"ratio (pandas / sujarit): time {runs['pandas'][1] / runs['sujarit'][1]:.2f}, peak memory {runs['pandas'][2] / runs['sujarit'][2]:.2f}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
