"""The outcome of checking an actual value against a target, and the helpers that build one.

>>> import perfindicators as pi
>>> o = pi.parse("≥60项").evaluate("64项")
>>> o.status, o.met, o.known
(<Status.MET: 'met'>, True, True)
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from . import units as q
from .actuals import Actual, Measured
from .targets import Op, Target

__all__ = [
    "NEGATE",
    "DirectionSource",
    "Flag",
    "Outcome",
    "Status",
    "actual_number",
    "lazy_pair",
    "lazy_texts",
    "out",
    "out_lazy",
    "raw_texts",
    "trusted",
    "unknown",
]


class Texts(functools.partial[tuple[str, str]]):
    """Two texts (Chinese, English) not built yet: ``build(*args)`` makes them on first
    access of either field of a class set up with `lazy_texts`. *build* must be a pure
    function of immutable *args*, so the texts are the same whenever they are built.

    A `functools.partial` of *build* and *args* (whose constructor runs no Python code: one
    is built for every row scored).

    Examples:
        >>> Texts(lambda n: (f"{n}项", f"{n} items"), 3).make()
        ('3项', '3 items')
    """

    __slots__ = ()

    def make(self) -> tuple[str, str]:
        return self()

    def __repr__(self) -> str:  # never shown by a value: fields read through `_LazyText`
        return f"Texts({self.func.__qualname__})"


class _LazyText:
    """A data descriptor over an attrs slot that may hold a `Texts`: read, it builds both texts
    of the pair once and stores them in their slots, so every reader — attribute access,
    ``repr``, equality, hashing, ``attrs.asdict``, pickling — sees the plain text."""

    __slots__ = ("index", "members")

    def __init__(self, members: tuple[Any, Any], index: int) -> None:
        self.members, self.index = members, index

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.members[self.index].__get__(obj, cls)
        if type(value) is Texts:
            pair = value.make()
            self.members[0].__set__(obj, pair[0])
            self.members[1].__set__(obj, pair[1])
            return pair[self.index]
        return value

    def __set__(self, obj: object, value: Any) -> None:
        self.members[self.index].__set__(obj, value)


C = TypeVar("C", bound=type)
T = TypeVar("T")


def raw_texts(cls: type, zh: str, en: str) -> tuple[Callable[[Any], str], Callable[[Any], str]]:
    """The readers of the two text fields of an exact *cls* (set up with `lazy_texts`) as they
    are stored: a `Texts` not built yet stays so, to be handed on to another such value (typed
    as the texts it stands for). Only for instances of *cls* itself, not of a subclass.

    Examples:
        >>> get_zh, get_en = raw_texts(Outcome, "reason_zh", "reason_en")
        >>> o = trusted(Outcome, texts=("reason_zh", "reason_en"))(
        ...     None, None, Status.MET, Texts(lambda: ("是", "yes")), None, None, None, None,
        ...     frozenset(), (), None, None, None)
        >>> type(get_zh(o)).__name__, o.reason_zh, get_zh(o)
        ('Texts', '是', '是')
    """
    getters: tuple[Callable[[Any], str], Callable[[Any], str]] = (
        cls.__dict__[zh].members[0].__get__, cls.__dict__[en].members[1].__get__)
    return getters


def trusted(cls: type[T], texts: tuple[str, str] | None = None) -> Callable[..., T]:
    """A constructor of the frozen attrs class *cls* for the package's own code: its fields in
    order, positionally, stored as given — no converter, validator or post-init check runs.
    Only for arguments the public constructor would store unchanged and accept (the callers
    say why theirs do). With *texts* (the names of a pair of fields set up with `lazy_texts`),
    one `Texts` argument, in the place of the first, fills both.

    *cls* keeps its slots in its base class (a *layout*: ``__slots__`` naming its fields and
    ``__weakref__``), so that it adds none of its own. The constructor builds the
    value as an instance of a twin of *cls* — the same base, nothing else: the same layout, but
    not frozen — whose slots plain attribute stores fill (a store on a frozen class goes through
    its ``__setattr__``, which refuses, so each field would cost a call of its slot's setter:
    three times as long), and then gives it its class. Where the interpreter refuses that
    class assignment, or makes it costly (a free-threaded build stops every thread for it),
    the constructor calls each slot's setter instead (``make.through_twin`` says which).

    Examples:
        >>> make = trusted(Outcome, texts=("reason_zh", "reason_en"))
        >>> o = make(None, None, Status.MET, Texts(lambda: ("是", "yes")), None, None, None,
        ...          None, frozenset(), (), None, None, None)
        >>> o.reason, o == Outcome(None, None, Status.MET, "是", "yes"), type(o) is Outcome
        ('是 / yes', True, True)

    Raises:
        TypeError: *cls* does not keep its fields' slots in its base class.
    """
    names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
    layout = cls.__bases__[0]
    if (len(cls.__bases__) != 1 or cls.__dict__.get("__slots__") != ()
            or sorted(getattr(layout, "__slots__", ())) != sorted((*names, "__weakref__"))):
        raise TypeError(f"trusted({cls.__qualname__}): its base class must hold the slots of "
                        f"its fields and __weakref__")
    twin = type(f"_{cls.__name__}Twin", (layout,), {"__slots__": (), "__module__": cls.__module__})
    through_twin = _assignable(twin, cls) and getattr(sys, "_is_gil_enabled", lambda: True)()
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_twin": twin}
    params = [n for n in names if texts is None or n != texts[1]]
    if texts is not None:
        params[params.index(texts[0])] = "_texts"
    values = {n: "_texts" if texts and n in texts else n for n in names}
    if through_twin:
        body = "".join(f"    self.{n} = {v}\n" for n, v in values.items())
        code = f"    self = _new(_twin)\n{body}    self.__class__ = _cls\n"
    else:
        for n in names:
            namespace[f"_set_{n}"] = layout.__dict__[n].__set__
        body = "".join(f"    _set_{n}(self, {v})\n" for n, v in values.items())
        code = f"    self = _new(_cls)\n{body}"
    exec(f"def make({', '.join(params)}):\n{code}    return self\n", namespace)
    make: Callable[..., T] = namespace["make"]
    make.__qualname__ = f"trusted({cls.__qualname__})"
    make.through_twin = through_twin  # type: ignore[attr-defined]
    return make


def _assignable(twin: type, cls: type) -> bool:
    """Whether this interpreter lets an instance of *twin* become one of *cls*."""
    probe: Any = object.__new__(twin)
    try:
        probe.__class__ = cls
    except TypeError:
        return False
    return True


def _own(cls: type, name: str) -> Any:
    return next(k.__dict__[name] for k in cls.__mro__ if name in k.__dict__)


def lazy_texts(zh: str, en: str) -> Callable[[C], C]:
    """Let the text fields *zh* and *en* of a slotted attrs class be given as one `Texts`,
    built on first access. Values built with plain text are unchanged."""

    def wrap(cls: C) -> C:
        # the slots' own descriptors, in the class or in its layout (see `trusted`)
        members = (_own(cls, zh), _own(cls, en))
        setattr(cls, zh, _LazyText(members, 0))
        setattr(cls, en, _LazyText(members, 1))
        return cls

    return wrap


class Status(enum.Enum):
    """Whether a target was met."""

    MET = "met"
    PARTIAL = "partly met"
    NOT_MET = "not met"
    UNKNOWN = "cannot tell"


class DirectionSource(enum.StrEnum):
    """Where the direction of a bare target came from."""

    EXPLICIT = "explicit"  # direction= or the form's 指标方向 cell
    CATEGORY = "category"  # the 二级指标 (成本指标 → at most)
    INDICATOR = "indicator"  # the indicator's name (投诉率 → at most)
    DEFAULT = "default"  # nothing said: at least


class Flag(enum.StrEnum):
    """Facts about an evaluation that a reviewer wants to see."""

    COPIED_TARGET = "copied_target"  # the actual repeats the target ("≥90%")
    MISSING = "missing"  # no actual value
    IMPLICIT_DIRECTION = "implicit_direction"  # a bare target: direction inferred
    HAND_JUDGED = "hand_judged"  # the actual is a tier word, not a number
    UNIT_ASSUMED = "unit_assumed"  # a bare number took the target's unit
    SAME_TEXT = "same_text"  # a qualitative actual repeats the target words
    CLAIMED = "claimed"  # the actual states a bound ("≥95%"), not a value
    PARTLY_CHECKED = "partly_checked"  # some parts of the target could not be checked
    NOTHING_DONE = "nothing_done"  # "未进行…": the activity did not happen, so not met
    NO_EVENT = "no_event"  # "未发生…" against a ceiling on the event: zero, within it
    APPROXIMATE = "approximate"  # the actual is approximate ("200余人"): compared as an interval
    NEEDS_BASELINE = "needs_baseline"  # a relative target against a level, without the basis
    FRACTION = "fraction"  # a bare fraction (0.96) against a % target: 0.96% or 96%?
    SPREADSHEET = "spreadsheet"  # 1.2E+07: read in 元 and in the target's unit


class _OutcomeLayout:
    """The slots of `Outcome`'s fields (`trusted` builds outcomes through it)."""

    __slots__ = (
        "__weakref__",
        "actual",
        "actual_value",
        "direction",
        "direction_source",
        "done",
        "due",
        "flags",
        "parts",
        "ratio",
        "reason_en",
        "reason_zh",
        "status",
        "target",
        "target_value",
    )


