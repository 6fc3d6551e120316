"""The `check` and `compare` commands: summary, exit codes, --json, refusals.

Documents come from the .txt fixture reader (monkeypatched in place of the PDF reader); the last
test runs on the real PDFs once yoydiff.reader can read them.
"""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from test_compare import DEPTB_2024_ITEMS, DEPTB_2025_ITEMS, URUMQI_2025_ITEMS, URUMQI_2026_ITEMS
from test_matching import DEPTB, DEPTB_2024, DEPTB_2025, URUMQI, URUMQI_2025, URUMQI_2026, txt_document
from yoydiff.commands import check as check_cmd
from yoydiff.commands import compare as cmd
from yoydiff.errors import InputError


def main(argv):
    """cli.main for the two commands tested here (cli.main also imports `parse`, which needs every parser)."""
    import argparse
    import sys
    try:
        from yoydiff.cli import main as cli_main
        return cli_main(argv)
    except ImportError:
        pass
    ap = argparse.ArgumentParser(prog="yoydiff")
    sub = ap.add_subparsers(dest="command", required=True)
    for name, module in (("check", check_cmd), ("compare", cmd)):
        p = sub.add_parser(name)
        p.add_argument("--password", default="")
        p.add_argument("--json")
        p.add_argument("-q", "--quiet", action="store_true")
        module.add_arguments(p)
    args = ap.parse_args(argv)
    try:
        return (check_cmd if args.command == "check" else cmd).run(args)
    except InputError as e:
        print(f"yoydiff: {e}", file=sys.stderr)
        return e.exit_code

DOCS = {
    "u25.pdf": (URUMQI_2025, 2025, URUMQI, URUMQI_2025_ITEMS),
    "u26.pdf": (URUMQI_2026, 2026, URUMQI, URUMQI_2026_ITEMS),
    "b24.pdf": (DEPTB_2024, 2024, DEPTB, DEPTB_2024_ITEMS),
    "b25.pdf": (DEPTB_2025, 2025, DEPTB, DEPTB_2025_ITEMS),
}


@pytest.fixture
def fake_reader(monkeypatch):
    def read(path, password, say):
        p, year, dept, statements = DOCS[path]
        return replace(txt_document(p, year, dept, statements), path=path, sha256=path)
    monkeypatch.setattr(cmd, "read", read)


def test_compare_prints_errors_and_exits_1(fake_reader, capsys, tmp_path):
    out = tmp_path / "r.json"
    assert main(["compare", "u25.pdf", "u26.pdf", "--json", str(out)]) == 1
    text = capsys.readouterr().out
    assert text.count("ERROR [prior]") == 2      # (the fixture documents may add within-document errors)
    assert ("ERROR [prior] new p.40 (old p.303) 2080108 信息化建设: stated 524.75 implied by the new document "
            "(450.00 + 74.75)") in text
    assert "projects: 23 matched, 3 discontinued, 3 new, 1 merged, 1 re-coded" in text
    assert "functional lines: 25 matched, 4 discontinued, 2 new" in text
    assert "largest changes (万元):" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["findings"]["error"] >= 2 and data["old"]["year"] == 2025


def test_compare_deptb(fake_reader, capsys):
    assert main(["compare", "b24.pdf", "b25.pdf"]) == 1
    text = capsys.readouterr().out
    assert "2100302 乡镇卫生院: stated 2,525.30 implied" in text
    assert "机关运行经费: stated 111.00 implied" in text
    assert "budget units: 5 matched, 1 new" in text


def test_refused_pairs_exit_2_with_one_line(fake_reader, capsys):
    assert main(["compare", "u26.pdf", "u25.pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("yoydiff: the new document (2025) is older")
    assert main(["compare", "b24.pdf", "u26.pdf"]) == 2
    assert "different departments" in capsys.readouterr().err


def test_check_without_tables_says_so(fake_reader, capsys, monkeypatch):
    def read(path, password, say):
        return replace(txt_document(DEPTB_2025, 2025, DEPTB, DEPTB_2025_ITEMS), tables=(), path="b25.pdf")
    monkeypatch.setattr(cmd, "read", read)
    monkeypatch.setattr("yoydiff.commands.check.read", read)
    code = main(["check", "b25.pdf"])
    text = capsys.readouterr().out
    assert "no tables found; only the narrative was checked" in text
    assert code in (0, 1)


def test_real_pdfs(capsys, tmp_path):
    pytest.importorskip("yoydiff.reader")
    from pathlib import Path
    corpora = Path(__file__).resolve().parent.parent / "corpora" / "urumqi"
    out = tmp_path / "r.json"
    code = main(["compare", str(corpora / "urumqi-hrss-2025-reconstructed.pdf"),
                 str(corpora / "urumqi-hrss-2026.pdf"), "--json", str(out), "-q"])
    data = json.loads(out.read_text(encoding="utf-8"))
    prior = {f["code"] for f in data["findings"] if f["check"] == "prior" and f["severity"] == "error"}
    assert {"2080108", "2080799"} <= prior and "2080111" not in prior
    assert code == 1
