"""Roles from the patterns of news text."""

from kg.records import Mention, Sentence
from kg.roles import TitleLexicon, byline_roles, find_roles

TITLES = TitleLexicon.load()


def roles_of(text, people, orgs=(), home="衡阳"):
    sentence = Sentence("a", 0, 0, len(text), text)
    mentions = [Mention("a", 0, text.index(p), text.index(p) + len(p), p, "person") for p in people]
    mentions += [Mention("a", 0, text.index(o), text.index(o) + len(o), o, "company") for o in orgs]
    return [(r.person, r.title, r.organization) for r in find_roles(sentence, mentions, TITLES, home)]


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
    found = [(m.text, r.title) for m, r in byline_roles("■衡阳晚报全媒体记者 罗茂盟 摄", 0, "a", 0)]
    assert found == [("罗茂盟", "摄影")]


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
    build = pipeline.build([page], recognizer=recognizer, aliases_file=tmp_path / "aliases.csv",
                           stop_file=tmp_path / "stop.txt")
    names = {e.name: e for e in build.entities.values()}
    assert "衡阳" not in names and "衡阳市" not in names
    company = names["华菱衡钢"]
    assert company.merges.get("衡钢") == "user alias file"


def test_a_unit_right_before_a_name_makes_a_member():
    text = "南华医院感染科胡曦发言。"
    sentence = Sentence("a", 0, 0, len(text), text)
    mentions = [Mention("a", 0, 0, 7, "南华医院感染科", "organization"), Mention("a", 0, 7, 9, "胡曦", "person")]
    assert [(r.person, r.title, r.organization) for r in find_roles(sentence, mentions, TITLES, "衡阳")] == [
        ("胡曦", "", "南华医院感染科")]
