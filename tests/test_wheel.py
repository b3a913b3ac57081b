"""The wheel runs on its own: built from a copy of the source (no compiled catalogue in it), installed
into a fresh virtualenv, run from a directory that is not the checkout. Templates, static files, the
Sarabun fonts and the compiled Thai catalogue must all come from the installed package.

The new virtualenv gets the project's dependencies from the one running the tests, through a .pth
line — and only them: that directory's own .pth files (the editable install of this checkout) are not
read, and the installed wheel comes first on sys.path.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", "*.mo",
    ".pytest_cache", ".ruff_cache", ".hypothesis", "test-artifacts",
)  # fmt: skip


def _not_source(directory, names):
    """What a fresh clone would not have (plus the checkout's docs, benchmarks and suite: not built)."""
    skip = _NOT_SOURCE(directory, names)
    if Path(directory) == ROOT:
        skip |= {"docs", "bench", "tests"} & set(names)
    return skip


# Run by the installed copy: where Django finds things, Thai from the shipped catalogue, a PDF whose
# stylesheet and font came through the PDF engine's fetcher from the installed static files.
PROBE = textwrap.dedent(
    r"""
    import re
    import zlib

    import django
    import sujarit
    django.setup()
    from django.contrib.staticfiles import finders
    from django.template import engines
    from django.template.loader import get_template
    from django.utils import translation
    from sujarit.core import pdf, thaifont

    print("package", sujarit.__file__)
    print("template", get_template("pdf_base.html").origin.name)
    print("static", finders.find("css/print.css"))
    print("font", thaifont.fonts_dir() / "Sarabun-Regular.ttf")
    with translation.override("th"):
        print("thai", translation.gettext("Staff sign-in"))
    html = engines["django"].from_string(
        '{% extends "pdf_base.html" %}{% block content %}<p>องค์การบริหารส่วนตำบลแหลมสอม น้ำ</p>{% endblock %}'
    ).render({})
    data = pdf.html_to_pdf(html)
    objects = b"".join(
        zlib.decompress(m) for m in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    )
    print("pdf", data[:5].decode(), b"/BaseFont /" in objects and b"+Sarabun-Sujarit" in objects)
    """
)


def _run(args, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.mark.slow
def test_the_wheel_runs_from_its_installed_copy(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=_not_source)
    assert not list(source.rglob("*.mo"))  # the build must compile the catalogue itself
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)])
    (wheel,) = (tmp_path / "dist").glob("sujarit-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)])
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    )
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "zz_sujarit_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")

    installed = site / "sujarit"
    assert (installed / "locale" / "th" / "LC_MESSAGES" / "django.mo").is_file()
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(SUJARIT_VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="sujarit.settings")

    _run([str(venv / "bin" / "sujarit"), "check"], cwd=work, env=env)
    _run([str(venv / "bin" / "sujarit"), "compilemessages-py"], cwd=work, env=env)
    out = dict(
        line.split(" ", 1) for line in _run([str(python), "-c", PROBE], cwd=work, env=env).splitlines()
    )
    for key in ("package", "template", "static", "font"):
        assert Path(out[key]).resolve().is_relative_to(installed.resolve()), (key, out[key])
    assert Path(out["font"]).is_file()
    assert out["thai"] == "เข้าสู่ระบบเจ้าหน้าที่"
    assert out["pdf"] == "%PDF- True"
