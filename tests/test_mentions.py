"""Mending the model's mentions with what the text shows, on sentences written for these tests."""

from kg.mentions import Gazetteer, complete_surname, refine
from kg.records import Span


def spans(text, found, known=None):
    return [(text[f.start:f.end], f.label) for f in refine(text, found, Gazetteer(known or {}))]


def test_a_known_longer_name_replaces_its_piece():
    text = "会上，洞庭湖生态经济区管委会负责人发言。"
    piece = text.index("湖生态经济区")
    found = [Span(piece, piece + len("湖生态经济区管委会"), "organization")]
    assert spans(text, found, {"洞庭湖生态经济区管委会": "organization"}) == [("洞庭湖生态经济区管委会", "organization")]


def test_a_body_run_into_a_name_ends_where_the_name_starts():
    text = "湘江实业集团刘德明董事长讲话。"
    found = [Span(0, 8, "company"), Span(6, 9, "person")]
    assert spans(text, found) == [("湘江实业集团", "company"), ("刘德明", "person")]


def test_a_party_committee_on_a_body_s_name_goes_but_a_region_s_stays():
    text = "湘潭大学党委书记和湘潭市委书记出席。"
    found = [Span(0, 6, "organization"), Span(9, 13, "organization")]
    assert spans(text, found) == [("湘潭大学", "organization"), ("湘潭市委", "organization")]


def test_a_dropped_surname_comes_back_only_where_the_text_shows_it():
    assert complete_surname("总理温家宝指出", Span(3, 5, "person")) == Span(2, 5, "person")  # after a title
    assert complete_surname("今天向曾妍来了", Span(3, 5, "person")) == Span(3, 5, "person")  # 曾妍 can stand alone
    assert complete_surname("同学习近平时", Span(3, 5, "person")) == Span(2, 5, "person")  # 近平 cannot stand alone


def test_a_transliterated_name_keeps_all_its_parts():
    text = "俄罗斯总统弗拉基米尔·普京表示欢迎。"
    start = text.index("弗拉基米尔")
    assert spans(text, [Span(start, start + 5, "person")]) == [("弗拉基米尔·普京", "person")]


def test_a_board_written_onto_a_firm_s_name_goes_to_the_title():
    text = "湘江实业集团董事会主席刘德明讲话。"
    assert spans(text, [Span(0, 9, "company"), Span(11, 14, "person")]) == [
        ("湘江实业集团", "company"), ("刘德明", "person")]


def test_a_campus_in_brackets_is_part_of_the_name():
    text = "中国石油大学（华东）校长出席。"
    assert spans(text, [Span(0, 6, "organization")]) == [("中国石油大学（华东）", "organization")]


def test_a_body_run_into_a_person_the_corpus_knows_is_cut():
    text = "湘江实业集团刘德明董事长讲话。"
    assert spans(text, [Span(0, 9, "company")], {"刘德明": "person"}) == [
        ("湘江实业集团", "company"), ("刘德明", "person")]


def test_an_organization_run_on_into_a_name_is_two_mentions():
    text = "湘江重工集团王立新董事长出席。"
    assert spans(text, [Span(0, 9, "company")]) == [("湘江重工集团", "company"), ("王立新", "person")]
    text = "湘潭大学官网发布消息。"  # 官 is a surname, but no title follows 官网
    assert spans(text, [Span(0, 6, "organization")]) == [("湘潭大学官网", "organization")]
    text = "湘潭大学党委书记出席。"  # 党 is a surname, but 党委 is no given name
    assert spans(text, [Span(0, 6, "organization")]) == [("湘潭大学", "organization")]


def test_a_description_run_into_a_firm_s_name_is_left_out():
    text = "湖南民营企业三一集团发布公告。"
    assert spans(text, [Span(0, 10, "company")]) == [("三一集团", "company")]


def test_a_transliterated_name_keeps_its_first_syllable():
    text = "会见了帕巴拉·格列朗杰一行。"  # 巴 is a surname, 帕 is not: still no name to mend
    assert spans(text, [Span(3, 6, "person")]) == [("帕巴拉·格列朗杰", "person")]


def test_appointed_is_no_surname_and_glued_universities_are_two():
    text = "省委决定王立新同志任湘江集团董事长。"
    start = text.index("任")
    assert spans(text, [Span(start, start + 2, "person")]) == []
    text = "湘潭大学中南大学签约合作。"
    assert spans(text, [Span(0, 8, "organization")]) == [("湘潭大学", "organization"), ("中南大学", "organization")]


