"""docs/ARCHITECTURE.md's module map names exactly the packages of the tree (a new module is written
down when it is added; a removed one leaves the map)."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
DOC = PACKAGE.parent / "docs" / "ARCHITECTURE.md"


def _mapped():
    text = DOC.read_text("utf-8")
    block = text.split("## Module map", 1)[1].split("```", 2)[1]
    return {m.group(1) for m in re.finditer(r"^  ([a-z_]+)/", block, re.M)}


def test_the_module_map_matches_the_tree():
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    data_dirs = {"templates", "static", "locale"}  # package data, mapped too, not Python packages
    assert _mapped() == packages | data_dirs
