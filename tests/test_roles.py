"""Roles from the patterns of news text."""

import re
from functools import partial

from kg.options import Recognition, map_options
from kg.places import InView, Places
from kg.records import Mention, Sentence
from kg.roles import TitleLexicon, byline_roles, find_roles

TITLES = TitleLexicon.load()


def roles_of(text, people, orgs=(), home="衡阳", places=(), elsewhere=()):
    """Roles of ``text`` as sentence 0 of an article whose other sentences name the places ``elsewhere``."""
    sentence = Sentence("a", 0, 0, len(text), text)
    mentions = [Mention("a", 0, text.index(p), text.index(p) + len(p), p, "person") for p in people]
    mentions += [Mention("a", 0, m.start(), m.end(), o, "organization") for o in orgs for m in re.finditer(o, text)]
    mentions += [Mention("a", 0, text.index(o), text.index(o) + len(o), o, "place") for o in places]
    view = InView(mentions + [Mention("a", 1, 0, len(p), p, "place") for p in elsewhere], home)
    return [(r.person, r.title, r.organization) for r in find_roles(sentence, mentions, TITLES,
                                                                    partial(view.at, "a", 0))]


def test_stacked_titles_give_two_roles():
    assert roles_of("市委书记、市人大常委会主任邓群策寄语劳动者。", ["邓群策"]) == [
        ("邓群策", "书记", "衡阳市委"), ("邓群策", "主任", "衡阳市人大常委会")]


def test_organization_title_person():
    assert roles_of("朱健会见了中国水环境集团董事长侯锋一行。", ["朱健", "侯锋"], ["中国水环境集团"]) == [
        ("侯锋", "董事长", "中国水环境集团")]


def test_a_list_shares_its_title():
    assert roles_of("市领导刘光跃、段志刚、刘正兴出席。", ["刘光跃", "段志刚", "刘正兴"]) == [
        (p, "市领导", "衡阳市") for p in ("刘光跃", "段志刚", "刘正兴")]


def test_title_after_name():
    assert roles_of("邓群策书记指出，要加快发展。", ["邓群策"]) == [("邓群策", "书记", "")]


def test_user_titles_extend_the_lexicon(tmp_path):
    extra = tmp_path / "titles.txt"
    extra.write_text("首席科学家\n", encoding="utf-8")
    titles = TitleLexicon.load(extra)
    assert titles.split("研究院首席科学家") == ("研究院", "首席科学家")


def test_bylines():
    found = [(m.text, r.title, r.organization) for m, r in byline_roles("通讯员 赵诗 文雅婷", 0, "a", 0)]
    assert found == [("赵诗", "通讯员", "本报"), ("文雅婷", "通讯员", "本报")]
    found = [(m.text, r.title, r.organization) for m, r in byline_roles("■衡阳晚报全媒体记者 罗茂盟 摄", 0, "a", 0)]
    assert found == [("罗茂盟", "全媒体记者", "衡阳晚报")]  # a reporter who took the picture stays a reporter
    assert [(m.text, r.title) for m, r in byline_roles("周建平 摄", 0, "a", 0)] == [("周建平", "摄影")]
    found = [(m.text, r.title, r.organization) for m, r in byline_roles("湘江日报首席记者 李明 编辑 王芳 校对 陈刚",
                                                                          0, "a", 0)]
    assert found == [("李明", "首席记者", "湘江日报"), ("王芳", "编辑", "湘江日报"), ("陈刚", "校对", "湘江日报")]
    found = [(m.text, r.organization) for m, r in byline_roles("通讯员 钟丽华报道", 0, "a", 0, paper="潇湘晨报")]
    assert found == [("钟丽华", "潇湘晨报")]


def test_the_paper_of_a_byline_is_its_masthead_or_source():
    from kg.extract import paper_of
    from kg.records import Article

    assert paper_of(Article("a", "湘江晚报讯（记者 李明）昨日，", "p.txt")) == "湘江晚报"
    assert paper_of(Article("a", "本报讯（记者 李明）昨日，", "潇湘晨报")) == "潇湘晨报"
    assert paper_of(Article("a", "本报讯（记者 李明）昨日，", "page.txt")) == "本报"


