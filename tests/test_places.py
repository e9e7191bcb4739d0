"""Bare words and the home city: the places in view, the places an article only visits, a title's body."""

from kg import ingest, roles
from kg.extract import MapOptions, extract
from kg.places import (
    CITY_IN_VIEW,
    InView,
    Places,
    implied_org,
    infer_home_city,
    is_bare,
    resolve_bare,
    settle,
    stem_of,
    visited,
)
from kg.records import Article, Mention


def mention(text, type_, article="a"):
    return Mention(article, 0, 0, len(text), text, type_)


def test_bare_organizations_resolve_to_the_home_city():
    ms = [mention("衡阳市", "place"), mention("衡阳", "place"), mention("长沙", "place")]
    assert infer_home_city(ms) == "衡阳"
    # no 市 written: the city whose name starts the most places, not a county town named as often
    ms = [mention("株洲高新区", "place"), mention("株洲", "place"), mention("攸县", "place"), mention("攸县", "place"),
          mention("醴陵", "place")]
    assert infer_home_city(ms) == "株洲"
    assert resolve_bare("市人大常委会", "organization", Places(city="衡阳")) == "衡阳市人大常委会"
    assert resolve_bare("市场", "organization", Places(city="衡阳")) == "市场"


def test_a_bare_word_left_by_its_article_takes_the_home_city_and_only_a_bare_word_does():
    assert is_bare("区政府", "organization") and not is_bare("区政府", "place") and not is_bare("湘潭市委", "organization")
    assert settle("市政协", "organization", "湘潭") == "湘潭市政协" and settle("湘潭大学", "organization", "株洲") == "湘潭大学"
    assert settle(CITY_IN_VIEW, "organization", "湘潭") == "湘潭市" and settle(CITY_IN_VIEW, "organization", "") == ""


def test_a_title_s_body_comes_from_what_is_written_before_it_or_the_places_in_view():
    titles = roles.TitleLexicon.load()
    assert implied_org("副市长", "", titles, Places(city="湘潭")) == "湘潭市政府"
    assert implied_org("县长", "", titles, Places(county="湘潭县")) == "湘潭县政府"
    assert implied_org("副市长", "株洲", titles, Places(city="株洲")) == "株洲市政府"  # 株洲副市长
    assert implied_org("厅长", "省交通运输厅", titles, Places(province="湖南")) == "湖南省交通运输厅"
    assert implied_org("厅长", "省交通运输厅", titles, Places(province="重庆")) == "省交通运输厅"  # no province: 重庆 is a city
    assert implied_org("董事", "第三届董事会", titles, Places(city="湘潭")) == ""  # the firm's board: not named here


def test_a_place_after_a_verb_of_going_is_visited_not_home():
    assert visited("县委书记李晓明前往祁阳县检查防汛", 9)
    assert not visited("祁阳县委书记李晓明检查防汛", 0)
    assert stem_of("祁阳县委") == "祁阳县" and stem_of("耒阳市政府") == "耒阳"


def test_a_visited_city_settles_no_bare_word_of_its_article():
    ms = [Mention("a", 0, 9, 12, "郴州市", "place"), Mention("a", 1, 20, 23, "郴州市", "place")]
    assert InView(ms, home_city="株洲").at("a", 2).city == "郴州"
    assert InView(ms, home_city="株洲", went_to=frozenset({"a/郴州"})).at("a", 2).city == "株洲"
    ms.append(Mention("a", 2, 30, 34, "郴州市委", "organization"))  # 郴州市委、市政府: its own sentence says
    assert InView(ms, home_city="株洲", went_to=frozenset({"a/郴州"})).at("a", 2, 36).city == "郴州"


def test_the_secretary_who_goes_to_a_city_is_not_its_secretary(recognizer):
    text = ("市委书记王建华赴郴州市资兴市走访调研。王建华充分肯定了郴州市的工作。"
            "郴州市委、市政府负责同志陪同。")
    article = Article("a", text, "x")
    sentences = ingest.split_sentences(article)
    spans = [[(s.start, s.end, s.label) for s in found] for found in recognizer.recognize([s.text for s in sentences])]
    facts = extract(article, sentences, spans, MapOptions(roles.TitleLexicon.load(), {}, frozenset(), "株洲"))
    found = {(r.person, r.title, r.organization) for r in facts.roles}
    assert ("王建华", "书记", "株洲市委") in found or ("王建华", "市委书记", "株洲市委") in found
