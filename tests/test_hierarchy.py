"""Places located in China's divisions: codes, province and city, short forms and look-alikes."""

import networkx as nx

from kg import hierarchy
from kg.hierarchy import Divisions


def test_the_shipped_list_is_what_jionlp_gives():
    shipped = Divisions.shipped().by_code
    made = {d.code: d for d in hierarchy.from_jionlp()}
    assert made == shipped and len(made) > 3000


def test_names_short_forms_and_look_alikes():
    divisions = Divisions.shipped()
    assert divisions.describe(divisions.locate(["祁东县", "祁东"])) == {"code": "430426", "province": "湖南省",
                                                                     "city": "衡阳市"}
    assert divisions.locate(["衡阳"]).name == "衡阳市"  # the city, not 衡阳县, which is written in full
    assert divisions.locate(["朝阳区"]) is None  # 北京's or 长春's: nothing says which
    assert divisions.locate(["朝阳区"], {"北京"}).code == "110105"
    assert divisions.locate(["朝阳区"], {"长春市", "吉林省"}).code == "220104"
    assert divisions.locate(["金龙矿区"]) is None


def test_places_in_a_build_carry_code_province_and_city(recognizer, tmp_path):
    import kg

    g = kg.build(["北京市朝阳区启动老旧小区改造。衡阳市祁东县召开会议。"], recognizer=recognizer)
    places = g.entities.set_index("name")
    assert tuple(places.loc["朝阳区", ["code", "province", "city"]]) == ("110105", "北京市", "")
    assert tuple(places.loc["祁东县", ["code", "province", "city"]]) == ("430426", "湖南省", "衡阳市")
    g.save(tmp_path)
    read = nx.read_graphml(tmp_path / "graph.graphml")
    assert read.nodes["place:祁东县"]["code"] == "430426"
    assert nx.read_gexf(tmp_path / "graph.gexf").nodes["place:朝阳区"]["province"] == "北京市"
