"""CJK font detection: the memo is never rendered without a font that covers Chinese."""
from __future__ import annotations

import pytest

from yoydiff.errors import InputError
from yoydiff.render import fonts

FC_OUTPUT = """Noto Serif CJK JP,Noto Serif CJK JP Bold
Noto Sans CJK SC,Noto Sans CJK SC Regular
Noto Serif CJK SC
Noto Sans Mono CJK SC
"""


def test_parse_fc_list_keeps_each_family_once():
    fams = fonts.parse_fc_list(FC_OUTPUT)
    assert fams[:2] == ("Noto Serif CJK JP", "Noto Serif CJK JP Bold")
    assert fams.count("Noto Serif CJK SC") == 1


def test_preferred_family_wins_then_any_simplified_chinese_family():
    assert fonts.choose_family(fonts.parse_fc_list(FC_OUTPUT)) == "Noto Serif CJK SC"
    assert fonts.choose_family(("Some Font TC", "Droid Sans Fallback SC", "Mono CJK SC")) == "Droid Sans Fallback SC"
    assert fonts.choose_family(("Droid Sans Fallback",)) == "Droid Sans Fallback"
    assert fonts.choose_family(()) is None


def test_missing_font_is_an_input_error_with_the_install_command(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_families", lambda: ())
    with pytest.raises(InputError, match="apt-get install fonts-noto-cjk"):
        fonts.cjk_font()


def test_missing_fontconfig_is_an_input_error(monkeypatch):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="fonts-noto-cjk"):
        fonts.cjk_families()


def test_this_machine_has_noto_cjk():
    # scripts/setup installs fonts-noto-cjk; the memo is set in it
    assert fonts.cjk_font() in ("Noto Serif CJK SC", "Noto Sans CJK SC")


def test_no_memo_is_written_without_a_cjk_font(monkeypatch, tmp_path):
    from yoydiff.core import Document
    from yoydiff.render import write
    from yoydiff.results import Report

    doc = Document("x.pdf", "0" * 64, "某部门", 2026, "预算", "万元", 1, (), (), (), (), (), (), 0)
    monkeypatch.setattr(fonts, "cjk_families", lambda: ())
    with pytest.raises(InputError, match="fonts-noto-cjk"):
        write(Report(new=doc), tmp_path / "memo.pdf", quiet=True)
    assert not (tmp_path / "memo.pdf").exists()
