"""The user-facing form: the data of `.model`, scored, audited and written out.

`Form` is a `FormData` with the verbs people use on it: ``form.score()``,
``form.audit()`` and ``form.to_dict()``. It sits above scoring and the audit, so the data
model below knows nothing of them.

>>> from perfindicators.forms import Form, Indicator, Project
>>> form = Form(Project("示例", year=2022),
...             indicators=[Indicator("产出指标", "数量指标", "培训", "≥10次", "12次", "90", "90")])
>>> form.score().rule_total, form.to_dict()["layout"]
(Decimal('90.00'), 'perfindicators-form/1')
"""

from __future__ import annotations

from typing import Any

import attrs

from ..schemes import Scheme
from .audit import Findings, audit
from .layout import form_to_dict
from .model import FormData
from .report import FormReport, score_form

__all__ = ["Form"]


@attrs.frozen(repr=False)
class Form(FormData):
    """A project self-evaluation form (or a 绩效目标表: targets without actual values).

    See `FormData` for the attributes. Readers (`perfindicators.forms.read_form`) return a
    `Form`; rows with an unreadable cell carry their problems (``Indicator.problems``).
    """

    def score(self, scheme: str | Scheme = "central") -> FormReport:
        """Score every row and the budget block under *scheme*; see `FormReport`."""
        return score_form(self, scheme)

    def audit(self, scheme: str | Scheme = "central") -> Findings:
        """Where the published form departs from the rules, and why."""
        return audit(self, scheme)

    def to_dict(self) -> dict[str, Any]:
        """The form in the JSON layout (see ``docs/forms.md``)."""
        return form_to_dict(self)
