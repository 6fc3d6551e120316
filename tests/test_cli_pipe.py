"""Output into a pipe whose reader has gone (`yoydiff parse F | head`) ends quietly, like a Unix tool.

The CLI runs in a subprocess whose stdout (or stderr) pipe is closed by the reader before the command
writes: every write then fails with EPIPE, so the case is deterministic, not a race with the reader.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from yoydiff.cli import CLOSED_PIPE

PLAIN = Path(__file__).resolve().parent.parent / "corpora" / "deptb" / "2024.pdf"


def _run_with_closed(stream: str, *argv: str) -> tuple[int, str]:
    """Run `python -m yoydiff ARGV`, close the reading end of `stream` at once; the other stream's text."""
    proc = subprocess.Popen([sys.executable, "-m", "yoydiff", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    closed, kept = (proc.stdout, proc.stderr) if stream == "stdout" else (proc.stderr, proc.stdout)
    closed.close()
    text = kept.read().decode("utf-8", "replace")
    return proc.wait(timeout=300), text


def test_stdout_closed_by_the_reader_ends_quietly():
    code, err = _run_with_closed("stdout", "parse", "--no-cache", str(PLAIN))
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert err == ""
    assert code == CLOSED_PIPE == 141


def test_stderr_closed_while_refusing_bad_input_ends_quietly(tmp_path):
    """The one-line refusal goes to stderr; with stderr gone the run still ends without a traceback."""
    code, out = _run_with_closed("stderr", "parse", str(tmp_path / "missing.pdf"))
    assert out == ""
    assert code == CLOSED_PIPE


def test_open_pipes_keep_the_normal_exit_codes(tmp_path):
    done = subprocess.run([sys.executable, "-m", "yoydiff", "parse", str(tmp_path / "missing.pdf")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and done.stderr.startswith("yoydiff: ") and "not found" in done.stderr
