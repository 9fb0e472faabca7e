"""Whole forms: the model, files, scoring, audit and rendering.

The modules, bottom to top (each imports only from those below it; ``lint-imports`` checks):

=================================  ==============================================================
``model``, ``headers``,            the raw data (`FormData`, `Indicator` …), the header and
``findings``                       group-name vocabulary, the typed finding records
``cells``, ``layout``,             reading one cell; the JSON layout and its schema; the
``tablewrite``, ``reportdata``     table writer; the records of a scored form
``render``, ``html``, ``plot``     showing reports and findings (text, dicts, HTML, charts)
``report``                         `score_form` and `FormReport`
``audit``                          `audit` and `Findings`
``form``                           the user-facing `Form` (``score``, ``audit``, ``to_dict``)
``grid``, ``jsonfile``             the table reader; reading JSON
``csvfile``, ``frame``             CSV/TSV files; pandas DataFrames
``xlsxfile``                       workbooks
``files``                          `read_form`, `read_forms`, `write_form` by file type
=================================  ==============================================================

>>> import perfindicators as pi
>>> form = pi.examples.load("zgc-2021")
>>> report = form.score()
>>> report.budget.rate, report.budget.score.points
(Decimal('88.26'), Decimal('8.83'))
>>> report.published_total, report.published_sum
(Decimal('94.23'), Decimal('94.23'))
"""

from __future__ import annotations

from ..errors import CellProblem, FormReadError
from .audit import Findings, audit, classify
from .files import read_form, read_forms, read_sheets, write_form
from .findings import CODES, Cell, Classification, Code, Field, Finding, Severity
from .form import Form
from .frame import read_frame, to_frame
from .jsonfile import form_from_dict
from .layout import LAYOUT, form_to_dict, schema
from .model import Budget, BudgetLine, FormData, Goals, Indicator, Project
from .report import (
    BudgetReport,
    FormReport,
    GroupTotal,
    OpenScore,
    RowReport,
    RowState,
    score_form,
)

__all__ = [
    "CODES",
    "LAYOUT",
    "Budget",
    "BudgetLine",
    "BudgetReport",
    "Cell",
    "CellProblem",
    "Classification",
    "Code",
    "Field",
    "Finding",
    "Findings",
    "Form",
    "FormData",
    "FormReadError",
    "FormReport",
    "Goals",
    "GroupTotal",
    "Indicator",
    "OpenScore",
    "Project",
    "RowReport",
    "RowState",
    "Severity",
    "audit",
    "classify",
    "form_from_dict",
    "form_to_dict",
    "read_form",
    "read_forms",
    "read_frame",
    "read_sheets",
    "schema",
    "score_form",
    "to_frame",
    "write_form",
]
