"""What a name is: its type, whether it is a name at all, the key the names of one entity share, and the entity's id."""

from __future__ import annotations

import re
from collections import Counter

from kg.company import is_company
from kg.divisions import PROVINCES, REGION_ABBREVIATIONS, Divisions
from kg.normalize import simplified
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE
from kg.wordlists import abbreviations, short_names, titles

# A Chinese name (2-4 characters), a transliterated one (布瓦什恰克: up to 6), or one with its parts joined by · (杰夫·费蒂格).
_CJK_NAME = re.compile(r"^[\u3400-\u9fff]{2,6}$|^[\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,8}){1,3}$")
PERSON_LABELS = ("PER", "PERSON", "NR", "NAME")
_PLACE_LABELS = ("LOC", "NS", "GPE", "LOCATION")
_ORGANIZATION_LABELS = ("ORG", "NT", "ORGANIZATION", "GOVERNMENT", "COMPANY")


def majority(items: list[str]) -> str:
    """The most common item (a name's type, of those it is written as); a tie goes to the one seen
    first, so every run decides alike.

    >>> majority(["place", "person", "person", "place"]), majority(["person", "place"])
    ('place', 'person')
    """
    return Counter(items).most_common(1)[0][0]


def mention_type(label: str, text: str) -> str | None:
    """The user-facing type of a model label, or None for a mention not worth a node.

    >>> mention_type("ORG", "中国水环境集团"), mention_type("ORG", "市委"), mention_type("LOC", "中")
    ('company', 'organization', 'place')
    """
    label = label.upper()
    if label in PERSON_LABELS:
        return PERSON if _CJK_NAME.match(text) else None
    if len(text) == 1:
        return PLACE if label in _PLACE_LABELS and text in abbreviations() else None
    if label in _PLACE_LABELS or label == "ADDRESS":
        return PLACE
    if label in _ORGANIZATION_LABELS:
        return COMPANY if label == "COMPANY" or is_company(text) else ORGANIZATION
    return None


def valid_name(text: str, type_: str) -> bool:
    """Whether a mended mention still looks like a name of its type.

    A group of visitors (X考察团, X访问团) is no organization: it ends when the visit does.

    >>> valid_name("杰夫·费蒂格", "person"), valid_name("台湾工业总会访问团", "organization")
    (True, False)
    >>> valid_name("川港", "place"), valid_name("辽宁", "place"), valid_name("财富》杂志", "company")
    (False, True, False)
    >>> valid_name("中国国际进口博览会", "organization"), valid_name("韶山路", "place")
    (False, False)
    >>> valid_name("全国人民代表大会", "organization"), valid_name("韶山市", "place")
    (True, True)
    >>> valid_name("原厅长", "person"), valid_name("副县长", "organization"), valid_name("美国公司", "company")
    (False, False, False)
    >>> valid_name("市辖区党委", "organization"), valid_name("市直机关工委", "organization"), valid_name("师范大学", "organization")
    (False, False, False)
    >>> valid_name("财务科", "organization"), valid_name("三处", "organization"), valid_name("湘雅医院儿科", "organization")
    (False, False, True)
    >>> valid_name("第四届", "organization"), valid_name("湘江丨", "organization"), valid_name("第一师范学院", "organization")
    (False, False, True)
    """
    if _PAST.sub("", text) in titles():
        return False  # 原厅长: a post, of whoever held it
    if type_ == PERSON:
        return bool(_CJK_NAME.match(text))
    if _BROKEN.search(text) or text.count("（") != text.count("）") or text.count("(") != text.count(")"):
        return False  # 西南联大路”四校, 财富》杂志, 北京）: a piece across punctuation
    if type_ in (ORGANIZATION, COMPANY) and (_NOT_A_BODY.search(text) or GENERIC_BODY.match(text)
                                             or _KIND_OF_SCHOOL.match(text) or _a_place_s_firms(text)):
        return False
    if _ORDINAL.match(text):
        return False  # 第四届, 第二批: a session or a batch of something named elsewhere
    if _EVENT.search(text) or _ADDRESS.search(text) or (type_ == PLACE and _FACILITY.search(text)):
        return False  # events (辽洽会) and addresses (黔灵山路, 陕西站) are no entities of a who-is-who graph
    if type_ == PLACE and len(text) == 2 and all(c in REGION_ABBREVIATIONS for c in text) and text not in PROVINCES:
        return False  # 川港, 粤港: two regions named together, not a place
    return len(text) >= 2 or text in abbreviations()


