"""The whole pipeline on the bundled sample pages, with the real shipped model."""

import pytest
from conftest import DATA, GOLD

from kg import gold, pipeline
from kg.errors import KgError
from kg.extract import MapOptions
from kg.options import Recognition, ReduceOptions
from kg.records import ENTITY_TYPES
from kg.roles import TitleLexicon


def test_sample_graph_is_rich_and_typed(sample_build):
    graph = sample_build.graph
    assert graph.number_of_nodes() >= 80 and graph.number_of_edges() >= 150
    assert {d["type"] for _, d in graph.nodes(data=True)} == set(ENTITY_TYPES)
    assert sample_build.home_city == "衡阳"


def test_roles_are_in_the_graph(sample_build):
    graph = sample_build.graph
    edge = graph.edges["person:侯锋", "company:中国水环境集团"]
    assert edge["kind"] == "role" and "董事长" in edge["titles"]
    assert "书记" in graph.nodes["person:邓群策"]["titles"]


def test_cooccurrence_keeps_evidence(sample_build):
    edge = sample_build.graph.edges["person:朱健", "person:侯锋"]
    assert edge["sentences"] >= 1 and "侯锋" in edge["evidence"]


def test_mentions_point_into_their_articles(sample_build):
    texts = {a.id: a.text for a in sample_build.articles}
    for mention in sample_build.mentions:
        assert texts[mention.article_id][mention.start:mention.end].replace(" ", "") == mention.text


def test_records_and_texts_build_too(recognizer):
    build = pipeline.build([DATA / "articles.jsonl", DATA / "articles.csv"], recognition=Recognition(recognizer))
    assert {a.id for a in build.articles} == {"n1", "n3", "c1"}
    assert "person:侯锋" in build.graph


def test_missing_input_is_one_clear_error(tmp_path):
    with pytest.raises(KgError, match="no such file"):
        pipeline.build([tmp_path / "nope.txt"])


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared/gold is not beside the checkout")
def test_gold_pages_meet_the_targets(recognizer):
    total, _ = gold.evaluate(GOLD, [], recognition=Recognition(recognizer))
    figures = total.figures()
    assert figures["entity_recall"] >= 0.90
    assert figures["entity_precision"] >= 0.85
    assert figures["type_accuracy"] >= 0.90
    assert figures["role_recall"] >= 0.75 and figures["role_precision"] >= 0.80


BYLINE_PAGE = ("本报讯（记者 李春华）昨日，市委书记邓群策在衡阳市调研，中国水环境集团董事长侯锋陪同。"
               "\n\n调研组来到广场，与中心负责人座谈。")


def test_reporters_keep_their_roles_but_link_to_nobody(recognizer):
    from kg.pipeline import Article, build_articles

    alone = build_articles([Article("a", BYLINE_PAGE, "a.txt")], recognition=Recognition(recognizer))
    assert ("李春华", "记者", "本报") in {(r.person, r.title, r.organization) for r in alone.roles}
    assert alone.graph.degree("person:李春华") == 0
    assert not any(e.name in ("本报", "广场", "中心") for e in alone.entities.values())
    linked = build_articles([Article("a", BYLINE_PAGE, "a.txt")], recognition=Recognition(recognizer), reduce_options=ReduceOptions(byline_edges=True))
    assert linked.graph.degree("person:李春华") > 0


def test_the_stop_list_removes_what_roles_create(recognizer):
    from kg.pipeline import Article, build_articles

    stopped = build_articles([Article("a", BYLINE_PAGE, "a.txt")], map_options=MapOptions(TitleLexicon.load(), {}, frozenset({"衡阳市委"})), recognition=Recognition(recognizer))
    assert "衡阳市委" not in {e.name for e in stopped.entities.values()}
    assert not any(r.organization == "衡阳市委" for r in stopped.roles)


def test_each_article_resolves_bare_bodies_from_its_own_city(recognizer):
    from kg.pipeline import Article, build_articles

    articles = [Article("cs", "长沙市召开大会。市委书记胡衡华讲话，长沙市各区负责人参加。", "cs.txt"),
                Article("hy", "衡阳市召开大会。市委书记邓群策讲话，衡阳市各县负责人参加。", "hy.txt"),
                Article("none", "会上，市委书记王建军作报告。", "x.txt")]
    result = build_articles(articles, recognition=Recognition(recognizer))
    found = {(r.person, r.organization) for r in result.roles}
    assert ("胡衡华", "长沙市委") in found and ("邓群策", "衡阳市委") in found
    assert ("王建军", "长沙市委") not in found or result.home_city == "长沙"  # only the corpus city, never another's


def test_a_masthead_is_a_mention_of_the_paper_and_its_reporters_work_there(recognizer):
    from kg.pipeline import Article, build_articles

    text = "湘江晚报讯（记者 李春华）昨日，市委书记邓群策在衡阳市调研。"
    result = build_articles([Article("a", text, "a.txt")], recognition=Recognition(recognizer))
    assert "湘江晚报" in {e.name for e in result.entities.values() if e.mentions}
    assert ("李春华", "记者", "湘江晚报") in {(r.person, r.title, r.organization) for r in result.roles}


def test_a_lead_naming_its_correspondent_is_a_byline(recognizer):
    from kg.pipeline import Article, build_articles

    text = "本报讯 通讯员 刘建平报道 近日，湘潭市委书记张国华在韶山市调研。"
    result = build_articles([Article("a", text, "a.txt")], recognition=Recognition(recognizer))
    assert ("刘建平", "通讯员", "本报") in {(r.person, r.title, r.organization) for r in result.roles}
