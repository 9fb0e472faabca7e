"""Tests of perfindicators.errors: one hierarchy, builtin bases, fields, carets, pickling."""

from __future__ import annotations

import pickle

import pytest

import perfindicators as pi
from perfindicators import errors


def test_every_error_is_ours_and_a_builtin_too() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, Exception) and cls is not errors.Unkeyable:
            assert issubclass(cls, pi.PerfIndicatorError), name
            assert issubclass(cls, ValueError | TypeError | LookupError) or \
                cls is pi.PerfIndicatorError, name


def test_no_exception_class_lives_outside_errors() -> None:
    import inspect
    import pkgutil

    import perfindicators

    stray = []
    for info in pkgutil.walk_packages(perfindicators.__path__, "perfindicators."):
        module = __import__(info.name, fromlist=["_"])
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__ == info.name \
                    and info.name != "perfindicators.errors":
                stray.append(f"{info.name}.{obj.__name__}")
    assert stray == []


def test_syntax_errors_share_the_located_base() -> None:
    with pytest.raises(pi.TextSyntaxError) as target:
        pi.parse("≥")
    with pytest.raises(pi.TextSyntaxError) as criterion:
        pi.criterion("每发现一处扣 分", weight=5)
    for e in (target.value, criterion.value):
        assert "^" in str(e) and e.text and e.column >= 0
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is type(e) and str(again) == str(e)
