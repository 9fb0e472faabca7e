"""perfindicators: typed, checkable targets of Chinese budget-performance indicators.

>>> import perfindicators as pi
>>> pi.parse("≥60项").evaluate("64项").met
True
>>> pi.parse("≤5%").evaluate("6%").met
False

Importing the package is cheap: each name below is imported from its module the first time it
is used (PEP 562), so ``import perfindicators`` loads neither pint nor lark, nor pandas, pyarrow
or any other optional library; ``pi.parse`` and the rest load what they need when first called.
"""

from __future__ import annotations

import importlib
import sys
import types

#: `typing.TYPE_CHECKING` without importing typing (type checkers and linters read the name)
TYPE_CHECKING = False
if TYPE_CHECKING:  # the names as type checkers and editors see them; at run time `_lazy`
    from typing import Any

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

    __version__: str

#: Every public name by the module it comes from, imported at first use by `_lazy` (a module
#: of the package, such as `examples`, is found by its name). The one place where the package
#: imports its own modules inside a function; tests/test_import.py checks that it agrees with
#: the imports above and with `__all__`.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "._cache": ("clear_caches",),
    ".accounting": ("Cue", "Reading", "account"),
    ".actuals": (
        "Actual", "Approx", "Change", "Claimed", "Compound", "DateValue", "Judged", "Measured", "Missing",
        "TextValue", "Tier",
    ),
    ".batch": ("BatchResult", "score_forms"),
    ".changes": ("Relative", "Tolerance", "Trend"),
    ".criteria": ("Criterion", "IndicatorSystem", "criterion", "read_facts", "read_system"),
    ".errors": (
        "BatchError", "CriterionSyntaxError", "EvaluationError", "PerfIndicatorError", "RowError",
        "SchemeError", "TargetSyntaxError", "TextSyntaxError", "UnitMismatchError", "UnknownNameError",
        "UnknownUnitError", "WeightError", "YearError",
    ),
    ".evaluate": ("DirectionSource", "Flag", "Outcome", "Status", "evaluate"),
    ".forms": ("Finding", "Form", "FormReadError", "FormReport", "Indicator", "read_form", "write_form"),
    ".frames": (
        "frame_meta", "register_duckdb", "result_schema", "score_arrow", "score_batches", "score_frame",
        "spark_schema",
    ),
    ".parsing": ("parse", "parse_actual", "parse_many"),
    ".periods": ("PartialDate",),
    ".policies": ("Award", "Policy", "Rounding", "RoundingMode", "ScoreFlag"),
    ".schemes": (
        "Rule", "Scheme", "WeightGroup", "get_scheme", "load_scheme", "register_scheme", "scheme_names",
        "unregister_scheme",
    ),
    ".scoring": ("Score", "score", "score_budget", "score_many"),
    ".targets": (
        "AllOf", "Comparison", "Deadline", "Multi", "Op", "Period", "Qualitative", "Range", "Scoped",
        "Statement", "Target", "TargetKind", "from_dict",
    ),
    ".units": ("define_unit",),
}
#: public names that are another name in their module
_RENAMED: dict[str, tuple[str, str]] = {
    "register_policy": (".policies", "register"),
}

_WHERE: dict[str, tuple[str, str]] = {name: (module, name) for module, names in _EXPORTS.items()
                                     for name in names} | _RENAMED


def _lazy(name: str) -> Any:
    """The module attribute *name* at first use: a public name, ``__version__`` or a module of
    the package (``pi.units``, ``pi.forms`` ... as before); kept, so this runs once a name."""
    if name in _WHERE:
        module, attribute = _WHERE[name]
        value = getattr(importlib.import_module(module, __name__), attribute)
    elif name == "__version__":
        value = _version()
    elif name.isidentifier() and not name.startswith("__"):
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("perfindicators")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def __dir__() -> list[str]:
    import pkgutil

    return sorted(set(globals()) | set(__all__) | {m.name for m in pkgutil.iter_modules(__path__)})


class _Package(types.ModuleType):
    """The package's module object: importing a module of the package names it on the package
    (``perfindicators.evaluate``), but the public name ``evaluate`` is that module's function,
    as it always was — so a module never replaces a public name of another kind."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _WHERE and isinstance(value, types.ModuleType) \
                and value.__name__ == f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name stays an error
    __getattr__ = _lazy
sys.modules[__name__].__class__ = _Package

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
