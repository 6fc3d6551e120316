"""Parsing strategies, one job per module: tables, narrative statements, projects, performance targets, metadata."""