def test_a_country_s_firm_described_before_its_name_is_left_out_but_a_branch_stays():
    text = "德国汽车公司博世公司宣布投资。"
    assert spans(text, [Span(0, 10, "company")]) == [("博世公司", "company")]
    text = "中国电信公司湘潭分公司宣布。"
    assert spans(text, [Span(0, 11, "company")]) == [("中国电信公司湘潭分公司", "company")]


def test_a_one_character_abbreviation_counts_only_where_it_stands_alone():
    keep = lambda text, start: refine(text, [Span(start, start + 1, "place")], Gazetteer({}))
    assert keep("中美双方签署协议", 0) and keep("中方对此表示欢迎", 0) and keep("推动日中交流", 3)
    assert not keep("中电投集团发布年报", 0)  # a piece of a firm's name
    assert not keep("中西宏明会长访华", 0)  # a piece of a person's name


def test_a_scenic_area_is_not_the_district_of_its_name():
    assert spans("我们游览了东湖风景名胜区", [Span(5, 7, "place")]) == [("东湖风景名胜区", "place")]


def test_clubs_firms_and_bodies_the_words_around_show_are_typed_so():
    assert spans("赛后皇马主帅接受采访", [Span(2, 4, "place")]) == [("皇马", "organization")]
    assert spans("他在上赛季加盟巴萨", [Span(7, 9, "person")]) == [("巴萨", "organization")]
    assert spans("这场比赛深圳队输了", [Span(4, 6, "person")]) == [("深圳", "organization")]
    assert spans("索尼公司今天发布新品", [Span(0, 2, "person")]) == [("索尼公司", "company")]
    assert spans("任天堂旗下游戏大卖", [Span(0, 3, "person")]) == [("任天堂", "company")]
    assert spans("参观湖北美术馆", [Span(2, 7, "place")]) == [("湖北美术馆", "organization")]
    assert spans("王伟队长带队救援", [Span(0, 2, "person")]) == [("王伟", "person")]


def test_a_person_s_name_without_the_title_or_word_run_into_it():
    assert spans("会议由副主任钱红梅主持", [Span(5, 9, "person")]) == [("钱红梅", "person")]
    assert spans("球队主教练韦德表示", [Span(4, 7, "person")]) == [("韦德", "person")]
    assert spans("张伟曾任校长", [Span(0, 3, "person")]) == [("张伟", "person")]
    assert spans("向市长和王芳主任汇报", [Span(3, 6, "person")]) == [("王芳", "person")]
    assert spans("（记者 邱志远 长沙报道）", [Span(4, 6, "person")]) == [("邱志远", "person")]


def test_a_body_s_name_without_a_pronoun_a_title_s_start_or_a_term_and_with_its_cut_rest():
    assert spans("免去其省水利厅职务", [Span(2, 7, "organization")]) == [("省水利厅", "organization")]
    assert spans("他是某省财政厅原厅长", [Span(2, 9, "organization")]) == [("某省财政厅", "organization")]
    assert spans("湘江银行第五届董事会", [Span(0, 7, "organization")]) == [("湘江银行", "company")]
    assert spans("某国国防部长访华", [Span(0, 5, "organization")]) == [("某国国防部", "organization")]
    assert spans("任长沙市人大监察和司法委员会主任", [Span(1, 8, "organization")]) == [
        ("长沙市人大监察和司法委员会", "organization")]


def test_news_outlets_are_found_where_news_credits_them():
    assert spans("潇湘晨报记者获悉，会议将于明天召开", []) == [("潇湘晨报", "organization")]
    assert spans("红网长沙5月2日讯 今天", []) == [("红网", "organization")]
    assert spans("（湖南日报·新湖南客户端记者 李明）", []) == [
        ("湖南日报", "organization"), ("新湖南客户端", "organization"), ("李明", "person")]
    assert spans("来源：湘江新闻返回首页", []) == [("湘江新闻", "organization")]
    assert spans("列车从长沙开往北京", []) == []


def test_a_firm_cut_to_one_character_before_its_ending_gets_it_back():
    assert spans("稻香集团董事长出席", [Span(1, 4, "organization")]) == [("稻香集团", "company")]
    assert spans("长江集团党委书记", [Span(0, 6, "organization")]) == [("长江集团", "company")]


