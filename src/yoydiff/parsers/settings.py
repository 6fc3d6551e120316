"""Every tunable threshold of the table reader in one place (the way camelot keeps a strategy's
parameters together). Values are fractions of the type size or of a region unless said otherwise.

The reader uses the module-level SETTINGS; tests and `yoydiff parse --explain` read the same
object, so what a threshold is and where it acts is written here once.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSettings:
    # ruled grids (lattice)
    min_rule_columns: int = 2          # vertical separators (or cut joints) needed to read columns from rules
    min_rule_rows: int = 3             # horizontal rules needed to read rows from rules
    body_rule_share: float = 0.5       # a vertical rule past this share of the lines of figures separates body columns
    rule_merge_tol: float = 1.5        # pt: rule segments this close on x are one separator
    min_column: float = 0.8            # × size: a space between rules narrower than this is no column
    # text-position grids (stream)
    figure_gap: float = 0.8            # x gap (× size) that parts columns of data words
    row_step: float = 0.2              # a step in the sorted line gaps (× size) that tells row spacing from leading
    same_line: float = 0.35            # words whose middles differ less (× size) are on one line
    # titles and table extent
    title_wrap_gap: float = 0.8        # a title's wrapped rest lies at most this far (× size) below it
    same_size: float = 0.15            # type sizes within this share are the same size


SETTINGS = TableSettings()
