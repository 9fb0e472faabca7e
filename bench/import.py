"""Cold ``import perfindicators``: the median time of N fresh interpreters, then the heaviest
imports by cumulative time (``python -X importtime``).

Each run is a new process that times the import statement alone (interpreter start-up
excluded). By default the runs use compiled bytecode, as an installed package does: the
``.pyc`` files go to a temporary ``PYTHONPYCACHEPREFIX`` (nothing is written into the source
tree) and one unmeasured run fills it. ``--no-bytecode`` keeps the environment as it is (with
``PYTHONDONTWRITEBYTECODE`` set, an editable install then compiles its sources on every run).
The second figure is the import followed by the first ``pi.parse``, which loads what parsing
needs and builds the parser: the cost that importing no longer pays up front.

    python bench/import.py [--n 7] [--top 15] [--python .venv/bin/python] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

IMPORT = "import perfindicators"
FIRST_PARSE = "import perfindicators as pi; pi.parse('≥60项')"


def _env(bytecode_dir: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if bytecode_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_dir
    return env


def timed(python: str, statement: str, env: dict[str, str]) -> float:
    """Seconds that *statement* takes in a fresh interpreter."""
    code = ("import time; _t = time.perf_counter()\n" + statement
            + "\nprint(time.perf_counter() - _t)")
    out = subprocess.run([python, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def median_time(python: str, statement: str, env: dict[str, str], n: int) -> float:
    return statistics.median(timed(python, statement, env) for _ in range(n))


def importtime(python: str, statement: str, env: dict[str, str]) -> list[tuple[int, int, str]]:
    """``-X importtime`` of *statement*: (self µs, cumulative µs, indented module name) rows,
    without the modules that the interpreter imports at start-up (those of ``-c pass``)."""
    def rows_of(code: str) -> list[tuple[int, int, str]]:
        out = subprocess.run([python, "-X", "importtime", "-c", code], env=env,
                             capture_output=True, text=True, check=True)
        rows = []
        for line in out.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, cumulative, name = line.removeprefix("import time:").split("|", 2)
            rows.append((int(own), int(cumulative), name.rstrip()))
        return rows

    start_up = len(rows_of("pass"))
    return rows_of(statement)[start_up:]


def _top_level(name: str) -> bool:
    return len(name) - len(name.lstrip()) == 1


def report(rows: list[tuple[int, int, str]], top: int) -> None:
    total = sum(cumulative for _, cumulative, name in rows if _top_level(name))
    print(f"  -X importtime total: {total / 1000:.1f} ms, {len(rows)} modules; "
          "the heaviest by cumulative time (ms, self | cumulative | module):")
    for own, cumulative, name in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {own / 1000:8.1f} | {cumulative / 1000:8.1f} | {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=7, help="fresh interpreters per figure (default 7)")
    ap.add_argument("--top", type=int, default=15, help="importtime rows to print (default 15)")
    ap.add_argument("--python", default=sys.executable, help="the interpreter to measure")
    ap.add_argument("--no-bytecode", action="store_true", help="leave the environment as it is")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="pi-bench-pyc-") as pyc:
        env = _env(None if args.no_bytecode else pyc)
        timed(args.python, FIRST_PARSE, env)  # compiles once (and warms the OS's file cache)
        figures = [(statement, median_time(args.python, statement, env, args.n),
                    importtime(args.python, statement, env)) for statement in (IMPORT, FIRST_PARSE)]
    how = "bytecode as in the environment" if args.no_bytecode else "compiled bytecode"
    print(f"python: {args.python} ({how}); medians of {args.n} fresh interpreters")
    for statement, seconds, rows in figures:
        print(f"`{statement}`: {seconds * 1000:.1f} ms")
        report(rows, args.top)


if __name__ == "__main__":
    main()
