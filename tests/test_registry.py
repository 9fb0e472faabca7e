"""The one registry class (perfindicators._registry.Registry): names, decorator, replace=,
lookups by name or object, unknown names, plug-ins checked when they register and isolated
when broken, pickling of the defaults, and the test fixture's snapshot/restore."""

from __future__ import annotations

import multiprocessing
import pickle
from decimal import Decimal
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import perfindicators as pi
from perfindicators import _registry, schemes
from perfindicators._registry import Registry
from perfindicators.errors import PerfIndicatorError, PolicyError, SchemeError
from perfindicators.policies import PolicyRegistry, Proportional, registry

PLUGINS = Path(__file__).parent / "plugins"


# every test starts from the package's registries and empty caches, and leaves them so
pytestmark = pytest.mark.usefixtures("clean_state")


def numbers() -> Registry[int]:
    return Registry("number", {"one": 1}, check=lambda name, v: int(v),
                    is_entry=lambda v: isinstance(v, int))


def fake_entry_points(monkeypatch: pytest.MonkeyPatch, group: str, **values: str) -> None:
    """Entry points as installed packages would declare them (without installing any)."""
    eps = [EntryPoint(name, value, group) for name, value in values.items()]
    monkeypatch.setattr(_registry, "entry_points",
                        lambda group: [ep for ep in eps if ep.group == group])


# ---- names ---------------------------------------------------------------------------------

def test_register_get_by_name_or_object_and_the_decorator() -> None:
    reg = numbers()
    assert reg.register("two", "2") == "2"  # returned unchanged, stored checked
    assert reg.get("two") == 2 and reg.get(7) == 7
    assert reg.names() == ("one", "two") and list(reg) == ["one", "two"] and len(reg) == 2
    assert "two" in reg and 2 not in reg

    with pytest.raises(PerfIndicatorError, match="number 'bad': invalid literal"):
        reg.register("bad", "zwei")  # check's ValueError becomes the registry's, naming it


def test_the_decorator_form_returns_what_it_registers() -> None:
    classes: Registry[type] = Registry("class", check=lambda name, v: v)

    @classes.register("red")
    class Red:
        pass

    assert classes.get("red") is Red and classes.get(Red) is Red
    assert classes.name_of(Red) == "red" and classes.name_of(int) is None


def test_a_taken_name_needs_replace() -> None:
    reg = numbers()
    with pytest.raises(PerfIndicatorError, match="taken; pass replace=True"):
        reg.register("one", 1)  # even the same value
    version = reg.version
    reg.register("one", 11, replace=True)
    assert reg.get("one") == 11 and reg.version == version + 1


def test_unknown_names_list_the_valid_ones() -> None:
    with pytest.raises(pi.UnknownNameError) as info:
        numbers().get("uno")
    assert info.value.valid == ("one",) and "valid names: one" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_a_lookup_of_something_that_is_no_entry_fails() -> None:
    with pytest.raises(PerfIndicatorError, match="is not a number"):
        numbers().get(2.5)  # type: ignore[arg-type]
    with pytest.raises(PolicyError, match="is not a policy"):
        PolicyRegistry().get(3)  # type: ignore[arg-type]


def test_builtins_cannot_be_removed_and_removal_bumps_the_version() -> None:
    with pytest.raises(SchemeError, match="built in"):
        pi.schemes.unregister_scheme("central")
    reg = numbers()
    reg.register("two", 2)
    v = reg.version
    reg.unregister("two")
    reg.unregister("never-there")
    assert "two" not in reg and reg.version == v + 1


def test_one_class_serves_policies_and_schemes() -> None:
    assert isinstance(registry.default_registry, Registry)
    assert isinstance(schemes.default_registry, Registry)
    assert schemes.default_registry.get(pi.get_scheme("hubei")) is pi.get_scheme("hubei")
    assert registry.default_registry.name_of(registry.BUILTIN["ladder"]) == "ladder"