def test_a_title_after_the_list():
    text = "朱健、赖馨正、胡绪阳等中心组成员参加。"
    assert roles_of(text, ["朱健", "赖馨正", "胡绪阳"]) == [
        (p, "成员", "中心组") for p in ("朱健", "赖馨正", "胡绪阳")]


def test_alias_file_and_stop_list(recognizer, tmp_path):
    from kg import pipeline

    page = tmp_path / "p.txt"
    page.write_text("华菱衡钢董事长易佐在衡阳调研。衡钢发展很快。本报记者报道。", encoding="utf-8")
    (tmp_path / "aliases.csv").write_text("alias,canonical\n衡钢,华菱衡钢\n", encoding="utf-8")
    (tmp_path / "stop.txt").write_text("衡阳\n", encoding="utf-8")
    build = pipeline.build([page], map_options=map_options(aliases_file=tmp_path / "aliases.csv", stop_file=tmp_path / "stop.txt"), recognition=Recognition(recognizer))
    names = {e.name: e for e in build.entities.values()}
    assert "衡阳" not in names and "衡阳市" not in names
    company = names["华菱衡钢"]
    assert company.merges.get("衡钢") == "user alias file"


def test_a_unit_right_before_a_name_makes_a_member():
    text = "南华医院感染科胡曦发言。"
    sentence = Sentence("a", 0, 0, len(text), text)
    mentions = [Mention("a", 0, 0, 7, "南华医院感染科", "organization"), Mention("a", 0, 7, 9, "胡曦", "person")]
    assert [(r.person, r.title, r.organization) for r in find_roles(sentence, mentions, TITLES,
                                                                             lambda _: Places(city="衡阳"))] == [
        ("胡曦", "", "南华医院感染科")]


def test_a_chain_that_names_its_city_settles_the_bare_titles_after_it():
    assert roles_of("长沙市委副书记、市长郑建新出席。", ["郑建新"], ["长沙市委"]) == [
        ("郑建新", "副书记", "长沙市委"), ("郑建新", "市长", "长沙市政府")]
    assert roles_of("辽宁省委副书记、省长李明远致辞。", ["李明远"], ["辽宁省委"]) == [
        ("李明远", "副书记", "辽宁省委"), ("李明远", "省长", "辽宁省政府")]


def test_a_bare_body_before_a_named_one_keeps_the_paper_s_city():
    assert roles_of("市委副书记、耒阳市委书记赖馨正宣读决定。", ["赖馨正"], ["耒阳市委"], elsewhere=["衡阳市", "衡阳"]) == [
        ("赖馨正", "副书记", "衡阳市委"), ("赖馨正", "书记", "耒阳市委")]


def test_a_sentence_naming_a_city_settles_bare_bodies_after_it():
    assert roles_of("在株洲市调研时，市委书记毛腾飞强调。", ["毛腾飞"], places=["株洲市"]) == [
        ("毛腾飞", "书记", "株洲市委")]


def test_officials_listed_with_commas_share_the_body_written_first():
    text = "湘南学院党委书记王建国，党委副书记、院长李明华，副院长张晓梅出席会议。"
    assert roles_of(text, ["王建国", "李明华", "张晓梅"], ["湘南学院"]) == [
        ("王建国", "党委书记", "湘南学院"), ("李明华", "党委副书记", "湘南学院"), ("李明华", "院长", "湘南学院"),
        ("张晓梅", "副院长", "湘南学院")]


def test_a_list_goes_on_past_a_name_read_short():
    text = "省政协副主席王一鸣、阿不都·热合曼、李四海出席会议。"
    found = roles_of(text, ["王一鸣", "阿不都", "李四海"], ["省政协"], places=[])
    assert [(p, t) for p, t, _ in found] == [("王一鸣", "副主席"), ("阿不都", "副主席"), ("李四海", "副主席")]


def test_titles_after_a_name_belong_to_the_body_before_it():
    assert roles_of("湘潭大学王建国副校长与湖南科技大学李明华校长一同签约。", ["王建国", "李明华"],
                    ["湘潭大学", "湖南科技大学"]) == [("王建国", "副校长", "湘潭大学"), ("李明华", "校长", "湖南科技大学")]
    assert roles_of("会上，华菱集团张晓峰党委书记、董事长作报告。", ["张晓峰"], ["华菱集团"]) == [
        ("张晓峰", "党委书记", "华菱集团"), ("张晓峰", "董事长", "华菱集团")]


