"""The table writer: a form as rows of text cells, top to bottom like the official form.

CSV and XLSX files are written from these rows (`.csvfile`, `.xlsxfile`); the table reader
(`.grid`) reads them back to an equal form. Every cell is text: numbers as exact decimals,
rates with their ``%``.

>>> import perfindicators as pi
>>> rows = table_rows(pi.examples.load("zgc-2021"))
>>> rows[0], rows[5][:3]
(['项目名称', '中关村企业专利、技术标准等资助资金项目'], ['项目资金（万元）', '年初预算数', '全年预算数'])
"""

from __future__ import annotations

from .._decimal import plain
from .headers import HEADERS_ZH
from .model import FormData

__all__ = ["table_rows"]


def table_rows(form: FormData) -> list[list[str]]:
    """The rows of *form* as text cells: facts, budget block, goals, indicator table, total."""
    p = form.project
    rows: list[list[str]] = [
        ["项目名称", p.name], ["主管部门", p.department, "实施单位", p.implementer],
        ["项目负责人", p.manager, "联系电话", p.phone], ["年度", "" if p.year is None else str(p.year)],
        [],
        ["项目资金（" + form.budget.unit + "）", "年初预算数", "全年预算数", "全年执行数", "分值",
         "执行率", "得分"],
    ]
    for b in form.budget.lines:
        rows.append([b.name, plain(b.initial), plain(b.full_year), plain(b.executed),
                     plain(b.weight), "" if b.rate is None else f"{plain(b.rate)}%",
                     plain(b.score)])
    rows.append([])
    if form.goals.expected or form.goals.actual:
        rows += [["预期目标", form.goals.expected], ["实际完成情况", form.goals.actual], []]
    rows.append(list(HEADERS_ZH))
    for i in form.indicators:
        rows.append([i.level1, i.level2, i.level3, i.target, i.actual, plain(i.weight),
                     plain(i.score), i.note, i.criterion or "", i.remark])
    rows.append(["总分", "", "", "", "", plain(form.total_weight), plain(form.total_score), "",
                 "", ""])
    return rows
