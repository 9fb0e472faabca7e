"""The vocabulary of published forms: column headers, row labels and group names.

Headers are compared after `norm_header`: spaces removed, full-width brackets made ASCII and
traditional characters made simplified (一級指標 reads as 一级指标), so a header table lists
each name once. `canonical_group` does the same for 一级/二级 group names and also drops a
weight written into the name (``产出指标(50分)``) and a list number (``一、产出指标``).

>>> norm_header("實際完成值（B）"), INDICATOR_COLUMNS[norm_header("一級指標")]
('实际完成值(B)', 'level1')
>>> column_key("年度指标值(A)"), column_key("评（扣）分标准"), column_key("指标方向")
('target', 'criterion', 'direction')
>>> canonical_group("产出指标(50分)"), canonical_group("产 出 指 标"), canonical_group("產出指標")
('产出指标', '产出指标', '产出指标')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "BUDGET_COLUMNS",
    "FACTS",
    "HEADERS_ZH",
    "INDICATOR_COLUMNS",
    "REQUIRED",
    "budget_key",
    "canonical_group",
    "column_key",
    "is_budget_header",
    "is_indicator_header",
    "is_level_header",
    "is_subheader",
    "norm_header",
    "to_simplified",
]

# traditional → simplified, for the characters of headers, labels and group names
_TRADITIONAL = str.maketrans(
    "級標實際進質計單權評準備註項稱門負責聯繫係電話預數執總產滿時經濟會態續響務對資額績類號"
    "況與體幣萬億結轉撥財當應發後達個為這說場區縣鎮鄉國東廳衛義興開關問題論據價測確無議"
    "劃貨設導覽並從則裡兒於値",
    "级标实际进质计单权评准备注项称门负责联系系电话预数执总产满时经济会态续响务对资额绩类号"
    "况与体币万亿结转拨财当应发后达个为这说场区县镇乡国东厅卫义兴开关问题论据价测确无议"
    "划货设导览并从则里儿于值",
)
_SPACE = re.compile(r"\s+")


def to_simplified(text: str) -> str:
    """*text* with the traditional characters of form vocabulary made simplified.

    >>> to_simplified("服務對象滿意度指標")
    '服务对象满意度指标'
    """
    return text.translate(_TRADITIONAL)


def norm_header(header: object) -> str:
    """A header as the tables below list it: no spaces, ASCII brackets, simplified.

    >>> norm_header(" 年度 指標值 ")
    '年度指标值'
    """
    text = "" if header is None else str(header)
    text = _SPACE.sub("", text).replace("（", "(").replace("）", ")").replace("【", "(")
    return to_simplified(text.replace("】", ")"))


_BRACKETS = re.compile(r"\([^()]*\)")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]")
_WEIGHT_SUFFIX = re.compile(r"\d+(?:\.\d+)?分?$")


_SYNONYMS = {"产出目标": "产出指标", "效益目标": "效益指标", "满意度目标": "满意度指标",
             "项目产出指标": "产出指标", "项目效益指标": "效益指标", "满意度": "满意度指标"}


def canonical_group(name: str) -> str:
    """A 一级 or 二级 group name without spaces, traditional characters, a list number or a
    weight written into it, and with the usual synonyms (產出目標 is 产出指标); the name
    itself when nothing is left.

    >>> canonical_group("一、效益指标（30分）"), canonical_group("满意度指标10分")
    ('效益指标', '满意度指标')
    >>> canonical_group("產出目標")
    '产出指标'

    """
    text = norm_header(name)
    bare = _NUMBERING.sub("", _BRACKETS.sub("", text))
    bare = _WEIGHT_SUFFIX.sub("", bare) if not bare.isdigit() else bare
    bare = bare or text
    return _SYNONYMS.get(bare, bare)


FACTS = {"项目名称": "name", "主管部门": "department", "实施单位": "implementer",
         "项目负责人": "manager", "负责人": "manager", "联系电话": "phone", "年度": "year",
         "年份": "year", "项目年度": "year", "预算年度": "year"}

BUDGET_COLUMNS = {"年初预算数": "initial", "全年预算数": "full_year", "预算数": "full_year",
                  "调整后预算数": "full_year", "全年执行数": "executed", "执行数": "executed",
                  "实际执行数": "executed", "分值": "weight", "执行率": "rate", "得分": "score"}

INDICATOR_COLUMNS = {
    "一级指标": "level1", "二级指标": "level2", "三级指标": "level3", "指标名称": "level3",
    "年度指标值": "target", "指标值": "target", "目标值": "target", "年初目标值": "target",
    "年度目标值": "target", "全年指标值": "target", "预期指标值": "target",
    "绩效指标值": "target",
    "实际完成值": "actual", "完成值": "actual", "全年实际值": "actual", "实际值": "actual",
    "实际完成情况": "actual", "全年实际完成值": "actual",
    "分值": "weight", "权重": "weight", "指标分值": "weight", "指标权重": "weight",
    "得分": "score", "自评得分": "score", "实际得分": "score", "评价得分": "score",
    "偏差原因分析及改进措施": "note", "偏差原因": "note", "未完成原因分析": "note",
    "偏差原因及改进措施": "note", "原因分析": "note", "偏差原因分析": "note",
    "未完成原因分析及改进措施": "note",
    "备注": "remark",
    "评(扣)分标准": "criterion", "评分标准": "criterion", "扣分标准": "criterion",
    "评分规则": "criterion", "计分方法": "criterion", "评分方法": "criterion",
    "评(扣)分依据": "criterion", "评分细则": "criterion", "评(扣)分细则": "criterion",
    "扣分细则": "criterion",
    "指标性质": "sign", "计算符号": "sign", "指标值类型": "sign", "符号": "sign",
    "指标方向": "direction",
    "度量单位": "unit", "计量单位": "unit", "单位": "unit",
    # bracketed forms, listed for lookups that do not strip brackets (pi.score_frame)
    "年初目标值(A)": "target", "年度指标值(A)": "target", "指标值(A)": "target",
    "全年实际值(B)": "actual", "实际完成值(B)": "actual", "权重(%)": "weight",
    # English headers, as to_frame() writes them
    "level1": "level1", "level2": "level2", "level3": "level3", "target": "target",
    "actual": "actual", "weight": "weight", "score": "score", "note": "note",
    "criterion": "criterion", "remark": "remark",
}

#: the columns an indicator table of a self-evaluation form needs (a 绩效目标表 needs a target)
REQUIRED = ("target", "actual", "weight")

#: the headers `write_form` writes, in order
HEADERS_ZH = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "偏差原因分析及改进措施", "评(扣)分标准", "备注")


def _lookup(table: dict[str, str], cell: str) -> str | None:
    key = table.get(cell)
    if key is None and "(" in cell:  # 年度指标值(A), 权重(%), 执行率(B/A)
        key = table.get(_BRACKETS.sub("", cell))
    return key


def column_key(header: object) -> str | None:
    """The indicator field a header names (``target``, ``actual`` …), or ``None``."""
    return _lookup(INDICATOR_COLUMNS, norm_header(header))


def budget_key(header: object) -> str | None:
    """The budget-block field a header names (``full_year``, ``rate`` …), or ``None``."""
    return _lookup(BUDGET_COLUMNS, norm_header(header))


def is_indicator_header(cells: Sequence[str]) -> bool:
    """A header row of the indicator table: a target column and a level or weight column."""
    names = {column_key(c) for c in cells if c}
    return "target" in names and bool(names & {"level1", "level2", "level3", "weight"})


def is_level_header(cells: Sequence[str]) -> bool:
    """The second row of a two-row header that names the levels (绩效指标 over 一级/二级/三级)."""
    keys = {column_key(c) for c in cells if c}
    return bool(keys & {"level1", "level2", "level3"}) and keys <= {
        "level1", "level2", "level3", "sign", "direction", "unit", "target", None}


def is_subheader(cells: Sequence[str]) -> bool:
    """A second header row naming split target cells (指标性质 | 指标值 | 度量单位) under a merged
    年度指标值, and possibly the levels."""
    keys = [column_key(c) for c in cells if c]
    return bool(keys) and None not in keys and bool(
        set(keys) & {"sign", "direction", "unit"}) and set(keys) <= {
        "sign", "direction", "unit", "target", "level1", "level2", "level3"}


def is_budget_header(cells: Sequence[str]) -> bool:
    """A header row of the budget block: at least two of 年初预算数, 全年预算数, 全年执行数."""
    return sum(1 for c in cells if c and budget_key(c) in ("initial", "full_year",
                                                            "executed")) >= 2
