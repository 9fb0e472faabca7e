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
from .batch import BatchResult, score_forms
from .changes import Relative, Tolerance, Trend
from .criteria import Criterion, IndicatorSystem, criterion, read_facts, read_system
from .errors import (
    BatchError,
    CriterionSyntaxError,
    EvaluationError,
    PerfIndicatorError,
    RowError,
    SchemeError,
    TargetSyntaxError,
    TextSyntaxError,
    UnitMismatchError,
    UnknownNameError,
    UnknownUnitError,
    WeightError,
    YearError,
)
from .evaluate import DirectionSource, Flag, Outcome, Status, evaluate
from .forms import Finding, Form, FormReadError, FormReport, Indicator, read_form, write_form
from .frames import (
    frame_meta,
    register_duckdb,
    result_schema,
    score_arrow,
    score_batches,
    score_frame,
    spark_schema,
)
from .parsing import parse, parse_actual, parse_many
from .periods import PartialDate
from .policies import Award, Policy, Rounding, RoundingMode, ScoreFlag
from .policies import register as register_policy
from .schemes import (
    Rule,
    Scheme,
    WeightGroup,
    get_scheme,
    load_scheme,
    register_scheme,
    scheme_names,
    unregister_scheme,
)
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
    "BatchResult",
    "Change",
    "Claimed",
    "Comparison",
    "Compound",
    "Criterion",
    "CriterionSyntaxError",
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
    "IndicatorSystem",
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
    "RoundingMode",
    "RowError",
    "Rule",
    "Scheme",
    "SchemeError",
    "Scoped",
    "Score",
    "ScoreFlag",
    "Statement",
    "Status",
    "Target",
    "TargetKind",
    "TargetSyntaxError",
    "TextSyntaxError",
    "TextValue",
    "Tier",
    "Tolerance",
    "Trend",
    "UnitMismatchError",
    "UnknownNameError",
    "UnknownUnitError",
    "WeightError",
    "WeightGroup",
    "YearError",
    "__version__",
    "account",
    "clear_caches",
    "criterion",
    "define_unit",
    "evaluate",
    "examples",
    "frame_meta",
    "from_dict",
    "get_scheme",
    "load_scheme",
    "parse",
    "parse_actual",
    "parse_many",
    "read_facts",
    "read_form",
    "read_system",
    "register_duckdb",
    "register_policy",
    "register_scheme",
    "result_schema",
    "scheme_names",
    "score",
    "score_arrow",
    "score_batches",
    "score_budget",
    "score_forms",
    "score_frame",
    "score_many",
    "spark_schema",
    "unregister_scheme",
    "write_form",
]
