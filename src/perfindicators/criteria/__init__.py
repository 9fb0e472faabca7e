"""Written scoring criteria (评分标准) compiled to executable rules.

`criterion` compiles a text (with its weight and declared defaults) to a `Criterion`;
`Criterion.score` scores facts; `check` reports gaps, overlaps and sums; `read_system` and
`read_facts` score a whole indicator system. See docs/criteria.md.

>>> from perfindicators.criteria import criterion
>>> c = criterion("每降低1个百分点扣0.5分，扣完为止", weight=5)
>>> c.score({"value": "98%"}).points
Decimal('4.00')
"""

from __future__ import annotations

from ..errors import CriterionSyntaxError
from ._build import DEFAULTS
from .check import Finding, check
from .compiled import Criterion, CriterionScore, criterion
from .model import Input
from .system import Evaluation, IndicatorSystem, read_facts, read_system

__all__ = ["DEFAULTS", "Criterion", "CriterionScore", "CriterionSyntaxError", "Evaluation",
           "Finding", "IndicatorSystem", "Input", "check", "criterion", "read_facts",
           "read_system"]