def test_a_bare_party_committee_title_takes_the_body_listed_before():
    text = "岳阳学院党委书记周立新，党委副书记、院长吴海波出席。"
    assert roles_of(text, ["周立新", "吴海波"], ["岳阳学院"]) == [
        ("周立新", "党委书记", "岳阳学院"), ("吴海波", "党委副书记", "岳阳学院"), ("吴海波", "院长", "岳阳学院")]


def test_a_city_with_its_head_s_title_is_the_city_government():
    assert roles_of("株洲市市长刘建华会见客商。", ["刘建华"], places=["株洲市"]) == [("刘建华", "市长", "株洲市政府")]


def test_an_appointment_gives_the_posts_after_the_verb():
    text = "会议宣布，王建国任湘潭大学党委书记，李明华、张晓梅同志任湘潭大学副校长。"
    assert set(roles_of(text, ["王建国", "李明华", "张晓梅"], ["湘潭大学党委", "湘潭大学"])) == {
        ("王建国", "党委书记", "湘潭大学"), ("李明华", "副校长", "湘潭大学"), ("张晓梅", "副校长", "湘潭大学")}


def test_a_title_after_a_name_before_and_is_a_title():
    assert roles_of("要贯彻落实习近平总书记和党中央的部署。", ["习近平"]) == [("习近平", "总书记", "中共中央")]


def test_a_body_the_model_missed_is_read_from_how_it_ends():
    assert roles_of("他会见了北海道电力公司社长田中一郎。", ["田中一郎"]) == [("田中一郎", "社长", "北海道电力公司")]
    assert roles_of("湘江重工集团刘德明董事长讲话。", ["刘德明"]) == [("刘德明", "董事长", "湘江重工集团")]


def test_a_past_post_after_a_comma_is_a_role():
    text = "新任院长王建国，曾任湘潭大学副校长。"
    assert ("王建国", "副校长", "湘潭大学") in roles_of(text, ["王建国"], ["湘潭大学"])


def test_a_modifier_belongs_to_the_title_and_keeps_the_chain():
    text = "湘乡县委常委、常务副县长王立平出席。"
    assert roles_of(text, ["王立平"], places=["湘乡县"]) == [
        ("王立平", "常委", "湘乡县委"), ("王立平", "常务副县长", "湘乡县政府")]


def test_a_zone_s_working_committee_is_the_body():
    text = "市委副书记、长株潭新区党工委书记周建华参加会见。"
    assert ("周建华", "书记", "长株潭新区党工委") in roles_of(text, ["周建华"], ["长株潭新区党工委"])


def test_a_province_named_before_settles_a_bare_provincial_body():
    assert roles_of("湖南省委常委、省政府副省长陈建国出席。", ["陈建国"], ["湖南省委"]) == [
        ("陈建国", "常委", "湖南省委"), ("陈建国", "副省长", "湖南省政府")]


def test_a_chain_after_yuan_is_a_past_post():
    sentence = "原湘潭市委书记张长明出席。"
    found = find_roles(Sentence("a", 0, 0, len(sentence), sentence),
                       [Mention("a", 0, 7, 10, "张长明", "person")], TITLES, lambda _: Places(city="湘潭"))
    assert [(r.title, r.organization, r.status) for r in found] == [("书记", "湘潭市委", "former")]


def test_credits_in_the_text_take_the_paper_they_name():
    from kg.roles import credit_roles

    text = "本文来源：潇湘新闻记者 周红 李想 通讯员 赵东报道"
    people = ["周红", "李想", "赵东"]
    mentions = [Mention("a", 0, text.index(p), text.index(p) + 2, p, "person") for p in people]
    roles = credit_roles([Sentence("a", 0, 0, len(text), text)], mentions, "本报")
    assert [(r.person, r.title, r.organization) for r in roles] == [
        ("周红", "记者", "潇湘新闻"), ("李想", "记者", "潇湘新闻"), ("赵东", "通讯员", "潇湘新闻")]


