"""A tight LALR(1) runtime for the target grammar, driven by the tables lark builds.

lark stays the single source of truth: the grammar files are compiled by lark as before, and
this runtime reads what lark made of them — the LALR parse table (states, shifts, reductions,
gotos), the contextual lexer's scanner for every parser state (the same compiled regular
expressions, in lark's order of priority and length, with lark's own terminal callbacks and
the ``lexer_callbacks`` that note the cues), and the rule → callback mapping that lark's
``ParseTreeBuilder`` derives (``maybe_placeholders``, ``?rule`` and ``_rule`` inlining, aliases,
``v_args(inline=True)``). Each reduction then calls the builder's method directly, with the
arguments lark would pass, instead of going through lark's wrapper chain.

Whatever the fast path cannot finish — a lexing or parse error, a token on a line of its own,
anything unexpected — is handed to lark itself, from scratch (the builder's per-parse notes
forgotten first), so errors, their messages and columns stay exactly lark's.

**Shapes.** Targets of one shape (``≥60项``, ``≥75项``, see perfindicators._shapes) lex and
parse alike: the plan of one (its tokens and the exact sequence of lexing, shift and reduce
steps) is replayed for the other, with the tokens cut from the actual text, so that every
callback still sees the actual values and every value-dependent decision of the builder is
taken afresh. Plans that differ only in where their tokens stand share a skeleton, compiled
into straight-line calls once used often; the commonest shapes (one number flowing unchanged
into a comparison) have a template that skips the builder's rules but its ``number``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import lark.visitors
from lark import Lark, Token
from lark.lexer import ContextualLexer
from lark.parsers.lalr_analysis import Shift

from . import _cache
from ._shapes import Template, check_digit_literals, shape_key, to_key
from .errors import PerfIndicatorError

if TYPE_CHECKING:
    from .targets import Target

__all__ = ["FastParser"]


#: raised when the fast path cannot finish a text: lark parses it (a builtin class, so that
#: every exception class of the package lives in `perfindicators.errors`; whatever else the
#: fast path raises, but the builder's own errors, sends the text to lark just the same)
_Fallback = RuntimeError


class _Inline:
    """The value of an inlined rule (``_rule`` and lark's ``__x_star_n`` helpers): its
    children, spliced into the parent's arguments (lark builds a tree and splices its
    children; nothing else ever sees it)."""

    __slots__ = ("children",)

    def __init__(self, children: list[Any]) -> None:
        self.children = children


_NEW_TOKEN: Callable[..., Token] = getattr(Token, "_future_new", Token)

# ---- the runtime -------------------------------------------------------------------------

_PlanToken = tuple[int, str, str, int, int, int, int]


class _Skeleton:
    """The steps and token types that plans of several shapes share (``≥0%`` and ``>=0人``
    differ only in where their tokens stand), compiled into one function once used often."""

    __slots__ = ("fn", "uses")

    def __init__(self) -> None:
        self.uses = 0
        self.fn: Callable[[str, list[int], tuple[int, ...]], Any] | None = None


class _Plan:
    """What parsing one shape did: its tokens (the parser state that lexed it, the lexed
    type, the final type, and its start and end as a position in the shape and the number of
    runs of digits before it) and its steps (``>= 0`` reduce that rule, ``-1`` shift the last
    token, ``<= -2`` lex token ``-2 - op``); *positions* are the tokens' places, flat, for
    the compiled skeleton."""

    __slots__ = ("ops", "positions", "skeleton", "template", "tokens")

    def __init__(self, tokens: tuple[_PlanToken, ...], ops: tuple[int, ...],
                 skeleton: _Skeleton) -> None:
        self.tokens = tokens
        self.ops = ops
        self.positions = tuple(p for t in tokens for p in t[3:])
        self.skeleton = skeleton
        self.template: Template | None = None


class FastParser:
    """Parses like ``lark_parser.parse`` (a LALR parser with a contextual lexer, built with
    *builder* as its ``transformer=``), faster; lark itself reads what this cannot."""

    #: the most shapes remembered (the plans of further shapes are not kept)
    MAX_SHAPES = 65536

    def __init__(self, lark_parser: Lark, builder: Any) -> None:
        self.lark = lark_parser
        self.builder = builder
        self._lark_parse = lark_parser.parse
        self._forget: Callable[[], None] = builder.forget
        # the builder's ``run``, bound once (lark's v_args wraps every public method of the
        # builder, and unwrapping it on each call costs more than a parse's lexing)
        run = builder.run
        self._builder_run: Callable[..., Any] = getattr(run, "base_func", run)
        #: whether the fast path runs at all, whether it memoises shapes and whether a shape
        #: may have a template (tests and benchmarks switch)
        self.fast = True
        self.memo = True
        self.strip_templates = False
        self._plans: dict[str, _Plan] = {}
        self._skeletons: dict[Any, _Skeleton] = {}
        self.counts = {"fast": 0, "replayed": 0, "lark": 0}
        frontend: Any = lark_parser.parser
        lexer = frontend.lexer
        opts = lark_parser.options
        lalr = frontend.parser.parser
        usable = (isinstance(lexer, ContextualLexer) and opts.parser == "lalr"
                  and opts.postlex is None and opts.maybe_placeholders
                  and not opts.propagate_positions and opts.transformer is builder
                  and not lark_parser.lexer_conf.use_bytes
                  and not any(isinstance(k, str) for k in lalr.callbacks))
        if not usable:  # pragma: no cover - the target parser is built this way
            self.fast = False
            return
        self.memo = check_digit_literals(lark_parser)
        _cache.register("perfindicators._lalr.shapes", self._clear, lambda: len(self._plans))
        table = lalr.parse_table
        self._start = table.start_states["start"]
        self._end = table.end_states["start"]
        rules: dict[Any, int] = {}
        ordered: list[Any] = []
        self._actions: list[dict[str, int]] = [{} for _ in range(max(table.states) + 1)]
        for state, row in table.states.items():
            out = self._actions[state]
            for key, (action, arg) in row.items():
                if action is Shift:
                    out[key] = arg
                else:
                    index = rules.get(arg)
                    if index is None:
                        index = rules[arg] = len(ordered)
                        ordered.append(arg)
                    out[key] = ~index
        self._sizes = tuple(len(r.expansion) for r in ordered)
        self._origins = tuple(r.origin.name for r in ordered)
        self._rules = tuple(_Rule(r, builder, lalr.callbacks[r]) for r in ordered)
        self._reducers = tuple(_reducer(r) for r in self._rules)
        # the builder's reading of a number, for templates (perfindicators._shapes)
        self._number = next((r.func for r in self._rules if r.name == "number" and r.kind == "method"),
                            None)
        self._lexer = lexer
        self._lexers: list[tuple[Any, ...] | None] = [None] * len(self._actions)

    # -- the lexer of a parser state: lark's own scanner, callbacks and ignored terminals -----
    def _lexer_of(self, state: int) -> tuple[Any, ...]:
        basic = self._lexer.lexers[state]
        scanner = basic.scanner  # built lazily by lark, once per set of accepted terminals
        found = (tuple(m.match for m in scanner._mres), dict(basic.callback),
                 frozenset(basic.ignore_types))
        self._lexers[state] = found
        return found

    # -- entry points ---------------------------------------------------------------------
    def run(self, text: str, *, year: int | None, strict: bool, masked: str | None = None,
            ) -> Target:
        """The builder's ``run`` with this parser: the target of *text*."""
        target: Target = self._builder_run(self.parse, text, year=year, strict=strict,
                                           masked=masked)
        return target

    def parse(self, text: str) -> Any:
        """What ``lark_parser.parse(text)`` returns, or raises."""
        if self.fast and "\n" not in text:
            try:
                if self.memo:
                    return self._parse_shaped(text)
                return self._run(text, None)
            except _Fallback:
                pass
            except PerfIndicatorError:
                raise  # the builder's own verdict on this text (lark would raise it too)
            except Exception:  # anything unexpected: lark decides
                pass
            self._forget()  # lark starts afresh: the cues and spans noted so far go
        self.counts["lark"] += 1
        return self._lark_parse(text)

    #: a skeleton replayed this many times is compiled into straight-line code
    COMPILE_AFTER = 32

    def _clear(self) -> None:
        self._plans.clear()
        self._skeletons.clear()

    def _parse_shaped(self, text: str) -> Any:
        key, runs = shape_key(text)
        plans = self._plans
        if key in plans:
            plan = plans[key]
            off = [0]
            for a, b in runs:
                off.append(off[-1] + b - a - 1)
            try:
                if plan.template is not None:
                    result = plan.template.apply(plan.tokens, text, off)
                    self.counts["replayed"] += 1
                    return result
                skeleton = plan.skeleton
                fn = skeleton.fn
                if fn is None:
                    skeleton.uses += 1
                    if skeleton.uses >= self.COMPILE_AFTER:
                        fn = skeleton.fn = self._compile_plan(plan)
                result = (fn(text, off, plan.positions) if fn is not None
                          else self._replay(plan, text, off))
            except _Fallback:
                self._forget()
                return self._run(text, None)
            self.counts["replayed"] += 1
            return result
        # a shape that does not parse is tried afresh each time: a builder's error (month 13)
        # may come before the parse error in one text of it and not in another
        record: list[Any] = []
        result = self._run(text, record)
        if len(plans) < self.MAX_SHAPES:
            with contextlib.suppress(_Fallback):  # a token ends inside a run of digits: no plan
                plan = plans[key] = self._plan_of(record, runs)
                if self._number is not None and not self.strip_templates:
                    plan.template = Template.of(
                        " ".join(self._rules[op].name for op in plan.ops if op >= 0),
                        [op for op in record if type(op) is tuple], text, result, self._number,
                        tuple((self._lexers[t[0]] or self._lexer_of(t[0]))[1].get(t[1])
                              for t in plan.tokens))
        return result

    def _plan_of(self, record: list[Any], runs: tuple[tuple[int, int], ...]) -> _Plan:
        tokens: list[_PlanToken] = []
        ops: list[int] = []
        for op in record:
            if type(op) is tuple:
                state, raw, final, start, end = op
                ops.append(-2 - len(tokens))
                tokens.append((state, raw, final, *to_key(start, runs), *to_key(end, runs)))
            else:
                ops.append(op)
        key = (tuple(ops), tuple(t[:3] for t in tokens))
        skeleton = self._skeletons.get(key)
        if skeleton is None:
            skeleton = self._skeletons[key] = _Skeleton()
        return _Plan(tuple(tokens), tuple(ops), skeleton)

    def _compile_plan(self, plan: _Plan) -> Callable[[str, list[int], tuple[int, ...]], Any]:
        """The skeleton of *plan* as one function (text, offsets of its runs, positions of its
        tokens) → value: the tokens cut and noted in order, every reduction one direct call,
        inlined rules spliced in place."""
        env: dict[str, Any] = {"_snew": str.__new__, "_Token": Token, "_Fallback": _Fallback,
                               "_I": _Inline}
        lines: list[str] = []
        stack: list[tuple[bool, Any]] = []  # (inline?, expression or list of expressions)

        def plain(kid: tuple[bool, Any]) -> str:
            return f"_I([{', '.join(kid[1])}])" if kid[0] else str(kid[1])

        def splice(kid: tuple[bool, Any]) -> list[str]:
            return list(kid[1]) if kid[0] else [f"*{kid[1]}.children"]

        pending = ""
        for n, op in enumerate(plan.ops):
            if op <= -2:
                j = -2 - op
                state, raw, final = plan.tokens[j][:3]
                lines.append(f"s = P[{4 * j}] + off[P[{4 * j + 1}]]; "
                             f"e = P[{4 * j + 2}] + off[P[{4 * j + 3}]]")
                # what Token(raw, value, s, 1, s + 1, 1, e + 1, e) makes, without its call
                lines.append(f"v = text[s:e]; t{j} = _snew(_Token, v); t{j}.type = {raw!r}; "
                             f"t{j}.start_pos = s; t{j}.value = v; t{j}.line = 1; "
                             f"t{j}.column = s + 1; t{j}.end_line = 1; t{j}.end_column = e + 1; "
                             f"t{j}.end_pos = e")
                cb = (self._lexers[state] or self._lexer_of(state))[1].get(raw)
                if cb is not None:
                    env[f"cb{j}"] = cb
                    lines.append(f"t{j} = cb{j}(t{j})")
                    lines.append(f"if not isinstance(t{j}, _Token) or t{j}.type != {final!r}: "
                                 "raise _Fallback")
                pending = f"t{j}"
            elif op == -1:
                stack.append((False, pending))
            else:
                rule = self._rules[op]
                size = self._sizes[op]
                kids = stack[len(stack) - size:] if size else []
                del stack[len(stack) - size:]
                if rule.kind == "lark":  # pragma: no cover - every rule method is inline
                    env[f"f{op}"] = rule.lark
                    lines.append(f"v{n} = f{op}([{', '.join(plain(k) for k in kids)}])")
                    stack.append((False, f"v{n}"))
                    continue
                args = rule.arguments(kids, splice, plain)
                if rule.kind == "inline":
                    stack.append((True, args))
                    continue
                env[f"f{op}"] = rule.func
                listed = ", ".join(args)
                call = f"f{op}({rule.name!r}, a, None)" if rule.kind == "default" else f"f{op}(*a)"
                if rule.expand1 and any(a.startswith("*") for a in args):
                    lines.append(f"a = [{listed}]")
                    lines.append(f"v{n} = a[0] if len(a) == 1 else {call}")
                elif rule.expand1 and len(args) == 1:
                    stack.append((False, args[0]))
                    continue
                elif rule.kind == "default":
                    lines.append(f"v{n} = f{op}({rule.name!r}, [{listed}], None)")
                else:
                    lines.append(f"v{n} = f{op}({listed})")
                stack.append((False, f"v{n}"))
        lines.append(f"return {plain(stack[-1])}")
        source = "def replay(text, off, P):\n    " + "\n    ".join(lines) + "\n"
        exec(compile(source, "<perfindicators._lalr plan>", "exec"), env)  # from lark's tables
        fn: Callable[[str, list[int], tuple[int, ...]], Any] = env["replay"]
        return fn

    # -- the LALR loop ----------------------------------------------------------------------
    def _run(self, text: str, record: list[Any] | None) -> Any:
        actions = self._actions
        lexers = self._lexers
        sizes, origins, reducers = self._sizes, self._origins, self._reducers
        new = _NEW_TOKEN
        states = [self._start]
        values: list[Any] = []
        pos = 0
        n = len(text)
        while True:
            # -- the next token, lexed in the current state (lark's contextual lexer) --
            tok: Token | None = None
            state = states[-1]
            lexer = lexers[state] or self._lexer_of(state)
            matchers, callbacks, ignore = lexer
            while pos < n:
                for match in matchers:
                    m = match(text, pos)
                    if m is not None:
                        break
                else:
                    raise _Fallback
                value = m.group(0)
                raw = m.lastgroup
                end = pos + len(value)
                if raw in ignore:
                    if raw in callbacks:
                        raise _Fallback  # pragma: no cover - no ignored terminal has one
                    pos = end
                    continue
                tok = new(raw, value, pos, 1, pos + 1, 1, end + 1, end)
                cb = callbacks.get(raw)
                if cb is not None:
                    tok = cb(tok)
                    if not isinstance(tok, Token):
                        raise _Fallback
                if record is not None:
                    record.append((state, raw, tok.type, pos, end))
                pos = end
                break
            ttype = "$END" if tok is None else tok.type
            # -- reduce as long as the table says, then shift (or accept at the end) --
            while True:
                code = actions[states[-1]].get(ttype)
                if code is None:
                    raise _Fallback
                if code >= 0:
                    if tok is None:
                        raise _Fallback  # pragma: no cover - lark never shifts $END
                    states.append(code)
                    values.append(tok)
                    if record is not None:
                        record.append(-1)
                    break
                rule = ~code
                size = sizes[rule]
                if size:
                    children = values[-size:]
                    del values[-size:]
                    del states[-size:]
                else:
                    children = []
                values.append(reducers[rule](children))
                states.append(actions[states[-1]][origins[rule]])
                if record is not None:
                    record.append(rule)
                if tok is None and states[-1] == self._end:
                    self.counts["fast"] += 1
                    return values[-1]

    def _replay(self, plan: _Plan, text: str, off: list[int]) -> Any:
        sizes, reducers = self._sizes, self._reducers
        tokens = plan.tokens
        new = _NEW_TOKEN
        lexers = self._lexers
        values: list[Any] = []
        tok: Any = None
        for op in plan.ops:
            if op >= 0:
                size = sizes[op]
                if size:
                    children = values[-size:]
                    del values[-size:]
                else:
                    children = []
                values.append(reducers[op](children))
            elif op == -1:
                values.append(tok)
            else:
                state, raw, final, ks, cs, ke, ce = tokens[-2 - op]
                start = ks + off[cs]
                end = ke + off[ce]
                tok = new(raw, text[start:end], start, 1, start + 1, 1, end + 1, end)
                cb = (lexers[state] or self._lexer_of(state))[1].get(raw)
                if cb is not None:
                    tok = cb(tok)
                    if not isinstance(tok, Token) or tok.type != final:
                        raise _Fallback
        return values[-1]