def test_a_name_that_chairs_a_meeting_is_a_person_not_a_place():
    assert spans("林海峰主持会议并讲话", [Span(0, 3, "place")]) == [("林海峰", "person")]
    assert spans("林芝地处西藏东南", [Span(0, 2, "place")]) == [("林芝", "place")]


def test_a_place_followed_by_its_body_s_word_is_that_body_and_a_country_joins_its_firm():
    assert spans("他曾任青川县政府副县长", [Span(3, 6, "place")]) == [("青川县政府", "organization")]
    assert spans("绵阳市监委正在调查", [Span(0, 3, "place")]) == [("绵阳市监委", "organization")]
    assert spans("与中国华能集团签约", [Span(1, 3, "place"), Span(3, 7, "company")]) == [("中国华能集团", "company")]
    assert spans("中国的华能集团", [Span(0, 2, "place"), Span(3, 7, "company")]) == [
        ("中国", "place"), ("华能集团", "company")]


def test_two_person_spans_with_nothing_between_are_one_name():
    assert spans("总理科瓦尔奇克宣布", [Span(2, 5, "person"), Span(5, 7, "person")]) == [("科瓦尔奇克", "person")]


def test_list_items_with_a_firm_s_mark_are_firms_but_activities_are_not():
    text = "走访了湘丰鞋业、金力机械、华达塑胶等企业"
    assert ("金力机械", "company") in spans(text, [Span(3, 7, "company")])
    assert spans("业务涵盖地产开发、商业投资、长租公寓", []) == []


def test_a_club_left_an_outlet_s_dateline_run_into_a_body_and_china_s_firms():
    assert spans("他从热刺加盟拜仁", [Span(2, 4, "person")])[0] == ("热刺", "organization")
    assert spans("中新社电 十四届省人大常委会开幕", [Span(0, 14, "organization")]) == [
        ("中新社", "organization"), ("十四届省人大常委会", "organization")]
    assert spans("他在美国哈佛大学访学", [Span(2, 4, "place"), Span(4, 8, "organization")]) == [
        ("美国", "place"), ("哈佛大学", "organization")]


def test_a_native_place_after_its_province_is_two_places():
    assert spans("张华，吉林通化人", [Span(3, 7, "place")]) == [("吉林", "place"), ("通化", "place")]
    assert spans("来到广西壮族自治区", [Span(2, 9, "place")]) == [("广西壮族自治区", "place")]


def test_titles_verbs_and_a_firm_s_sections_are_no_part_of_names():
    assert spans("编辑 | 周敏责编 | 李华", [Span(5, 9, "person")]) == [("周敏", "person")]
    assert spans("他现任西门子中国区总裁", [Span(2, 6, "company")]) == [("西门子", "company")]
    assert spans("任湘江集团办公室主任", [Span(1, 8, "company")]) == [("湘江集团", "company")]
    assert spans("历任省财政厅干部、处长", [Span(2, 8, "organization")]) == [("省财政厅", "organization")]
    assert spans("帮助村民王小艳李诚母女", [Span(4, 7, "person"), Span(7, 9, "person")]) == [
        ("王小艳", "person"), ("李诚", "person")]


def test_regions_named_together_and_a_country_s_style_are_no_places():
    keep = lambda text, start: refine(text, [Span(start, start + 1, "place")], Gazetteer({}))
    assert not keep("京津冀协同发展", 0) and not keep("沿京港澳高速行驶", 1)
    assert spans("推进中国式现代化", [Span(2, 4, "place")]) == []


def test_people_in_credit_lines_and_central_bodies_written_as_one():
    assert spans("编辑：向敏责编：黄蕾审核：", []) == [("向敏", "person"), ("黄蕾", "person")]
    assert spans("他是记者出身", []) == []
    assert spans("中共中央国务院印发意见", [Span(0, 7, "organization")]) == [
        ("中共中央", "organization"), ("国务院", "organization")]


def test_a_party_school_s_degree_and_an_office_s_short_name():
    assert spans("王明，省委党校大学学历。", [Span(3, 9, "organization")]) == [("省委党校", "organization")]
    assert spans("中央党校在职研究生学历", [Span(0, 9, "organization")]) == [("中央党校", "organization")]
    assert spans("任区委网信办副主任", [Span(1, 5, "organization")]) == [("区委网信办", "organization")]
    assert spans("区委网信办理了此事", [Span(0, 4, "organization")]) == [("区委网信", "organization")]