_BROKEN = re.compile(r"[“”‘’\"《》〈〉「」『』【】、，；。丨｜|]")  # quotes, brackets, a list or clause break, a headline's bar
# A group of visitors ends when the visit does; a website or an account is no body.
_NOT_A_BODY = re.compile(r"(考察团|访问团|代表团|调研组|观摩团|采访团|官网|网站|公众号|官方微博)$|[型性]企业(集团)?$"
                         # a section of some body, written without it: 综合科, 党委办, 二所, 四处
                         r"|^(?!.*(?:院|局|委|厅|大学|公司|集团|中心|所))[\u3400-\u9fff]{1,8}[科股室]$"
                         r"|^[一二三四五六七八九十]+[处所科室组]$")
# A section named by what it does alone (企业发展部, 法律事务部, 后勤管理处, 集团董事会办公室): part of the firm,
# school or office the text is about, no entity of its own. (Ministries are named by a field, 财政部, 商务部,
# and a section of the state by its place, 市财政局: neither is made of these words alone.)
_FUNCTION = ("企业|发展|法律|法务|事务|后勤|管理|国有|资产|资金|财务|会计|人力|资源|市场|营销|销售|客户|品牌|技术|研发|科研"
             "|审计|风险|合规|证券|战略|投资|运营|经营|业务|安全|质量|生产|采购|物资|物流|设备|综合|行政|办公|信息|数据"
             "|网络|工程|规划|计划|党群|纪检|人事|教务|学生|保卫|基建|国际|对外|合作|交流|联络|服务|公共|关系|新闻"
             "|董事会|监事会")
_SECTION_BY_FUNCTION = re.compile(rf"^(?:集团|公司|总公司|本行)?(?:{_FUNCTION}){{1,3}}(?:部|处|办|室)$")
_PAST = re.compile(r"^[原前]")
_ORDINAL = re.compile(r"第[一二三四五六七八九十百千零〇两\d]+[届次期批轮季]$")
# A body the text leaves unnamed (拟任市辖区党委副书记, 市直部门, 某公司): a rank or a kind, no entity.
GENERIC_BODY = re.compile(r"^(?:市辖区|市直|县直|区直|省直|省属|市属|县属|市管|省管|区管|县管|某)")
# A kind of school (两所知名财经大学): a real one has a name before its field (中央财经大学).
_KIND_OF_SCHOOL = re.compile(r"^(?:财经|师范|理工|医科|农业|工业|科技|交通|政法|外国语|体育|艺术|民族|中医药|综合性?)(?:大学|学院)$")
_EVENT = re.compile(r"(博览会|交易会|洽谈会|洽会|展览会|展销会|运动会|(?<!代表)大会|峰会|论坛|年会|研讨会|座谈会|发布会|开幕式)$")
_ADDRESS = re.compile(r"(路|街|巷|栋|号)$")
_FACILITY = re.compile(r"(站|机场|大厦|大楼|楼|广场|酒店|宾馆)$")  # as places; 消防救援站 is a body


def bare_section(name: str) -> bool:
    """Whether ``name`` is a section named by what it does alone: 技术部 after 足协战略规划部部长X、 is
    the 足协's, so such a mention stays until its body is known, and goes where none is.

    >>> bare_section("资产管理处"), bare_section("集团董事会办"), bare_section("商务部"), bare_section("足协技术部")
    (True, True, False, False)
    """
    return bool(_SECTION_BY_FUNCTION.match(name))


def _a_place_s_firms(name: str) -> bool:
    """美国公司, 中国有限责任公司: firms of a place, a description and no firm's name (at scale they
    merged into the country and made it a company)."""
    bare = without_legal_form(name)
    return bare != name and (Divisions.shipped().is_named(bare) or bare in abbreviations().values())


def full_name(name: str) -> str:
    """The full name of a national body news calls by a short form (short_names.txt), else ``name``.

    >>> full_name("建设银行"), full_name("衡阳市委")
    ('中国建设银行', '衡阳市委')
    """
    return short_names().get(name, name)


