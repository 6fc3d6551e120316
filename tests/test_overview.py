"""The overview's building blocks that need no generated government."""
from yoydiff.overview import _total_label


def test_total_rows_taken_for_projects_are_not_government_changes():
    # real js-fy/js-swb 2019: 收入总计 and 小计 of the 收支总表 came out as project rows
    assert all(_total_label(x) for x in ("收入总计", "小计", "合计", "一、本年收入合计", "支出总计"))
    assert not any(_total_label(x) for x in ("公共就业服务和职业技能鉴定机构", "行政运行", "合计项目管理经费补助资金"))
