"""A generated government: N departments × 2 years of disclosure PDFs, made from the templates the tests
already have, so batch review is tested (and benchmarked) at a real size without committing PDFs.

Each department takes one of three templates (corpora/deptb 2024→2025, corpora/urumqi 2025→2026,
tests/holdout 2024→2025), a name of its own (the template's department name replaced everywhere, so
its budget units keep their own names), and one of several producers and layouts: reportlab with
horizontal rules or none and amounts in 万元 or 元 (tests/synth.py), weasyprint with a full grid, row
rules or none (tests/producers.py), weasyprint A4 portrait (tests/holdout/render.py, for its template).
Department k gets k % 4 planted errors in its new year: the 比上年增加 amount of its first narrative
sentences raised by 1.00 万元, which the cross-year prior check must report. A department may be given
further years (`later`, for trends): each is its new year's text, planted errors included, with every year
label moved on — the same figures published as a later year, so that year's 比上年 statements contradict
the year before (chained prior errors by construction). Output is deterministic; files are
written only where they are missing (a benchmark run keeps its government between runs).

    python tests/government.py OUTDIR [N]
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

TEMPLATES = (  # (name, department as printed, old txt, new txt, old year, new year)
    ("deptb", "青岚县卫生健康委员会", ROOT / "corpora/deptb/2024.txt", ROOT / "corpora/deptb/2025.txt", 2024, 2025),
    ("urumqi", "乌鲁木齐市人力资源和社会保障局", ROOT / "corpora/urumqi/urumqi-hrss-2025-reconstructed.txt",
     ROOT / "corpora/urumqi/urumqi-hrss-2026.txt", 2025, 2026),
    ("holdout", "鹤汀区教育局", HERE / "holdout/2024.txt", HERE / "holdout/2025.txt", 2024, 2025),
)
LAYOUTS = {
    "deptb": ("synth-wan-horizontal", "weasy-grid", "synth-yuan-none", "weasy-rows"),
    "urumqi": ("weasy-grid", "synth-wan-horizontal", "weasy-rows", "synth-yuan-horizontal"),
    "holdout": ("holdout",),
}
PLACES = ("澄江", "临溪", "白沙", "青禾", "云岭", "南屏", "石门", "松阳", "清平", "望江", "长宁", "东阳",
          "西岭", "北塘", "安平", "和顺", "永宁", "丰乐", "仁和", "桂林")
SUFFIX = {"deptb": "县", "urumqi": "市", "holdout": "区"}
ORGANS = {"deptb": ("卫生健康委员会", "农业农村局", "水利局", "民政局", "文化和旅游局"),
          "urumqi": ("人力资源和社会保障局", "住房和城乡建设局", "交通运输局", "自然资源局", "生态环境局"),
          "holdout": ("教育局", "体育局", "科学技术局", "商务局", "统计局")}
PLANT_RE = re.compile(r"(比上年(?:预算)?增加)(\d[\d,]*\.\d{2})(万元)")


@dataclass(frozen=True)
class Department:
    index: int
    template: str
    name: str
    layout: str
    planted: int
    old_year: int
    new_year: int
    later: tuple[int, ...] = ()     # further years, each the new year's text with its year labels moved on

    @property
    def years(self) -> tuple[int, ...]:
        return (self.old_year, self.new_year) + self.later


def plan(n: int, later: dict[int, tuple[int, ...]] | None = None) -> list[Department]:
    """n departments; `later` gives some (by index) further years after their template's two."""
    later = later or {}
    out = []
    for k in range(n):
        t = TEMPLATES[k % len(TEMPLATES)]
        layouts = LAYOUTS[t[0]]
        place = PLACES[(k // len(TEMPLATES)) % len(PLACES)]
        organ = ORGANS[t[0]][(k // (len(TEMPLATES) * len(PLACES))) % len(ORGANS[t[0]])]
        out.append(Department(k, t[0], f"{place}{SUFFIX[t[0]]}{organ}", layouts[(k // len(TEMPLATES)) % len(layouts)],
                              k % 4, t[4], t[5], tuple(later.get(k, ()))))
    return out


def _raise(m: re.Match) -> str:
    from decimal import Decimal
    v = Decimal(m.group(2).replace(",", "")) + 1
    return f"{v:,.2f}" if "," in m.group(2) else f"{v:.2f}"


def plant(text: str, n: int) -> tuple[str, list[str]]:
    """The text with the increase of its first n narrative sentences 比上年增加 X万元 raised by 1.00, and the
    sentences' new figures."""
    lines = text.split("\n")
    figures: list[str] = []
    for i, line in enumerate(lines):
        if len(figures) >= n:
            break
        m = PLANT_RE.search(line)
        if m and "\t" not in line and "|" not in line:
            figures.append(_raise(m))
            lines[i] = line[:m.start(2)] + figures[-1] + line[m.end(2):]
    return "\n".join(lines), figures


YEAR_RE = re.compile(r"(20\d\d)(?=年)")


def moved_on(text: str, by: int) -> str:
    """The text with every year label (2025年, 2024年底 …) moved on by `by` years: the same figures published
    as a later year, so its 比上年 statements speak of a previous year that printed other figures."""
    return YEAR_RE.sub(lambda m: str(int(m.group(1)) + by), text)


def text_of(d: Department, year: int) -> str:
    t = next(t for t in TEMPLATES if t[0] == d.template)
    text = (t[2] if year == t[4] else t[3]).read_text(encoding="utf-8").replace(t[1], d.name)
    text = plant(text, d.planted)[0] if year >= d.new_year else text
    return moved_on(text, year - d.new_year) if year > d.new_year else text


def planted_figures(d: Department) -> list[str]:
    t = next(t for t in TEMPLATES if t[0] == d.template)
    return plant(t[3].read_text(encoding="utf-8"), d.planted)[1]


def render(txt: Path, pdf: Path, layout: str) -> None:
    if layout == "holdout":
        from holdout import render as holdout_render
        holdout_render.render(txt, pdf)
    elif layout.startswith("weasy-"):
        import producers
        producers.render(txt, pdf, borders=layout.split("-", 1)[1])
    else:
        import synth
        _, unit, rules = layout.split("-")
        synth.render(txt, pdf, yuan=unit == "yuan", rules=rules)


def generate(outdir: str | Path, n: int = 60,
             later: dict[int, tuple[int, ...]] | None = None) -> list[tuple[Department, Path, Path]]:
    """The government's PDFs under outdir/<k>/ (names that say nothing about department or year): each
    department's old and new year (doc0, doc1), and its `later` years (doc2 …)."""
    outdir = Path(outdir)
    out = []
    for d in plan(n, later):
        paths = []
        for j, year in enumerate(d.years):
            folder = outdir / f"{d.index:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            pdf = folder / f"doc{j}.pdf"
            if not pdf.exists():
                with tempfile.TemporaryDirectory() as work:
                    txt = Path(work) / "doc.txt"
                    txt.write_text(text_of(d, year), encoding="utf-8")
                    render(txt, Path(work) / "doc.pdf", d.layout)
                    shutil.move(str(Path(work) / "doc.pdf"), pdf)
            paths.append(pdf)
        out.append((d, paths[0], paths[1]))
    return out


if __name__ == "__main__":
    import time
    t0 = time.perf_counter()
    gov = generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 60)
    print(f"{len(gov)} departments, {2 * len(gov)} PDFs in {sys.argv[1]} ({time.perf_counter() - t0:.0f} s)")
