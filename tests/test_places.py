"""Where bare words point: the places in view, and the places an article only visits."""

from kg import ingest, roles
from kg.extract import MapOptions, extract
from kg.places import InView, stem_of, visited
from kg.records import Article, Mention


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
