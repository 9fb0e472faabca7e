"""perfindicators: typed, checkable targets of Chinese budget-performance indicators.

>>> import perfindicators as pi
>>> pi.parse("≥60项").evaluate("64项").met
True
>>> pi.parse("≤5%").evaluate("6%").met
False
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import examples
from ._cache import clear_caches
from .accounting import Cue, Reading, account
from .actuals import (
    Actual,
    Approx,
    Change,
    Claimed,
    Compound,
    DateValue,
    Judged,
    Measured,
    Missing,
    TextValue,
    Tier,
)
from .changes import Relative, Tolerance, Trend
from .errors import (
    BatchError,
    EvaluationError,
    PerfIndicatorError,
    RowError,
    TargetSyntaxError,
    UnitMismatchError,
    UnknownNameError,
    UnknownUnitError,
    WeightError,
    YearError,
)
from .evaluate import DirectionSource, Flag, Outcome, Status, evaluate
from .forms import Finding, Form, FormReadError, FormReport, Indicator, read_form, write_form
from .frames import score_frame
from .parsing import parse, parse_actual, parse_many
from .periods import PartialDate
from .policies import Award, Policy, Rounding
from .policies import register as register_policy
from .schemes import Rule, Scheme, SchemeError, get_scheme, load_scheme, register_scheme
from .scoring import Score, score, score_budget, score_many
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
    TargetKind,
    from_dict,
)
from .units import define_unit

try:
    __version__ = version("perfindicators")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Actual",
    "AllOf",
    "Approx",
    "Award",
    "BatchError",
    "Change",
    "Claimed",
    "Comparison",
    "Compound",
    "Cue",
    "DateValue",
    "Deadline",
    "DirectionSource",
    "EvaluationError",
    "Finding",
    "Flag",
    "Form",
    "FormReadError",
    "FormReport",
    "Indicator",
    "Judged",
    "Measured",
    "Missing",
    "Multi",
    "Op",
    "Outcome",
    "PartialDate",
    "PerfIndicatorError",
    "Period",
    "Policy",
    "Qualitative",
    "Range",
    "Reading",
    "Relative",
    "Rounding",
    "RowError",
    "Rule",
    "Scheme",
    "SchemeError",
    "Scoped",
    "Score",
    "Statement",
    "Status",
    "Target",
    "TargetKind",
    "TargetSyntaxError",
    "TextValue",
    "Tier",
    "Tolerance",
    "Trend",
    "UnitMismatchError",
    "UnknownNameError",
    "UnknownUnitError",
    "WeightError",
    "YearError",
    "__version__",
    "account",
    "clear_caches",
    "define_unit",
    "evaluate",
    "examples",
    "from_dict",
    "get_scheme",
    "load_scheme",
    "parse",
    "parse_actual",
    "parse_many",
    "read_form",
    "register_policy",
    "register_scheme",
    "score",
    "score_budget",
    "score_frame",
    "score_many",
    "write_form",
]
