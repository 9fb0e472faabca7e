"""The keyword table of the 评分标准 language, and the generator of its lark terminals.

Every operative Chinese word of a scoring criterion (扣, 得, 每, 扣完为止, 酌情 …) is one row
of `KEYWORDS`: a terminal name, its surface forms (a regular expression, with the lookahead
that keeps it from firing inside an ordinary word), and what it means in Chinese and English.
The block between the ``GENERATED`` markers of ``grammars/criteria.lark`` is produced from this
table, and so is the ``TEXT`` terminal: a run of characters at which no keyword starts. A test
checks that the committed grammar is up to date. Regenerate after editing the table::

    python -m perfindicators.criteria._keywords grammars/criteria.lark

Example:
    >>> KEYWORD_NAMES["DEDUCT"]
    '扣'
    >>> "TEXT.0" in render_block()
    True
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

__all__ = ["KEYWORDS", "KEYWORD_NAMES", "Keyword", "main", "regenerate", "render_block"]

_CN = "一两二三四五六七八九十半"
# measure words that may follow a number or a Chinese numeral (the unit of a quantity)
UNIT_WORDS = (
    "个百分点", "百分点", "个工作日", "工作日", "个季度", "季度", "个月", "半月", "月", "年度",
    "年", "天", "日", "小时", "周", "%", "‰", "微克/立方米", "毫克/立方米", "公斤/亩",
    "万元", "亿元", "元", "亩", "人次", "人", "项", "个", "處", "处", "例", "次", "条", "條",
    "座", "位次", "位", "种", "種", "家", "件", "篇", "名", "户", "公里", "米", "吨", "所",
    "台", "套", "部", "批", "期", "级", "本", "份", "场", "項", "個",
)
_UNIT_ALT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_CN_UNITS = "个|個|例|处|處|项|項|次|条|條|座|位|年|季度|人|种|種|家|件|篇|名|户|所|分|倍"
_SEG = "[^;；。,，|]"  # a character of the same comma segment
# what follows a word that awards points: a number of points or a range of them
_PTS_AHEAD = r"\s*(?:\d+(?:\.\d+)?(?:\s*[-~]\s*\d+(?:\.\d+)?)?\s*分|[" + _CN + r"]+分)"


@attrs.frozen
class Keyword:
    """One terminal of the criterion grammar.

    Attributes:
        name: the terminal's name in ``criteria.lark``.
        pattern: its regular expression (without slashes).
        zh: the canonical Chinese word (used in "expected …" messages and rendering).
        en: what it means, in English.
        priority: the lark priority (longer, more specific words higher).
        stops_text: whether ``TEXT`` must stop where this keyword starts (keywords that are
            only tried after a number, such as units, need not).
    """

    name: str
    pattern: str
    zh: str
    en: str
    priority: int = 3
    stops_text: bool = True


KEYWORDS: tuple[Keyword, ...] = (
    Keyword("SEP", r"[;；。|]+", "；", "a clause separator", 2),
    Keyword("COMMA", r"[,，、:：]", "，", "a comma", 2),
    Keyword("MARKER", r"(?<![^\s;；。|,，:：])(?:[(（]\d{1,2}[)）]|\d{1,2}[、.．](?!\d)|"
                      r"[①②③④⑤⑥⑦⑧⑨⑩]|[A-E][.、．](?!\d)|[.．](?=[\u4e00-\u9fff]))",
            "①", "an item marker: ① (1) 1、 A.", 6),
    Keyword("ROUND_UP", rf"不足(?:一|1)个百分点的?{_SEG}{{0,3}}按(?:照)?(?:一|1)个百分点计(?:算)?",
            "不足一个百分点按一个百分点计算", "a partial step counts as a whole step", 9),
    Keyword("FORMULA", r"(?:最终|最后|考核|年度目标考核)?得分(?:值)?\s*=", "得分=",
            "a formula for the score", 8),
    Keyword("CLAMP_ALL", r"扣完为止|扣满为止|扣完該項分值为止|扣完为止|扣完爲止", "扣完为止",
            "deductions stop at zero", 8),
    Keyword("CLAMP_UPTO", r"扣完(?=\s*\d)|扣满(?=\s*\d)", "扣完", "deductions stop after …", 8),
    Keyword("MAX_DEDUCT", r"最高扣|最多扣|最多可扣|累计扣分不超过|累计最多扣", "最高扣",
            "at most … is deducted", 8),
    Keyword("MAX_SCORE", r"最高不超过|最多不超过|最高得|最多得|最高加|最多加|加分不超过",
            "最高不超过", "the score (or bonus) is capped at …", 8),
    Keyword("JUDGE", r"酌情(?:扣分|扣减|给分|打分|评分|计分|加分)?|视(?=" + _SEG
            + r"{0,8}情况)|按实际情况(?:评分|打分|计分|扣分)?|根据实际情况(?:评分|打分|计分|扣分)?"
            r"|由各省自行制定|专家(?:评定|打分)", "酌情", "the evaluator's judgement", 7),
    Keyword("VETO", r"一票否决|实行否决|否决|不合格(?![扣加得计\d和、,，档])|不通过|取消(?=" + _SEG
            + r"{0,12}(?:资金|资格|奖|补))", "一票否决", "a veto", 7),
    Keyword("ZERO", r"不得分|不计分|不给分|得0分|计0分|計0分|记0分", "不得分", "no points", 7),
    Keyword("FULL", r"(?:得|计|計|记|为|給|给)(?:满分|标准分|滿分)|满分", "得满分",
            "full points", 7),
    Keyword("AWARD", r"(?:均|各)?(?:得|计|計|记|赋|给|打|为)(?=" + _PTS_AHEAD + ")",
            "得", "award", 5),
    Keyword("DEDUCT", r"(?:扣减|扣除|扣|減|减)(?=\s*(?:\d|[" + _CN + r"]+分))|扣(?=\s*(?:$|[;；。,，|]))",
            "扣", "deduct", 5),
    Keyword("DEDUCT_VERB", r"扣分|扣減|减分|扣减得分", "扣分", "deduct (amount stated elsewhere)",
            4),
    Keyword("ADD", r"(?:另加|加|增加)(?=" + _PTS_AHEAD + ")", "加", "add a bonus", 5),
    Keyword("PER", r"每(?=" + _SEG + r"*?(?:扣|減|减|加))", "每", "for each", 5),
    Keyword("PROP", r"按(?:完成)?比例(?:扣分|得分|计分|計分|赋分|计算)?|比例赋分|比重计算得分|"
            r"比例计算得分|乘以(?:标准分|分值|该项分值|权重)", "按比例", "in proportion", 7),
    Keyword("INTERP", r"线性内插|线性插值|插值", "线性内插", "linear interpolation", 7),
    Keyword("RANK", r"按排位|按排名|排位", "按排位", "by rank", 7),
    Keyword("SUM", r"之和", "之和", "the sum of", 7),
    Keyword("RESCALE", r"按百分制(?=" + _SEG + r"*?(?:折算|这算|计分))", "按百分制",
            "rescaled to 100", 7),
    Keyword("DEEM", r"视同", "视同", "counts as", 7),
    Keyword("EXEMPT", r"(?:无|没有)(?:该项|此项|相关|本项)?(?:任务|内容|业务)的?(?:单项)?(?:不扣分|不考核|"
            r"不适用|得满分|不予扣分)", "无该项任务的不扣分", "an exemption", 8),
    Keyword("WHETHER", r"是否", "是否", "whether", 6),
    Keyword("BASIS", r"以(?=\s*\d" + _SEG + r"{0,8}为(?:标准|基准))", "以", "taking … as the "
            "standard", 6),
    Keyword("BASIS_END", r"为标准|为基准", "为标准", "(as the standard)", 6, False),
    Keyword("AS_IS", r"为准", "为准", "the value as it stands", 6),
    Keyword("EACH_WORTH", r"各占", "各占", "each worth", 7),
    Keyword("RISE", r"不降反升", "不降反升", "rose instead of falling", 7),
    Keyword("CMP", r"大于或等于|小于或等于|大于等于|小于等于|不超过|不低于|不高于|不少于|不多于|"
            r"不超出|不足|不到|未达到|未達到|未满|未滿|超过|超過|大于|小于|高于|低于|少于|多于|"
            r"达到|達到|[≥≤><=]", "≥", "a comparator", 5),
    Keyword("TIMES", r"\*(?=\s*(?:\d|该|分值|[(（]))", "×", "times", 5),
    Keyword("LPAR_PTS", r"[(（](?=\s*\d+(?:\.\d+)?\s*(?:-\s*\d+(?:\.\d+)?\s*)?分?\s*[)）])",
            "(", "points in brackets", 6),
    Keyword("CELL_PTS", r"(?<=\|)\s*\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?\s*(?=\||$)",
            "| 5 |", "points in a table cell", 7),
    Keyword("PTS_RANGE", r"\d+(?:\.\d+)?\s*[-~]\s*\d+(?:\.\d+)?\s*分(?![配工管类值别])", "0-15分",
            "a range of points", 6),
    Keyword("CN_NUM", rf"[{_CN}]+(?=\s*(?:{_CN_UNITS}))", "一", "a Chinese numeral", 4),
    Keyword("BEI", r"倍", "倍", "times (a multiplier)", 6),
    Keyword("INCL", r"[(（]\s*(?:含|包括|包含)[^)）]{0,10}[)）]", "(含)", "(inclusive)", 6),
    # tried only after a number: they need not stop TEXT
    Keyword("FEN", r"分(?![配工管类值别解项析档钟])", "分", "points", 6, False),
    Keyword("UNIT", rf"(?:{_UNIT_ALT})", "项", "a unit", 5, False),
    Keyword("POST", r"\s*(?:及以上|以上|及以下|以下|以内|之内|内)", "以上",
            "以上 / 以下 / 以内", 6, False),
    Keyword("DASH", r"\s*[-~至到]\s*(?=\d|[" + _CN + "])", "-", "a range dash", 6, False),
    Keyword("RPAR", r"\s*[)）]", ")", "a closing bracket", 6, False),
    Keyword("STOP", r"为止", "为止", "(stop)", 6, False),
)

KEYWORD_NAMES: dict[str, str] = {k.name: k.zh for k in KEYWORDS} | {
    "TEXT": "words", "$END": "the end", "NUMBER": "60", "FWORD": "a name", "FOP": "+ - × /",
    "FCAP": "(超过100%以100%计算)"}

BEGIN = "// ---- BEGIN GENERATED KEYWORDS"
END = "// ---- END GENERATED KEYWORDS"


def _lark_regex(pattern: str) -> str:
    return "/" + pattern.replace("/", "\\/") + "/"


def render_block() -> str:
    """The generated terminal block of ``criteria.lark`` (keywords, then ``TEXT``)."""
    lines = [BEGIN,
             "// generated by python -m perfindicators.criteria._keywords grammars/criteria.lark",
             "// from the table in src/perfindicators/criteria/_keywords.py: do not edit here."]
    for k in KEYWORDS:
        lines.append(f"// {k.zh}: {k.en}")
        lines.append(f"{k.name}.{k.priority}: {_lark_regex(k.pattern)}")
    stops = "|".join(f"(?:{k.pattern})" for k in KEYWORDS if k.stops_text)
    text = f"(?:(?!{stops})[^\\s\\d;；。|,，、:：])+"
    lines.append("// words: a run of characters at which no keyword starts")
    lines.append(f"TEXT.0: {_lark_regex(text)}")
    lines.append(END)
    return "\n".join(lines) + "\n"


def regenerate(grammar: str) -> str:
    """*grammar* with its generated block replaced by `render_block`."""
    head, _, rest = grammar.partition(BEGIN)
    _, _, tail = rest.partition(END + "\n")
    return head + render_block() + tail


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated block of the grammar file named in *argv*."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else Path("grammars/criteria.lark")
    path.write_text(regenerate(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
