"""The inputs a compiled rule needs: one `Input` per fact it asks for, with labels from the
text, in the order of the text.

Example:
    >>> from perfindicators.criteria import criterion
    >>> [i.key for i in inputs_of(criterion("每发现1处扣1分", weight=3).rule)]
    ['count:发现']
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from .model import (
    Bound,
    Checklist,
    Choice,
    Exempt,
    Formula,
    FullOrDeduct,
    Input,
    Interpolate,
    Judgement,
    Node,
    Occurrences,
    Proportional,
    Rank,
    Requirement,
    Step,
    Sum,
    Veto,
)

__all__ = ["inputs_of"]

@functools.singledispatch
def _inputs(node: object) -> Iterator[Input]:
    yield from ()


def _bound_inputs(bounds: tuple[Bound, ...]) -> Iterator[Input]:
    for b in bounds:
        if b.ref == "target":
            yield Input(b.kind, b.var)
            yield Input("target")
        elif b.ref:
            yield Input("value", b.var)
            yield Input("value", b.ref)
        else:
            yield Input(b.kind, b.var)


@_inputs.register
def _(node: Choice) -> Iterator[Input]:
    for o in node.options:
        yield from _bound_inputs(o.bounds)
    if any(not o.bounds for o in node.options):
        yield Input("level")
    if any(o.points is not None and not o.points.fixed for o in node.options):
        yield Input("pick")


@_inputs.register
def _(node: Checklist) -> Iterator[Input]:
    for i in node.items:
        yield Input("item", i.label)
        for part in i.parts:
            yield Input("item", part)


@_inputs.register
def _(node: Occurrences) -> Iterator[Input]:
    for k in node.kinds:
        yield Input("item" if k.once else "count", k.label)


@_inputs.register
def _(node: Step) -> Iterator[Input]:
    yield Input(node.kind, node.var)
    if node.anchor is None:
        yield Input("target")


@_inputs.register
def _(node: Proportional) -> Iterator[Input]:
    yield Input("value")
    if node.factor is None:
        yield Input("target")


@_inputs.register
def _(node: Interpolate) -> Iterator[Input]:
    yield Input("value")


@_inputs.register
def _(node: Rank) -> Iterator[Input]:
    yield Input("rank")


@_inputs.register
def _(node: Requirement) -> Iterator[Input]:
    for i in node.items:
        yield Input("item", i)
    yield from _bound_inputs(node.bounds)


@_inputs.register
def _(node: FullOrDeduct) -> Iterator[Input]:
    for i in node.items:
        yield Input("item", i)
    for d in node.deductions:
        yield Input("item", d.label)
    yield from _bound_inputs(node.bounds)
    if node.judged:
        yield Input("pick")


@_inputs.register
def _(node: Veto) -> Iterator[Input]:
    for e in node.events:
        yield Input("veto", e)
    yield from _bound_inputs(node.bounds)


@_inputs.register
def _(node: Judgement) -> Iterator[Input]:
    yield Input("pick")


@_inputs.register
def _(node: Formula) -> Iterator[Input]:
    defs = dict(node.defs)
    if node.terms:
        for _, label in node.terms:
            yield Input("value", defs.get(label, label))
    else:
        yield Input("value")


@_inputs.register
def _(node: Exempt) -> Iterator[Input]:
    yield Input("item", node.label)
    yield from _inputs(node.node)


@_inputs.register
def _(node: Sum) -> Iterator[Input]:
    for part in node.parts:
        yield from _inputs(part.node)


def inputs_of(node: Node) -> tuple[Input, ...]:
    """The inputs a rule needs, each once, in the order of the text."""
    seen: list[Input] = []
    for i in _inputs(node):
        if i not in seen:
            seen.append(i)
    return tuple(seen)
