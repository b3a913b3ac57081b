"""Parse (+ lint) of the seed plan, side by side with only reading it and segmenting its words.

    .venv/bin/python -m bench.plan_parse_lint [--repeat 20] [--file sujarit/demo/laemsom_plan_2566_2570.txt] [--smoke]

The reference is what any Thai text pipeline pays at least: read the file and run PyThaiNLP's
word_tokenize (engine newmm) over it. Both sides are warmed up once (dictionary loaded, modules
imported) and then timed --repeat times; the medians and their ratio are printed. The lint is timed
when sujarit.plans.lint.lint_plan exists. No thresholds: a benchmark reports, tests assert behaviour.

--smoke: one run each (after the warm-up) — proves the benchmark still runs; its figures mean nothing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/plan_parse_lint.py`
    sys.path.insert(0, str(ROOT))

SEED = ROOT / "sujarit" / "demo" / "laemsom_plan_2566_2570.txt"


def load_lint():
    """lint_plan(parsed) when the lint package is there; it may need Django's settings."""
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sujarit.settings")
        import django

        django.setup()
        from sujarit.plans.lint import lint_plan
    except ImportError:
        return None
    return lint_plan


def timed(fn, repeat):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--file", type=Path, default=SEED)
    parser.add_argument("--smoke", action="store_true", help="one run each: proves the benchmark runs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.repeat = 1

    from pythainlp.tokenize import word_tokenize

    from sujarit.plans.parsing import parse_plan
    from sujarit.plans.parsing.text import clean

    path = args.file
    lint_plan = load_lint()

    def ours():
        clean.cache_clear()  # no help from the previous run
        parsed = parse_plan(path.read_bytes(), path.name)
        findings = lint_plan(parsed) if lint_plan else None
        return parsed, findings

    def reference():
        return word_tokenize(path.read_text(encoding="utf-8"), engine="newmm")

    parsed, findings = ours()  # warm-up, and the figures to show
    words = reference()
    parse_only = timed(lambda: (clean.cache_clear(), parse_plan(path.read_bytes(), path.name)), args.repeat)
    ours_runs = timed(ours, args.repeat)
    ref_runs = timed(reference, args.repeat)

    med_parse = statistics.median(parse_only)
    med_ours = statistics.median(ours_runs)
    med_ref = statistics.median(ref_runs)
    label = "parse + lint" if lint_plan else "parse (lint not installed)"
    print(f"file: {path.name} ({path.stat().st_size:,} bytes, {len(words):,} words by newmm)")
    print(
        f"parsed: {len(parsed['items'])} items, {len(parsed['dimensions'])} dimensions, "
        f"{sum(len(d['missions']) for d in parsed['dimensions'])} missions, {len(parsed['warnings'])} reader notes"
        + (f", {len(findings)} lint findings" if findings is not None else "")
    )
    print(f"repeat: {args.repeat} runs each, medians below")
    print(f"  parse only                    {med_parse * 1000:9.1f} ms")
    print(f"  {label:<29} {med_ours * 1000:9.1f} ms")
    print(f"  read + word_tokenize (newmm)  {med_ref * 1000:9.1f} ms")
    print(f"ratio ({label} / read + segment): {med_ours / med_ref:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
