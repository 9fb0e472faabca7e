"""The fast LALR runtime (perfindicators._lalr) against lark's own parser: the same targets
(type, equality, text, subject, dict) or the same errors (type, message, column), and the same
cues noted for the accounting, on the corpus, the phrasebook, the hypothesis strategies and
mutations of the corpus (digits changed, keyword characters inserted, characters deleted or
swapped), with the shape memo and without it."""

from __future__ import annotations

import contextlib
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import perfindicators as pi
from perfindicators._grammar import fast_parser, grammar_text
from perfindicators._lalr import shape_key
from perfindicators._normalize import normalize, squeeze
from perfindicators.parsing import _parse_normalized
from perfindicators.testing import target_texts, targets

from .conftest import CORPUS, PHRASES, read_tsv

ROOT = Path(__file__).resolve().parents[1]

MODES = ("lark", "fast", "memo", "compiled")


@contextlib.contextmanager
def mode(name: str) -> Iterator[None]:
    """Parse with lark's parser, the fast runtime without the shape memo, with it (templates
    included), or with it but no templates and every skeleton compiled at its second use."""
    parser, _ = fast_parser()
    saved = parser.fast, parser.memo, parser.strip_templates, parser.COMPILE_AFTER
    parser.fast, parser.memo = name != "lark", name in ("memo", "compiled")
    if name == "compiled":
        parser.strip_templates, parser.COMPILE_AFTER = True, 2
    try:
        yield
    finally:
        parser.fast, parser.memo, parser.strip_templates, parser.COMPILE_AFTER = saved


def outcome(text: str, year: int | None = 2021, strict: bool = False) -> tuple[Any, ...]:
    """What parsing *text* gives, in a form that compares: the target or the error, and the
    cues the lexer noted (perfindicators.accounting reads them)."""
    _, builder = fast_parser()
    builder.forget()
    try:
        t = _parse_normalized(text, year, strict)
    except pi.PerfIndicatorError as e:
        got: tuple[Any, ...] = ("error", type(e), str(e), getattr(e, "column", None),
                                getattr(e, "length", None))
    else:
        got = ("target", type(t), t, str(t), getattr(t, "subject", None), t.to_dict())
    return (*got, builder.cues())


def differences(cases: list[tuple[str, int | None, bool]]) -> tuple[list[Any], int]:
    """The cases on which a mode differs from lark's parser, and how many were replayed from a
    shape. Every fast mode also hands lark the same number of texts: a replay that failed
    (and fell back to lark, which hides the failure) would show here."""
    results: dict[str, list[tuple[Any, ...]]] = {}
    replayed = 0
    fallbacks = {}
    for name in MODES:
        pi.clear_caches()
        parser, _ = fast_parser()
        before = dict(parser.counts)
        with mode(name):
            results[name] = [outcome(*case) for case in cases]
        if name != "lark":
            replayed += parser.counts["replayed"] - before["replayed"]
            fallbacks[name] = parser.counts["lark"] - before["lark"]
    assert fallbacks["memo"] == fallbacks["fast"] == fallbacks["compiled"], fallbacks
    bad = [(case, name, results["lark"][i], results[name][i])
           for name in MODES[1:] for i, case in enumerate(cases)
           if results[name][i] != results["lark"][i]]
    return bad, replayed


def _corpus() -> list[str]:
    return [r["target"] for r in read_tsv(CORPUS) if r["target"].strip()]


def _phrases() -> list[tuple[str, int | None, bool]]:
    return [(r["target"], int(r["year"]) if r["year"].strip() else None, False)
            for r in read_tsv(PHRASES)]


# ---- the inputs ---------------------------------------------------------------------------

def _declared_elsewhere() -> tuple[str, ...]:
    """The words other tests and the documentation declare with ``define_unit``: a fuzzed text
    that reads one of them as an ad-hoc count unit first would make declaring it a multiple
    fail later in the session (its name is taken), so such texts are left out."""
    found = set()
    for folder in ("tests", "docs", "src"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".md", ".ipynb") and path.is_file():
                found.update(re.findall(r'define_unit\(\s*"([^"]+)"', path.read_text("utf-8")))
    found.update(re.findall(r'define_unit\(\s*"([^"]+)"', (ROOT / "README.md").read_text("utf-8")))
    return tuple(sorted(found))


DECLARED = _declared_elsewhere()


def harmless(text: str) -> bool:
    read = squeeze(normalize(text))[0]  # what the lexer reads (繁体 made simple, spaces gone)
    return not any(word in read for word in DECLARED)


def alphabet() -> str:
    """The characters of the grammar's keywords, units and punctuation."""
    chars = set()
    for name in ("target.lark", "keywords.lark", "numbers.lark", "units.lark"):
        for line in grammar_text(name).splitlines():
            if not line.lstrip().startswith("//"):
                chars.update(c for c in line if "\u4e00" <= c <= "\u9fff" or c in "≥≤<>=±%‰（）")
    return "".join(sorted(chars)) + "0123456789.,，、；-~/*[]() +＋－年月日前底内上下"


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_RUN = re.compile(r"\d+")
_NUMBERS = ("0", "1", "7", "12", "13", "31", "32", "60", "100", "1900", "1899", "2021", "2199",
            "2200", "0.5", "3.50", "10,740", "1,00", "99999", "007")