def test_a_body_the_text_leaves_unnamed_is_no_entity():
    from kg.names import valid_name  # what the map keeps of the model's spans
    from kg.places import Places, resolve_bare

    assert not valid_name("市辖区纪委", "organization") and not valid_name("县直机关工委", "organization")
    assert resolve_bare("市直机关工委", "organization", Places(city="岳阳")) == "市直机关工委"
    assert resolve_bare("市纪委", "organization", Places(city="岳阳")) == "岳阳市纪委"


def test_a_committee_member_s_post_a_bureau_s_last_character_and_a_kind_of_school():
    from kg.names import valid_name

    assert spans("湘江省委常委王明出席", [Span(0, 6, "organization"), Span(6, 8, "person")]) == [
        ("湘江省委", "organization"), ("王明", "person")]
    assert spans("岳麓人社局组织招聘", [Span(0, 4, "organization")]) == [("岳麓人社局", "organization")]
    assert spans("岳麓人社局长李华", [Span(0, 4, "organization")])[0] == ("岳麓人社", "organization")
    assert not valid_name("财经大学", "organization") and valid_name("湘江财经大学", "organization")


def test_a_reprint_s_original_headline_marker_is_no_name():
    assert spans("原标题：湘江大桥今日通车", [Span(0, 2, "organization"), Span(4, 8, "place")]) == [("湘江大桥", "place")]


def test_a_person_named_after_their_body_in_a_list_is_found_though_the_model_missed_them():
    found = spans("湘江医院张明、岳麓消防站周红等代表发言", [Span(0, 4, "organization"), Span(7, 12, "organization")])
    assert ("周红", "person") in found and ("张明", "person") in found
    assert ("董事", "person") not in spans("湘江集团董事、监事出席", [Span(0, 4, "company")])


def test_a_city_s_name_ends_at_its_city_character():
    assert spans("广州市区交通拥堵", [Span(0, 4, "place")]) == [("广州市", "place")]
    assert spans("武汉市市长出席", [Span(0, 4, "place")])[0] == ("武汉市", "place")


def test_a_verb_of_taking_a_post_and_a_preposition_are_no_part_of_a_name():
    assert spans("现任宝马中国区总裁", [Span(1, 4, "person")]) == [("宝马中国区", "company")]
    assert spans("出任宝马中国区总裁", [Span(2, 6, "place")]) == [("宝马中国区", "company")]
    assert spans("市长任志刚出席", [Span(2, 5, "person")]) == [("任志刚", "person")]  # 任 after a title: a surname
    assert spans("截至湘江财经发稿时", [Span(0, 6, "organization")]) == [("湘江财经", "organization")]


def test_a_person_the_wording_of_an_appointment_names_is_found_though_the_model_missed_them():
    found = spans("会议决定任命钱立为湘江区区长，免去孙航的湘江区副区长职务", [])
    assert ("钱立", "person") in found and ("孙航", "person") in found
    assert ("郑凯", "person") in spans("会议决定接受郑凯辞去湘江区区长职务的请求", [])
    assert spans("依法撤销许可的决定已经送达", []) == []  # no post: 许可 is no name


def test_a_profile_line_names_its_person():
    text = "谭立军，男，汉族，1975年6月生，大学学历，现任湘乡市副市长。"
    assert ("谭立军", "person") in spans(text, [])
    assert spans("长沙，男女老少都来了。", []) == []


def test_a_name_ends_at_a_bracket_and_a_byline_in_brackets_is_read():
    text = "【湘江晚报记者 覃慧芳】本市今日开展演练。"
    start = text.index("覃")
    assert ("覃慧芳", "person") in spans(text, [Span(start, start + 6, "person")])
    assert ("覃慧芳", "person") in spans(text, [])


def test_a_division_written_before_its_park_is_two_places():
    text = "市长赴湘乡市龙洞工业园调研。"
    found = [Span(3, 11, "organization")]
    assert spans(text, found) == [("湘乡市", "place"), ("龙洞工业园", "place")]
    text = "市长赴龙洞工业园调研。"  # no division before it: the park alone
    assert spans(text, [Span(3, 8, "organization")]) == [("龙洞工业园", "organization")]


def test_a_visit_verb_ends_the_name_before_it():
    text = "省长赴湘乡考察农业发展。"
    assert spans(text, [Span(3, 9, "organization")]) == [("湘乡", "place")]
    text = "湘乡考察团抵达。"  # a delegation named for its visit: no division visited, the name stays
    assert spans(text, [Span(0, 5, "organization")]) == [("湘乡考察团", "organization")]


