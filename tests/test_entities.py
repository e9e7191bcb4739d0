"""Entity types and canonical entities."""

from hypothesis import given
from hypothesis import strategies as st

from kg import entities as ent
from kg.places import Places
from kg.records import Mention


def mention(text, type_, article="a"):
    return Mention(article, 0, 0, len(text), text, type_)


def test_company_needs_evidence():
    assert ent.mention_type("ORG", "国家开发投资集团有限公司") == "company"
    assert ent.mention_type("ORG", "特变电工") == "company"
    assert ent.mention_type("ORG", "南华医院") == "organization"
    assert not ent.has_company_mark("新材料")  # an industry word alone is no company mark


def test_unmarked_names_go_to_the_cluener_model():
    assert ent.is_company("招行") and ent.is_company("迪士尼")
    assert not ent.is_company("南华大学") and not ent.is_company("衡阳市总工会")


def test_single_character_places_are_canonicalized_or_dropped():
    assert ent.mention_type("LOC", "中") == "place"
    assert ent.mention_type("LOC", "东") is None
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


def test_bare_organizations_resolve_to_the_home_city():
    ms = [mention("衡阳市", "place"), mention("衡阳", "place"), mention("长沙", "place")]
    assert ent.infer_home_city(ms) == "衡阳"
    assert ent.resolve_bare("市人大常委会", "organization", Places(city="衡阳")) == "衡阳市人大常委会"
    assert ent.resolve_bare("市场", "organization", Places(city="衡阳")) == "市场"


@given(st.text(alphabet=st.sampled_from(list("衡阳市县区省中国集团有限公司")), min_size=1, max_size=12),
       st.sampled_from(["place", "company", "organization", "person"]))
def test_merge_key_is_idempotent(name, type_):
    key = ent.merge_key(name, type_)
    assert ent.merge_key(key[1], type_) == key


def test_long_and_short_forms_and_a_cut_name_merge():
    ms = [Mention("a", 0, 0, 7, "株洲市人民政府", "organization"), Mention("b", 0, 0, 5, "株洲市政府", "organization"),
          Mention("a", 1, 0, 10, "湘潭市委理论学习中心组", "organization"),
          Mention("a", 2, 0, 9, "湘潭市委理论学习中心", "organization"),
          Mention("b", 1, 0, 9, "湘潭市委理论学习中心", "organization")]
    entities, owners = ent.build_entities(ms, [m.text for m in ms])
    assert owners[0] == owners[1] and entities[owners[0]].name == "株洲市人民政府"
    assert owners[2] == owners[3] and "one character short" in entities[owners[2]].merges["湘潭市委理论学习中心"]


def test_pieces_across_punctuation_pairs_of_regions_and_websites_are_no_names():
    assert not ent.valid_name("湘江大学”四校", "organization") and not ent.valid_name("长沙）", "place")
    assert not ent.valid_name("湘粤", "place") and ent.valid_name("湖南", "place") and ent.valid_name("辽宁", "place")
    assert not ent.valid_name("湘潭大学官网", "organization") and not ent.valid_name("湘商考察团", "organization")
    assert ent.valid_name("中国矿业大学（北京）", "organization")


def test_a_bare_body_nothing_settles_is_flagged_and_committees_merge_with_their_short_form():
    ms = [Mention("a", 0, 0, 2, "市委", "organization"), Mention("a", 1, 0, 7, "湘潭市发展和改革委员会", "organization"),
          Mention("b", 0, 0, 7, "湘潭市发展和改革委", "organization")]
    entities, owners = ent.build_entities(ms, [m.text for m in ms])
    assert entities[owners[0]].merges == {"市委": ent.UNRESOLVED}
    assert owners[1] == owners[2]


def test_events_and_addresses_are_no_entities():
    assert not ent.valid_name("湘南投资洽谈会", "organization") and not ent.valid_name("岳麓峰会", "organization")
    assert not ent.valid_name("芙蓉中路", "place") and not ent.valid_name("长沙南站", "place")
    assert ent.valid_name("湖南省人民代表大会", "organization") and ent.valid_name("岳麓区", "place")


def test_descriptions_and_addresses_of_any_type_are_no_names():
    assert not ent.valid_name("创新型企业集团", "company") and not ent.valid_name("德福中心A4栋", "organization")
    assert ent.valid_name("白沙洲消防救援站", "organization")


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


def test_a_span_across_a_list_or_clause_break_is_no_name():
    assert not ent.valid_name("湘江市人大代表、监督委员会", "organization")
    assert not ent.valid_name("长沙，株洲", "place") and ent.valid_name("长沙市", "place")
