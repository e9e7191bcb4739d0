"""Bodies of titles written without one, from the sentence and the article (kg.role_context)."""

from kg.records import Mention, Role
from kg.role_context import fill_organizations


def mention(sentence, start, text, type_):
    return Mention("a", sentence, start, start + len(text), text, type_)


def test_a_firms_officer_takes_the_firm_the_story_is_about():
    mentions = [mention(0, 0, "湘江重工集团", "company"), mention(1, 20, "长沙银行", "company"),
                mention(2, 40, "湘江重工集团", "company"), mention(3, 63, "刘青", "person")]
    filled = fill_organizations([Role("刘青", "总经理", "", "a", 3)], mentions)
    assert [(r.title, r.organization) for r in filled] == [("总经理", "湘江重工集团")]


def test_the_body_of_the_titles_kind_named_in_the_sentence_wins():
    mentions = [mention(0, 0, "湘江重工集团", "company"), mention(0, 10, "湘江重工集团", "company"),
                mention(1, 20, "岳麓大学", "organization"), mention(1, 30, "陈明", "person")]
    filled = fill_organizations([Role("陈明", "校长", "", "a", 1)], mentions)
    assert filled[0].organization == "岳麓大学"


def test_a_country_is_read_from_the_sentence_only():
    mentions = [mention(0, 0, "巴西", "place"), mention(1, 10, "罗萨", "person")]
    assert fill_organizations([Role("罗萨", "总统", "", "a", 1)], mentions)[0].organization == ""
    mentions = [mention(1, 5, "巴西", "place"), mention(1, 10, "罗萨", "person")]
    assert fill_organizations([Role("罗萨", "总统", "", "a", 1)], mentions)[0].organization == "巴西"


def test_a_bare_title_in_a_list_takes_the_body_of_the_official_before():
    roles = [Role("甲", "副主任", "岳阳市人大常委会", "a", 0), Role("乙", "副主任", "", "a", 0), Role("丙", "秘书长", "", "a", 1)]
    filled = fill_organizations(roles, [])
    assert [r.organization for r in filled] == ["岳阳市人大常委会", "岳阳市人大常委会", ""]


def test_a_title_of_no_kind_takes_nothing_from_other_sentences():
    mentions = [mention(0, 0, "湘江重工集团", "company"), mention(1, 10, "罗一", "person")]
    assert fill_organizations([Role("罗一", "主任", "", "a", 1)], mentions)[0].organization == ""


def test_an_academician_is_of_an_academy_not_the_university_before():
    mentions = [mention(0, 0, "中国工程院", "organization"), mention(1, 5, "岳麓大学", "organization"),
                mention(1, 12, "周正", "person")]
    assert fill_organizations([Role("周正", "院士", "", "a", 1)], mentions)[0].organization == "中国工程院"


def test_a_reporters_paper_is_not_lent_to_the_officials_after_the_credit():
    mentions = [mention(0, 1, "洞庭日报", "organization"), mention(0, 7, "王立", "person"),
                mention(0, 16, "赵峰", "person")]
    roles = [Role("王立", "记者", "洞庭日报", "a", 0), Role("赵峰", "书记", "", "a", 0)]
    assert [r.organization for r in fill_organizations(roles, mentions)] == ["洞庭日报", ""]


def test_a_firm_calling_itself_company_is_the_firm_of_the_story():
    mentions = [mention(0, 0, "岳麓机械股份有限公司", "company"), mention(1, 20, "陈方", "person")]
    filled = fill_organizations([Role("陈方", "副总经理", "公司", "a", 1)], mentions)
    assert filled[0].organization == "岳麓机械股份有限公司"


def test_a_chief_executive_is_of_the_special_region_not_of_the_paper_before():
    mentions = [mention(0, 0, "湘江晚报社", "organization"), mention(0, 7, "陈方", "person"),
                mention(0, 12, "澳门特别行政区", "place"), mention(0, 25, "吴亮", "person")]
    roles = [Role("陈方", "社长", "湘江晚报社", "a", 0), Role("吴亮", "行政长官", "", "a", 0)]
    assert fill_organizations(roles, mentions)[1].organization == "澳门特别行政区"


def test_a_boards_term_is_no_body():
    mentions = [mention(0, 0, "岳麓机械股份有限公司", "company"), mention(1, 0, "公司第四届", "organization"),
                mention(1, 20, "陈方", "person")]
    assert fill_organizations([Role("陈方", "副总经理", "", "a", 1)], mentions)[0].organization == "岳麓机械股份有限公司"


def test_a_factory_head_takes_the_factory():
    mentions = [mention(0, 0, "红星服装厂", "company"), mention(0, 12, "陈方", "person")]
    assert fill_organizations([Role("陈方", "厂长", "", "a", 0)], mentions)[0].organization == "红星服装厂"


def test_the_headquarters_of_a_body_is_the_body():
    mentions = [mention(0, 2, "岳麓特别行政区政府总部", "organization"), mention(0, 20, "吴亮", "person")]
    assert fill_organizations([Role("吴亮", "行政长官", "", "a", 0)], mentions)[0].organization == "岳麓特别行政区政府"


def test_the_outlet_of_the_credits_employs_no_one_in_the_story():
    mentions = [mention(0, 1, "海河时报", "company"), mention(0, 7, "王立", "person"),
                mention(1, 20, "吴亮", "person")]
    roles = [Role("王立", "特约记者", "海河时报", "a", 0), Role("吴亮", "首席执行官", "", "a", 1)]
    assert [r.organization for r in fill_organizations(roles, mentions)] == ["海河时报", ""]
