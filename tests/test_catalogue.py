"""The 政府收支分类科目 catalogue, the code repair pass (parsers/codes.py) and the catalogue check."""
from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from yoydiff import catalogue
from yoydiff.checks import run_document_checks
from yoydiff.checks.catalogue import check_catalogue
from yoydiff.names import classification_key
from yoydiff.parsers.codes import verify_codes, zero_insertions
from yoydiff.parsers.subjects import catalogue_code, resolve_code
from yoydiff.parsers.tables import TableResult

from test_checks_build import doc, row, table

ROOT = Path(__file__).resolve().parent.parent
JIANGSU = ROOT / "corpora" / "real-pdf" / "jiangsu"
COLS = [("合计",)]


# ---- the data ------------------------------------------------------------------------------------

def _data_rows():
    import importlib.resources as r
    for kind in catalogue.CLASSIFICATIONS:
        text = r.files("yoydiff").joinpath("data", f"{kind}.tsv").read_text(encoding="utf-8")
        rows = list(csv.reader((ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t"))
        assert rows[0] == ["code", "name", "year", "source"]
        yield from ((kind, *r) for r in rows[1:])


def test_every_entry_has_a_year_and_a_source_that_exists():
    rows = list(_data_rows())
    assert len({r[1] for r in rows if r[0] == "functional"}) >= 100
    assert len({r[1] for r in rows if r[0] == "economic"}) >= 50
    for kind, code, name, year, source in rows:
        assert catalogue.classification_of(code) == kind, code
        assert 2000 < int(year) < 2100 and name and not re.search(r"\d", name)
        if source.startswith("http"):
            continue
        path = source.split(" ")[0]
        assert (ROOT / path).exists() or (JIANGSU / path).exists(), source
        assert not path.startswith("js-jcy-"), "held-out files are never a source (corpora/HOLDOUT.md)"


def test_real_pairs_with_their_years():
    # js-fy-2018-yusuan.pdf p.11 prints 「2040504 案件审判」 and 「20805 行政事业单位离退休」;
    # urumqi-hrss-2026.txt prints 「208 05 行政事业单位养老支出」 (the 款 renamed in the 2020s editions)
    assert catalogue.name_of("2040504", 2018) == "案件审判"
    assert "js-fy-2018-yusuan.pdf p.11" in next(ns for ns in catalogue.names("2040504")).sources
    assert catalogue.name_of("20805", 2018) == "行政事业单位离退休"
    assert catalogue.name_of("20805", 2026) == "行政事业单位养老支出"
    assert catalogue.name_of("20805") == "行政事业单位养老支出"          # the latest name
    # js-fy-2017 p.14 prints 30307 医疗费, js-fy-2018 p.12 30307 医疗费补助 (2018 economic edition)
    assert catalogue.name_of("30307", 2017) == "医疗费" and catalogue.name_of("30307", 2019) == "医疗费补助"
    old = next(ns for ns in catalogue.names("20805") if ns.name == "行政事业单位离退休")
    assert old.years == (2017, 2018, 2019) and old.span == "2017–2019"
    assert catalogue.name_of("2089999999") is None and not catalogue.is_known("3012")


def test_lookup_children_and_name_normalisation():
    assert catalogue.lookup_name("行政运行", "项", "201") == ("2010101", "2010201", "2013101")
    assert catalogue.lookup_name("机关事业单位基本养老保险缴费支出") == ("2080505", "30108")
    assert catalogue.lookup_name("机关事业单位基本养老保险缴费", classification="economic") == ("30108",)
    assert "2080505" in catalogue.children("20805") and "30102" in catalogue.children("301")
    assert all(len(c) == 5 for c in catalogue.children("208"))
    # one normaliser: 其它/其他, full/half-width brackets, spaces, a trailing 支出, (项) marks
    assert catalogue.name_matches("2010199", "其它人大事务")
    assert catalogue.name_matches("20103", "政府办公厅（室）及相关机构事务")
    assert catalogue.name_matches("2010101", " 行 政 运 行（项）")
    assert classification_key("一、一般公共服务支出") == classification_key("一般公共服务")
    assert not catalogue.name_matches("2010101", "一般行政管理事务")


# ---- repairs -------------------------------------------------------------------------------------

def _result(*tables):
    return TableResult(tables=tuple(tables), text_tables=(), unparsed=(), regions={}, unit="万元")


def _econ(*rows):
    return table("gpb_basic", "表6", COLS, [row("301", "工资福利支出", "100.00"),
                                           row("30101", "基本工资", "40.00"), *rows])


def test_zero_insertions():
    assert zero_insertions("3012", 1) == ["03012", "30012", "30102", "30120"]
    assert "2080101" in zero_insertions("20811") and len(set(zero_insertions("20811"))) == len(zero_insertions("20811"))


def test_dropped_zero_repaired_from_catalogue_and_neighbours():
    res, repairs = verify_codes(_result(_econ(row("3012", "津贴补贴", "60.00", page=12))))
    r = res.tables[0].rows[2]
    assert (r.code, r.code_parts, r.name) == ("30102", ("301", "02"), "津贴补贴")
    assert [(c.printed, c.code, c.page, c.table) for c in repairs] == [("3012", "30102", 12, "表6")]
    assert "3012" in repairs[0].reason and "301" in repairs[0].reason and "30102" in repairs[0].reason
    assert res.unparsed == ()


def test_two_zeros_dropped_in_a_xiang_code():
    t = table("gpb_expense", "表5", COLS, [row("208", "社会保障和就业支出", "10.00"),
                                          row("20801", "人力资源和社会保障管理事务", "10.00"),
                                          row("20811", "行政运行", "10.00")])
    res, repairs = verify_codes(_result(t))
    assert res.tables[0].rows[2].code == "2080101" and repairs[0].printed == "20811"


def test_repair_found_in_the_documents_other_table():
    # 2080199 is not in the catalogue: the document's own 表3 prints it with the same name
    name = "其他人力资源和社会保障管理事务支出"
    t3 = table("expense", "表3", COLS, [row("20801", "人力资源和社会保障管理事务", "5.00"), row("2080199", name, "5.00")])
    t5 = table("gpb_expense", "表5", COLS, [row("20801", "人力资源和社会保障管理事务", "5.00"), row("208199", name, "5.00")])
    assert not catalogue.is_known("2080199")
    res, repairs = verify_codes(_result(t3, t5))
    assert res.tables[1].rows[1].code == "2080199" and "本文件其他表" in repairs[0].reason


def test_neighbours_settle_what_the_name_alone_does_not():
    # 210101 行政运行 could be 2010101 or 2100101: under 类 210 only 2100101 fits
    t = table("gpb_expense", "表5", COLS, [row("210", "卫生健康支出", "9.00"), row("21001", "卫生健康管理事务", "9.00"),
                                          row("210101", "行政运行", "9.00")])
    res, repairs = verify_codes(_result(t))
    assert res.tables[0].rows[2].code == "2100101"


def test_ambiguous_code_is_kept_and_reported():
    # a table of 项 rows only (no 类/款 rows above): nothing says which 类
    t = table("gpb_project", "表7", COLS, [row("210101", "行政运行", "9.00", page=7),
                                          row("2080505", "机关事业单位基本养老保险缴费支出", "1.00", page=7),
                                          row("2210201", "住房公积金", "1.00", page=7)])
    res, repairs = verify_codes(_result(t))
    assert repairs == () and res.tables[0].rows[0].code == "210101"
    (u,) = res.unparsed
    assert u.page == 7 and "2010101" in u.reason and "2100101" in u.reason and "未改动" in u.reason


def test_unverifiable_code_is_kept_and_reported():
    res, repairs = verify_codes(_result(_econ(row("3012", "某某费用", "60.00"))))
    assert repairs == () and res.tables[0].rows[2].code == "3012"
    (u,) = res.unparsed
    assert "3012" in u.reason and "无法核实" in u.reason


def test_well_formed_codes_are_left_alone():
    # a known code with its name, an unknown but well-formed code under its parent, unit codes
    t = _econ(row("30199", "其他工资福利支出", "60.00"), row("30198", "某新科目", "1.00"))
    units = table("income", "表2", COLS, [row("408001", "某某局（本级）", "1.00"), row("408002", "某某中心", "2.00")])
    res, repairs = verify_codes(_result(t, units))
    assert repairs == () and res.unparsed == () and res.tables == (t, units)


def test_known_code_with_another_name_stays_and_gets_a_notice():
    # 2080101 printed with 一般行政管理事务: no zero insertion fits, the code stays; the check notices
    t = table("gpb_expense", "表5", COLS, [row("208", "社会保障和就业支出", "1.00"),
                                          row("20801", "人力资源和社会保障管理事务", "1.00"),
                                          row("2080101", "一般行政管理事", "1.00")])
    res, repairs = verify_codes(_result(t))
    assert repairs == () and res.tables[0].rows[2].code == "2080101"


# ---- the check -----------------------------------------------------------------------------------

def _check(rows, year=2025):
    d = replace(doc([table("gpb_expense", "表5", COLS, rows)]), year=year)
    return check_catalogue(d, "new")


def test_name_mismatch_is_a_notice_with_the_catalogues_names_and_years():
    (f,) = _check([row("2080505", "机关事业单位养老保险", "1.00", page=9)])
    assert (f.check, f.severity, f.page, f.code) == ("catalogue", "notice", 9, "2080505")
    assert "机关事业单位基本养老保险缴费支出" in f.rule and "2018–2026" in f.rule and "不符" in f.rule
    assert f.expected == "机关事业单位基本养老保险缴费支出"


def test_unknown_codes_are_one_notice():
    (f,) = _check([row("2089901", "某某支出", "1.00", page=4), row("2089902", "某某其他支出", "1.00", page=5)])
    assert (f.severity, f.page) == ("notice", 4) and "未见于内置科目表" in f.rule
    assert "2089901 某某支出" in f.rule and "2089902 某某其他支出" in f.rule and f.stated == "2 个编码"


def test_superseded_name_is_a_notice():
    (f,) = _check([row("20805", "行政事业单位离退休", "1.00")], year=2025)
    assert f.severity == "notice" and f.expected == "行政事业单位养老支出" and "旧版" in f.rule
    assert _check([row("20805", "行政事业单位离退休", "1.00")], year=2018) == []


def test_matching_and_misread_names_give_nothing():
    assert _check([row("2080505", "机关事业单位基本养老保险缴费支出", "1.00"),
                   row("30102", "津贴补贴", "1.00"), row("2010199", "其它人大事务", "1.00"),
                   row("30103", "奖金 83.60", "1.00")]) == []


def test_the_check_is_registered_and_never_an_error():
    d = replace(doc([table("gpb_expense", "表5", COLS, [row("2080505", "别的名称", "1.00")])]), year=2025)
    found = [f for f in run_document_checks(d, "new") if f.check == "catalogue"]
    assert found and all(f.severity == "notice" for f in found)


# ---- narrative subjects --------------------------------------------------------------------------

def test_subject_resolved_by_the_catalogue_only_when_one_code_fits():
    assert catalogue_code("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）") == "2080505"
    assert catalogue_code("一般公共服务支出") == "201"
    assert catalogue_code("行政运行（项）") is None                      # six 项 are named 行政运行
    assert catalogue_code("卫生健康支出（类）行政运行（项）") is None    # the 款 is not named
    assert catalogue_code("住房公积金") is None                          # not a 类 name


def test_subject_tables_first():
    # the document's table prints 2089901 for the subject: the tables win over the catalogue
    t = table("gpb_expense", "表5", COLS, [row("208", "社会保障和就业支出", "1.00"), row("20899", "其他社会保障和就业支出", "1.00"),
                                          row("2089901", "其他社会保障和就业支出", "1.00")])
    assert resolve_code("其他社会保障和就业支出（项）", (t,)) == "2089901"
    assert resolve_code("一般公共服务支出（类）人大事务（款）行政运行（项）", (t,)) == "2010101"


# ---- a real document -----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _fy2018():
    from yoydiff.reader import read_document
    return read_document(JIANGSU / "js-fy-2018-yusuan.pdf")


def test_real_document_codes_agree_with_the_catalogue():
    d = _fy2018()
    rows = [(r.code, r.name, r.page) for t in d.tables for r in t.rows if catalogue.classification_of(r.code)]
    assert ("2040504", "案件审判", 11) in rows
    assert d.code_repairs == ()
    assert check_catalogue(d, "old") == []


# ---- end to end: a PDF whose text layer lost zeros -----------------------------------------------

def test_parse_shows_the_repairs_of_a_pdf_with_dropped_zeros(tmp_path, capsys):
    """deptb 2025 (附表5, 附表6) rendered by weasyprint with two codes printed without a zero:
    「208 5 05 机关事业单位基本养老保险缴费支出」 and 「301 2 津贴补贴」."""
    import producers
    from yoydiff.cli import main

    text = (ROOT / "corpora" / "deptb" / "2025.txt").read_text(encoding="utf-8")
    assert "208\t05\t05\t机关事业单位基本养老保险缴费支出" in text and "301\t02\t津贴补贴" in text
    text = text.replace("208\t05\t05\t机关事业单位基本养老保险缴费支出", "208\t5\t05\t机关事业单位基本养老保险缴费支出")
    text = text.replace("301\t02\t津贴补贴", "301\t2\t津贴补贴")
    src = tmp_path / "2025.txt"
    src.write_text(text, encoding="utf-8")
    pdf = producers.render(src, tmp_path / "2025.pdf")
    assert main(["parse", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "codes repaired" in out
    # 附表3 and 附表5 print the 项 (the text replaced both), 附表6 the economic line
    assert out.count("208505 -> 2080505 机关事业单位基本养老保险缴费支出") == 2
    assert out.count("3012 -> 30102 津贴补贴") == 1 and "位于上级科目 301 之下" in out


def test_cut_names_and_unit_code_tables_give_nothing():
    # a wrapped name read in part, or with the next cell's words; a table of budget-unit codes
    assert _check([row("2080505", "机关事业单位基本养老保险", "1.00"), row("30102", "津贴补贴公开表", "1.00")]) == []
    d = doc([table("income", "表2", COLS, [row("311001", "某某中心", "1.00"), row("311", "某某局", "2.00")])])
    assert check_catalogue(d, "new") == []


def test_the_data_is_what_the_build_script_reads_from_the_corpora_texts():
    """scripts/catalogue_build.py on urumqi-hrss-2026.txt gives exactly that source's lines of the data
    (the PDF part of the build needs pdftotext and is run by hand)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("catalogue_build", ROOT / "scripts" / "catalogue_build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    path = ROOT / "corpora" / "urumqi" / "urumqi-hrss-2026.txt"
    read = {(c, n, str(y)) for c, n, y, _src in build.drop_wrapped(build.from_text(path, 2026))}
    data = {(c, n, y) for _k, c, n, y, src in _data_rows() if src.startswith("corpora/urumqi/urumqi-hrss-2026.txt")}
    assert read == data and len(data) > 80
    assert ("202", "外交支出", "2026") in data and ("2080104", "劳动保障监察", "2026") not in data
