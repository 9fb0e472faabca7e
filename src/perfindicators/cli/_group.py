"""The command group, its exit codes and the helpers every command shares."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any, NoReturn

import click

from .. import __version__
from .._terminal import safe as _safe
from ..errors import PerfIndicatorError
from ..targets import Target

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "cli"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

def _quiet_pipe() -> None:
    """Standard output was closed (``… | head``): send what is left nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner)
        pass


class _Group(click.Group):
    """The command group: a closed pipe ends quietly, a bug exits with status 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            _quiet_pipe()
            ctx.exit(ctx.meta.get("status", EXIT_OK))
        except PerfIndicatorError as e:
            click.echo(_safe(str(e)), err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except Exception:
            click.echo("internal error (a bug in perfindicators; please report it):\n"
                       + traceback.format_exc(), err=True)
            ctx.exit(EXIT_INTERNAL)


def _fail(error: PerfIndicatorError | str) -> NoReturn:
    click.echo(_safe(str(error)), err=True)
    sys.exit(EXIT_BAD_INPUT)


def _terminal(plain: bool) -> bool:
    """Rich output on a terminal (or where ``FORCE_COLOR`` asks for it), not when plain text is
    asked for; ``NO_COLOR`` keeps the tables but drops the colours."""
    return not plain and (sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR")))


def _describe(t: Target) -> dict[str, Any]:
    d = t.to_dict()
    d["canonical"] = str(t)
    return d


def _line(text: str, t: Target) -> str:
    extra = ""
    subject = getattr(t, "subject", None)
    if subject:
        extra = f"  (about: {subject})"
    if getattr(t, "implicit", False):
        extra += "  (direction not written)"
    reason = getattr(t, "reason", None)
    if reason:
        extra += f"  (not measured: {reason})"
    return f"{text}\t→ {t.kind}\t{t}{extra}"


@click.group(cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="perfindicators")
def cli() -> None:
    """Read, check and score the targets of Chinese budget-performance indicators.

    \b
    Examples:
      perfindicators parse "≥60项" "不超过100万元" "12月底前" --year 2021
      perfindicators explain "≥60项" "30项" 3
      perfindicators score --example zgc-2021
      perfindicators audit form.xlsx --fail-on warning
      perfindicators schemes

    Exit codes: 0 ok, 1 audit findings at or above --fail-on, 2 bad input, 3 internal error.
    """


