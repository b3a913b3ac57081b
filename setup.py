"""What pyproject.toml cannot say: every build compiles the Thai catalogue (.po → .mo) into the package,
so an installed wheel speaks Thai without a compile step, a writable site-packages or GNU gettext."""

from pathlib import Path

import polib
from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path("sujarit") / "locale"


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        # An editable install serves package data from the checkout: compile there (as `make messages`).
        target = Path(".") if self.editable_mode else Path(self.build_lib)
        for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
            mo = target / po.with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            polib.pofile(str(po)).save_as_mofile(str(mo))


setup(cmdclass={"build_py": BuildWithCatalogues})
