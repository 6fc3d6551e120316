"""Errors that end a run with one clear line and exit code 2 (bad input, refused comparison), and the
one place where the reasons for them are worded.

A reason is said in two languages, one per message: English on the command line (`yoydiff: …` on
stderr, like every CLI message), Chinese where the user reads Chinese — the reviewers' page, the batch
overview (its 无法读取的文件), the compare refusals shown there. A technical detail (an exception's
type, pdfminer's own words, the system's error) stays after the sentence, in parentheses, in both.

    raise bad_input("not_pdf", path)            # str(e): "PATH: not a PDF file (no %PDF header)"
    e.reason.zh                                 # "不是 PDF 文件（没有 %PDF 文件头）"

Command-line usage errors that only the CLI can meet (an unknown output format, --explain out of
range, a missing option) stay plain English: InputError("…").
"""
from __future__ import annotations

from dataclasses import dataclass

# key: (English, Chinese); {fields} are filled in by bad_input / reason
WORDING: dict[str, tuple[str, str]] = {
    # a file that cannot be opened or read (pdf.py, textpages.py, batch)
    "not_found": ("file not found", "文件不存在"),
    "cannot_open": ("cannot be opened", "文件无法打开"),
    "directory_pdf": ("is a directory, not a PDF file", "是文件夹，不是 PDF 文件"),
    "directory_file": ("is a directory, not a disclosure file", "是文件夹，不是公开文件"),
    "empty": ("the file is empty", "文件为空"),
    "not_pdf": ("not a PDF file (no %PDF header)", "不是 PDF 文件（没有 %PDF 文件头）"),
    "wrong_password": ("the password given with --password is not right for this PDF",
                       "所给密码（--password）打不开这份 PDF"),
    "needs_password": ("the PDF is encrypted with a user password; give it with --password",
                       "PDF 设有打开密码，需给出密码才能读取（命令行用 --password）"),
    "encryption": ("the PDF uses an encryption pdfminer cannot open", "PDF 的加密方式无法打开"),
    "damaged": ("the PDF is damaged or truncated and cannot be read", "PDF 文件损坏或不完整，无法读取"),
    "no_pages": ("the PDF has no pages (empty or truncated file)", "PDF 没有页面（文件为空或不完整）"),
    "page_unreadable": ("page {page} cannot be read", "第 {page} 页无法读取"),
    "scanned": ("the PDF has no text layer (scanned pages); run OCR on it first",
                "PDF 没有文字层（扫描件），需先做 OCR 文字识别"),
    "no_text": ("the PDF contains no text", "PDF 中没有文字"),
    "cid_fonts": ("the PDF's fonts have no Unicode mapping (text extracts as (cid:NN)); "
                  "re-export it with embedded Unicode fonts or run OCR",
                  "PDF 的字体没有 Unicode 映射（文字提取为 (cid:NN)），需嵌入 Unicode 字体重新导出或做 OCR 文字识别"),
    "not_chinese": ("the PDF's text is not Chinese (or its font encoding is garbled); "
                    "not a budget disclosure yoydiff can read",
                    "PDF 的文字不是中文（或字体编码错乱），不是可读取的预算公开文件"),
    "text_encoding": ("the text is neither UTF-8 nor GB18030 and cannot be read",
                      "文本既不是 UTF-8 也不是 GB18030 编码，无法读取"),
    "text_not_chinese": ("the text holds no Chinese: not a budget disclosure yoydiff can read",
                         "文本中没有中文，不是可读取的预算公开文件"),
    # the files of one document (reader.py)
    "no_file": ("no file given", "没有给出文件"),
    "same_file_twice": ("the same file is given twice: {paths}", "同一文件给出了两次：{paths}"),
    "not_disclosure": ("not a budget disclosure (no 部门预算/决算 title, no budget table and no statement of a "
                       "budget figure found)",
                       "不是部门预算或决算公开文件（未找到部门预算/决算标题、预算表，也未找到预算数的表述）"),
    # a document that cannot be placed in a department's years (collection.py)
    "no_year": ("the year could not be read from the file", "未能从文件中识别年度"),
    "no_department": ("the department name could not be read from the file", "未能从文件中识别部门名称"),
    "no_department_units": ("the department name could not be read from the file and its budget units are "
                            "those of no other department", "未能从文件中识别部门名称，且所列预算单位与其他部门不符"),
    "same_content": ("the same content as {first} (the same file): used once", "与 {first} 内容相同（同一文件），只用一次"),
    # a pair that cannot be compared (compare.py)
    "different_departments": ("different departments: {a} ({a_path}) vs {b} ({b_path})",
                              "两份文件不是同一部门：{a}（{a_path}）与 {b}（{b_path}）"),
    "execution_order": ("for a budget-execution comparison of {year} give the 预算 first, then the 决算: "
                        "{first}, {second}",
                        "{year} 年的预算执行比较应先给预算、后给决算：{first}、{second}"),
    "same_year": ("both documents are for {year}: {a_path}, {b_path}", "两份文件都是 {year} 年的：{a_path}、{b_path}"),
    "new_older": ("the new document ({new}) is older than the old one ({old}); give OLD first, then NEW",
                  "新文件（{new} 年）早于旧文件（{old} 年），应先给旧文件、后给新文件"),
    # a job that failed for another reason (parallel.py)
    "out_of_memory": ("out of memory", "内存不足"),
    "internal": ("internal error", "内部错误"),
}


@dataclass(frozen=True)
class Reason:
    """Why an input cannot be used, in English and in Chinese, and the file it is about ("" for none)."""

    en: str
    zh: str
    path: str = ""
    key: str = ""           # the WORDING key it was made from ("" for a usage error)

    def __str__(self) -> str:
        """The command line's form: PATH: English."""
        return f"{self.path}: {self.en}" if self.path else self.en

    @property
    def chinese(self) -> str:
        """The page's form: PATH：Chinese."""
        return f"{self.path}：{self.zh}" if self.path else self.zh

    @property
    def internal(self) -> bool:
        """A crash, not bad input: it may go away with a fixed reader, so it is never remembered."""
        return self.en.startswith(WORDING["internal"][0])


def reason(key: str, path: object = "", detail: object = "", **fields) -> Reason:
    """The reason `key` of WORDING for `path`, its {fields} filled in, a technical `detail` after it."""
    en, zh = WORDING[key]
    en, zh = en.format(**fields), zh.format(**fields)
    if detail:
        en, zh = f"{en} ({detail})", f"{zh}（{detail}）"
    return Reason(en, zh, str(path) if path else "", key)


class InputError(Exception):
    """The input cannot be used. str(e) is the command line's English line; e.reason holds the Chinese.

    Made from a Reason (bad_input) or, for a command-line usage error, from an English message."""

    exit_code = 2

    def __init__(self, why: Reason | str):
        self.reason = why if isinstance(why, Reason) else Reason(why, why)
        super().__init__(self.reason)       # the one argument: pickles across processes

    def __str__(self) -> str:
        return str(self.reason)


def bad_input(key: str, path: object = "", detail: object = "", **fields) -> InputError:
    """InputError for the reason `key` of WORDING (see reason)."""
    return InputError(reason(key, path, detail, **fields))
