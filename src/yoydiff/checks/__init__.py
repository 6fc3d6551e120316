"""Within-document and cross-year checks, one module per check family; pure functions returning Findings."""
