"""The public surface: everything exported is documented, so the API pages are complete."""

from __future__ import annotations

import inspect

import perfindicators as pi


def test_all_is_sorted_and_importable() -> None:
    names = [n for n in pi.__all__ if not n.startswith("__")]
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    for name in pi.__all__:
        assert hasattr(pi, name), name


def test_every_public_object_and_member_has_a_docstring() -> None:
    missing = []
    for name in pi.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(pi, name)
        if inspect.ismodule(obj):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj) and obj.__module__.startswith("perfindicators"):
            for member, value in vars(obj).items():
                if member.startswith("_"):
                    continue
                fn = value.fget if isinstance(value, property) else value
                if callable(fn) and not (fn.__doc__ or "").strip():
                    missing.append(f"{name}.{member}")
    assert not missing, missing


def test_version() -> None:
    assert pi.__version__ and pi.__version__ != "0+unknown"