def test_a_reporter_in_running_text_is_no_credit():
    from kg.roles import credit_roles

    text = "衡阳日报记者从市应急管理局获悉，刘强已获救。"
    mentions = [Mention("a", 0, text.index("刘强"), text.index("刘强") + 2, "刘强", "person")]
    assert credit_roles([Sentence("a", 0, 0, len(text), text)], mentions) == []


def test_a_provinces_department_written_bare_after_a_break():
    text = "湖北省人民政府副省长刘平，省财政厅厅长孙立出席。"
    found = find_roles(Sentence("a", 0, 0, len(text), text),
                       [Mention("a", 0, text.index(p), text.index(p) + 2, p, "person") for p in ("刘平", "孙立")],
                       TITLES, lambda _: Places(province="湖北"))
    assert ("孙立", "厅长", "湖北省财政厅") in [(r.person, r.title, r.organization) for r in found]


def test_a_director_of_the_board_is_left_for_the_firm():
    assert roles_of("提名何青为第九届董事会董事候选人。", ["何青"]) == [("何青", "董事", "")]


def test_credits_later_in_the_article_take_the_paper_of_the_first():
    from kg.roles import credit_roles

    lead, tail = "潇湘新闻记者 周红报道", "责编：李想"
    sentences = [Sentence("a", 0, 0, len(lead), lead), Sentence("a", 1, len(lead), len(lead) + len(tail), tail)]
    mentions = [Mention("a", 1, len(lead) + 3, len(lead) + 5, "李想", "person")]
    assert [(r.person, r.title, r.organization) for r in credit_roles(sentences, mentions)] == [
        ("李想", "责编", "潇湘新闻")]


def test_a_desk_before_the_reporter_title_is_no_paper():
    found = byline_roles("YMG全媒体记者 唐一", 0, "a", 0, "潇湘网")
    assert [(m.text, r.organization) for m, r in found] == [("唐一", "潇湘网")]


def _credits(text, people, outlets):
    from kg.roles import credit_roles

    mentions = [Mention("a", 0, text.index(p), text.index(p) + len(p), p, "person") for p in people]
    mentions += [Mention("a", 0, text.index(o), text.index(o) + len(o), o, "organization") for o in outlets]
    mentions.sort(key=lambda m: m.start)
    return [(r.person, r.title, r.organization) for r in credit_roles([Sentence("a", 0, 0, len(text), text)],
                                                                      mentions, "本报")]


def test_a_credit_opening_with_its_outlet_gives_the_reporters_paper():
    assert _credits("【海河商报特约记者 陈方】岳麓队昨日宣布签下两名外援。", ["陈方"], ["海河商报"]) == [
        ("陈方", "特约记者", "海河商报")]
    assert _credits("1号财经周刊记者 陈方 长沙报道 岳麓银行昨日公告。", ["陈方"], ["1号财经周刊"]) == [
        ("陈方", "记者", "1号财经周刊")]


def test_an_outlet_with_its_site_credits_the_outlet():
    assert _credits("村里的工厂又添了新订单。（田野日报·乡村网记者 陈方）", ["陈方"], ["田野日报", "乡村网"]) == [
        ("陈方", "记者", "田野日报")]


def test_a_source_line_names_the_paper_of_the_credits():
    assert _credits("来源：江淮日报 双方签署了合作协议。（通讯员 陈方 记者 吴亮）", ["陈方", "吴亮"], []) == [
        ("陈方", "通讯员", "江淮日报"), ("吴亮", "记者", "江淮日报")]


def test_an_outlet_cited_in_the_story_is_no_credit():
    assert _credits("据海河商报报道，岳麓队签下外援。（记者 陈方）", ["陈方"], ["海河商报"]) == [
        ("陈方", "记者", "本报")]


def test_a_country_written_as_its_one_letter_holds_the_state_post():
    assert roles_of("俄总统伊万诺夫将以视频方式出席。", ["伊万诺夫"], home="") == [("伊万诺夫", "总统", "俄罗斯")]
    assert ("李平", "大使", "美国") not in roles_of("中国驻美大使李平出席招待会。", ["李平"], home="")