def mutate(text: str, rng: random.Random, chars: str) -> str:
    """*text* with one to three mutations: a number changed, a digit changed, a keyword
    character inserted, a character deleted, two neighbours swapped."""
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(5)
        if op == 0 and _DIGITS.search(text):
            found = list(_DIGITS.finditer(text))
            m = rng.choice(found)
            new = rng.choice(_NUMBERS) if rng.random() < 0.6 else str(rng.randint(0, 99999))
            text = text[:m.start()] + new + text[m.end():]
        elif op == 1 and text:
            at = rng.randrange(len(text))
            if text[at].isdigit():
                text = text[:at] + rng.choice("0123456789") + text[at + 1:]
            else:
                text = text[:at] + rng.choice(chars) + text[at:]
        elif op == 2 or not text:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(chars) + text[at:]
        elif op == 3:
            at = rng.randrange(len(text))
            text = text[:at] + text[at + 1:]
        elif len(text) > 1:
            at = rng.randrange(len(text) - 1)
            text = text[:at] + text[at + 1] + text[at] + text[at + 2:]
    return text


#: texts whose digits the lexer reads (dates, decimals, thousands, a basis year, m2)
TEMPLATES = ("2021-12-31前", "2021.12.31前", "2021/12/31", "9.30前", "12.31(含)前", "2023.07-2024.01",
             "较2020年增长5%", "比2019年度提高3个百分点", "与2020年持平", "2021年12月31日前",
             "2021年第3季度", "第4季度", "≥10,740.00元", "≤1,000万元", "≥1.5万元", "≥5m2",
             "100%±2%", "90%-95%", "1-12月", "≥-3%", "分别不超过50万元、30万元和20万元",
             "[80,90]", "介于80和90之间", "3个工作日内", "次年3月底前", "11月中旬前", "9月前")


def digit_variants(k: int, seed: int) -> list[tuple[str, int | None, bool]]:
    """*k* variants of every corpus and phrasebook text with digits, each run of digits
    replaced by a number that sits on one side of a decision (a month 12 or 13, a day 31 or
    32, a year 1899 or 1900, 2199 or 2200, a decimal, a thousands group): texts of one shape
    whose numbers differ, one after the other, so that the shape memo replays them."""
    rng = random.Random(seed)
    out = []
    for text in _corpus() + [t for t, _, _ in _phrases()] + list(TEMPLATES) * 10:
        if _RUN.search(text):
            out += [(_RUN.sub(lambda _: rng.choice(_NUMBERS), text), 2021, False) for _ in range(k)]
    return out


def fuzzed(n: int, seed: int) -> list[tuple[str, int | None, bool]]:
    rng = random.Random(seed)
    base = _corpus() + [t for t, _, _ in _phrases()]
    chars = alphabet()
    cases = [(mutate(rng.choice(base), rng, chars), rng.choice((2021, 2021, None)),
              rng.random() < 0.1) for _ in range(n)]
    return [c for c in cases if harmless(c[0])]


# ---- the tests ----------------------------------------------------------------------------

def test_the_corpus_reads_alike() -> None:
    cases = [(t, y, s) for t in _corpus() for y in (2021, None) for s in (False, True)]
    bad, replayed = differences(cases)
    assert bad == []
    assert replayed > 0


def test_the_phrasebook_reads_alike() -> None:
    bad, _ = differences(_phrases())
    assert bad == []


