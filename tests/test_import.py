"""``import perfindicators`` is cheap: the package's names are imported at first use (PEP 562),
and the names, their objects, ``dir``, star imports and type checking are what they were.

The import-time checks run in fresh interpreters: the modules they look for are in this
process's ``sys.modules`` already.
"""

from __future__ import annotations

import ast
import inspect
import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import perfindicators as pi

INIT = Path(pi.__file__)
#: what a cold ``import perfindicators`` must not import
HEAVY = ("pyarrow", "pandas", "numpy", "dask", "matplotlib", "openpyxl", "duckdb", "pyspark",
         "pint", "lark", "rich", "click", "jsonschema", "hypothesis")


def _fresh(code: str) -> object:
    """Run *code* in a new interpreter; it prints one JSON value, returned here."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_import_loads_none_of_the_package_and_no_heavy_library() -> None:
    loaded = _fresh(f"""
        import json, sys
        before = set(sys.modules)
        import perfindicators
        new = sorted(set(sys.modules) - before)
        heavy = [m for m in new if m.split(".")[0] in {HEAVY!r}]
        print(json.dumps({{"package": [m for m in new if m.startswith("perfindicators.")],
                          "heavy": heavy}}))
    """)
    assert loaded == {"package": [], "heavy": []}


@pytest.mark.slow
def test_the_core_and_the_frame_functions_load_no_optional_library() -> None:
    """Scoring a target, reading the example form and importing the frame and batch functions
    load neither pandas nor pyarrow; no parser is built before the first parse."""
    loaded = _fresh("""
        import json, sys
        import lark
        built = []
        init = lark.Lark.__init__
        def counting(self, *args, **kwargs):
            built.append(1)
            init(self, *args, **kwargs)
        lark.Lark.__init__ = counting
        import perfindicators as pi
        from perfindicators import frame_meta, score_arrow, score_forms, score_frame
        at_import = len(built)
        pi.score("≥60项", "30项", 3)
        pi.examples.load("zgc-2021")
        optional = ("pyarrow", "pandas", "matplotlib", "openpyxl", "duckdb", "pyspark", "rich")
        print(json.dumps({"optional": [m for m in optional if m in sys.modules],
                          "parsers built at import": at_import}))
    """)
    assert loaded == {"optional": [], "parsers built at import": 0}


@pytest.mark.slow
def test_a_module_of_the_package_does_not_replace_a_public_name() -> None:
    """Importing ``perfindicators.evaluate`` names the module on the package; ``pi.evaluate``
    stays the function, whichever is loaded first."""
    kinds = _fresh("""
        import json, types
        import perfindicators as pi
        import perfindicators.evaluate
        import perfindicators.evaluate as ev
        from perfindicators import evaluate
        print(json.dumps([isinstance(x, types.FunctionType) for x in (pi.evaluate, ev, evaluate)]
                         + [isinstance(pi.examples, types.ModuleType)]))
    """)
    assert kinds == [True, True, True, True]


def _declared() -> tuple[dict[str, tuple[str, str]], list[str]]:
    """The ``if TYPE_CHECKING:`` imports of ``__init__`` (name → module, attribute; attribute
    empty for a module) and its other imports of the package's modules."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    blocks = [node for node in ast.walk(tree) if isinstance(node, ast.If)
              and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"]
    typed = [imp for block in blocks for imp in block.body
             if isinstance(imp, ast.ImportFrom) and imp.level]
    names = {alias.asname or alias.name: ("." * imp.level + (imp.module or alias.name),
                                          alias.name if imp.module else "")
             for imp in typed for alias in imp.names}
    elsewhere = [ast.unparse(node) for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level and node not in typed]
    return names, elsewhere


def test_the_lazy_table_is_the_typed_imports_and_all() -> None:
    """One list of names, three views: the imports type checkers read, the table `__getattr__`
    imports from, and `__all__`. No other import of the package's modules sits in ``__init__``."""
    names, elsewhere = _declared()
    modules = {name for name, (_, attribute) in names.items() if not attribute}
    assert modules == {"examples"}
    assert vars(pi)["_WHERE"] == {name: names[name] for name in names.keys() - modules}
    assert sorted([*names, "__version__"]) == sorted(pi.__all__)
    assert elsewhere == []


def test_every_public_name_is_the_object_of_its_module() -> None:
    import importlib

    names, _ = _declared()
    for name, (module, attribute) in names.items():
        found = importlib.import_module(module, "perfindicators")
        expected = getattr(found, attribute) if attribute else found
        assert getattr(pi, name) is expected, name
    assert set(pi.__all__) <= set(dir(pi))
    assert {"units", "forms", "frames", "batch"} <= set(dir(pi))


def test_star_import_and_submodules_as_attributes() -> None:
    namespace: dict[str, object] = {}
    exec("from perfindicators import *", namespace)
    assert set(pi.__all__) <= set(namespace)
    assert namespace["score_frame"] is pi.frames.score_frame
    assert pi.forms.read_frame is sys.modules["perfindicators.forms.frame"].read_frame
    assert isinstance(pi.units, types.ModuleType)


def test_an_unknown_name_is_an_attribute_error() -> None:
    assert not hasattr(pi, "no_such_name")
    assert not hasattr(pi, "__no_such_dunder__")
    with pytest.raises(AttributeError, match="has no attribute 'parsee'"):
        pi.parsee  # noqa: B018
    with pytest.raises(ImportError):
        exec("from perfindicators import parsee", {})


def test_the_lazy_hook_is_hidden_from_type_checkers() -> None:
    """``__getattr__`` is assigned under ``if not TYPE_CHECKING``, so to mypy a misspelt
    ``pi.parsee`` is an error, and the names keep their types through the typed imports."""
    source = inspect.getsource(pi)
    assert "if not TYPE_CHECKING:" in source
    assert "def __getattr__" not in source
