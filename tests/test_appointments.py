"""Posts from the grammar of appointments, removals and careers (kg.appointments)."""

from kg.appointments import read_posts, stated_posts
from kg.places import Places
from kg.records import CURRENT, FORMER, Mention, Sentence
from kg.roles import TitleLexicon

TITLES = TitleLexicon.load()


def posts_of(text, people, city=""):
    sentence = Sentence("a", 0, 0, len(text), text)
    mentions = [Mention("a", 0, text.index(p), text.index(p) + len(p), p, "person") for p in people]
    return [(r.person, r.title, r.organization, r.status, r.appointed)
            for r in stated_posts(sentence, mentions, TITLES, lambda _: Places(city=city))]


def test_appointment_gives_each_post_of_the_list():
    assert posts_of("任命周立新为岳阳市中级人民法院副院长、审判委员会委员、审判员。", ["周立新"]) == [
        ("周立新", "副院长", "岳阳市中级人民法院", CURRENT, True),
        ("周立新", "审判委员会委员", "岳阳市中级人民法院", CURRENT, True),
        ("周立新", "审判员", "岳阳市中级人民法院", CURRENT, True)]


def test_removal_after_appointment_is_a_past_post_of_the_same_person():
    assert posts_of("任命钱多多为株洲市审计局局长，免去其株洲市统计局副局长职务。", ["钱多多"]) == [
        ("钱多多", "局长", "株洲市审计局", CURRENT, True), ("钱多多", "副局长", "株洲市统计局", FORMER, False)]


def test_removal_of_a_named_person():
    assert posts_of("决定免去孙小川的益阳市人民政府副市长职务。", ["孙小川"]) == [
        ("孙小川", "副市长", "益阳市人民政府", FORMER, False)]


def test_removal_where_the_person_stands_before_de():
    # the titles before the name are the chain's (kg.roles); the verb names the post that ends
    assert posts_of("免去某省文化厅副厅长杜明远的副厅长职务。", ["杜明远"]) == [("杜明远", "副厅长", "", FORMER, False)]


def test_nomination_is_an_appointment():
    assert posts_of("提名吴晓岚为湘潭市人民检察院检察长人选。", ["吴晓岚"]) == [
        ("吴晓岚", "检察长", "湘潭市人民检察院", CURRENT, True)]


def test_two_people_each_appointed_to_their_own_post():
    assert posts_of("任命郑一鸣为郴州市财政局局长、林海涛为郴州市商务局局长。", ["郑一鸣", "林海涛"]) == [
        ("郑一鸣", "局长", "郴州市财政局", CURRENT, True), ("林海涛", "局长", "郴州市商务局", CURRENT, True)]


def test_posts_held_before_are_past():
    assert posts_of("何远山曾任常德市委副秘书长、常德市信访局局长。", ["何远山"], city="常德") == [
        ("何远山", "副秘书长", "常德市委", FORMER, False), ("何远山", "局长", "常德市信访局", FORMER, False)]


def test_resignation_is_a_past_post():
    assert posts_of("王天宇辞去湘江银行行长职务。", ["王天宇"]) == [("王天宇", "行长", "湘江银行", FORMER, False)]


def test_public_notice_current_posts_reach_to_the_proposed_one():
    text = "马文杰，男，1978年5月生，现任邵阳市大祥区委常委、宣传部部长，大祥区政府副区长，拟任市直单位正职。"
    assert posts_of(text, ["马文杰"], city="邵阳") == [
        ("马文杰", "常委", "邵阳市大祥区委", CURRENT, False), ("马文杰", "部长", "邵阳市大祥区委宣传部", CURRENT, False),
        ("马文杰", "副区长", "大祥区政府", CURRENT, False)]


def test_a_grade_belongs_to_the_body_not_its_division():
    assert read_posts("永州市公安局交通警察支队支队长、一级高级警长", TITLES, Places()) == [
        ("支队长", "永州市公安局交通警察支队"), ("一级高级警长", "永州市公安局")]


def test_generic_posts_give_no_role():
    assert read_posts("市辖区党委副书记", TITLES, Places(city="娄底")) == []


def test_a_concurrent_post_after_a_comma_and_bodies_sharing_one_title():
    text = "邹明任湘江大学校长，兼任岳麓研究中心主任，湘江测绘中心、湘江遥感中心主任。"
    assert [(p, t, o) for p, t, o, *_ in posts_of(text, ["邹明"])][-3:] == [
        ("邹明", "主任", "岳麓研究中心"), ("邹明", "主任", "湘江测绘中心"), ("邹明", "主任", "湘江遥感中心")]


def test_a_career_sentence_without_its_subject_is_about_the_person_before():
    sentence = Sentence("a", 1, 20, 60, "历任湘北机械厂技术员、副厂长；湘北重工有限公司总经理，现任湘北集团董事长。")
    roles = stated_posts(sentence, [], TITLES, lambda _: Places(), subject="黄立")
    assert [(r.person, r.title, r.organization, r.status) for r in roles] == [
        ("黄立", "技术员", "湘北机械厂", FORMER), ("黄立", "副厂长", "湘北机械厂", FORMER),
        ("黄立", "总经理", "湘北重工有限公司", FORMER), ("黄立", "董事长", "湘北集团", CURRENT)]


def test_a_firms_department_is_written_into_the_post():
    assert read_posts("岳麓机械有限公司技术员、企业发展部科长", TITLES, Places()) == [
        ("技术员", "岳麓机械有限公司"), ("企业发展部科长", "岳麓机械有限公司")]


def test_a_board_names_the_people_who_take_a_post():
    assert posts_of("董事会决定由陈方、吴亮作为投资委员会委员，任期三年。", ["陈方", "吴亮"]) == [
        ("陈方", "委员", "投资委员会", CURRENT, True), ("吴亮", "委员", "投资委员会", CURRENT, True)]
    assert posts_of("会议由陈方主持。", ["陈方"]) == []


def test_acting_in_a_post_holds_it():
    assert posts_of("职位空缺期间，由董事陈方代行总经理职务。", ["陈方"]) == [("陈方", "总经理", "", CURRENT, False)]


def test_a_body_acting_in_posts_gives_no_person_those_posts():
    assert posts_of("陈方出席会议，执行委员会代行空缺的总经理职务。", ["陈方"]) == []


def test_a_post_once_held_is_past():
    assert posts_of("陈方曾经担任岳麓大学副校长。", ["陈方"]) == [("陈方", "副校长", "岳麓大学", FORMER, False)]


def test_ren_right_after_a_name_appoints_to_each_post():
    assert posts_of("免去吴亮的职务；陈方任岳麓水利枢纽管理中心副主任、党委委员；", ["吴亮", "陈方"])[-2:] == [
        ("陈方", "副主任", "岳麓水利枢纽管理中心", CURRENT, True), ("陈方", "党委委员", "岳麓水利枢纽管理中心", CURRENT, True)]
    assert posts_of("陈方说，这项任务任重道远。", ["陈方"]) == []


def test_brackets_inside_a_name_stay_and_a_note_after_a_post_goes():
    assert posts_of("陈方任湘江矿业大学（长沙）校长，岳麓（集团）有限公司董事。", ["陈方"]) == [
        ("陈方", "校长", "湘江矿业大学（长沙）", CURRENT, True)]
    assert read_posts("岳麓（集团）有限公司副总经理（正处级）、董事", TITLES, Places()) == [
        ("副总经理", "岳麓（集团）有限公司"), ("董事", "岳麓（集团）有限公司")]