@pytest.mark.parametrize("name", ["fast", "memo", "compiled"])
def test_lark_only_gets_the_texts_it_rejects(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path hands lark a text only when lark rejects it too (a lexing or parse
    error): no bug of the fast path hides behind the fallback."""
    from lark.exceptions import UnexpectedInput

    parser, _ = fast_parser()
    given_up: list[tuple[str, bool]] = []
    lark_parse = parser._lark_parse

    def watched(text: str) -> Any:
        try:
            result = lark_parse(text)
        except UnexpectedInput:
            given_up.append((text, True))
            raise
        except Exception:  # the builder's error: the fast path should have raised it itself
            given_up.append((text, False))
            raise
        given_up.append((text, False))
        return result

    monkeypatch.setattr(parser, "_lark_parse", watched)
    pi.clear_caches()
    with mode(name):
        for case in [(t, 2021, False) for t in _corpus()] + fuzzed(3_000, seed=3):
            outcome(*case)
    assert given_up, "no text was rejected"
    assert [t for t, rejected in given_up if not rejected and "\n" not in t] == []


def test_most_of_the_corpus_takes_the_fast_path() -> None:
    parser, _ = fast_parser()
    pi.clear_caches()
    before = dict(parser.counts)
    for t in _corpus():
        with contextlib.suppress(pi.PerfIndicatorError):
            _parse_normalized(t, 2021, False)
    lark = parser.counts["lark"] - before["lark"]
    assert lark < len(_corpus()) // 5, lark


@given(targets())
def test_generated_targets_read_alike(t: pi.Target) -> None:
    bad, _ = differences([(str(t), None, False), (str(t), 2021, True)])
    assert bad == []


@given(target_texts(), st.sampled_from([None, 2021]))
def test_grammar_strings_read_alike(text: str, year: int | None) -> None:
    assume(harmless(text))
    bad, _ = differences([(text, year, False)])
    assert bad == []


@given(st.text(alphabet=st.sampled_from(list(alphabet())), max_size=24))
def test_keyword_soup_reads_alike(text: str) -> None:
    assume(harmless(text))
    bad, _ = differences([(text, 2021, False)])
    assert bad == []


def test_numbers_on_both_sides_of_a_decision_read_alike() -> None:
    bad, replayed = differences(digit_variants(6, seed=5))
    assert bad[:3] == []
    assert replayed > 0


def test_each_variant_of_a_shape_replays_every_other() -> None:
    """Whichever text of a shape is parsed first, the others replay its plan exactly."""
    rng = random.Random(11)
    parser, _ = fast_parser()
    bad = []
    for template in TEMPLATES:
        variants = list(dict.fromkeys(_RUN.sub(lambda _: rng.choice(_NUMBERS), template)
                                      for _ in range(10)))
        with mode("lark"):
            expected = [outcome(v) for v in variants]
        with mode("memo"):
            for first in variants:
                pi.clear_caches()
                outcome(first)
                bad += [(first, v) for v, e in zip(variants, expected, strict=True)
                        if outcome(v) != e]
    assert bad == []
    assert parser.counts["replayed"] > 0


def test_fuzzed_corpus_reads_alike() -> None:
    cases = fuzzed(5_000, seed=20261201)
    bad, replayed = differences(cases)
    assert bad[:3] == []
    assert replayed > 0


@pytest.mark.slow
def test_a_hundred_thousand_fuzzed_targets_read_alike() -> None:
    cases = fuzzed(100_000, seed=13) + digit_variants(60, seed=13)
    bad, replayed = differences(cases)
    print(f"\n{len(cases)} fuzzed targets, {len(bad)} differences, {replayed} replayed from shapes")
    assert bad[:3] == []


# ---- the shape key ------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [("≥60项", "≥75项"), ("≥60项", "≥100000项"),
                                      ("12月底前", "13月底前"), ("不超过3次", "不超过0次")])
def test_one_shape(a: str, b: str) -> None:
    assert shape_key(a)[0] == shape_key(b)[0]


@pytest.mark.parametrize(("a", "b"), [
    ("2021年12月底前", "2022年12月底前"),  # a year: 1900-2199 is a calendar year
    ("较2020年增长5%", "较3020年增长5%"),  # a basis year
    ("2021-12-31前", "2021-13-31前"), ("9.30前", "9.31前"),  # dates the lexer reads
    ("≥10,740元", "≥10,74元"), ("≥1.5万元", "≥1.55万元"),  # thousands, decimals
    ("≥5m2", "≥5m3"),  # units that end in a digit
])
def test_not_one_shape(a: str, b: str) -> None:
    assert shape_key(a)[0] != shape_key(b)[0]


def test_a_replayed_shape_keeps_its_own_subject_and_values() -> None:
    pi.clear_caches()
    first = pi.parse("资助对象满意度达到95%以上")
    second = pi.parse("服务对象满意度达到80%以上")
    assert (str(first), first.subject) == ("≥95%", "资助对象满意度")
    assert (str(second), second.subject) == ("≥80%", "服务对象满意度")


def test_define_unit_rebuilds_the_runtime(clean_state: None) -> None:
    before, _ = fast_parser()
    pi.define_unit("测试箱")
    after, _ = fast_parser()
    assert after is not before
    assert pi.parse("≥5测试箱") == pi.parse("≥5测试箱")
    assert str(pi.parse("≥5测试箱")) == "≥5测试箱"


def test_threads_share_the_runtime() -> None:
    """Parses in several threads at once (the builder's state is per thread) give what one
    thread gives, with each thread's own cues."""
    from concurrent.futures import ThreadPoolExecutor

    texts = _corpus() * 4
    with mode("lark"):
        expected = {t: outcome(t) for t in dict.fromkeys(texts)}
    pi.clear_caches()
    with mode("memo"), ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(outcome, texts))
    assert [g for t, g in zip(texts, got, strict=True) if g != expected[t]] == []


def test_strict_reads_its_own_way_after_a_shape() -> None:
    """A shape first read leniently (an unknown word a count unit of its own) and then
    strictly (the same word refused) reads as lark reads it each time."""
    texts = ["≥5锅", "≥6锅", "7锅", "≥5瓶/人", "≥5M", "6M", "≥5KM", "5Mbps", "≤3次", "≥9.5分"]
    cases = [(t, 2021, strict) for strict in (False, True, False) for t in texts]
    bad, replayed = differences(cases)
    assert bad == []
    assert replayed > 0
