"""Word lists of published forms: qualitative endings, tier words, "nothing was done".

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

__all__ = ["MAX_QUALITATIVE", "MET_WORDS", "NOTHING_DONE_RE", "NOT_MET_RE", "PARTIAL_RE",
           "QUALITATIVE_END", "QUALITATIVE_RE"]

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
#: words that say it was partly met
PARTIAL_RE = re.compile(r"^(?:部分|基本|大部分|大体)(?:达成|完成|实现|达到|达标|符合)")
#: words that say it was not met
NOT_MET_RE = re.compile(
    r"^(?:未|没有|尚未|不)(?:达成|完成|实现|达到|达标|合格|符合|进行|开展|实施|启动)|^否$"
)

#: the actual says nothing was done or spent
NOTHING_DONE_RE = re.compile(r"^(?:未|没有|尚未)(?:进行|开展|实施|发生|支出|使用|拨付|产生)|^未发生|^零发生")
