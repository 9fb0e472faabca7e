"""Scoring policies: the protocol, the built-in official formulas, and the registry.

>>> from decimal import Decimal
>>> import perfindicators as pi
>>> from perfindicators.policies import Proportional
>>> Proportional()(pi.parse("≥60项").evaluate("30项"), Decimal(3)).points
Decimal('1.50')
"""

from __future__ import annotations

from ._base import (
    Award,
    Policy,
    Rounding,
    RoundingMode,
    ScoreFlag,
    achievement,
    as_award,
    cap_of,
    fraction_of,
    to_flag,
)
from .builtin import (
    AllOrNothing,
    BudgetExecution,
    DeadlinePolicy,
    Ladder,
    OverAchievement,
    Proportional,
    QualitativeTiers,
    ReverseLinear,
)
from .registry import (
    ENTRY_POINT_GROUP,
    PolicyError,
    PolicyRegistry,
    check_contract,
    default_registry,
    get,
    name_of,
    names,
    register,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "AllOrNothing",
    "Award",
    "BudgetExecution",
    "DeadlinePolicy",
    "Ladder",
    "OverAchievement",
    "Policy",
    "PolicyError",
    "PolicyRegistry",
    "Proportional",
    "QualitativeTiers",
    "ReverseLinear",
    "Rounding",
    "RoundingMode",
    "ScoreFlag",
    "achievement",
    "as_award",
    "cap_of",
    "check_contract",
    "default_registry",
    "fraction_of",
    "get",
    "name_of",
    "names",
    "register",
    "to_flag",
]
