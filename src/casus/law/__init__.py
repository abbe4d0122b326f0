"""The law: conditions, clause evaluation, findings, assessments, the cascade and coverage.

Clauses are data (``kb/models.py``); this package implements the closed set of
scope predicates once (``scope.py``), evaluates every clause for many attacks at
once (``kernel.py``), and dresses the results as findings people can read
(``findings.py``). A single assessment is a batch of one.
"""
