"""Word lists of published forms: qualitative endings, tier words, "nothing was done", and the
one table of the target grammar's keywords (comparators, negators, bound words, relative and
calendar words), generated into ``grammars/keywords.lark``.

Pure data (a leaf module): the modules that read words import their lists from here, so adding
a word is one line.  The vocabulary comes from published forms (see
``shared/reference/scoring-rules.md`` §5.4, §6).

>>> "效果明显".endswith(QUALITATIVE_END)
True
>>> bool(NOT_MET_RE.match("未进行资金支持")), bool(NOTHING_DONE_RE.match("未进行资金支持"))
(True, True)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ABOVE_VERBS", "BASIS_PATTERN", "BELOW_VERBS", "EVENT_NONE_RE", "KEYWORDS", "LEVEL_WORDS",
           "MAX_QUALITATIVE", "MET_WORDS", "NEGATORS", "NOTHING_DONE_RE", "NOT_MET_RE",
           "ON_TIME_WORDS", "PARTIAL_RE", "QUALITATIVE_END", "QUALITATIVE_RE", "TEXT_STOPS",
           "alternation", "comparator_words", "keyword_patterns", "render_keywords"]

#: A short text that ends in one of these words judges a result rather than stating one.
QUALITATIVE_END = (
    "明显", "显著", "提升", "提高", "改善", "增强", "增加", "完善", "达标", "合格", "优良", "优秀",
    "良好", "有效", "及时", "按时", "准时", "按期", "满意", "较高", "高", "好", "合规", "规范",
    "稳定", "持续", "长期", "是", "否", "有", "无", "到位", "落实", "加强", "降低", "下降", "减少",
    "扩大", "健全", "保障", "显著提升", "有所提高", "有所提升", "逐步提高", "稳步提高",
    "专款专用", "符合要求", "符合规定", "符合相关规定", "严格执行", "公正", "客观公正",
    "达到预期", "达到要求", "满足需求", "优", "良", "中", "差", "完成", "增收", "高涨", "改观",
    "提速", "好转", "普及", "覆盖", "全覆盖", "零发生", "未发生",
)
QUALITATIVE_RE = re.compile(
    r"^.{0,10}(?:" + "|".join(sorted(map(re.escape, QUALITATIVE_END), key=len, reverse=True))
    + r")$|^应(.)尽\1$|^(?:符合|满足|严格执行|严格按照|遵守).{0,12}$"
)
#: the longest text read as qualitative
MAX_QUALITATIVE = 14

#: words that say a target was met
MET_WORDS = frozenset({
    "达成", "达成预期指标", "达成年度指标", "达成预期", "达成目标", "已达成", "全部达成", "完成",
    "已完成", "全部完成", "按期完成", "按时完成", "如期完成", "完成目标", "达到", "已达到",
    "达到预期", "达到预期指标", "达到预期目标", "达标", "已达标", "合格", "满足", "符合",
    "是", "有", "达成年度目标", "完成年度目标", "实现", "已实现", "100%完成",
})
#: words that say a thing was done on time (one is as good as another)
ON_TIME_WORDS = frozenset({"及时", "按时", "准时", "按期", "如期", "按时完成", "按期完成", "如期完成",
                           "及时完成"})
#: words that say it was partly met
PARTIAL_RE = re.compile(r"^(?:部分|基本|大部分|大体)(?:达成|完成|实现|达到|达标|符合)")
#: words that say it was not met
NOT_MET_RE = re.compile(
    r"^(?:未|没有|尚未|不)(?:达成|完成|实现|达到|达标|合格|符合|进行|开展|实施|启动|提高|提升|增长|"
    r"增加|改善|及时|按时|按期|到位|落实|发放|拨付|执行)|^否$|^无效$|^不满意$|^差$"
)

#: the actual says the activity did not happen at all: nothing done is not met, whatever the
#: comparator (a ceiling on support that was never given is not a target kept)
NOTHING_DONE_RE = re.compile(r"^(?:未|没有|尚未)(?:进行|开展|实施|支出|使用|拨付|启动|组织|举办)")
#: the actual says an event the target limits did not occur (未发生安全事故 against ≤0起)
EVENT_NONE_RE = re.compile(r"^(?:未|没有|无)(?:发生|出现|产生)|^零发生|^零事故|^无事故")


# ---- the keywords of the target grammar ---------------------------------------------------
# One table, generated into ``grammars/keywords.lark`` (``python -m perfindicators._words
# grammars/keywords.lark``; a test fails when that file is stale). The grammar's free-text
# terminal stops before every word here, so adding a word is one line.

#: negators: prohibitions and modal negations written in forms; each composes with a
#: comparator verb and flips it (不得超过 = ≤, 不得低于 = ≥, 未超过 = ≤)
NEGATORS = (
    "不", "未", "不得", "不能", "不应", "不应当", "不应该", "不宜", "不可", "不会", "不准", "不许",
    "不要", "不允许", "不能够", "严禁", "禁止", "切勿", "勿", "毋", "决不", "绝不", "并未", "尚未",
    "没有", "从未", "均不", "均未", "都不", "原则上不", "一般不", "最高不", "最多不", "最低不",
    "最少不", "至多不", "至少不",
)
#: comparator verbs that say "above" (exclusive: 超过 100 is more than 100)
ABOVE_VERBS = ("超过", "超出", "高于", "大于", "多于", "晚于", "长于", "超")
#: comparator verbs that say "below" (exclusive)
BELOW_VERBS = ("低于", "少于", "小于", "早于", "短于")

#: the keyword terminals: name → (priority, words). Each word is literal text.
KEYWORDS: dict[str, tuple[str, ...]] = {
    # comparators written before the value
    "GE": ("≥", "大于或等于", "大于等于", "多于或等于", "不小于", "至少", "达到", "最低", "最少",
           "下限", "最小", "保底", "起码", "至少为", "最低为", "最少为", "下限为", "不低于",
           "高于或等于", "≮"),
    "GT": (*ABOVE_VERBS[:-1], ">"),
    "LE": ("≤", "小于或等于", "小于等于", "低于或等于", "少于或等于", "至多", "最多", "最高", "上限",
           "最大", "限额", "不超", "最高为", "最多为", "上限为", "至多为", "最大为", "限额为", "封顶为",
           "≯"),
    "LT": (*BELOW_VERBS, "<", "不足", "未满", "不到", "不满"),
    "EQ": ("=", "等于", "为"),
    "CONTROL": ("控制在", "控制到", "保持在", "维持在", "稳定在"),
    # comparators written after the value
    "GE_POST": ("及以上", "或以上", "以上", "以上（含）", "起"),
    "LE_POST": ("及以下", "或以下", "以内", "以下", "之内", "内", "封顶", "为限", "为上限", "以下（含）"),
    "POLARITY": ("正向", "反向"),
    "QUALMARK": ("定性",),
    "FENBIE": ("分别",),
    "BETWEEN": ("介于",),
    "BETWEEN_END": ("之间",),
    "YEAR_END": ("年底", "年末", "年终", "年内", "当年", "本年度", "本年", "年度内"),
    "NEXT_YEAR": ("次年", "第二年", "下一年", "下年"),
    "HALF": ("上半年", "下半年"),
    "TENDAY": ("上旬", "中旬", "下旬"),
    "TOLERANCE": ("误差", "偏差", "误差率", "偏差率", "误差在", "偏差在", "误差范围"),
    "PLUS_MINUS": ("±", "+/-", "+-"),
    # relative targets: the change and its direction, against a basis
    "TREND_UP": ("增长", "增加", "提高", "提升", "上升", "增幅", "增长率", "增速", "增长幅度",
                 "提高幅度", "提升幅度", "增加幅度", "增量", "增长了", "增加了", "提高了", "提升了",
                 "上涨", "涨幅"),
    "TREND_DOWN": ("下降", "降低", "减少", "降幅", "下降率", "减幅", "下降幅度", "降低幅度",
                   "减少幅度", "压减", "压缩", "缩减", "减少了", "下降了", "降低了", "下跌", "跌幅"),
    "FLAT": ("持平", "保持平稳", "保持持平"),
    "YEARLY_UP": ("逐年提高", "逐年增长", "逐年增加", "逐年提升", "逐年上升", "稳步提高", "稳步提升",
                  "稳步增长", "持续提高", "持续提升", "持续增长", "有所提高", "有所提升", "有所增长",
                  "有所增加", "明显提高", "明显提升", "显著提高", "显著提升"),
    "YEARLY_DOWN": ("逐年下降", "逐年降低", "逐年减少", "持续下降", "持续降低", "有所下降", "有所降低",
                    "有所减少", "明显下降", "明显降低", "显著下降", "显著降低"),
}

#: what a relative target compares with (较上年, 同比, 较2020年)
BASIS_PATTERN = (r"(?:[较比与和]|相比|对比)(?:上年度?|去年|上一年度?|上年同期|去年同期|同期|"
                 r"前一年|(?:19|20)\d\d年度?)(?:相比|同期|水平)?|同比|环比")
#: a comparator word before a basis: 不低于上年, 高于上年
LEVEL_WORDS = ("上年", "上年度", "去年", "上一年", "上一年度", "上年水平", "去年水平", "上年同期",
               "去年同期", "同期水平")

#: words that are also part of a longer keyword of another terminal are only matched as a
#: whole; these regular-expression keywords stop free text too (the scope words, 各 before a
#: number, a list or range word before a number, quarters, 百分之, (含))
_BEFORE_NUMBER = r"(?=\s*(?:[-+]?\d|百分之|千分之|[零〇一二两三四五六七八九十]))"
TEXT_STOPS = (
    r"每[\u4e00-\u9fff]", r"单[家个项户人所位]", r"各" + _BEFORE_NUMBER,
    r"[至到和与及、]" + _BEFORE_NUMBER, r"第?[一二三四五六七八九十\d]+季度", r"百分之", r"千分之",
    r"[(（]含[)）]",
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of *words*, longest first (ties in code-point order), each escaped
    for a lark ``/…/`` terminal; the one builder of the generated grammars' word terminals."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("/", "\\/") for w in ordered)


def _cjk_words(words: Iterable[str]) -> list[str]:
    return [w for w in words if not w.isascii() and len(w) > 1
            and w not in ("下限", "上限", "保底", "限额")]


def keyword_patterns() -> dict[str, str]:
    """The regular expression of every keyword terminal: the table's words, and each negator
    composed with each comparator verb, flipped (不得超过 → LE, 未低于 → GE), and each
    comparator composed with a basis (不低于上年 → LEVEL_CMP).

    >>> import re
    >>> p = keyword_patterns()
    >>> [bool(re.fullmatch(p[n], w)) for n, w in [("LE", "不得超过"), ("GE", "不应低于"),
    ...  ("LE", "严禁超过"), ("LEVEL_CMP", "不低于上年"), ("GE", "提高到"), ("LE", "降低至")]]
    [True, True, True, True, True, True]
    """
    neg = alternation(NEGATORS)
    out = {name: alternation(words) for name, words in KEYWORDS.items()}
    # a level reached by a change: 提高到95% is ≥95%, 降低至5% is ≤5%
    up = alternation(w for w in KEYWORDS["TREND_UP"] if not w.endswith("了"))
    down = alternation(w for w in KEYWORDS["TREND_DOWN"] if not w.endswith("了"))
    out["LE"] = f"(?:{neg})(?:{alternation(ABOVE_VERBS)})|(?:{down})(?:到|至)|{out['LE']}"
    out["GE"] = f"(?:{neg})(?:{alternation(BELOW_VERBS)})|(?:{up})(?:到|至)|{out['GE']}"
    cmp_words = _cjk_words(w for n in ("GE", "GT", "LE", "LT") for w in KEYWORDS[n])
    out["LEVEL_CMP"] = (f"(?:(?:{neg})(?:{alternation(ABOVE_VERBS + BELOW_VERBS)})|"
                        f"{alternation(cmp_words)})(?:{alternation(LEVEL_WORDS)})")
    return out


def comparator_words() -> dict[str, tuple[str, ...]]:
    """Every comparator word by terminal, the compositions spelt out.

    >>> words = comparator_words()
    >>> "不得超过" in words["LE"], "不应低于" in words["GE"], "未超过" in words["LE"]
    (True, True, True)
    """
    out = {name: list(words) for name, words in KEYWORDS.items()}
    for n in NEGATORS:
        out["LE"] += [n + verb for verb in ABOVE_VERBS]
        out["GE"] += [n + verb for verb in BELOW_VERBS]
    return {name: tuple(dict.fromkeys(words)) for name, words in out.items()}


_KEYWORDS_HEADER = """\
// perfindicators — keywords of the target language
//
// GENERATED from the table in src/perfindicators/_words.py by
//     python -m perfindicators._words grammars/keywords.lark
// Do not edit: edit the table and regenerate (a test fails when this file is stale).
//
// Comparators are composed: every negator (不得 不能 不应 未 严禁 …) before every comparator
// verb (超过 高于 大于 … / 低于 少于 小于 …) flips it, so 不得超过 is ≤ and 不应低于 is ≥.
// TEXT, the free text around a target, stops before every keyword of this file.
"""


def render_keywords() -> str:
    """The text of ``grammars/keywords.lark``."""
    patterns = keyword_patterns()
    lines = [_KEYWORDS_HEADER]
    for name, pattern in patterns.items():
        lines.append(f"{name}.2: /(?:{pattern})/")
    lines.append(f"BASIS.3: /{BASIS_PATTERN}/")
    stops = "|".join([*(patterns[n] for n in patterns if n != "PLUS_MINUS"), BASIS_PATTERN,
                      *TEXT_STOPS])
    # a character that cannot begin a keyword is text at once; only the others look ahead
    # (one look-ahead over every keyword at every character would make the lexer slow)
    first = sorted(({w[0] for ws in KEYWORDS.values() for w in ws} | {w[0] for w in NEGATORS}
                    | set("较比与和相对同环每单各至到及、第一二三四五六七八九十百千(（为"))
                   - set("%‰≥≤<>=,，、；;。~±-+/*[].·≮≯") - set("0123456789"))
    starts = re.escape("".join(first))
    lines.append("// running text: anything up to the next keyword, digit, sign or separator")
    lines.append(f"TEXT: /(?:[^\\s\\d%‰≥≤<>=,，、；;。~±\\-+\\/*\\[\\].·{starts}]"
                 f"|(?!{stops})[{starts}])+/")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write ``grammars/keywords.lark`` (or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("grammars/keywords.lark")
    out.write_text(render_keywords(), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