def test_a_minister_is_written_as_the_ministry_and_its_head():
    assert roles_of("据报道，瓦卢国防部长阿姆拉宣布增兵。", ["阿姆拉"], ["瓦卢国防部"], home="") == [
        ("阿姆拉", "部长", "瓦卢国防部")]


def test_a_bare_premier_after_a_foreign_country_is_that_countrys():
    text = "智利总统罗萨表示，他已指示总理卡多索与邻国接触。"
    assert ("卡多索", "总理", "智利") in roles_of(text, ["罗萨", "卡多索"], places=["智利"], home="")
    assert roles_of("总理李明在长沙考察。", ["李明"], places=["长沙"], home="") == [("李明", "总理", "国务院")]


def test_a_provinces_own_paper_names_the_province_of_a_bare_provincial_committee():
    text = "江西新闻网讯，省委书记张明主持会议，研究北京的项目。"
    mentions = [Mention("a", 0, 0, 5, "江西新闻网", "organization"), Mention("a", 0, 11, 13, "张明", "person"),
                Mention("a", 0, 20, 22, "北京", "place")]
    view = InView(mentions)
    found = find_roles(Sentence("a", 0, 0, len(text), text), mentions, TITLES, partial(view.at, "a", 0))
    assert [(r.person, r.title, r.organization) for r in found] == [("张明", "书记", "江西省委")]


def test_a_county_written_under_its_province_names_its_own_bodies():
    text = "会上，江西省安远县副县长、县公安局局长刘勇作了发言。"
    assert roles_of(text, ["刘勇"], places=["江西省安远县"], home="") == [
        ("刘勇", "副县长", "安远县政府"), ("刘勇", "局长", "安远县公安局")]


def test_people_named_in_turn_after_a_title_hold_it():
    text = "目前该行有两位副行长，分别是：陈方和刚提拔的吴亮，其中吴亮最年轻。"
    assert roles_of(text, ["陈方", "吴亮"], home="") == [("陈方", "副行长", ""), ("吴亮", "副行长", "")]


def test_a_title_after_a_name_before_a_verb_of_the_meeting():
    assert roles_of("王立委员长主持会议。", ["王立"], home="") == [("王立", "委员长", "全国人大常委会")]


def test_former_written_between_the_body_and_the_title():
    from kg.records import FORMER

    text = "岳麓银行前行长陈方退休后，吴亮接任。"
    sentence = Sentence("a", 0, 0, len(text), text)
    mentions = [Mention("a", 0, 0, 4, "岳麓银行", "company"), Mention("a", 0, 7, 9, "陈方", "person")]
    found = find_roles(sentence, mentions, TITLES, lambda _: Places())
    assert [(r.person, r.title, r.organization, r.status) for r in found] == [("陈方", "行长", "岳麓银行", FORMER)]


def test_the_head_of_state_is_chinas():
    assert roles_of("国家主席王立签署主席令。", ["王立"], home="") == [("王立", "国家主席", "中国")]


def test_an_acting_head_written_with_dai():
    assert roles_of("区委副书记、代区长王立出席。", ["王立"], places=[], home="", elsewhere=["岳麓区"]) == [
        ("王立", "副书记", "岳麓区委"), ("王立", "代区长", "岳麓区政府")]


def test_the_leaders_of_a_named_district():
    text = "江城区领导陈方、吴亮，湖滨区领导赵峰等参加。"
    assert roles_of(text, ["陈方", "吴亮", "赵峰"], places=["江城区", "湖滨区"], home="") == [
        ("陈方", "区领导", "江城区"), ("吴亮", "区领导", "江城区"), ("赵峰", "区领导", "湖滨区")]


def test_an_ambassador_is_his_own_countrys():
    assert roles_of("智利驻法国大使罗萨表示欢迎。", ["罗萨"], places=["智利", "法国"], home="") == [
        ("罗萨", "驻法国大使", "智利")]


def test_a_short_name_in_brackets_between_the_body_and_the_title():
    text = "岳麓机械有限公司（以下简称岳麓机械）党委书记、董事长陈方一行来访。"
    assert roles_of(text, ["陈方"], ["岳麓机械有限公司"], home="") == [
        ("陈方", "党委书记", "岳麓机械有限公司"), ("陈方", "董事长", "岳麓机械有限公司")]


