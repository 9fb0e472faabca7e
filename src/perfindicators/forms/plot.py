"""A bar chart of the points lost in each first-level group (needs the ``plot`` extra)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .._optional import optional
from .reportdata import ReportData

__all__ = ["ENGLISH", "plot_points_lost"]

#: chart labels where no CJK font is installed
ENGLISH = {"产出指标": "Output", "效益指标": "Outcome", "满意度指标": "Satisfaction",
           "预算执行率": "Budget execution", "满意度": "Satisfaction"}
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
              "SimHei", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC")


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in _CJK_FONTS if n in names), None)


def plot_points_lost(report: ReportData, ax: Any = None, *, labels: str = "auto") -> Any:
    """Bars of the points each first-level group (and the budget block) loses, under the rules
    and as published. Returns the matplotlib ``Axes``.

    Args:
        report: a scored form.
        ax: an ``Axes`` to draw on; a new figure by default.
        labels: ``"zh"``, ``"en"`` or ``"auto"`` (Chinese when a CJK font is installed).
    """
    plt = optional("matplotlib.pyplot", "plot", "the chart")
    font = _cjk_font()
    chinese = labels == "zh" or (labels == "auto" and font is not None)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.2))
    names, rule, published = [], [], []
    for g in report.groups:
        if g.level2 is not None:
            continue
        names.append(g.level1)
        rule.append(float(g.weight - g.rule))
        published.append(float(g.weight - g.published) if g.published is not None else 0.0)
    b = report.budget
    if b.score is not None:
        names.append("预算执行率")
        rule.append(float(b.weight - b.score.points))
        published.append(float(b.weight - (b.published_score or Decimal(0))))
    shown = names if chinese else [ENGLISH.get(n, n) for n in names]
    xs = range(len(shown))
    ax.bar([x - 0.2 for x in xs], rule, width=0.4, label="rules" if not chinese else "规则")
    ax.bar([x + 0.2 for x in xs], published, width=0.4,
           label="published" if not chinese else "公布")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(shown, fontname=font if chinese and font else None)
    ax.set_ylabel("points lost" if not chinese else "失分", fontname=font if chinese else None)
    title = (f"各一级指标失分：规则总分{report.rule_total}，公布总分{report.published_total}"
             if chinese else f"Points lost: rules {report.rule_total}, "
             f"published {report.published_total}")  # one language per chart
    ax.set_title(title, fontname=font if chinese and font else None)
    ax.legend(prop={"family": font} if chinese and font else None)
    return ax
