"""Whole forms: the model, files, scoring, audit and rendering.

>>> import perfindicators as pi
>>> form = pi.examples.load("zgc-2021")
>>> report = form.score()
>>> report.budget.rate, report.budget.score.points
(Decimal('88.26'), Decimal('8.83'))
>>> report.published_total, report.published_sum
(Decimal('94.23'), Decimal('94.23'))
"""

from __future__ import annotations

from .audit import CODES, Finding, Severity, audit
from .io import FormReadError, read_form, read_frame, to_frame, write_form
from .model import Budget, BudgetLine, Form, Goals, Indicator, Project
from .report import BudgetReport, FormReport, GroupTotal, RowReport, score_form

__all__ = [
    "CODES",
    "Budget",
    "BudgetLine",
    "BudgetReport",
    "Finding",
    "Form",
    "FormReadError",
    "FormReport",
    "Goals",
    "GroupTotal",
    "Indicator",
    "Project",
    "RowReport",
    "Severity",
    "audit",
    "read_form",
    "read_frame",
    "score_form",
    "to_frame",
    "write_form",
]
