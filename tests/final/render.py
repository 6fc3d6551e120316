"""The 决算 .txt of tests/final/build.py printed as a PDF: the holdout layout (weasyprint, A4 portrait,
「表1　收入支出决算总表」 on one line, 编制单位 left and 单位：万元 right, a border on every cell)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from holdout import render as _holdout  # noqa: E402


def render(txt: str, out: str | Path) -> Path:
    path = Path(out).with_suffix(".txt")
    path.write_text(txt, encoding="utf-8")
    return _holdout.render(path, out)
