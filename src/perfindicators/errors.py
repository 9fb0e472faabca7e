"""The exception hierarchy of perfindicators.

Every error raised on bad input derives from `PerfIndicatorError` and
also from the nearest builtin (``ValueError``, ``TypeError``, ``LookupError``),
so existing ``except`` clauses keep working.  Errors keep their facts as
attributes (``text``, ``column``, ``expected``, ``hint`` …) and build their
message from them; they pickle.

Example:
    >>> import perfindicators as pi
    >>> try:
    ...     pi.parse("≥")
    ... except pi.TargetSyntaxError as e:
    ...     print(e)
    cannot read the target: a number is missing after the comparator
      ≥
       ^
    hint: write the value after the comparator, e.g. "≥60项"
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs

__all__ = [
    "BatchError",
    "CellProblem",
    "CriterionSyntaxError",
    "EvaluationError",
    "FormReadError",
    "PerfIndicatorError",
    "PolicyError",
    "RowError",
    "SchemeError",
    "TargetSyntaxError",
    "TextSyntaxError",
    "UnitMismatchError",
    "UnknownNameError",
    "UnknownUnitError",
    "WeightError",
    "YearError",
    "caret_line",
    "detached",
    "display_width",
]


def display_width(text: str) -> int:
    """Columns that *text* takes on a terminal: East-Asian wide characters count two.

    >>> display_width("≥60项")
    5
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def caret_line(text: str, column: int, length: int = 1) -> str:
    """The two lines that show *text* with carets under ``text[column:column+length]``.

    >>> print(caret_line("不超过100万元x", 8))
      不超过100万元x
                   ^
    """
    column = max(0, min(column, len(text)))
    pad = display_width(text[:column])
    under = text[column : column + max(length, 1)]
    marks = max(display_width(under), 1)
    return f"  {text}\n  {' ' * pad}{'^' * marks}"


E = TypeVar("E", bound=BaseException)


