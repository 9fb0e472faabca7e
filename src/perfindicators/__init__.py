"""perfindicators: typed, checkable targets of Chinese budget-performance indicators.

>>> import perfindicators as pi
>>> pi.parse("≥60项").evaluate("64项").met
True
>>> pi.parse("≤5%").evaluate("6%").met
False
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from ._vocab import Tier
from .actuals import (
    Actual,
    Claimed,
    Compound,
    DateValue,
    Judged,
    Measured,
    Missing,
    TextValue,
    parse_actual,
)
from .errors import (
    BatchError,
    EvaluationError,
    PerfIndicatorError,
    RowError,
    TargetSyntaxError,
    UnitMismatchError,
    UnknownNameError,
    UnknownUnitError,
)
from .evaluate import Flag, Outcome, Status, evaluate
from .parsing import parse, parse_many
from .periods import PartialDate
from .targets import (
    AllOf,
    Comparison,
    Deadline,
    Multi,
    Op,
    Period,
    Qualitative,
    Range,
    Scoped,
    Statement,
    Target,
    from_dict,
)

try:
    __version__ = version("perfindicators")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Actual",
    "AllOf",
    "BatchError",
    "Claimed",
    "Comparison",
    "Compound",
    "DateValue",
    "Deadline",
    "EvaluationError",
    "Flag",
    "Judged",
    "Measured",
    "Missing",
    "Multi",
    "Op",
    "Outcome",
    "PartialDate",
    "PerfIndicatorError",
    "Period",
    "Qualitative",
    "Range",
    "RowError",
    "Scoped",
    "Statement",
    "Status",
    "Target",
    "TargetSyntaxError",
    "TextValue",
    "Tier",
    "UnitMismatchError",
    "UnknownNameError",
    "UnknownUnitError",
    "__version__",
    "evaluate",
    "from_dict",
    "parse",
    "parse_actual",
    "parse_many",
]