def merge_key(name: str, type_: str) -> tuple[str, str]:
    """Names with the same key are one entity: 衡阳/衡阳市, X集团/X集团有限公司, X人民政府/X政府,
    X常务委员会/X常委会 (a company and an organization of one name are one, typed company), 衡陽市/衡阳市
    (traditional characters matched as simplified).

    >>> merge_key("中国水环境集团有限公司", "company") == merge_key("中国水环境集团", "company")
    True
    >>> merge_key("株洲市人民政府", "organization") == merge_key("株洲市政府", "organization")
    True
    """
    name = simplified(name)
    if type_ == PLACE:
        return PLACE, abbreviations().get(name, name)
    if type_ in (ORGANIZATION, COMPANY):
        stripped = shortened(without_legal_form(full_name(_FOREIGN.sub("", name))))
        return "org", stripped if len(stripped) >= 2 else name
    return type_, name


def entity_id(type_: str, name: str) -> str:
    """The id of the entity of that type and name.

    >>> entity_id("place", "衡阳市")
    'place:衡阳市'
    """
    return f"{type_}:{name}"


_LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|公司)$")


def without_legal_form(name: str) -> str:
    """A firm's name without its legal form.

    >>> without_legal_form("湘江重工股份有限公司"), without_legal_form("湘江重工")
    ('湘江重工', '湘江重工')
    """
    return _LEGAL_FORM.sub("", name)


# A foreign original in brackets after a Chinese name (美泰（Maytag）): the same body.
_FOREIGN = re.compile(r"[（(]([A-Za-z][A-Za-z0-9 .&'-]*)[）)]$")


def foreign_original(name: str) -> str:
    """The foreign original written in brackets after a body's Chinese name, else ''.

    >>> foreign_original("美泰（Maytag）"), foreign_original("美泰")
    ('Maytag', '')
    """
    match = _FOREIGN.search(name)
    return match.group(1) if match else ""


# How news shortens the long words of bodies' names (longest first): 人民政府 -> 政府, then a
# committee's name to its usual abbreviation: 国有资产监督管理委(员会) -> 国资委.
_SHORT_FORMS = {"中国人民政治协商会议": "政协", "人民政府": "政府", "常务委员会": "常委会", "人民代表大会": "人大",
                "外事办公室": "外办", "外事办": "外办", "委员会": "委"}
_LONG_FORMS = re.compile("|".join(_SHORT_FORMS))
_ABBREVIATED = {"国有资产监督管理委": "国资委", "发展和改革委": "发改委", "卫生健康委": "卫健委", "纪律检查委": "纪委",
                "监察委": "监委", "人力资源和社会保障": "人社", "住房和城乡建设": "住建"}
_LONG_WORDS = re.compile("|".join(_ABBREVIATED))
_TERM = re.compile(r"第?[一二三四五六七八九十百零〇\d]+届")  # 第十四届全国人大 is 全国人大: a term, not a body
_CPPCC = re.compile(r"^政协(.+?)委$")  # 政协全国委员会 is 全国政协, 政协衡阳市委员会 衡阳市政协
# A government's department named with or without the government: 贵州省人民政府国资委 is 贵州省国资委.
_GOVERNMENT_OF = re.compile(r"(?<=[省市县区])政府(?=.+[委局厅]$)(?!办公)")


def shortened(name: str) -> str:
    """A body's name as news shortens it: its long words in their short forms, its term left out,
    its government's name too when it names a department: 株洲市人民政府 -> 株洲市政府,
    政协第十三届全国委员会 -> 全国政协.

    >>> shortened("贵州省人民政府国有资产监督管理委员会"), shortened("中国人民政治协商会议第十三届全国委员会")
    ('贵州省国资委', '全国政协')
    """
    short = _LONG_FORMS.sub(lambda m: _SHORT_FORMS[m.group()], _TERM.sub("", name))
    short = _LONG_WORDS.sub(lambda m: _ABBREVIATED[m.group()], short)
    short = short[2:] if short.startswith("中共") and len(short) >= 6 else short  # 中共衡阳市委 is 衡阳市委
    return _GOVERNMENT_OF.sub("", _CPPCC.sub(r"\1政协", short))
