"""What a name is: its type, whether it is a name at all, its merge key and its entity's id."""

from hypothesis import given
from hypothesis import strategies as st

from kg import names


def test_model_labels_become_kg_types_and_a_person_needs_a_person_s_name():
    assert names.mention_type("PER", "刘德明") == "person" and names.mention_type("nr", "刘德明") == "person"
    assert names.mention_type("PER", "刘德明说他们") is not None  # up to six characters: a transliteration
    assert names.mention_type("PER", "刘德明同志和他们") is None
    assert names.mention_type("GPE", "湘潭") == "place" and names.mention_type("ADDRESS", "湘潭") == "place"
    assert names.mention_type("COMPANY", "湘潭市委") == "company"  # the model's own company label decides
    assert names.mention_type("MISC", "湘潭") is None


@given(st.text(alphabet=st.sampled_from(list("衡阳市县区省中国集团有限公司")), min_size=1, max_size=12),
       st.sampled_from(["place", "company", "organization", "person"]))
def test_merge_key_is_idempotent(name, type_):
    key = names.merge_key(name, type_)
    assert names.merge_key(key[1], type_) == key


def test_a_body_s_long_and_short_names_share_a_key_and_a_firm_s_foreign_original_goes():
    key = names.merge_key("湘潭市人民政府", "organization")
    assert key == names.merge_key("湘潭市政府", "organization") == ("org", "湘潭市政府")
    assert names.merge_key("湘江电器（Xiangjiang）", "company") == names.merge_key("湘江电器有限公司", "organization")
    assert names.merge_key("湘潭", "place") != names.merge_key("湘潭", "organization")
    assert names.shortened("湘潭市人民政府国有资产监督管理委员会") == "湘潭市国资委"
    assert names.foreign_original("湘江电器（Xiangjiang）") == "Xiangjiang" and names.foreign_original("湘江电器") == ""


def test_an_entity_s_id_is_its_type_and_name():
    assert names.entity_id("organization", "湘潭市委") == "organization:湘潭市委"


def test_pieces_across_punctuation_pairs_of_regions_and_websites_are_no_names():
    assert not names.valid_name("湘江大学”四校", "organization") and not names.valid_name("长沙）", "place")
    assert not names.valid_name("湘粤", "place") and names.valid_name("湖南", "place")
    assert names.valid_name("辽宁", "place")
    assert not names.valid_name("湘潭大学官网", "organization") and not names.valid_name("湘商考察团", "organization")
    assert names.valid_name("中国矿业大学（北京）", "organization")


def test_events_and_addresses_are_no_entities():
    assert not names.valid_name("湘南投资洽谈会", "organization") and not names.valid_name("岳麓峰会", "organization")
    assert not names.valid_name("芙蓉中路", "place") and not names.valid_name("长沙南站", "place")
    assert names.valid_name("湖南省人民代表大会", "organization") and names.valid_name("岳麓区", "place")


def test_descriptions_and_addresses_of_any_type_are_no_names():
    assert not names.valid_name("创新型企业集团", "company") and not names.valid_name("德福中心A4栋", "organization")
    assert names.valid_name("白沙洲消防救援站", "organization")


def test_a_span_across_a_list_or_clause_break_is_no_name():
    assert not names.valid_name("湘江市人大代表、监督委员会", "organization")
    assert not names.valid_name("长沙，株洲", "place") and names.valid_name("长沙市", "place")


def test_a_session_a_headline_s_bar_or_a_post_alone_is_no_name():
    assert not names.valid_name("第十二届", "organization") and not names.valid_name("第3批", "organization")
    assert names.valid_name("第一汽车制造厂", "company")  # an ordinal that begins a name
    assert not names.valid_name("湘江观察丨", "organization") and not names.valid_name("湘江｜财经", "organization")
    assert not names.valid_name("董秘", "organization")  # a board secretary is a post


def test_the_type_written_most_wins_and_a_tie_goes_to_the_first():
    assert names.majority(["place", "organization", "organization"]) == "organization"
    assert names.majority(["organization", "place"]) == "organization"


def test_a_post_or_a_word_around_names_is_never_a_name():
    from kg.names import valid_name

    assert not valid_name("原厅长", "person") and not valid_name("前主席", "organization")
    assert valid_name("厅长办公室", "organization")  # a body that begins with a post's word is still a body


def test_a_place_s_firms_are_no_firm_and_never_the_place():
    from kg.names import valid_name

    assert not valid_name("德国公司", "company") and not valid_name("湘潭有限公司", "company")
    assert valid_name("湘潭电机有限公司", "company") and valid_name("德国", "place")
