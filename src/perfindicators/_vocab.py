"""Words, not numbers: qualitative targets and the tier words of actual values.

The vocabulary comes from published forms (see ``shared/reference/scoring-rules.md`` §5.4, §6).

>>> classify_text("效果明显")
Qualitative('效果明显')
>>> classify_text("降低村民出行和农产品运输成本")
Statement('降低村民出行和农产品运输成本')
>>> tier_of("达成预期指标"), tier_of("部分达成年度指标并具有一定效果"), tier_of("未进行资金支持")
(<Tier.MET: 'met'>, <Tier.PARTIAL: 'partly met'>, <Tier.NOT_MET: 'not met'>)
"""

from __future__ import annotations

import enum
import re

from ._normalize import clean_text
from .targets import Qualitative, Statement, Target

__all__ = ["Tier", "classify_text", "nothing_done", "tier_of"]

# A short text that ends in one of these words judges a result rather than stating one.
_QUALITATIVE_END = (
    "明显", "显著", "提升", "提高", "改善", "增强", "增加", "完善", "达标", "合格", "优良", "优秀",
    "良好", "有效", "及时", "按时", "准时", "按期", "满意", "较高", "高", "好", "合规", "规范",
    "稳定", "持续", "长期", "是", "否", "有", "无", "到位", "落实", "加强", "降低", "下降", "减少",
    "扩大", "健全", "保障", "显著提升", "有所提高", "有所提升", "逐步提高", "稳步提高",
    "专款专用", "符合要求", "符合规定", "符合相关规定", "严格执行", "公正", "客观公正",
    "达到预期", "达到要求", "满足需求", "优", "良", "中", "差", "完成", "增收", "高涨", "改观",
    "提速", "好转", "普及", "覆盖", "全覆盖", "零发生", "未发生",
)
_QUALITATIVE_RE = re.compile(
    r"^.{0,10}(?:" + "|".join(sorted(map(re.escape, _QUALITATIVE_END), key=len, reverse=True))
    + r")$|^应(.)尽\1$|^(?:符合|满足|严格执行|严格按照|遵守).{0,12}$"
)
_MAX_QUALITATIVE = 14


def classify_text(text: str, *, reason: str | None = None) -> Target:
    """A text that is not a measured target: `Qualitative` if it judges, else a
    `Statement` that keeps the text."""
    cleaned = clean_text(text)
    if len(cleaned) <= _MAX_QUALITATIVE and _QUALITATIVE_RE.match(cleaned):
        return Qualitative(cleaned)
    return Statement(cleaned, reason=reason)


class Tier(enum.Enum):
    """How a result was judged in words."""

    MET = "met"
    PARTIAL = "partly met"
    NOT_MET = "not met"


_MET = {
    "达成", "达成预期指标", "达成年度指标", "达成预期", "达成目标", "已达成", "全部达成", "完成",
    "已完成", "全部完成", "按期完成", "按时完成", "如期完成", "完成目标", "达到", "已达到",
    "达到预期", "达到预期指标", "达到预期目标", "达标", "已达标", "合格", "满足", "符合",
    "是", "有", "达成年度目标", "完成年度目标", "实现", "已实现", "100%完成",
}
_PARTIAL = re.compile(r"^(?:部分|基本|大部分|大体)(?:达成|完成|实现|达到|达标|符合)")
_NOT_MET = re.compile(
    r"^(?:未|没有|尚未|不)(?:达成|完成|实现|达到|达标|合格|符合|进行|开展|实施|启动)|^否$"
)


def tier_of(text: str) -> Tier | None:
    """The tier a text of an actual value states, or ``None`` when it states none."""
    s = clean_text(text)
    if s in _MET:
        return Tier.MET
    if _PARTIAL.match(s):
        return Tier.PARTIAL
    if _NOT_MET.match(s):
        return Tier.NOT_MET
    return None


_NOTHING_DONE = re.compile(r"^(?:未|没有|尚未)(?:进行|开展|实施|发生|支出|使用|拨付|产生)|^未发生|^零发生")


def nothing_done(text: str) -> bool:
    """The actual says nothing was done or spent (``未进行资金支持``, ``未发生``): against a
    ceiling (an at-most target) that is an amount of zero, not a failure."""
    return bool(_NOTHING_DONE.match(clean_text(text)))
