"""Scores: a target, an actual value and a weight in; exact, explained points out.

One concept per module: `Score` (``_score``), the checked inputs (``_inputs``: weights,
years, amounts) and the scoring calls with their memo (``_api``).

>>> import perfindicators as pi
>>> pi.score("≥60项", "30项", 3).points
Decimal('1.50')
>>> print(pi.score("≥10%", "32%", 6).explanation_zh)
实际值32% ≥ 指标值10%，得满分6分
>>> pi.score_budget("9,537.73", "8,417.73").points
Decimal('8.83')
"""

from __future__ import annotations

from ..errors import WeightError, YearError
from ..policies import as_award
from ._api import SCORE_MEMO_SIZE, clear_caches, score, score_budget, score_many, score_outcome
from ._inputs import to_amount, to_weight, to_year
from ._score import Score, bounded

__all__ = ["SCORE_MEMO_SIZE", "Score", "WeightError", "YearError", "as_award", "bounded",
           "clear_caches", "score", "score_budget", "score_many", "score_outcome", "to_amount",
           "to_weight", "to_year"]
