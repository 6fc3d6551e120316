"""Unusable input ends with one clear line on stderr and exit code 2, never a traceback.

Every input is built here: not a PDF, empty, truncated, user-password encrypted, scanned (image
only), fonts without Unicode mapping, not a budget disclosure; and the owner-password-only
encryption common in government files, which must read like the plain file.
"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import synth
from yoydiff.errors import WORDING, InputError, Reason, bad_input, reason
from yoydiff.pdf import read_pages

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
PLAIN = CORPORA / "deptb" / "2024.pdf"
ALGORITHMS = ["RC4-128", "AES-128", "AES-256"]



def _cli_ready() -> bool:
    """The CLI imports every command module and the parsers; until all have landed it cannot start."""
    try:
        for c in ("parse", "check", "compare"):
            importlib.import_module(f"yoydiff.commands.{c}")
    except ModuleNotFoundError as e:
        if (e.name or "").startswith("yoydiff"):
            return False
        raise
    return True


CLI_READY = _cli_ready()
needs_cli = pytest.mark.skipif(not CLI_READY, reason="yoydiff CLI not assembled yet (commands missing)")


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files = {
        "text": d / "notes.pdf",
        "empty": d / "empty.pdf",
        "scanned": d / "scanned.pdf",
        "cid": d / "cid.pdf",
        "other": d / "notice.pdf",
        "user": d / "user.pdf",
    }
    files["text"].write_text("2025年部门预算 — 这不是PDF文件\n", encoding="utf-8")
    files["empty"].write_bytes(b"")
    synth.scanned(files["scanned"])
    synth.cid_only(files["cid"])
    synth.not_disclosure(files["other"])
    synth.encrypted(PLAIN, files["user"], user="secret", algorithm="AES-128")
    data = PLAIN.read_bytes()
    for frac in (0.1, 0.5, 0.99):
        files[f"truncated{frac}"] = d / f"truncated{frac}.pdf"
        files[f"truncated{frac}"].write_bytes(data[: int(len(data) * frac)])
    for alg in ALGORITHMS:
        files[f"owner-{alg}"] = d / f"owner-{alg}.pdf"
        synth.encrypted(PLAIN, files[f"owner-{alg}"], user="", owner="gov-owner", algorithm=alg)
    return files


@pytest.fixture(scope="module")
def plain_text() -> list[str]:
    return [p.text for p in read_pages(PLAIN)]


def _refused(path: Path, password: str = "") -> str:
    with pytest.raises(InputError) as e:
        read_pages(path, password)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(path))
    assert_chinese(e.value.reason.zh)
    assert e.value.reason.chinese == f"{path}：{e.value.reason.zh}"
    return msg


# Technical names a Chinese reason may keep: formats, tools, options, and the detail in parentheses.
_TECHNICAL = {"PDF", "OCR", "Unicode", "UTF", "GB", "cid", "NN", "password", "txt"}


def assert_chinese(zh: str) -> None:
    """One language: a Chinese sentence whose only Latin words are technical names or the detail after it."""
    sentence = re.sub(r"（[^（）]*）$", "", zh)                 # the technical detail kept after the sentence
    assert re.search(r"[\u4e00-\u9fff]", sentence), zh
    words = set(re.findall(r"[A-Za-z]+", sentence))
    assert words <= _TECHNICAL, (zh, words - _TECHNICAL)


def test_cid_input_really_extracts_as_cid(bad):
    """The generator is honest: pdfminer itself yields (cid:NN) for the font without /ToUnicode."""
    from pdfminer.high_level import extract_text

    text = extract_text(str(bad["cid"]))
    assert text.count("(cid:") >= 30 and not any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ---- the PDF layer (yoydiff.pdf.read_pages) --------------------------------------------------

def test_not_a_pdf(bad):
    assert "not a PDF" in _refused(bad["text"])


def test_empty_file(bad):
    assert "empty" in _refused(bad["empty"])


@pytest.mark.parametrize("frac", [0.1, 0.5, 0.99])
def test_truncated(bad, frac):
    assert "damaged or truncated" in _refused(bad[f"truncated{frac}"])


def test_user_password_required(bad):
    assert "--password" in _refused(bad["user"])


def test_wrong_password(bad):
    assert "not right" in _refused(bad["user"], "guess")


def test_right_password_reads_like_the_plain_file(bad, plain_text):
    assert [p.text for p in read_pages(bad["user"], "secret")] == plain_text


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_owner_password_only_reads_like_the_plain_file(bad, plain_text, alg):
    pages = read_pages(bad[f"owner-{alg}"])
    assert len(pages) == len(plain_text) == 21
    assert [p.text for p in pages] == plain_text


def test_scanned_needs_ocr(bad):
    assert "OCR" in _refused(bad["scanned"])


def test_fonts_without_unicode_mapping(bad):
    msg = _refused(bad["cid"])
    assert "(cid:NN)" in msg and "Unicode" in msg


def test_other_chinese_pdf_passes_the_pdf_layer(bad):
    """Being a budget disclosure is the reader's question, not the PDF layer's."""
    pages = read_pages(bad["other"])
    assert "职工运动会" in pages[0].text


# ---- the command line ------------------------------------------------------------------------

def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    from yoydiff.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("yoydiff: ")
    return lines[0]


@needs_cli
@pytest.mark.parametrize("case,words", [
    ("text", "not a PDF"),
    ("empty", "empty"),
    ("truncated0.1", "truncated"),
    ("truncated0.5", "truncated"),
    ("truncated0.99", "truncated"),
    ("user", "--password"),
    ("scanned", "OCR"),
    ("cid", "(cid:NN)"),
    ("other", "not a budget disclosure"),
])
@pytest.mark.parametrize("command", ["parse", "check"])
def test_cli_refuses_with_one_line(bad, capsys, command, case, words):
    code, _out, err = _cli(capsys, command, str(bad[case]))
    assert code == 2
    assert words in _one_line(err)


@needs_cli
def test_cli_compare_names_the_bad_file(bad, capsys):
    code, _out, err = _cli(capsys, "compare", str(PLAIN), str(bad["scanned"]))
    assert code == 2
    line = _one_line(err)
    assert str(bad["scanned"]) in line and "OCR" in line


@needs_cli
def test_cli_missing_file(capsys, tmp_path):
    code, _out, err = _cli(capsys, "parse", str(tmp_path / "nope.pdf"))
    assert code == 2 and "not found" in _one_line(err)


@needs_cli
def test_cli_password(bad, capsys):
    code, out, err = _cli(capsys, "parse", "--password", "secret", str(bad["user"]))
    assert code == 0 and not err
    plain_code, plain_out, _ = _cli(capsys, "parse", str(PLAIN))
    assert plain_code == 0 and out == plain_out and "青岚县卫生健康委员会" in out


@needs_cli
def test_cli_wrong_password(bad, capsys):
    code, _out, err = _cli(capsys, "parse", "--password", "guess", str(bad["user"]))
    assert code == 2 and "not right" in _one_line(err)


@needs_cli
@pytest.mark.parametrize("alg", ["RC4-128", "AES-256"])
def test_cli_owner_password_only_parses_normally(bad, capsys, alg):
    code, out, err = _cli(capsys, "parse", str(bad[f"owner-{alg}"]))
    plain_code, plain_out, _ = _cli(capsys, "parse", str(PLAIN))
    assert code == plain_code == 0 and not err
    assert out == plain_out and "青岚县卫生健康委员会" in out


# ---- the wording: one place, one language per message ---------------------------------------

@pytest.mark.parametrize("key", sorted(WORDING))
def test_every_reason_is_worded_in_english_and_in_chinese(key):
    en, zh = WORDING[key]
    fields = {f: "7" for f in re.findall(r"\{(\w+)\}", en + zh)}
    r = reason(key, "/d/f.pdf", **fields)
    assert_chinese(r.zh)
    # the English line keeps only the budget's own terms in Chinese (部门预算, 预算, 决算)
    assert re.search(r"[A-Za-z]{4}", r.en) and not re.search(r"[\u4e00-\u9fff，。：；]", re.sub(r"部门|预算|决算", "", r.en))
    assert str(r) == f"/d/f.pdf: {r.en}" and r.chinese == f"/d/f.pdf：{r.zh}"


def test_a_technical_detail_follows_the_sentence_in_both_languages():
    e = bad_input("damaged", "a.pdf", "PSEOF")
    assert str(e) == "a.pdf: the PDF is damaged or truncated and cannot be read (PSEOF)"
    assert e.reason.zh == "PDF 文件损坏或不完整，无法读取（PSEOF）"
    assert bad_input("page_unreadable", "a.pdf", "KeyError", page=3).reason.zh == "第 3 页无法读取（KeyError）"


def test_an_input_error_crosses_processes_whole():
    import pickle

    e = pickle.loads(pickle.dumps(bad_input("not_pdf", "a.pdf")))
    assert isinstance(e.reason, Reason) and str(e) == "a.pdf: not a PDF file (no %PDF header)"
    assert e.reason.zh == "不是 PDF 文件（没有 %PDF 文件头）"
    plain = pickle.loads(pickle.dumps(InputError("--max-mb must be at least 1")))
    assert str(plain) == "--max-mb must be at least 1"


def test_a_failed_job_says_why_in_both_languages():
    """parallel.guarded: bad input, a crash (never remembered as bad input), each with both languages."""
    from yoydiff.parallel import guarded

    def bad():
        raise bad_input("scanned", "s.pdf")

    def crash():
        raise KeyError("x")

    status, why = guarded(bad)
    assert status == "error" and "OCR" in why.en and why.zh.startswith("PDF 没有文字层") and not why.internal
    status, why = guarded(crash)
    assert status == "error" and why.internal and why.zh.startswith("内部错误（KeyError")
    assert why.en.startswith("internal error (KeyError")


def test_a_refused_pair_is_worded_in_chinese_for_the_page():
    from dataclasses import replace

    from test_checks_build import doc
    from yoydiff.compare import refuse_pair

    a = replace(doc(), path="a.pdf", sha256="a", department="青岚县水利局", year=2024)
    b = replace(doc(), path="b.pdf", sha256="b", department="青岚县卫生健康委员会", year=2025)
    with pytest.raises(InputError) as e:
        refuse_pair(a, b)
    assert str(e.value).startswith("different departments: 青岚县水利局 (a.pdf)")
    assert e.value.reason.zh == "两份文件不是同一部门：青岚县水利局（a.pdf）与 青岚县卫生健康委员会（b.pdf）"
    with pytest.raises(InputError) as e:
        refuse_pair(replace(b, department=a.department), replace(a, year=2025))
    assert e.value.reason.zh == "两份文件都是 2025 年的：b.pdf、a.pdf"
    assert_chinese(e.value.reason.zh.replace("a.pdf", "").replace("b.pdf", ""))
