"""What lies in what: places in their divisions, bodies in what their names begin with, branches in their bodies."""

import networkx as nx

from kg import hierarchy


def test_places_in_a_build_carry_code_province_and_city(recognizer, tmp_path):
    import kg

    g = kg.build(["北京市朝阳区启动老旧小区改造。衡阳市祁东县召开会议。"], recognizer=recognizer)
    places = g.entities.set_index("name")
    assert tuple(places.loc["朝阳区", ["code", "province", "city"]]) == ("110105", "北京市", "")
    assert tuple(places.loc["祁东县", ["code", "province", "city"]]) == ("430426", "湖南省", "衡阳市")
    g.save(tmp_path)
    read = nx.read_graphml(tmp_path / "graph.graphml")
    assert read.nodes["place:祁东县"]["code"] == "430426"
    assert nx.read_gexf(tmp_path / "graph.gexf", version="1.3").nodes["place:朝阳区"]["province"] == "北京市"


def entities_named(*ids):
    from kg.records import Entity

    return {i: Entity(i, i.split(":")[1], i.split(":")[0], aliases={i.split(":")[1]}, mentions=1) for i in ids}


def wholes(entities):
    links, implied = hierarchy.part_of(entities, hierarchy.locate_places(entities))
    names = {**{i: e.name for i, e in entities.items()}, **{i: e.name for i, e in implied.items()}}
    return {names[part]: names[whole] for part, (whole, _) in links.items()}


def test_places_lie_in_the_nearest_division_the_corpus_names():
    found = wholes(entities_named("place:湖南省", "place:祁东县", "place:石鼓区", "place:衡阳市", "place:石鼓区青山街道"))
    assert found == {"祁东县": "衡阳市", "石鼓区": "衡阳市", "衡阳市": "湖南省", "石鼓区青山街道": "石鼓区"}
    # with no 衡阳市 in the corpus, 祁东县 lies in the province straight away
    assert wholes(entities_named("place:湖南省", "place:祁东县")) == {"祁东县": "湖南省"}


def test_a_look_alike_lies_where_the_corpus_places_it():
    assert wholes(entities_named("place:朝阳区", "place:北京市")) == {"朝阳区": "北京市"}
    assert wholes(entities_named("place:朝阳区", "place:长春市")) == {"朝阳区": "长春市"}
    assert wholes(entities_named("place:朝阳区")) == {}  # nothing says which


def test_a_body_is_part_of_what_its_name_begins_with():
    found = wholes(entities_named("place:株洲市", "organization:株洲市委", "organization:株洲市委组织部",
                                  "organization:荷塘区人民医院", "place:荷塘区", "organization:中共株洲市委党校",
                                  "place:湖南", "organization:湖南大学", "company:东江物流",
                                  "company:东江物流有限责任公司", "organization:红星村党支部", "place:红星村"))
    assert found == {"株洲市委": "株洲市", "株洲市委组织部": "株洲市委", "荷塘区人民医院": "荷塘区",
                     "中共株洲市委党校": "株洲市委", "红星村党支部": "红星村", "荷塘区": "株洲市", "株洲市": "湖南"}
    # a place's stem (湖南 in 湖南大学) says nothing; a legal form (有限责任公司) names the same firm


def test_a_branch_is_part_of_its_body_which_becomes_an_entity_when_named_nowhere_else():
    entities = entities_named("company:工商银行株洲分行", "company:平安银行", "company:平安银行长沙高新区支行",
                              "place:长沙")
    links, implied = hierarchy.part_of(entities, hierarchy.locate_places(entities))
    assert links["company:工商银行株洲分行"][0] == "company:中国工商银行"  # the full name of 工商银行
    assert "branch (分行) of 工商银行" in links["company:工商银行株洲分行"][1]
    assert list(implied) == ["company:中国工商银行"] and implied["company:中国工商银行"].mentions == 0
    assert links["company:平安银行长沙高新区支行"][0] == "company:平安银行"  # the one the corpus names


def test_part_of_is_in_every_export_and_in_no_weight(recognizer, tmp_path):
    import json

    import kg

    g = kg.build(["湖南省衡阳市祁东县召开会议，衡阳市委宣传部部长刘洋出席。",
                  "建设银行衡阳市分行行长李明介绍祁东县的情况。"], recognizer=recognizer)
    assert g.part_of("祁东县") == ["衡阳市", "湖南省"] and g.part_of("衡阳市委宣传部") == ["衡阳市", "湖南省"]
    assert g.part_of("建设银行衡阳市分行") == ["中国建设银行"] and "祁东县" in g.parts("衡阳市")
    assert all(kind != "part_of" for *_, kind in g.graph.edges(data="kind"))  # the graph's edges are ties
    degree = dict(g.graph.degree(weight="weight"))
    assert all(g.graph.nodes[n]["degree"] == round(degree[n], 3) for n in g.graph)  # weights hold no part_of
    assert nx.ancestors(g.hierarchy, "place:湖南省") >= {"place:衡阳市", "place:祁东县"}  # its parts, all levels
    rows = g.relations[g.relations["kind"] == "part_of"].set_index("source")
    assert rows.loc["place:祁东县", "target"] == "place:衡阳市" and rows.loc["place:祁东县", "weight"] == 0
    assert "430426" in json.loads(rows.loc["place:祁东县", "evidence"])[0]["reason"]
    assert g.entities.set_index("name").loc["祁东县", "part_of"] == "place:衡阳市"
    g.save(tmp_path)
    for read in (nx.read_graphml(tmp_path / "graph.graphml"), nx.read_gexf(tmp_path / "graph.gexf", version="1.3")):
        links = {(a, b) for a, b, kind in read.edges(data="kind") if kind == "part_of"}
        assert ("place:祁东县", "place:衡阳市") in links or ("place:衡阳市", "place:祁东县") in links
        assert all("weight" not in d for *_, d in read.edges(data=True) if d["kind"] == "part_of")
    assert 'kind="part_of"' in (tmp_path / "graph.gexf").read_text(encoding="utf-8")
    ego = g.ego("衡阳市")
    assert "part_of" in set(ego.relations["kind"]) and set(ego.relations["source"]) <= set(ego.graph)


def test_a_place_named_only_by_its_short_form_is_the_whole_of_bodies_named_in_full():
    assert wholes(entities_named("place:湖南", "organization:湖南省委", "organization:湖南大学")) == {"湖南省委": "湖南"}


def test_traditional_and_simplified_forms_are_one_place_with_its_code(recognizer):
    import kg

    g = kg.build(["衡陽市召開防汛工作會議。衡阳市部署防汛工作。", "鄧群策在衡陽市調研。邓群策强调要抓好防汛。"],
                 recognizer=recognizer)
    places = g.entities[g.entities["type"] == "place"]
    hengyang = places[places["name"].isin(["衡陽市", "衡阳市"])]
    assert len(hengyang) == 1 and hengyang.iloc[0]["code"] == "430400"
    assert set(hengyang.iloc[0]["aliases"].split()) | {hengyang.iloc[0]["name"]} == {"衡陽市", "衡阳市"}
    assert "衡陽市召開防汛工作會議。" in {s.text for s in g.build_result.sentences}  # the text keeps its characters
