from yoydiff.names import (department_key, normalise, project_key, row_name_key, similarity, squash, target_code,
                           unit_key)


def test_document_numbers_and_years_do_not_count():
    a = project_key("乌财社（2025）215号关于提前下达2026年自治区财政就业补助资金预算的通知")
    assert a == project_key("乌财社（2024）196号关于提前下达2025年自治区财政就业补助资金预算的通知")
    assert a == project_key("乌财社〔2025〕215 号关于提前下达 2026 年自治区财政就业补助资金预算的通知")
    assert a == project_key("乌财社【2026】3号 关于提前下达2027年度自治区财政就业补助资金预算的通知")
    assert a == "关于提前下达自治区财政就业补助资金预算的通知"


def test_year_ranges_go_but_content_years_stay():
    k = project_key("乌财企（2025）120 号提前下达 1995 年前退休（退职）人员 2026 年 4 月至 2027 年 3 月生活补贴资金")
    assert k == "提前下达1995年前退休(退职)人员生活补贴资金"
    assert k == project_key("乌财企(2024)163号提前下达1995年前退休(退职)人员2025年4月-2026年3月生活补贴资金")
    assert project_key("《三年行动方案（2025—2027 年）》") == "三年行动方案"


def test_year_prefix_and_project_suffix():
    assert project_key("2024年家庭医生签约服务经费") == project_key("2025年家庭医生签约服务经费") == "家庭医生签约服务经费"
    assert project_key("人才事业发展经费项目") == project_key("人才事业发展经费")
    assert project_key("25年就业公共服务系统升级项目款") == "就业公共服务系统升级项目款"


def test_full_width_brackets_and_spaces():
    assert normalise("社会保障和就业-就业补助资金（人社局）") == "社会保障和就业-就业补助资金(人社局)"
    assert normalise("ＡＢ　１２ ３") == "ab123"
    assert normalise("【乌财社】") == normalise("〔乌财社〕") == "(乌财社)"


def test_units_targets_departments():
    assert unit_key("青岚县卫生健康委员会（本级）") == "青岚县卫生健康委员会"
    # the department's own body however printed (real js-swb 2018 「江苏省委办公厅厅机关本级」, 2019 「江苏省委办公厅（本级）」)
    assert unit_key("江苏省委办公厅厅机关本级") == unit_key("江苏省委办公厅（本级）") == unit_key("江苏省委办公厅本级")
    assert unit_key("某某局机关本级") == unit_key("某某局（本级）") and unit_key("某某局机关") != unit_key("某某局")
    assert target_code("特定目标 0110019B") == target_code("特定目标0110019b") == "0110019B"
    assert target_code("人才事业发展经费") == ""
    assert department_key("2026年乌鲁木齐市人力资源和社会保障局部门预算公开") == "乌鲁木齐市人力资源和社会保障局"


def test_similarity_is_on_characters():
    assert similarity("卫生健康综合管理工作经费", "卫生健康行政综合保障经费") > 0.6
    assert similarity("档案影像化", "公共就业服务事业发展经费") == 0.0
    assert similarity("", "x") == 0.0 and similarity("ab", "ab") == 1.0


def test_squash_drops_spaces_and_double_quotes_only():
    """Labels compared with fixed words: spaces (also the full-width one) and “ ” " go, nothing else."""
    assert squash("“三公” 经费支出") == squash('"三公"经费支出') == squash("三公经费支出") == "三公经费支出"
    assert squash("合\u3000计") == squash(" 合 计\n") == "合计"
    assert squash("一、支出总计（2025年）") == "一、支出总计（2025年）"      # enumerators, brackets, digits kept
    assert squash("‘专项’") == "‘专项’"                                   # single quotes are not squashed


def test_row_name_key_is_one_form_of_a_printed_classification_name():
    """The key a narrative subject's part is looked up by among the names of the tables' coded rows."""
    assert row_name_key("维修(护)费") == row_name_key("维修（护）费") == row_name_key("维修【护】费") == "维修（护）费"
    assert row_name_key("社會保障和就業") == row_name_key("社会保障和就业")          # traditional characters folded
    assert row_name_key(" 2080101  行政运行：") == row_name_key("２０８０１０１行政运行") == "行政运行"
    assert row_name_key("就业补助、其他。") == "就业补助其他"
    assert row_name_key("一般公共服务") != row_name_key("一般公共服务支出")       # no word is dropped
