"""Benchmarks: side-by-side ratios on this machine, never timed assertions in tests (see bench/README.md)."""