class PerfIndicatorError(Exception):
    """Base class of every error perfindicators raises on bad input."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\nhint: {self.hint}"
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.__dict__.copy()))


def detached(err: E) -> E:
    """*err* without foreign exceptions (lark's, which hold a parser's state) in its chain of
    causes and contexts, so that it pickles even where tblib pickles chains and tracebacks (as
    Dask installs it). Raise the result outside the ``except`` block that caught the foreign
    error, or Python links it again."""
    link: BaseException | None = err
    while link is not None:
        for attr in ("__cause__", "__context__"):
            nxt = getattr(link, attr)
            if nxt is not None and not isinstance(nxt, PerfIndicatorError):
                setattr(link, attr, None)
        link = link.__context__
    err.__suppress_context__ = True
    return err


def _rebuild(cls: type[PerfIndicatorError], state: dict[str, Any]) -> PerfIndicatorError:
    err = cls.__new__(cls)
    Exception.__init__(err, state.get("message", ""))
    err.__dict__.update(state)
    return err


class TextSyntaxError(PerfIndicatorError, ValueError):
    """A text that cannot be read, with the place: the base of `TargetSyntaxError` and
    `CriterionSyntaxError`; its message ends with the text and a caret under the place.

    Attributes:
        text: the text as the user wrote it.
        column: index of the offending character in ``text`` (0-based).
        length: how many characters the caret underlines.
        expected: names of what would have been accepted there.
        hint: a suggestion to fix it.
    """

    def __init__(
        self,
        message: str,
        *,
        text: str,
        column: int,
        expected: Sequence[str] = (),
        hint: str | None = None,
        length: int = 1,
    ) -> None:
        super().__init__(message, hint=hint)
        self.text = text
        self.column = column
        self.length = length
        self.expected = tuple(expected)

    def __str__(self) -> str:
        out = f"{self.message}\n{caret_line(self.text, self.column, self.length)}"
        if self.hint:
            out += f"\nhint: {self.hint}"
        return out


class TargetSyntaxError(TextSyntaxError):
    """A text that looks like a target or an actual value but cannot be read (fields as in
    `TextSyntaxError`)."""


class UnknownUnitError(PerfIndicatorError, LookupError):
    """A unit word the registry does not know (raised only in strict mode).

    Attributes:
        unit: the word.
        suggestions: known units that look alike.
    """

    def __init__(self, unit: str, suggestions: Sequence[str] = (), *, text: str | None = None,
                 column: int | None = None) -> None:
        self.unit = unit
        self.suggestions = tuple(suggestions)
        self.text = text
        self.column = column
        hint = (
            "did you mean " + " or ".join(f'"{s}"' for s in self.suggestions) + "?"
            if self.suggestions
            else "declare it in the unit definitions, or parse without strict=True"
        )
        msg = f'unknown unit "{unit}"'
        if text is not None and column is not None:
            msg += "\n" + caret_line(text, column, len(unit))
        super().__init__(msg, hint=hint)


class UnitMismatchError(PerfIndicatorError, TypeError):
    """Two quantities that cannot be compared (项 with 家, 万元 with %).

    Attributes:
        target_unit: the unit of the target.
        actual_unit: the unit of the actual value.
    """

    def __init__(self, target_unit: str, actual_unit: str) -> None:
        self.target_unit = target_unit
        self.actual_unit = actual_unit
        super().__init__(
            f'cannot compare "{actual_unit}" with "{target_unit}": they measure different things',
            hint="check that the actual value is written in the target's unit",
        )


class UnknownNameError(PerfIndicatorError, LookupError):
    """A name that is not registered (an example, a policy, a scheme).

    Attributes:
        name: the name asked for.
        what: what kind of thing was looked up.
        valid: the names that exist.
    """

    def __init__(self, name: str, what: str, valid: Sequence[str]) -> None:
        self.name = name
        self.what = what
        self.valid = tuple(valid)
        super().__init__(f"no {what} named {name!r}",
                         hint="valid names: " + ", ".join(self.valid) if self.valid else None)


class EvaluationError(PerfIndicatorError, ValueError):
    """A target and an actual value that cannot be evaluated together."""


class RowError(PerfIndicatorError, ValueError):
    """One bad row of a batch: its index, the field at fault and the underlying error."""

    def __init__(self, row: int, error: PerfIndicatorError, *, field: str | None = None) -> None:
        self.row = row
        self.field = field
        self.error = error
        where = f"row {row}" + (f", {field}" if field else "")
        super().__init__(f"{where}: {error}")


class BatchError(PerfIndicatorError, ValueError):
    """Every bad row of a batch, reported together.

    The message lists the first `MAX_LISTED` rows and counts the rest; every row stays in
    ``errors``.  It pickles with plain values (row numbers, fields, messages and the errors
    themselves), so it crosses processes (Dask, ``concurrent.futures``) intact.

    Attributes:
        errors: the `RowError` of each bad row, in order.
        results: the results of the good rows, ``None`` where a row failed.
    """

    #: rows listed in the message
    MAX_LISTED = 20

    def __init__(self, errors: Sequence[RowError], results: Sequence[Any] = ()) -> None:
        self.errors = tuple(errors)
        self.results = tuple(results)
        shown = [str(e) for e in self.errors[: self.MAX_LISTED]]
        more = len(self.errors) - len(shown)
        lines = [f"{len(self.errors)} bad row(s):", *shown]
        if more:
            lines.append(f"… and {more} more (see .errors)")
        super().__init__("\n".join(lines))


class WeightError(PerfIndicatorError, ValueError):
    """A weight (分值) that is not a non-negative number."""


class SchemeError(PerfIndicatorError, ValueError):
    """A scheme file or definition that cannot be used.

    Attributes:
        key: the dotted key at fault (``rules[2].policy``).
        line: its line in the file, when known.
        path: the file, when read from one.
    """

    def __init__(self, message: str, *, key: str | None = None, line: int | None = None,
                 path: str | None = None, hint: str | None = None) -> None:
        self.key, self.line, self.path = key, line, path
        where = ":".join(str(x) for x in (path, line) if x is not None)
        prefix = f"{where}: " if where else ""
        at = f" (key {key})" if key else ""
        super().__init__(f"{prefix}{message}{at}", hint=hint)


@attrs.frozen
class CellProblem:
    """One problem in a file: where, and what."""

    message: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None

    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


class FormReadError(PerfIndicatorError, ValueError):
    """A form file that cannot be read; lists every problem with its place.

    Attributes:
        path: the file.
        problems: the `CellProblem` list.
    """

    def __init__(self, path: str, problems: Sequence[CellProblem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        lines = [f"{path}: {len(self.problems)} problem(s)"]
        for p in self.problems:
            where = p.where()
            lines.append(f"  {where}: {p.message}" if where else f"  {p.message}")
        super().__init__("\n".join(lines))

    def __eq__(self, other: object) -> bool:
        """Equal when the file and every problem are (so it compares equal after pickling)."""
        if not isinstance(other, FormReadError):
            return NotImplemented
        return type(self) is type(other) and (self.path, self.problems) == (other.path,
                                                                              other.problems)

    def __hash__(self) -> int:
        return hash((type(self), self.path, self.problems))


class PolicyError(PerfIndicatorError, TypeError):
    """A policy that does not keep the contract (or a name that is taken).

    Attributes:
        name: the policy's name.
        plugin: the entry point it came from, if any.
    """

    def __init__(self, message: str, *, name: str, plugin: str | None = None) -> None:
        self.name = name
        self.plugin = plugin
        where = f" (plug-in {plugin})" if plugin else ""
        super().__init__(f"policy {name!r}{where}: {message}")


class YearError(PerfIndicatorError, ValueError):
    """A form year (``year=``) that is not a calendar year: ``True``, ``2021.5``, ``"明年"``."""


class CriterionSyntaxError(TextSyntaxError):
    """A scoring criterion (评分标准) that cannot be read, or that leaves a parameter missing
    (fields as in `TextSyntaxError`)."""


class Unkeyable(TypeError):  # internal: never reaches a user
    """A value with no faithful memo key (its equality may ignore something): do not memoise."""
