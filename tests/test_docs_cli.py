"""docs/cli.md shows real sessions: run each command and compare with the page."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from perfindicators.cli import cli

ROOT = Path(__file__).parents[1]
PAGE = ROOT / "docs" / "cli.md"


def sessions() -> list[tuple[str, list[str]]]:
    """(command line, expected output lines) for every ``$ perfindicators …`` in the page."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S):
        current: tuple[str, list[str]] | None = None
        for line in block.splitlines():
            if line.startswith("$ perfindicators "):
                current = (line[2:], [])
                out.append(current)
            elif current is not None:
                current[1].append(line)
    return out


def run_line(line: str) -> list[str]:
    echo_status = line.endswith("; echo $?")
    line = line.removesuffix("; echo $?")
    command, _, pipe = line.partition(" | ")
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(cli, args)
    lines = result.output.splitlines()
    if pipe:
        tool, n = pipe.split()
        count = int(n.lstrip("-"))
        lines = lines[-count:] if tool == "tail" else lines[:count]
    if echo_status:
        lines.append(str(result.exit_code))
    return lines


def matches(expected: list[str], got: list[str]) -> bool:
    """``…`` alone on a line stands for any number of lines."""
    pattern = "\n".join(".*?" if e.strip() == "…" else re.escape(e) for e in expected)
    return re.fullmatch(pattern, "\n".join(got), re.S) is not None


SESSIONS = sessions()


def test_the_page_has_sessions() -> None:
    assert len(SESSIONS) >= 8


@pytest.mark.parametrize(("line", "expected"), SESSIONS, ids=[s[0] for s in SESSIONS])
def test_session(line: str, expected: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the page names files relative to the repository
    got = run_line(line)
    assert matches(expected, got), "\n".join(got)
