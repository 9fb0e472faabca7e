"""The command line.

Commands: ``parse``, ``evaluate``, ``explain``, ``score``, ``audit``, ``schemes``. On a terminal
they print rich tables in colour; piped or redirected they print plain text, and ``--json``
prints JSON for scripts.

Exit codes: 0 ok; 1 audit findings at or above ``--fail-on``; 2 bad input (a target, an actual,
a weight, a file or a cell that cannot be read); 3 an internal error (a bug: please report it).
A closed pipe (``… | head``) ends the command quietly with the status it had; control
characters in the text of a form are shown escaped (``\\x1b``), never sent to the terminal.
"""

from __future__ import annotations

from . import forms, targets
from ._group import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, cli

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "cli", "forms", "main",
           "targets"]


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``perfindicators`` command."""
    cli.main(args=argv, prog_name="perfindicators")


if __name__ == "__main__":  # pragma: no cover
    main()