# ---- reductions ---------------------------------------------------------------------------

class _Rule:
    """What lark does with the children of one rule: which it keeps (index, spliced or not,
    how many placeholders go before it), how many placeholders end the list, whether a single
    child stands for the rule (``?rule``), and whose function makes the value: the builder's
    method (``method``, called with the children inline), an inlined rule's list of children
    (``inline``), the builder's ``__default__`` (``default``), or lark's own callback."""

    __slots__ = ("expand1", "func", "include", "kind", "lark", "name", "trailing")

    def __init__(self, rule: Any, builder: Any, lark_callback: Callable[[list[Any]], Any]) -> None:
        options = rule.options
        self.expand1 = bool(options.expand1 and not rule.alias)
        self.name = rule.alias or options.template_source or rule.origin.name
        self.lark = lark_callback
        empty = options.empty_indices
        expansion = rule.expansion
        if empty:
            nones = [len(ones) for ones in "".join(str(int(b)) for b in empty).split("0")]
        else:
            nones = [0] * (len(expansion) + 1)
        include: list[tuple[int, bool, int]] = []
        pending = 0
        for i, sym in enumerate(expansion):
            pending += nones[i]
            if options.keep_all_tokens or not (sym.is_term and sym.filter_out):
                include.append((i, not sym.is_term and sym.name.startswith("_"), pending))
                pending = 0
        self.include = tuple(include)
        self.trailing = pending + nones[len(expansion)]
        method = getattr(builder, self.name, None)
        self.func: Any = None
        if method is None:
            self.kind = "inline" if rule.origin.name.startswith("_") else "default"
            self.func = builder.__default__
        elif getattr(method, "visit_wrapper", None) is lark.visitors._vargs_inline:
            self.kind = "method"
            self.func = method.base_func
        else:  # pragma: no cover - every rule method of the builder is inline
            self.kind = "lark"

    def arguments(self, children: list[Any], splice: Callable[[Any], list[str]],
                  plain: Callable[[Any], str] = str) -> list[str]:
        """The argument expressions of the call, from the children (their expressions)."""
        args: list[str] = []
        for i, spliced, add in self.include:
            args += ["None"] * add
            if spliced:
                args += splice(children[i])
            else:
                args.append(plain(children[i]))
        return args + ["None"] * self.trailing


