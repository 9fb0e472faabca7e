"""The rule nodes of a compiled criterion: frozen attrs values, Decimal parameters.

A criterion compiles to one node (a `Sum` of `Part` values when it has several parts with
their own floors). Nodes hold only what the text says plus the defaults that were declared;
scoring lives in `perfindicators.criteria.engine`, canonical text in
`perfindicators.criteria.render`.

Example:
    >>> from perfindicators.criteria import criterion
    >>> criterion("每发现1处扣0.5分", weight=4).rule
    Occurrences(kinds=(Kind(label='发现', price=Decimal('0.5'), cap=None, once=False),), base=None, cap=None)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Union

import attrs

__all__ = [
    "INPUT_KINDS",
    "Bound",
    "Check",
    "Checklist",
    "Choice",
    "Exempt",
    "Formula",
    "FullOrDeduct",
    "Input",
    "Interpolate",
    "Judgement",
    "Kind",
    "Node",
    "Occurrences",
    "Option",
    "Part",
    "Proportional",
    "Rank",
    "Requirement",
    "Span",
    "Step",
    "Sum",
    "Veto",
]

#: the kinds of input a criterion may need (the vocabulary of facts)
INPUT_KINDS = ("value", "target", "count", "item", "level", "delay", "rank", "veto", "pick")


def _dec(v: Any) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(str(v))


def _opt_dec(v: Any) -> Decimal | None:
    return None if v is None else _dec(v)


@attrs.frozen
class Input:
    """What a criterion needs to be scored: a kind and a label taken from the text.

    >>> Input("count", "不符合要求的").key
    'count:不符合要求的'
    """

    kind: str = attrs.field(validator=attrs.validators.in_(INPUT_KINDS))
    label: str = ""

    @property
    def key(self) -> str:
        """The fact key that names this input exactly (``count:不符合要求的``)."""
        return f"{self.kind}:{self.label}" if self.label else self.kind


@attrs.frozen
class Span:
    """Points: a fixed number (``lo == hi``) or a range the evaluator picks in.

    >>> Span(Decimal(2), Decimal(2)).fixed
    True
    """

    lo: Decimal = attrs.field(converter=_dec)
    hi: Decimal = attrs.field(converter=_dec)

    @property
    def fixed(self) -> bool:
        """Whether the text gives one number."""
        return self.lo == self.hi


@attrs.frozen
class Bound:
    """A condition on one measured variable (value, delay …) or a comparison with a reference.

    ``lo``/``hi`` are the edges (None = open), ``lo_incl``/``hi_incl`` whether they count;
    ``ref`` names what to compare with when the text gives no number (``target`` or a value
    label such as ``上年结转``) and ``ref_op`` how (``le`` ``lt`` ``ge`` ``gt``).
    """

    var: str = ""
    lo: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    hi: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    lo_incl: bool = True
    hi_incl: bool = True
    ref: str | None = None
    ref_op: str | None = None
    kind: str = "value"
    unit: str = ""


@attrs.frozen
class Option:
    """One band or level: the conditions that select it and what it gives."""

    label: str
    points: Span | None
    bounds: tuple[Bound, ...] = ()
    item: str | None = None  # the level's conditions in words, when longer than its label
    veto: bool = False


@attrs.frozen
class Choice:
    """Bands on measured values and/or qualitative levels: the first option that applies.

    ``mode`` is ``first`` (one variable, or all conditions of a band at once) or
    ``lower_band`` (several variables: each picks its band, the lower one counts).
    """

    options: tuple[Option, ...]
    mode: str = "first"


@attrs.frozen
class Check:
    """A checklist item: points when satisfied (``sign`` +1) or a deduction when not (-1)."""

    label: str
    points: Decimal = attrs.field(converter=_dec)
    sign: int = 1
    parts: tuple[str, ...] = ()


@attrs.frozen
class Checklist:
    """Items that add up (and deductions for unmet requirements), within [0, weight].

    ``unknown`` is the part of the weight whose items the text has lost (a truncated copy).
    """

    items: tuple[Check, ...]
    unknown: Decimal = attrs.field(default=Decimal(0), converter=_dec)


@attrs.frozen
class Kind:
    """A priced kind of occurrence: ``price`` per occurrence, at most ``cap`` in all.
    ``once``: the text prices the failure itself, not each occurrence."""

    label: str
    price: Decimal = attrs.field(converter=_dec)
    cap: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    once: bool = False


@attrs.frozen
class Occurrences:
    """Deductions per occurrence (or bonuses, with a negative price) from ``base``."""

    kinds: tuple[Kind, ...]
    base: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    cap: Decimal | None = attrs.field(default=None, converter=_opt_dec)  # on all deductions


@attrs.frozen
class Step:
    """Linear steps away from an anchor: ``price`` per ``size`` on the bad side.

    ``bad`` is ``above`` or ``below``; ``anchor`` a number, or None for the target;
    ``partial`` is ``ceil`` when the text says 不足一个…按一个计算, else the declared default;
    ``implicit``: the text writes no anchor at all (100 % below, 0 above are defaults), so a
    form row's own target may stand in for it (`Criterion` as a policy does so).
    """

    price: Decimal = attrs.field(converter=_dec)
    size: Decimal = attrs.field(converter=_dec)
    bad: str = "below"
    anchor: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    var: str = ""
    kind: str = "value"
    partial: str = "pro_rata"
    cap: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    unit: str = ""
    implicit: bool = attrs.field(default=False, eq=False, repr=False)


@attrs.frozen
class Proportional:
    """Points in proportion to a rate: ``weight × value%`` (``per`` 100), or
    ``weight × value/target`` when the value is an amount; ``cap`` caps the rate."""

    per: Decimal = attrs.field(default=Decimal(100), converter=_dec)
    factor: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    cap: Decimal | None = attrs.field(default=None, converter=_opt_dec)
    direction: str = "auto"


@attrs.frozen
class Interpolate:
    """0 at or below ``lo``, the full weight at ``hi``, linear between."""

    lo: Decimal = attrs.field(converter=_dec)
    hi: Decimal = attrs.field(converter=_dec)
    lo_incl: bool = True


@attrs.frozen
class Rank:
    """Full points for rank 1, ``price`` less for each place after it."""

    price: Decimal = attrs.field(converter=_dec)


@attrs.frozen
class Requirement:
    """All-or-nothing: the weight when every condition holds, else ``fail`` (0 unless the text
    states a deduction)."""

    items: tuple[str, ...] = ()
    bounds: tuple[Bound, ...] = ()
    fail: Decimal = attrs.field(default=Decimal(0), converter=_dec)


@attrs.frozen
class FullOrDeduct:
    """The weight when met; each stated failure deducts its price (c177 有得10分,无扣2分)."""

    items: tuple[str, ...]
    deductions: tuple[Check, ...]
    bounds: tuple[Bound, ...] = ()
    judged: bool = False


@attrs.frozen
class Veto:
    """A veto or gate: fires when any event happened or any condition holds."""

    events: tuple[str, ...] = ()
    bounds: tuple[Bound, ...] = ()
    effect: str = "不合格"


@attrs.frozen
class Judgement:
    """The evaluator decides within [lo, hi] (酌情扣分, 根据实际情况评分, a 0–N continuum)."""

    lo: Decimal = attrs.field(converter=_dec)
    hi: Decimal | None = attrs.field(default=None, converter=_opt_dec)  # None: the weight
    label: str = ""
    deduction: bool = False


@attrs.frozen
class Formula:
    """A formula over labelled values: ``sum`` (Σ), ``linear`` (± terms) or ``rescale``
    (score / applicable weight × 100)."""

    form: str
    terms: tuple[tuple[int, str], ...] = ()
    factor: Decimal = attrs.field(default=Decimal(1), converter=_dec)
    #: names defined in words: (name, label) means name = the weight − the value of label
    #: (应将此栏目分值扣除掉后,作为标准总分)
    defs: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class Exempt:
    """An exemption (无该项任务的不扣分): the full weight when ``item:<label>`` is true, else
    the rule."""

    node: Node
    label: str


@attrs.frozen
class Part:
    """A part of a composite criterion, with its own weight (and floor at 0)."""

    node: Node
    weight: Decimal = attrs.field(converter=_dec)
    label: str = ""


@attrs.frozen
class Sum:
    """Several parts added up (each floored and capped at its own weight)."""

    parts: tuple[Part, ...]


#: any rule node
Node = Union[Choice, Checklist, Occurrences, Step, Proportional, Interpolate, Rank,
             Requirement, FullOrDeduct, Veto, Judgement, Formula, "Sum", Exempt]
