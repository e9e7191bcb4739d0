"""The reduce: entities, roles and the graph of every article the store holds."""

from kg import pipeline
from kg.options import Recognition, map_options
from kg.records import Article


def test_a_city_written_bare_and_implied_by_a_role_is_one_node(recognizer):
    articles = [Article("a", "株洲召开工业大会。市领导刘志强、陈建国出席会议。", "x"),
                Article("b", "株洲的制造业发展很快。", "x")]
    build = pipeline.build_articles(articles, map_options=map_options(home_city="株洲"), recognition=Recognition(recognizer))
    places = [e for e in build.entities.values() if e.type == "place" and e.name.startswith("株洲")]
    assert len(places) == 1 and {"株洲", "株洲市"} <= places[0].aliases
