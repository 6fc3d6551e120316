"""Within-document and cross-year checks, one module per check family; pure functions returning Findings."""
from __future__ import annotations

from dataclasses import replace

from ..core import Document, Statement
from ..results import Finding
from .catalogue import check_catalogue
from .counts import check_counts
from .crosstable import check_crosstable
from .execution import check_execution
from .final_accounts import check_final_accounts
from .final_crosstable import check_final_crosstable
from .final_narrative import check_final_narrative, table_final_amount
from .narrative import check_narrative, table_amounts
from .rates import check_statement
from .rules import sort_findings
from .shares import check_shares
from .sums import check_sums
from .unexplained import check_unexplained


def run_document_checks(doc: Document, role: str) -> list[Finding]:
    """Every within-document check of one document; role ("old"/"new") goes to Finding.doc; errors first."""
    misprints = table_amounts(doc)
    for s in doc.statements:          # a 决算 figure against its 决算 table (checks/final_narrative.py)
        fixed = table_final_amount(doc, s)
        if fixed is not None:
            misprints.setdefault(id(s), fixed)
    out: list[Finding] = []
    for s in doc.statements:
        out += _statement_findings(s, role, misprints.get(id(s)))
    for check in (check_shares, check_sums, check_crosstable, check_narrative, check_execution, check_final_accounts,
                  check_final_crosstable, check_final_narrative,
                  check_unexplained, check_counts, check_catalogue):
        out += check(doc, role)
    return sort_findings(out)


def _statement_findings(s: Statement, role: str, table_amount) -> list[Finding]:
    """Rate, direction and zero-base findings; an error that disappears when the sentence's misprinted
    amount is replaced by the table figure follows from the misprint (reported by the narrative check)."""
    found = check_statement(s, role)
    if table_amount is None or not any(f.severity == "error" for f in found):
        return found
    fixed = {(f.check, f.stated) for f in check_statement(replace(s, amount=table_amount), role)
             if f.severity == "error"}
    return [replace(f, severity="notice",
                    cause=f"由说明中金额 {s.amount.text} 的差错引起（表中为 {table_amount.text}，按表中数计算则相符）")
            if f.severity == "error" and (f.check, f.stated) not in fixed else f for f in found]


__all__ = ["run_document_checks"]
