"""The `check` and `compare` commands on the corpora PDFs: summary, exit codes, --json, refusals, progress.

The documents are the session's cached reads of the PDFs (tests/corpus.py); the last tests read the
files through the command itself.
"""
from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest

from corpus import FILES, document
from yoydiff.cli import main
from yoydiff.commands import compare as cmd
import yoydiff.commands.check  # noqa: F401  imported before the fixture patches compare.read (it imports that name)

NAMES = {str(path): name for name, path in FILES.items()}
U25, U26 = str(FILES["urumqi-2025"]), str(FILES["urumqi-2026"])
B24, B25 = str(FILES["deptb-2024"]), str(FILES["deptb-2025"])


@pytest.fixture
def cached(monkeypatch):
    """The commands read the corpora PDFs from the session cache (same reader, read once)."""
    def read(path, password, say, cache=None):
        say(f"reading {path}")
        return document(NAMES[path])
    monkeypatch.setattr(cmd, "read", read)
    monkeypatch.setattr("yoydiff.commands.check.read", read)


def test_compare_prints_errors_and_exits_1(cached, capsys, tmp_path):
    out = tmp_path / "r.json"
    assert main(["compare", U25, U26, "--json", str(out)]) == 1
    text = capsys.readouterr().out
    assert text.count("ERROR [prior]") == 2 and text.count("ERROR [") == 7
    assert "ERROR [prior] new p.25 (old p.13) 2080108 " in text
    assert "findings: 7 error, 2 warning, " in text
    assert "projects: 23 matched, 3 discontinued, 3 new, 1 merged, 1 re-coded" in text
    assert "functional lines: 25 matched, 4 discontinued, 2 new" in text
    assert "budget units: 9 matched, 1 merged" in text
    assert "largest changes (万元):" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["findings"]["error"] == 7 and data["old"]["year"] == 2025 and data["new"]["year"] == 2026


def test_compare_deptb(cached, capsys):
    assert main(["compare", B24, B25]) == 1
    text = capsys.readouterr().out
    assert "ERROR [prior] new p.5 (old p.16) 2100302 " in text
    assert "ERROR [prior] new p.8 (old p.8) " in text and "机关运行经费" in text
    assert "budget units: 5 matched, 1 new" in text
    assert "findings: 7 error, 0 warning, " in text


def test_check_one_document(cached, capsys):
    assert main(["check", B24]) == 0                # the 2024 document is consistent
    text = capsys.readouterr().out
    assert "findings: 0 error, 0 warning, " in text and "ERROR" not in text
    assert main(["check", B25]) == 1
    assert capsys.readouterr().out.count("ERROR [") == 5   # 2025 alone: share, rate, direction, narrative, sum


def test_refused_pairs_exit_2_with_one_line(cached, capsys):
    assert main(["compare", U26, U25]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("yoydiff: the new document (2025) is older")
    assert main(["compare", B24, U26]) == 2
    assert "different departments" in capsys.readouterr().err


def test_check_without_tables_says_so(monkeypatch, capsys):
    def read(path, password, say, cache=None):
        return replace(document("deptb-2025"), tables=())
    monkeypatch.setattr("yoydiff.commands.check.read", read)
    main(["check", B25])
    assert "未识别到预算公开表，仅核对了说明文字" in capsys.readouterr().out


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("argv, tty, shown", [([], True, True), (["-q"], True, False), ([], False, False)])
def test_progress_only_on_a_terminal_and_not_with_quiet(cached, monkeypatch, capsys, argv, tty, shown):
    err = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    main(["compare", B24, B25, *argv])
    lines = err.getvalue().splitlines()
    if shown:
        assert lines[0] == f"yoydiff: reading {B24}…" and "yoydiff: comparing…" in lines
    else:
        assert lines == []
    assert "findings: 7 error" in capsys.readouterr().out     # stdout is the same either way


def test_real_pdfs_end_to_end(capsys, tmp_path):
    """The command reads the files itself (no cache)."""
    out = tmp_path / "r.json"
    assert main(["compare", B24, B25, "--json", str(out), "-q"]) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    prior = sorted((f["code"], f["page"]) for f in data["findings"] if f["check"] == "prior")
    assert prior == [("", 8), ("2100302", 5)]
    assert capsys.readouterr().err == ""


def test_several_outputs_from_one_reading(cached, capsys, tmp_path):
    md, js = tmp_path / "m.md", tmp_path / "m.json"
    assert main(["compare", B24, B25, "-o", str(md), "-o", str(js)]) == 1
    text = capsys.readouterr().out
    assert f"wrote {md}" in text and f"wrote {js}" in text
    assert "2,525.30" in md.read_text(encoding="utf-8")           # the prior error on 乡镇卫生院
    assert json.loads(js.read_text(encoding="utf-8"))["summary"]["findings"]["error"] == 7
