"""Benchmarks and evaluations run by hand against ../shared/corpus (never shipped)."""