@lazy_texts("reason_zh", "reason_en")
@attrs.frozen
class Outcome(_OutcomeLayout):
    """The result of checking one actual value against one target.

    Attributes:
        target: the target.
        actual: the parsed actual value.
        status: met / partly met / not met / cannot tell.
        reason_zh: why, in Chinese.
        reason_en: why, in English.
        due: for deadlines and periods, the last day allowed.
        done: for deadlines and periods, the last day the actual can mean.
        direction: the comparator used (for a bare target, the one inferred).
        target_value: the target's number (A), in its unit, for numeric targets.
        actual_value: the actual number (B) in the target's unit.
        ratio: B / A, when both are numbers and A is not zero.
        flags: `Flag` values.
        parts: the outcome of each part, for targets with parts.
        direction_source: for a bare target, where its direction came from (the explicit
            direction, the category, the indicator's name, or the default).
    """

    target: Target
    actual: Actual
    status: Status
    reason_zh: str
    reason_en: str
    direction: Op | None = None
    target_value: Decimal | None = None
    actual_value: Decimal | None = None
    ratio: Decimal | None = None
    flags: frozenset[Flag] = frozenset()
    parts: tuple[Outcome, ...] = ()
    due: _dt.date | None = None
    done: _dt.date | None = None
    direction_source: DirectionSource | None = None

    @property
    def reason(self) -> str:
        """Why, in Chinese and English: ``实际值64项 ≥ 指标值60项 / actual 64项 ≥ target 60项``."""
        return f"{self.reason_zh} / {self.reason_en}"

    @property
    def met(self) -> bool:
        """True only when the target was met."""
        return self.status is Status.MET

    @property
    def known(self) -> bool:
        """False when the outcome cannot be told."""
        return self.status is not Status.UNKNOWN

    def with_flags(self, *flags: Flag) -> Outcome:
        """This outcome with more flags."""
        return attrs.evolve(self, flags=self.flags | set(flags))