def _reducer(rule: _Rule) -> Callable[[list[Any]], Any]:
    """The function that turns the children of *rule* into its value, as lark's wrapper chain
    (``ExpandSingleChild``, ``ChildFilterLALR``, ``apply_visit_wrapper``) does, compiled into
    one call of the builder's method."""
    if rule.kind == "lark":  # pragma: no cover - every rule method of the builder is inline
        return rule.lark
    size = max((i for i, _, _ in rule.include), default=-1) + 1
    args = rule.arguments([f"c[{i}]" for i in range(size)], lambda c: [f"*{c}.children"])
    dynamic = any(spliced for _, spliced, _ in rule.include)
    env: dict[str, Any] = {"_I": _Inline, "_f": rule.func, "_extend": _extend}
    if rule.kind == "inline":
        body = f"_I([{', '.join(args)}])"
        first = rule.include[0] if rule.include else None
        if first is not None and first[1] and first[2] == 0:
            rest = ", ".join(args[1:])  # lark appends to the first child's list (left recursion)
            body = f"_extend(c[{first[0]}], ({rest}{',' if rest else ''}))"
        return _compile(f"return {body}", env)
    listed = ", ".join(args)
    if rule.expand1 and (dynamic or len(args) != 1):
        call = f"_f({rule.name!r}, a, None)" if rule.kind == "default" else "_f(*a)"
        return _compile(f"a = [{listed}]\n    return a[0] if len(a) == 1 else {call}", env)
    if rule.expand1:
        return _compile(f"return {args[0]}", env)
    if rule.kind == "default":
        return _compile(f"return _f({rule.name!r}, [{listed}], None)", env)
    return _compile(f"return _f({listed})", env)

def _extend(first: _Inline, rest: tuple[Any, ...]) -> _Inline:
    first.children.extend(rest)
    return first


def _compile(body: str, env: dict[str, Any]) -> Callable[[list[Any]], Any]:
    source = f"def reduce(c):\n    {body}\n"
    exec(compile(source, "<perfindicators._lalr>", "exec"), env)  # generated from lark's rules
    fn: Callable[[list[Any]], Any] = env["reduce"]
    return fn