def test_an_academician_of_both_academies():
    assert roles_of("两院院士陈方作主旨报告。", ["陈方"], home="") == [
        ("陈方", "院士", "中国科学院"), ("陈方", "院士", "中国工程院")]


def test_a_dateline_names_the_outlet_of_the_credits():
    assert _credits("【湘江网报道】岳麓队签下外援。（编辑/陈方）", ["陈方"], []) == [("陈方", "编辑", "湘江网")]
    assert _credits("潇湘晚报网8月1日讯 岳麓队签下外援。（校对 陈方）", ["陈方"], []) == [("陈方", "校对", "潇湘晚报网")]
    assert _credits("湘江网长沙8月1日讯 岳麓队签下外援。（责任编辑：陈方）", ["陈方"], []) == [
        ("陈方", "责任编辑", "湘江网")]


def test_a_national_associations_leading_group_and_its_full_time_officers():
    text = "岳麓美协分党组书记、驻会副主席、秘书长陈方等人出席。"
    assert roles_of(text, ["陈方"], ["岳麓美协分"], home="") == [
        ("陈方", "分党组书记", "岳麓美协"), ("陈方", "驻会副主席", "岳麓美协"), ("陈方", "秘书长", "岳麓美协")]


def test_a_journal_in_title_marks_holds_its_editors_post():
    text = "湘江省作家协会副主席、《南岳》杂志执行主编陈方致辞。"
    assert roles_of(text, ["陈方"], ["湘江省作家协会"], home="") == [
        ("陈方", "副主席", "湘江省作家协会"), ("陈方", "执行主编", "南岳")]


def test_a_code_in_brackets_between_the_firm_and_the_title():
    text = "岳麓机械股份有限公司（600001.SH）董事陈方表示，订单已排满。"
    assert ("陈方", "董事", "岳麓机械股份有限公司") in roles_of(text, ["陈方"], ["岳麓机械股份有限公司"], home="")


def test_two_places_written_together_name_one_body_in_a_chain():
    text = "中国工程院院士、星城湘江谷首席科学家陈方出席。"
    assert roles_of(text, ["陈方"], ["中国工程院"], places=["星城", "湘江谷"], home="") == [
        ("陈方", "院士", "中国工程院"), ("陈方", "首席科学家", "星城湘江谷")]


def test_a_bare_government_in_a_chain_of_a_foreign_leader():
    text = "智利统一党主席、政府总理罗萨会见了代表团。"
    assert roles_of(text, ["罗萨"], ["智利统一党"], places=["智利"], home="") == [
        ("罗萨", "主席", "智利统一党"), ("罗萨", "总理", "智利")]


def test_qian_after_a_word_not_of_time_marks_a_former_post():
    from kg.records import FORMER

    text = "智利统一党籍前总统罗萨三天前出庭。"
    sentence = Sentence("a", 0, 0, len(text), text)
    found = find_roles(sentence, [Mention("a", 0, 9, 11, "罗萨", "person")], TITLES, lambda _: Places())
    assert [(r.title, r.status) for r in found] == [("总统", FORMER)]
    assert [r.status for r in find_roles(Sentence("a", 0, 0, 8, "会前市长王立讲话。"),
                                         [Mention("a", 0, 4, 6, "王立", "person")], TITLES,
                                         lambda _: Places())] == ["current"]


def test_posts_of_international_bodies_and_envoys():
    assert roles_of("湖海卫生组织总干事陈方表示欢迎。", ["陈方"], ["湖海卫生组织"], home="") == [
        ("陈方", "总干事", "湖海卫生组织")]
    assert roles_of("智利驻上海总领事罗萨出席招待会。", ["罗萨"], places=["智利", "上海"], home="") == [
        ("罗萨", "驻上海总领事", "智利")]


def test_a_board_secretary_written_short_is_a_post():
    assert roles_of("湘江电气董秘刘芳表示，公司订单饱满。", ["刘芳"], ["湘江电气"]) == [("刘芳", "董秘", "湘江电气")]