def test_a_body_cut_from_its_head_gets_it_back_where_the_article_names_it_whole():
    known = {"云溪湘江数据（集团）有限公司": "company"}
    text = "云溪湘江数据集团成立。"
    assert spans(text, [Span(2, 8, "company")], known) == [("云溪湘江数据集团", "company")]
    text = "他在湘江数据集团工作。"  # what comes before is no head of the known name
    assert spans(text, [Span(2, 8, "company")], known) == [("湘江数据集团", "company")]


def test_a_compass_point_before_a_country_begins_the_body_s_name():
    text = "索尼公司社长、东日本铁路公司社长出席。"
    at = text.index("日本铁路")
    assert ("东日本铁路公司", "company") in spans(text, [Span(at, at + 6, "company")])
    text = "湘江往东日本企业很多。"  # no break before the compass point: a word of the sentence
    at = text.index("日本企业")
    assert spans(text, [Span(at, at + 2, "place")]) == [("日本", "place")]


def test_a_slot_only_a_person_fills_makes_the_model_s_name_a_person():
    text = "免去钟岳的湘江集团董事长职务。"
    assert ("钟岳", "person") in spans(text, [Span(2, 4, "place")])


def test_counts_documents_kin_and_verbs_are_no_part_of_names():
    text = "湘大湘师两校签约。"
    assert spans(text, [Span(0, 6, "organization")]) == []  # 湘大湘师两校: a count of schools
    text = "据湘江集团企业信用报告显示。"
    assert spans(text, [Span(1, 11, "company")]) == [("湘江集团", "company")]
    text = "谭某的长子谭立新出庭。"
    assert ("谭立新", "person") in spans(text, [Span(3, 8, "person")])
    text = "前锋谭立新加盟球队。"
    assert spans(text, [Span(2, 7, "person")]) == [("谭立新", "person")]
    text = "调查和监察调查湘江集团有限公司董事长。"
    assert spans(text, [Span(2, 15, "company")]) == [("湘江集团有限公司", "company")]


def test_sessions_ranks_and_reports_are_no_names():
    text = "湘江银行第十届董事会召开。"
    assert spans(text, [Span(4, 7, "organization")]) == []
    text = "他享受正司级待遇。"
    assert spans(text, [Span(3, 5, "organization")]) == []
    text = "据湘江网报道，大桥通车。"
    assert spans(text, [Span(1, 6, "organization")]) == [("湘江网", "organization")]


def test_a_firm_s_region_written_alone_is_no_place():
    text = "他出任中国区总裁，负责中国市场。"
    found = [Span(3, 6, "place"), Span(11, 13, "place")]
    assert spans(text, found) == [("中国", "place")]


def test_a_dateline_run_into_the_body_the_report_begins_with_is_the_place_and_the_body():
    text = "本报记者 周敏 长沙报道招商银行原副行长近日离任。"
    start = text.index("长沙")
    found = [Span(start, text.index("原副"), "company")]
    mended = spans(text, found)
    assert ("长沙", "place") in mended and ("招商银行", "company") in mended
    assert not any("报道" in name for name, _ in mended)
    outlet = "据21世纪经济报道，"  # an outlet's name ends in 报道: nothing follows it in the name
    assert spans(outlet, [Span(1, 9, "organization")]) == [("21世纪经济报道", "organization")]


def test_a_unit_named_for_two_fields_is_one_name_with_its_body():
    text = "财政部预算与绩效司副司长王红发言。"
    found = [Span(0, 3, "organization"), Span(text.index("绩效司"), text.index("副司长"), "organization")]
    assert spans(text, found)[0] == ("财政部预算与绩效司", "organization")
    alone = "。审计与风控委员会成员"
    assert spans(alone, [Span(alone.index("风控"), alone.index("成员"), "organization")]) == [
        ("审计与风控委员会", "organization")]
    two = "交通部与铁道部联合发文"  # two ministries joined by 与 stay two
    assert spans(two, [Span(0, 3, "organization"), Span(4, 7, "organization")]) == [
        ("交通部", "organization"), ("铁道部", "organization")]


def test_a_name_ends_before_a_verb_the_model_ran_into():
    text = "32岁的中场球员罗宾加盟球队后首次登场。"
    start = text.index("罗宾")
    assert spans(text, [Span(start, start + 6, "person")]) == [("罗宾", "person")]
    club = "他从马竞加盟皇马。"
    assert spans(club, [Span(2, 8, "organization")])[0] == ("马竞", "organization")
