"""`sujarit plan parse|import|lint FILE`, called as a user would (and through call_command)."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from sujarit.plans import demo
from sujarit.plans.models import Plan

SEED = str(demo.SEED)


def run(*args, stdin=""):
    """call_command, returning (exit status, stdout, stderr)."""
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("plan", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def not_a_plan(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("บันทึกการประชุม\nไม่ใช่แผนปฏิบัติการ\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def revised_seed(tmp_path):
    text = demo.SEED.read_text(encoding="utf-8")
    old = "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต"
    assert old in text
    path = tmp_path / "revised.txt"
    path.write_text(text.replace(old, "โครงการอบรมคุณธรรมจริยธรรมพนักงาน"), encoding="utf-8")
    return str(path)


def test_parse_prints_the_plan_as_json(db):
    code, out, _err = run("parse", SEED)
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "sujarit.plan/1" and len(data["items"]) == 27
    assert "องค์การบริหารส่วนตำบลแหลมสอม" in out  # not \\u escapes
    assert out.startswith("{\n  ")  # indented


def test_parse_error_is_thai_on_stderr_with_status_2(db, not_a_plan):
    code, out, err = run("parse", not_a_plan)
    assert code == 2 and out == ""
    assert "ไม่พบ" in err or "อ่าน" in err
    assert "Traceback" not in err


def test_missing_file_is_status_2(db, tmp_path):
    code, _out, err = run("parse", str(tmp_path / "nope.txt"))
    assert code == 2 and "อ่านไฟล์" in err


def test_import_then_again_changes_nothing(org):
    code, out, _ = run("import", SEED, "--org", org.slug)
    assert code == 0 and "27" in out
    plan = Plan.objects.get(org=org)
    stamp = plan.imported_at
    code, out, _ = run("import", SEED, "--org", org.slug)
    assert code == 0
    plan.refresh_from_db()
    assert plan.imported_at == stamp


def test_import_of_a_revision_asks_first(org, revised_seed, monkeypatch):
    run("import", SEED, "--org", org.slug)
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    code, out, _ = run("import", revised_seed, "--org", org.slug)
    assert code == 1
    assert "โครงการอบรมคุณธรรมจริยธรรมพนักงาน" in out  # the diff was shown
    assert Plan.objects.get(org=org).items.get(number=2).name == "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต"

    monkeypatch.setattr("builtins.input", lambda prompt="": "y")
    code, out, _ = run("import", revised_seed, "--org", org.slug)
    assert code == 0
    assert Plan.objects.get(org=org).items.get(number=2).name == "โครงการอบรมคุณธรรมจริยธรรมพนักงาน"


def test_import_yes_skips_the_question(org, revised_seed, monkeypatch):
    run("import", SEED, "--org", org.slug)

    def no_questions(prompt=""):
        raise AssertionError("asked")

    monkeypatch.setattr("builtins.input", no_questions)
    code, _out, _ = run("import", revised_seed, "--org", org.slug, "--yes")
    assert code == 0
    assert Plan.objects.get(org=org).source_name == "revised.txt"


def test_import_of_a_bad_file_changes_nothing(org, not_a_plan):
    code, _out, err = run("import", not_a_plan, "--org", org.slug)
    assert code == 2 and err.strip()
    assert not Plan.objects.exists()


def test_import_to_unknown_org(db):
    code, _out, err = run("import", SEED, "--org", "nowhere")
    assert code == 2 and "nowhere" in err


def test_lint_json_lists_findings_and_fails_on_errors(db):
    code, out, _ = run("lint", SEED, "--json")
    findings = json.loads(out)
    assert findings and all(set(f) == {"code", "severity", "where", "message"} for f in findings)
    has_error = any(f["severity"] == "error" for f in findings)
    assert has_error  # the seed's summary totals do not add up
    assert code == 1


def test_lint_readable_listing(db):
    code, out, _ = run("lint", SEED)
    assert code == 1
    assert "laemsom_plan_2566_2570.txt" in out and "summary." in out


def test_lint_of_a_bad_file(db, not_a_plan):
    code, out, err = run("lint", not_a_plan, "--json")
    assert code == 2 and out == "" and err.strip()


def test_console_command_exit_status_of_lint():
    """The installed `sujarit` command, as CI would call it (the seed has real defects)."""
    proc = subprocess.run(
        [sys.executable, "-m", "sujarit.cli", "plan", "lint", SEED, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)
