"""Project matching on unrelated projects: how many merges and splits it invents, and its time (run by hand).

    python3 benchmarks/matching.py [--sizes 50 200 800] [--seed 1]

Both years get N projects of one budget unit whose names are drawn from one small vocabulary (so
they look alike) and whose amounts are random: no project of one year is made of projects of the
other, so every merge or split found is a false one. Prints per size: seconds of match_projects and
the count of every match kind.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from yoydiff.core import Project  # noqa: E402
from yoydiff.matching import match_projects  # noqa: E402
from yoydiff.numbers import Amount  # noqa: E402

WORDS = "道路 养护 城区 乡村 桥梁 环卫 保洁 社区 服务 运行 培训 宣传 设备 购置 信息化 维护 专项 补助 资金".split()


def _projects(rng: random.Random, n: int) -> list[Project]:
    return [Project("".join(rng.sample(WORDS, 4)) + "经费", "甲中心", f"21203{rng.randint(0, 9):02d}",
                    Amount.parse(f"{rng.randint(100, 100000) / 100:.2f}"), 1) for _ in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 800])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    for n in args.sizes:
        old, new = _projects(rng, n), _projects(rng, n)
        t = time.perf_counter()
        ms = match_projects(old, new, ["甲中心"], ["甲中心"], {"甲中心": "甲中心"})
        kinds = Counter(m.kind for m in ms)
        print(f"{n:5d} a side  {time.perf_counter() - t:6.2f} s  false merges+splits {kinds['merged'] + kinds['split']:4d}  "
              + "  ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
