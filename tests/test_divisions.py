"""China's divisions: the shipped list, looking a place up in it, the provinces, and the units of a name."""

from kg import divisions
from kg.divisions import Divisions


def test_the_shipped_list_is_what_jionlp_gives():
    shipped = Divisions.shipped().by_code
    made = {d.code: d for d in divisions.from_jionlp()}
    assert made == shipped and len(made) > 3000


def test_names_short_forms_and_look_alikes():
    shipped = Divisions.shipped()
    assert shipped.describe(shipped.locate(["祁东县", "祁东"])) == {"code": "430426", "province": "湖南省",
                                                                 "city": "衡阳市"}
    assert shipped.locate(["衡阳"]).name == "衡阳市"  # the city, not 衡阳县, which is written in full
    assert shipped.locate(["朝阳区"]) is None  # 北京's or 长春's: nothing says which
    assert shipped.locate(["朝阳区"], {"北京"}).code == "110105"
    assert shipped.locate(["朝阳区"], {"长春市", "吉林省"}).code == "220104"
    assert shipped.locate(["金龙矿区"]) is None


def test_a_traditional_name_is_located():
    assert Divisions.shipped().locate(["衡陽市"]).code == "430400"
    assert Divisions.shipped().locate(["長沙"]).name == "长沙市"


def test_the_provinces_are_the_34_provincial_level_divisions_by_their_stems():
    assert divisions.PROVINCES == {
        "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
        "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
        "广西", "西藏", "宁夏", "新疆", "香港", "澳门"}
    assert Divisions.shipped().municipalities == {"北京", "天津", "上海", "重庆"}


def test_a_name_splits_into_its_stem_and_its_unit():
    assert divisions.split_unit("湘潭县") == ("湘潭", "县") and divisions.split_unit("宁夏回族自治区") == ("宁夏回族", "自治区")
    assert divisions.split_unit("湘西土家族苗族自治州") == ("湘西土家族苗族", "自治州")
    assert divisions.split_unit("湘潭") is None and divisions.split_unit("县") is None
    assert divisions.without_unit("湘潭市") == "湘潭" == divisions.without_unit("湘潭")


def test_a_place_s_own_body_names_its_place():
    assert divisions.place_named("湘潭市委") == ("湘潭", "市") and divisions.place_named("湘潭县长") == ("湘潭", "县")
    assert divisions.is_place_body("湘潭县人民政府") and not divisions.is_place_body("湘潭县")
    assert divisions.place_named("湘潭大学") is None


def test_a_full_place_name_ends_with_a_unit_down_to_villages_and_streets():
    assert all(divisions.ends_with_unit(name) for name in ("湘潭县", "雨湖区", "锡林郭勒盟", "白石村", "窑湾街道"))
    assert not divisions.ends_with_unit("湘潭") and not divisions.ends_with_unit("湘潭大学")