def test_snapshot_and_restore() -> None:
    reg = numbers()
    state = reg.snapshot()
    reg.register("two", 2)
    reg.restore(state)
    assert reg.names() == ("one",)


# ---- plug-ins ------------------------------------------------------------------------------

def test_policy_plugins_are_checked_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "perfindicators.policies",
                      **{"demo-class": "perfindicators.policies.builtin:AllOrNothing",
                         "demo-missing": "no_such_module_xyz:policy",
                         "demo-number": "decimal:MAX_PREC"})
    reg = PolicyRegistry()
    with pytest.raises(PolicyError) as info:
        reg.load_entry_points("perfindicators.policies")
    assert info.value.plugin is not None and "demo-missing" in str(info.value)
    assert "(plug-in demo-missing = no_such_module_xyz:policy)" in str(info.value)
    assert "cannot be loaded: ModuleNotFoundError" in str(info.value)


def test_broken_plugins_are_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "perfindicators.policies",
                      **{"demo-class": "perfindicators.policies.builtin:AllOrNothing",
                         "demo-number": "decimal:MAX_PREC"})
    reg = PolicyRegistry(entry_points=True)
    assert "demo-class" in reg.names()  # built from its class, without arguments
    assert isinstance(reg.get("demo-class"), pi.policies.AllOrNothing)
    assert set(reg.plugin_errors) == {"demo-number"}
    with pytest.raises(PolicyError, match=r"demo-number.*decimal:MAX_PREC.*not callable"):
        reg.get("demo-number")
    with pytest.raises(pi.UnknownNameError):
        reg.get("demo-clas")  # a typo stays a typo


def test_scheme_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGINS))
    fake_entry_points(monkeypatch, "perfindicators.schemes",
                      **{"demo-strict": "demo_schemes:STRICT",
                         "demo-bureau": "demo_schemes:TOML",
                         "demo-built": "demo_schemes:build",
                         "demo-number": "demo_schemes:NOT_A_SCHEME",
                         "demo-misnamed": "demo_schemes:MISNAMED"})
    assert pi.score("≥60项", "59项", 3, scheme="demo-strict").points == Decimal(0)
    bureau = pi.get_scheme("demo-bureau")
    assert bureau.policy_for(None, "成本指标", "comparison")[0] == "reverse-linear"
    assert pi.get_scheme("demo-built").name == "demo-built"
    errors = schemes.default_registry.plugin_errors
    assert set(errors) == {"demo-number", "demo-misnamed"}
    with pytest.raises(SchemeError, match=r"demo-misnamed = demo_schemes:MISNAMED.*calls itself"):
        pi.get_scheme("demo-misnamed")
    with pytest.raises(SchemeError, match=r"plug-in demo-number.*not a Scheme"):
        pi.get_scheme("demo-number")
    assert {"central", "demo-strict"} <= set(pi.schemes.scheme_names())


# ---- pickling ------------------------------------------------------------------------------

_CHILD = ("(lambda pickle: (lambda o: (o is __import__(mod, "
          "fromlist=['x']).default_registry, pickle.dumps(o)))(pickle.loads(blob)))"
          "(__import__('pickle'))")


@pytest.mark.parametrize("module", ["perfindicators.policies.registry", "perfindicators.schemes"])
def test_default_registries_pickle_by_reference(module: str) -> None:
    import importlib

    default = importlib.import_module(module).default_registry
    assert pickle.loads(pickle.dumps(default)) is default
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        is_default, back = pool.apply(eval, (_CHILD, {"blob": pickle.dumps(default), "mod": module}))
    assert is_default  # the fresh process's own default, with its own built-ins and plug-ins
    assert pickle.loads(back) is default


def test_a_registry_of_your_own_does_not_pickle() -> None:
    with pytest.raises(TypeError, match="does not pickle"):
        pickle.dumps(PolicyRegistry({"p": Proportional()}))

