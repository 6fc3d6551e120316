"""Grouping documents into filings: department, year and kind from the model, several files of one year merged."""
from __future__ import annotations

from dataclasses import replace

from test_checks_build import doc, row, st, table
from yoydiff.collection import consecutive_pairs, group_documents, merge_documents
from yoydiff.names import department_key


def _d(path, dept, year, tables=(), statements=(), units=()):
    return replace(doc(tables=tables, statements=statements), path=path, sha256=path, department=dept, year=year,
                   budget_units=tuple(units), page_count=10)


EXP = table("expense", "表3", [("合计",)], [row("", "合计", "1,234.50", page=3)])
SAID = st("收入预算总计", "1,234.50", quote="2019年收入预算总计1,234.50万元")


def test_full_and_short_names_of_one_organ_are_one_department():
    assert department_key("中国共产党江苏省委员会办公厅") == department_key("中共江苏省委办公厅")
    assert department_key("江苏省人民代表大会常务委员会办公厅") == department_key("江苏省人大常委会办公厅")


def test_narrative_and_tables_of_one_year_are_one_filing():
    # js-swb: tables titled 中国共产党江苏省委员会办公厅, narrative 江苏省委办公厅; js-zx-2019: a narrative without a name
    docs = [_d("t17.pdf", "中国共产党江苏省委员会办公厅", 2017, tables=[EXP]),
            _d("n17.pdf", "江苏省委办公厅", 2017, statements=[SAID]),
            _d("t18.pdf", "中共江苏省委办公厅", 2018, tables=[EXP]),
            _d("n18.pdf", "", 2018, statements=[SAID])]
    filings, skipped = group_documents(docs)
    assert skipped == []
    assert [(f.year, f.paths) for f in filings] == [(2017, ("n17.pdf", "t17.pdf")), (2018, ("n18.pdf", "t18.pdf"))]
    assert len({f.key for f in filings}) == 1 and len(consecutive_pairs(filings)) == 1


def test_a_nameless_file_listing_a_departments_units_joins_that_department():
    # js-zx-2019: the narrative names no department but lists 省政协办公厅本级, as the 2018 narrative does;
    # the nameless file joins the named department (it once made the nameless key the group's root and
    # the whole department — six files — was put aside as unreadable)
    docs = [_d("t18.pdf", "江苏省政协办公厅", 2018, tables=[EXP]),
            _d("n18.pdf", "江苏省政协办公厅", 2018, statements=[SAID], units=["省政协办公厅本级"]),
            _d("t19.pdf", "江苏省政协办公厅", 2019, tables=[EXP]),
            _d("n19.pdf", "", 2019, statements=[st("收入预算总计", "999.00", quote="收入预算总计999.00万元")],
               units=["省政协办公厅本级"])]
    filings, skipped = group_documents(docs)
    assert skipped == []
    assert [(f.department, f.year, f.paths) for f in filings] == [
        ("江苏省政协办公厅", 2018, ("n18.pdf", "t18.pdf")), ("江苏省政协办公厅", 2019, ("n19.pdf", "t19.pdf"))]


def test_a_nameless_file_whose_figures_fit_no_table_is_not_guessed():
    docs = [_d("t18.pdf", "某局", 2018, tables=[EXP]),
            _d("n18.pdf", "", 2018, statements=[st("收入预算总计", "999.00", quote="收入预算总计999.00万元")])]
    filings, skipped = group_documents(docs)
    assert [f.paths for f in filings] == [("t18.pdf",)]
    assert [(p, why.zh) for p, why in skipped] == [("n18.pdf", "未能从文件中识别部门名称")]


def test_two_alike_departments_of_the_same_year_stay_apart():
    both = dict(tables=[EXP], statements=[SAID])
    docs = [_d("a.pdf", "青禾县水利局", 2024, **both), _d("b.pdf", "青禾县水务局", 2024, **both),
            _d("c.pdf", "青禾县水利局", 2025, **both)]
    filings, _ = group_documents(docs)
    assert len({f.key for f in filings}) == 2


def test_merged_document_numbers_pages_through_the_files():
    a = _d("n.pdf", "某局", 2019, statements=[replace(SAID, page=4)])
    b = _d("t.pdf", "某局", 2019, tables=[EXP])
    m = merge_documents([a, b])
    assert m.page_count == 20 and m.path == "t.pdf + n.pdf"
    assert m.tables[0].rows[0].page == 3 and m.statements[0].page == 14       # the file with tables first
    assert "第 11–20 页为 n.pdf" in m.warnings[0]
    assert m.locate(3) == ("t.pdf", 3) and m.locate(14) == ("n.pdf", 4)      # a crop opens the right file


def test_the_same_file_twice_is_used_once():
    # the same content under two names (downloaded twice, or in two folders): read twice into one
    # document, its figures would count twice
    a = _d("2019/t.pdf", "某局", 2019, tables=[EXP])
    copy = replace(a, path="copy/t (1).pdf")
    filings, skipped = group_documents([a, _d("n.pdf", "某局", 2019, statements=[SAID]), copy])
    assert [f.paths for f in filings] == [("2019/t.pdf", "n.pdf")]
    assert [(p, why.zh) for p, why in skipped] == [("copy/t (1).pdf", "与 2019/t.pdf 内容相同（同一文件），只用一次")]


def test_merged_document_is_identified_like_the_files_read_together(tmp_path):
    """merge_documents names the merged document by the formula of cache.document_key: the files' hashes
    in reading order (the file with tables first), so a batch pair's recorded hash is the same whether
    the files were read together or put together; the order counts, sorting the hashes does not."""
    from yoydiff.cache import content_key, document_key

    paths = {}
    for name, body in (("n.pdf", b"tables"), ("t.pdf", b"narrative"), ("u.pdf", b"units")):
        paths[name] = tmp_path / name
        paths[name].write_bytes(b"%PDF-1.4 " + body)
    key = {n: content_key(p) for n, p in paths.items()}
    # reading order t, n is not the sorted order of the hashes, else the test could not tell them apart
    assert sorted([key["t.pdf"], key["n.pdf"]]) != [key["t.pdf"], key["n.pdf"]]

    def d(name, **kw):
        return replace(_d(str(paths[name]), "某局", 2019, **kw), sha256=key[name])

    m = merge_documents([d("n.pdf", statements=[SAID]), d("t.pdf", tables=[EXP])])
    assert m.path == f"{paths['t.pdf']} + {paths['n.pdf']}"
    assert m.sha256 == document_key([paths["t.pdf"], paths["n.pdf"]])
    assert m.sha256 != document_key([paths["n.pdf"], paths["t.pdf"]])
    one = d("u.pdf", tables=[EXP])
    assert merge_documents([one]).sha256 == document_key(paths["u.pdf"]) == key["u.pdf"]
