"""Scheme plug-ins for tests/test_registry.py: what an entry point of the group
``perfindicators.schemes`` may name (and what it must not)."""

from __future__ import annotations

from pathlib import Path

from perfindicators.schemes import Rule, Scheme, load_scheme

WEIGHTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10, "预算执行率": 10}
GRADES = {"优": 90, "良": 80, "中": 60, "差": 0}

#: a Scheme object
STRICT = Scheme("demo-strict", [Rule("all-or-nothing")], WEIGHTS, GRADES)
#: the path of a TOML file, as a package would ship it
TOML = Path(__file__).with_name("demo-bureau.toml")
#: something that is not a scheme
NOT_A_SCHEME = 42
#: a scheme under another name than its entry point's
MISNAMED = Scheme("something-else", [Rule("proportional")], WEIGHTS, GRADES)


def build() -> Scheme:
    """A function that builds a scheme without arguments."""
    return load_scheme(TOML, name="demo-built")
