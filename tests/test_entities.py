"""Merging surface forms into entities: canonical names, types and the evidence of each merge."""

from kg import entities as ent
from kg.names import mention_type
from kg.places import UNRESOLVED
from kg.records import Mention


def mention(text, type_, article="a"):
    return Mention(article, 0, 0, len(text), text, type_)


def test_single_character_places_are_canonicalized_or_dropped():
    assert mention_type("LOC", "中") == "place"
    assert mention_type("LOC", "东") is None
    found, _ = ent.build_entities([mention("中", "place")], ["中"])
    assert [e.name for e in found.values()] == ["中国"]


def test_surface_forms_merge_into_one_entity():
    ms = [mention("衡阳", "place"), mention("衡阳市", "place"), mention("衡阳县", "place"),
          mention("衡阳市", "place"), mention("中国水环境集团", "company"), mention("中国水环境集团有限公司", "company")]
    found, owners = ent.build_entities(ms, [m.text for m in ms])
    names = {e.name: e for e in found.values()}
    assert set(names) == {"衡阳市", "衡阳县", "中国水环境集团有限公司"}
    assert names["衡阳市"].aliases == {"衡阳", "衡阳市"} and names["衡阳市"].mentions == 3
    assert owners[0] == owners[1] != owners[2]


def test_long_and_short_forms_and_a_cut_name_merge():
    ms = [Mention("a", 0, 0, 7, "株洲市人民政府", "organization"), Mention("b", 0, 0, 5, "株洲市政府", "organization"),
          Mention("a", 1, 0, 10, "湘潭市委理论学习中心组", "organization"),
          Mention("a", 2, 0, 9, "湘潭市委理论学习中心", "organization"),
          Mention("b", 1, 0, 9, "湘潭市委理论学习中心", "organization")]
    entities, owners = ent.build_entities(ms, [m.text for m in ms])
    assert owners[0] == owners[1] and entities[owners[0]].name == "株洲市人民政府"
    assert owners[2] == owners[3] and "one character short" in entities[owners[2]].merges["湘潭市委理论学习中心"]


def test_a_bare_body_nothing_settles_is_flagged_and_committees_merge_with_their_short_form():
    ms = [Mention("a", 0, 0, 2, "市委", "organization"), Mention("a", 1, 0, 7, "湘潭市发展和改革委员会", "organization"),
          Mention("b", 0, 0, 7, "湘潭市发展和改革委", "organization")]
    entities, owners = ent.build_entities(ms, [m.text for m in ms])
    assert entities[owners[0]].merges == {"市委": UNRESOLVED}
    assert owners[1] == owners[2]


def test_a_name_is_not_folded_into_a_fragment_of_itself():
    ms = [mention("北洋大学", "organization")] * 3 + [mention("北洋大学校", "organization")]
    found, _ = ent.build_entities(ms, [m.text for m in ms])
    assert [(e.name, e.aliases) for e in found.values()] == [("北洋大学", {"北洋大学", "北洋大学校"})]


def test_short_forms_join_their_full_names_when_the_corpus_writes_both():
    pairs = [("南大", "南京大学"), ("厦大", "厦门大学"), ("复旦", "复旦大学"), ("湖南师大", "湖南师范大学"),
             ("格力", "格力电器股份有限公司"), ("美的", "美的集团"), ("中国篮协", "篮协"),
             ("政协第十四届全国委员会", "全国政协"), ("十四届全国人大常委会", "全国人大常委会"),
             ("湖南省人民政府国有资产监督管理委员会", "湖南省国资委"), ("惠而浦（Whirlpool）", "惠而浦"),
             ("惠而浦（Whirlpool）", "Whirlpool")]
    for short, full in pairs:
        ms = [mention(short, "company"), mention(full, "organization")]
        _found, owners = ent.build_entities(ms, [m.text for m in ms])
        assert owners[0] == owners[1], (short, full)
    ms = [mention("南大", "organization"), mention("南京大学", "organization"), mention("南昌大学", "organization")]
    assert len(ent.build_entities(ms, [m.text for m in ms])[0]) == 3  # 南大 could be either: left apart
    ms = [mention("湖南大学", "organization"), mention("湖南", "place"), mention("湖南集团", "company")]
    assert len(ent.build_entities(ms, [m.text for m in ms])[0]) == 3  # a place is no school's short form
    ms = [mention("湘江大学", "organization")] + [mention("湘江", "place")] * 3 + [mention("复旦", "place"),
                                                                             mention("复旦大学", "organization")] * 2
    _found, owners = ent.build_entities(ms, [m.text for m in ms])
    assert owners[0] != owners[1] and owners[4] == owners[5]  # a place named more than the school is the place


def test_a_university_read_as_a_firm_in_short_is_an_organization():
    ms = [mention("北大", "company"), mention("北京大学", "organization")]
    found, _ = ent.build_entities(ms, [m.text for m in ms])
    assert [(e.name, e.type) for e in found.values()] == [("北京大学", "organization")]


def test_one_name_written_as_two_types_is_one_entity_of_the_type_written_most():
    ms = [mention("石岩", "person"), mention("石岩", "place"), mention("石岩", "person"),
          mention("蓝港", "place"), mention("蓝港", "organization"), mention("蓝港", "organization")]
    found, _ = ent.build_entities(ms, [m.text for m in ms])
    assert sorted((e.name, e.type) for e in found.values()) == [("石岩", "person"), ("蓝港", "organization")]


def test_a_bare_city_is_the_city_even_where_its_county_is_named_more():
    ms = [mention("岳阳", "place"), mention("岳阳市", "place")] + [mention("岳阳县", "place")] * 3
    found, owners = ent.build_entities(ms, [m.text for m in ms])
    assert found[owners[0]].name == "岳阳市"


def test_a_place_joined_to_a_longer_one_leaves_no_empty_entity():
    from kg.entities import NameUses, merge_entities

    # 吉林市 joins 吉林市区 first; then the bare 吉林 goes to 吉林省, the higher, and nothing is left empty
    uses = [NameUses(name, "place", count, [name], ["a"]) for name, count in
            (("吉林市区", 1), ("吉林市", 3), ("吉林", 5), ("吉林省", 2))]
    entities = merge_entities(uses)[0]
    assert all(entity.name for entity in entities.values()) and len(entities) == 2