def out(target: Target, actual: Actual, status: Status, zh: str, en: str, **kw: Any) -> Outcome:
    return Outcome(target, actual, status, zh, en, **kw)


def out_lazy(target: Target, actual: Actual, status: Status, texts: Texts, **kw: Any) -> Outcome:
    """An outcome whose reasons *texts* builds when first read."""
    return Outcome(target, actual, status, *lazy_pair(texts), **kw)


def lazy_pair(texts: Texts) -> tuple[str, str]:
    """*texts* in the place of the two text arguments of a class set up with `lazy_texts`
    (typed as the texts they stand for)."""
    return texts, texts  # type: ignore[return-value]


def unknown(target: Target, actual: Actual, zh: str, en: str, *flags: Flag) -> Outcome:
    return out(target, actual, Status.UNKNOWN, zh, en, flags=frozenset(flags))


def actual_number(target_q: Any, actual: Measured) -> tuple[Decimal, bool]:
    """B in the target's unit, and whether the unit was assumed. A bare actual takes the
    target's unit; a target written without a unit ("[80,90]", "≥2000") takes the actual's."""
    if not actual.unit_written or not q.text_of(target_q):
        return actual.value.magnitude, not actual.unit_written
    value = actual.value
    if value._units is target_q._units:  # the same unit: nothing to convert (magnitude_as's own
        return value.magnitude, False  # first test, without a call)
    return q.magnitude_as(value, target_q), False


#: the comparator that failed, as a reason writes it (≥ fails as <)
NEGATE = {Op.GE: "<", Op.GT: "≤", Op.LE: ">", Op.LT: "≥", Op.EQ: "≠"}
