"""The module contract is enforced: `lint-imports` (run by `make lint`) fails on a forbidden import."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")


def _lint_copy(tmp_path, extra_files):
    """Run lint-imports over a copy of the package with `extra_files` added; return (exit code, output)."""
    shutil.copytree(ROOT / "sujarit", tmp_path / "sujarit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for name, text in extra_files.items():
        (tmp_path / name).write_text(text)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    run = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    return run.returncode, run.stdout + run.stderr


def test_the_tree_as_it_is_keeps_every_contract(tmp_path):
    code, out = _lint_copy(tmp_path, {})
    assert code == 0, out


@pytest.mark.parametrize(
    "path,source,contract",
    [
        (
            "sujarit/disclosure/sneaky.py",
            "from sujarit.plans.queries import current_plan  # noqa\n",
            "Modules do not import each other",
        ),
        (
            "sujarit/core/sneaky.py",
            "def f():\n    from sujarit.complaints import models  # noqa\n",
            "Modules do not import each other",
        ),
        (
            "sujarit/procurement/sneaky.py",
            "from sujarit.api.router import api  # noqa\n",
            "Modules do not import each other",
        ),
        (
            "sujarit/plans/views/sneaky.py",
            "from sujarit.core import audit  # noqa\n",
            "Views do not write the audit log",
        ),
    ],
)
def test_a_forbidden_import_breaks_the_lint(tmp_path, path, source, contract):
    code, out = _lint_copy(tmp_path, {path: source})
    assert code != 0
    assert f"{contract}" in out and "BROKEN" in out
