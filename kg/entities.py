"""Entity types and canonical entities: which mentions name the same real-world entity."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import NamedTuple

from kg.company import shipped
from kg.normalize import simplified
from kg.places import BODIES, PROVINCES, Places
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Entity, Mention

DATA = Path(__file__).parent / "data"
# A business word ending a name, after at least two characters of its own (新材料 alone is an industry).
_COMPANY_SUFFIX = re.compile(
    r"^[\u3400-\u9fffA-Za-z0-9]{2,}(公司|集团|有限|股份|银行|厂|实业|[鞋盐矿乳酒纸钢]业|机械|塑胶|科技|电器|制药|药业|置业|地产|物流|"
    r"酒店|商行|超市|工作室|事务所|控股|证券|保险|投资|传媒)$")
_LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|公司)$")
_PLACE_SUFFIX = re.compile(r"^(.{2,}?)(省|市|县|区|自治州|自治县)$")
# A Chinese name (2-4 characters), a transliterated one (布瓦什恰克: up to 6), or one with its parts joined by · (杰夫·费蒂格).
_CJK_NAME = re.compile(r"^[\u3400-\u9fff]{2,6}$|^[\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,8}){1,3}$")
# Bare organization words that name the home city's (or county's) body: 市委 is 衡阳市委.
_BARE_CITY_ORG = re.compile(r"^市(?!场|民)")
_BARE_COUNTY_ORG = re.compile(r"^县(?!城)")
_BARE_PROVINCE_ORG = re.compile(f"^省(?:{BODIES})")


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """Lines of a data file in the package, comments and blanks left out."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def majority(items: list[str]) -> str:
    """The most common item; a tie goes to the one seen first, so every run decides alike.

    >>> majority(["place", "person", "person", "place"]), majority(["person", "place"])
    ('place', 'person')
    """
    return Counter(items).most_common(1)[0][0]


@cache
def abbreviations() -> dict[str, str]:
    return dict(line.split(",", 1) for line in lexicon("abbreviations.txt"))


def full_name(name: str) -> str:
    """The full name of a national body news calls by a short form (short_names.txt), else ``name``.

    >>> full_name("建设银行"), full_name("衡阳市委")
    ('中国建设银行', '衡阳市委')
    """
    return _short_names().get(name, name)


@cache
def _short_names() -> dict[str, str]:
    return dict(line.split(",", 1) for line in lexicon("short_names.txt"))


_ORGANIZATION_SUFFIX = re.compile(
    r"(委|委员会|政府|人大|政协|局|厅|署|办|院|大学|学校|小学|中学|中心|协会|学会|商会|联合会|工会|会|部|处|所|站|队|网|组织|"
    r"法院|检察院|医院|党|团|军|社|馆|组|园区|管委会|报|报社|电视台|广播电台)$")


def has_company_mark(name: str) -> bool:
    """A business suffix (公司, 集团, 实业…) or a name in the list of known firms."""
    return bool(_COMPANY_SUFFIX.search(name)) or name in lexicon("companies.txt")


def is_company(name: str, model=None) -> bool:
    """Whether a named organization is a business.

    Evidence in order: a business suffix or a known firm (company); a public-body suffix
    (organization); else the CLUENER-trained n-gram model of :mod:`kg.company`.

    >>> is_company("广裕新材料科技有限公司"), is_company("南华医院"), is_company("比亚迪"), is_company("招行")
    (True, False, True, True)
    """
    if has_company_mark(name):
        return True
    if _ORGANIZATION_SUFFIX.search(name):
        return False
    model = model or shipped()
    return model is not None and model.log_odds(name) > 0


def mention_type(label: str, text: str) -> str | None:
    """The user-facing type of a model label, or None for a mention not worth a node.

    >>> mention_type("ORG", "中国水环境集团"), mention_type("ORG", "市委"), mention_type("LOC", "中")
    ('company', 'organization', 'place')
    """
    label = label.upper()
    if label in ("PER", "PERSON", "NR", "NAME"):
        return PERSON if _CJK_NAME.match(text) else None
    if len(text) == 1:
        return PLACE if label in ("LOC", "NS", "GPE", "LOCATION") and text in abbreviations() else None
    if label in ("LOC", "NS", "GPE", "LOCATION", "ADDRESS"):
        return PLACE
    if label in ("ORG", "NT", "ORGANIZATION", "GOVERNMENT", "COMPANY"):
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
    >>> valid_name("财务科", "organization"), valid_name("三处", "organization"), valid_name("湘雅医院儿科", "organization")
    (False, False, True)
    """
    if type_ == PERSON:
        return bool(_CJK_NAME.match(text))
    if _BROKEN.search(text) or text.count("（") != text.count("）") or text.count("(") != text.count(")"):
        return False  # 西南联大路”四校, 财富》杂志, 北京）: a piece across punctuation
    if type_ in (ORGANIZATION, COMPANY) and _NOT_A_BODY.search(text):
        return False
    if _EVENT.search(text) or _ADDRESS.search(text) or (type_ == PLACE and _FACILITY.search(text)):
        return False  # events (辽洽会) and addresses (黔灵山路, 陕西站) are no entities of a who-is-who graph
    if type_ == PLACE and len(text) == 2 and all(c in REGION_ABBREVIATIONS for c in text) and text not in PROVINCES:
        return False  # 川港, 粤港: two regions named together, not a place
    return len(text) >= 2 or text in abbreviations()


_BROKEN = re.compile(r"[“”‘’\"《》〈〉「」『』【】、，；。]")  # quotes, brackets, and a list or clause break
# A group of visitors ends when the visit does; a website or an account is no body.
_NOT_A_BODY = re.compile(r"(考察团|访问团|代表团|调研组|观摩团|采访团|官网|网站|公众号|官方微博)$|[型性]企业(集团)?$"
                         # a section of some body, written without it: 综合科, 党委办, 二所, 四处
                         r"|^(?!.*(?:院|局|委|厅|大学|公司|集团|中心|所))[\u3400-\u9fff]{1,8}[科股室]$"
                         r"|^[一二三四五六七八九十]+[处所科室组]$")
_EVENT = re.compile(r"(博览会|交易会|洽谈会|洽会|展览会|展销会|运动会|(?<!代表)大会|峰会|论坛|年会|研讨会|座谈会|发布会|开幕式)$")
_ADDRESS = re.compile(r"(路|街|巷|栋|号)$")
_FACILITY = re.compile(r"(站|机场|大厦|大楼|楼|广场|酒店|宾馆)$")  # as places; 消防救援站 is a body
# One-character names of China's provincial-level regions and big cities, as news pairs them (粤港澳, 京津冀).
REGION_ABBREVIATIONS = frozenset("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔滇陕秦甘陇青蒙桂藏宁新港澳台穗深")


def infer_home_city(mentions: list[Mention]) -> str:
    """The city the corpus is about: the city named most (in 衡阳 papers, 衡阳).

    >>> infer_home_city([Mention("a", 0, 0, 3, "衡阳市", "place"), Mention("a", 0, 5, 7, "衡阳", "place"),
    ...                  Mention("a", 1, 0, 2, "长沙", "place")])
    '衡阳'
    """
    return home_city_of(Counter(m.text for m in mentions if m.type == PLACE))


def home_city_of(places: Counter[str]) -> str:
    """:func:`infer_home_city` from how often each place name is written."""
    cities = {text[:-1] for text in places if text.endswith("市") and len(text) >= 3}
    counts: Counter[str] = Counter()
    for text, n in places.items():
        if _place_key(text) in cities:
            counts[_place_key(text)] += n
    if not counts:  # no "X市" written: the most named short place that is not the stem of a longer one
        stems = {p for p in places for q in places if q != p and q.startswith(p)}
        counts = Counter({text: n for text, n in places.items() if len(text) == 2 and text not in stems})
    return counts.most_common(1)[0][0] if counts else ""


def _place_key(name: str) -> str:
    match = _PLACE_SUFFIX.match(name)
    return match.group(1) if match else name


def resolve_bare(text: str, type_: str, places: Places) -> str:
    """The full name of a bare organization word (市委, 县政府, 省委, 区委), from the places in view.

    >>> resolve_bare("市委", "organization", Places(city="衡阳")), resolve_bare("县委", "organization",
    ...     Places(county="祁东县")), resolve_bare("省政府", "organization", Places(province="辽宁"))
    ('衡阳市委', '祁东县委', '辽宁省政府')
    >>> resolve_bare("市委", "organization", Places())  # nothing in view: kept as written
    '市委'
    """
    if type_ not in (ORGANIZATION, COMPANY) or len(text) < 2:
        return text
    if places.city and _BARE_CITY_ORG.match(text):
        return places.city + text
    if places.county and (_BARE_COUNTY_ORG.match(text) or text.startswith("区")) and places.county[-1] == text[0]:
        return places.county + text[1:]
    if places.province and _BARE_PROVINCE_ORG.match(text):
        return places.province + text
    return text


def settle(name: str, type_: str, home_city: str) -> str:
    """A name its article left bare, completed with the corpus home city: 市委 -> 衡阳市委, and
    市 (what 市领导 stands for) -> 衡阳市; other names as they are.

    >>> settle("市委", "organization", "衡阳"), settle("市", "organization", "衡阳"), settle("县委", "organization", "衡阳")
    ('衡阳市委', '衡阳市', '县委')
    """
    if name == CITY_IN_VIEW:
        return home_city + "市" if home_city else ""
    return resolve_bare(name, type_, Places(city=home_city)) if home_city else name


CITY_IN_VIEW = "市"  # a role's organization when it is the city in view and its article names none (市领导)
UNRESOLVED = "a bare word no place in its article settles: kept as written"


def is_bare(name: str, type_: str) -> bool:
    """Whether an organization's name is a bare word that needs a place (市委, 县政府, 省委).

    >>> is_bare("市委", "organization"), is_bare("衡阳市委", "organization"), is_bare("市场", "organization")
    (True, False, False)
    """
    return type_ in (ORGANIZATION, COMPANY) and bool(_BARE_BODY.match(name))


_BARE_BODY = re.compile(f"^[省市县区](?:{BODIES})")


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
        stripped = _short_form(_LEGAL_FORM.sub("", full_name(_FOREIGN.sub("", name))))
        return "org", stripped if len(stripped) >= 2 else name
    return type_, name


# How news shortens the long words of bodies' names (longest first): 人民政府 -> 政府, then a
# committee's name to its usual abbreviation: 国有资产监督管理委(员会) -> 国资委.
# A foreign original in brackets after a Chinese name (美泰（Maytag）): the same body.
_FOREIGN = re.compile(r"[（(]([A-Za-z][A-Za-z0-9 .&'-]*)[）)]$")
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


def _short_form(name: str) -> str:
    """``name`` with its long forms shortened, its term left out, its government's name too when
    it names a department: 株洲市人民政府 -> 株洲市政府, 政协第十三届全国委员会 -> 全国政协.

    >>> _short_form("贵州省人民政府国有资产监督管理委员会"), _short_form("中国人民政治协商会议第十三届全国委员会")
    ('贵州省国资委', '全国政协')
    """
    short = _LONG_FORMS.sub(lambda m: _SHORT_FORMS[m.group()], _TERM.sub("", name))
    short = _LONG_WORDS.sub(lambda m: _ABBREVIATED[m.group()], short)
    short = short[2:] if short.startswith("中共") and len(short) >= 6 else short  # 中共衡阳市委 is 衡阳市委
    return _GOVERNMENT_OF.sub("", _CPPCC.sub(r"\1政协", short))


def _merge_truncated(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """An organization name one character short of another in the same article is that one, cut:
    衡阳市委理论学习中心 joins 衡阳市委理论学习中心组 (the articles in id order, the longest names first)."""
    names = {name for kind, name in groups if kind == "org"}
    longer = {name for name in names if len(name) > 4 and name[:-1] in names}  # and 4 characters or more cut
    by_article: dict[str, set[str]] = defaultdict(set)  # the names of such pairs each article has
    for name in longer | {name[:-1] for name in longer}:
        for use in groups[("org", name)]:
            for article in use.articles:
                by_article[article].add(name)
    for article in sorted(by_article):
        cut: dict[str, list[str]] = defaultdict(list)  # by the name each is one character longer than
        for name in by_article[article]:
            cut[name[:-1]].append(name)
        for name in sorted(by_article[article], key=lambda name: (-len(name), name)):
            whole = cut.get(name, ())
            if len(whole) == 1 and ("org", name) in groups and ("org", whole[0]) in groups:
                groups[("org", whole[0])] += groups.pop(("org", name))


def short_forms(name: str) -> list[str]:
    """The short forms news writes for a body's full name, where the corpus also writes the full one:
    a university without 大学 (清华), its city's first character and 大 (北大), X师大 for
    X师范大学; a firm without 集团 or its trade (海尔 for 海尔集团, 华为 for 华为技术, the legal
    form already gone); a national body without 中国 or 中共 (足协 for 中国足协).

    >>> short_forms("北京大学"), short_forms("云南师范大学"), short_forms("华为技术"), short_forms("中国足协")
    (['北大'], ['云南师范', '云南师大'], ['华为'], ['足协'])
    """
    forms = []
    if name.endswith("大学") and len(name) >= 4:
        stem = name[:-2]
        forms += [stem, stem[0] + "大"] if len(stem) == 2 else [stem]
        if stem.endswith("师范"):
            forms.append(stem[:-2] + "师大")
    trade = _TRADE.search(name)
    if trade and trade.group() and trade.start() >= 2:
        forms.append(name[:trade.start()])
    if name.startswith(("中国", "中共")) and len(name) >= 4:
        forms.append(name[2:])
    return [form for form in forms if len(form) >= 2 and form not in lexicon("generic.txt") and not _is_division(form)]


def _is_division(name: str) -> bool:
    """Whether ``name`` is a division's name or short form (北京 is no short form of 北京大学)."""
    from kg.hierarchy import Divisions  # here: kg.hierarchy needs this module

    divisions = Divisions.shipped()
    return name in PROVINCES or name in divisions.by_name or name in divisions.by_short


# What follows a firm's own name in its full one (the legal form already left out): 华为 + 技术, 海尔 + 集团.
_TRADE = re.compile(r"(?:技术|科技|控股|实业|电器|电子|网络|信息|软件|汽车|食品|股份)*(?:集团|股份)?$")


def _merge_short_forms(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """A body's short form (:func:`short_forms`) joins its full name when the corpus writes both and
    no other full name shares that short form (南大 could be 南京大学 or 南开大学: left apart)."""
    full_of: dict[str, list[str]] = defaultdict(list)
    for kind, name in list(groups):
        if kind == "org":
            for short in dict.fromkeys(short_forms(name)):
                full_of[short].append(name)
        for use in groups.get((kind, name), []) if kind == "org" else []:
            foreign = _FOREIGN.search(use.name)  # 美泰（Maytag）: Maytag written alone is 美泰 too
            if foreign:
                full_of[foreign.group(1)] += [name] if name not in full_of[foreign.group(1)] else []
    for short, names in full_of.items():
        if len(names) == 1 and short != names[0] and ("org", names[0]) in groups:
            for kind in ("org", PERSON, PLACE):
                if (kind, short) in groups:
                    groups[("org", names[0])] += groups.pop((kind, short))


def _merge_one_name(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """One name written as a person in one place and a place or a body in another (石磊, 曼城) is
    one entity: its uses join the kind it is written as most, a tie going to a person when the name
    starts with a surname, else to a body."""
    kinds: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, name in groups:
        kinds[name].append((kind, name))
    for name, keys in kinds.items():
        if len(keys) < 2:
            continue
        count = lambda key: sum(use.count for use in groups[key])
        person_shaped = name[0] in _surnames() and 2 <= len(name) <= 3
        rank = {PERSON: 2 if person_shaped else 0, "org": 1, PLACE: 0}
        target = max(keys, key=lambda key: (count(key), rank[key[0]]))
        for key in keys:
            if key != target:
                groups[target] += groups.pop(key)


@cache
def _surnames() -> frozenset[str]:
    return frozenset(name for line in lexicon("surnames.txt") for name in line.split())


def group_type(name: str, types: Counter[str]) -> str:
    """The type of an entity from its forms' types: company whenever any form shows company
    evidence, but for a name a public body's ending marks (北京大学, though 北大 read as a firm);
    else the most common.

    >>> group_type("湘江大学", Counter(company=2, organization=1)), group_type("湘江集团", Counter(company=1, organization=3))
    ('organization', 'company')
    """
    if types[COMPANY]:
        return COMPANY if has_company_mark(name) or not _ORGANIZATION_SUFFIX.search(name) else ORGANIZATION
    return types.most_common(1)[0][0]


_LEVEL = {"省": 3, "市": 2, "自治州": 2}  # above counties and districts


def _merge_bare_places(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """衡阳 joins 衡阳市: a bare place name joins the most named place that adds a suffix to it.

    衡阳市 and 衡阳县 stay apart; a bare 衡阳 is the higher of them (news writes a county in full,
    a city bare), else whichever is named more.
    """
    suffixed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, name in groups:
        match = _PLACE_SUFFIX.match(name)
        if kind == PLACE and match:
            suffixed[match.group(1)].append((kind, name))
    for stem, keys in suffixed.items():
        if (PLACE, stem) in groups:
            target = max(keys, key=lambda key: (_LEVEL.get(_PLACE_SUFFIX.match(key[1]).group(2), 0),
                                                sum(use.count for use in groups[key]), key))
            groups[target] += groups.pop((PLACE, stem))


def merge_reason(alias: str, name: str, user_aliases: dict[str, str]) -> str:
    """Why ``alias`` was merged into ``name``: the evidence kept for every merge.

    >>> merge_reason("衡阳", "衡阳市", {}), merge_reason("市委", "衡阳市委", {})
    ('the place name without its administrative suffix', 'a bare organization word completed from context')
    """
    if user_aliases.get(alias) == name:
        return "user alias file"
    if abbreviations().get(alias) == name:
        return "single-character abbreviation (abbreviations.txt)"
    if full_name(alias) == name:
        return "a national body's short name (short_names.txt)"
    if _place_key(alias) == _place_key(name):
        return "the place name without its administrative suffix"
    if _LEGAL_FORM.sub("", alias) == _LEGAL_FORM.sub("", name):
        return "the same name without its legal form (有限公司…)"
    if _short_form(name) == alias:
        return "the short form of the name (人民政府 -> 政府, 委员会 -> 委)"
    if name.endswith(alias):
        return "a bare organization word completed from context"
    if name.startswith(alias) and len(name) == len(alias) + 1:
        return "the name one character short, in the same article"
    if alias in short_forms(_LEGAL_FORM.sub("", name)) or _FOREIGN.search(name):
        return "a short form of the full name (北大, 海尔, 足协) or its foreign original"
    return "surface form of the same name"


_WHOLE = re.compile(r"(大|大学|学院)$")  # a school's name ends here: 北大 + 校, 北京大学 + 生 run on


def canonical_name(forms: dict[str, int]) -> str:
    """The name an entity goes by: its longest form, but never a fragment of another form, that
    is a form one character longer than a whole name and named less often (西南联大校, cut from
    西南联大校友, is 西南联大 run on; 衡阳市 is no run-on 衡阳, which ends no body's name).

    >>> canonical_name({"衡阳": 3, "衡阳市": 2}), canonical_name({"西南联大": 5, "西南联大校": 1})
    ('衡阳市', '西南联大')
    """
    run_on = {f for f, n in forms.items() if len(f) > 2 and forms.get(f[:-1], 0) > n and _WHOLE.search(f[:-1])}
    return max(((f, n) for f, n in forms.items() if f not in run_on),
               key=lambda item: (len(item[0]), item[1], item[0]))[0]


def entity_id(type_: str, name: str) -> str:
    return f"{type_}:{name}"


class NameUses(NamedTuple):
    """How one name is used as one type across the corpus: what merging counts."""

    name: str  #: the name (bare words completed, the user's alias applied)
    type: str  #: the mentions' type
    count: int  #: the mentions
    texts: list[str]  #: the surface forms, each once
    articles: list[str]  #: the articles naming it, each once


def build_entities(mentions: list[Mention], names: list[str], user_aliases: dict[str, str] | None = None
                   ) -> tuple[dict[str, Entity], list[str]]:
    """Merges mentions into entities; returns them by id and each mention's entity id.

    ``names`` are the mentions' names with bare words resolved (市委 -> 衡阳市委); both they
    and the surface forms become aliases. ``user_aliases`` (alias -> canonical) come first.
    See :func:`merge_entities`, which does the work from counts.
    """
    user_aliases = user_aliases or {}
    names = [user_aliases.get(name, name) for name in names]
    uses: dict[tuple[str, str], tuple[list[int], dict[str, None], dict[str, None]]] = {}  # in the order first named
    for m, name in zip(mentions, names):
        count, texts, articles = uses.setdefault((name, m.type), ([0], {}, {}))
        count[0] += 1
        texts[m.text] = articles[m.article_id] = None
    entities, entity_of = merge_entities([NameUses(name, type_, count[0], list(texts), list(articles))
                                          for (name, type_), (count, texts, articles) in uses.items()], user_aliases)
    return entities, [entity_of[(name, m.type)] for m, name in zip(mentions, names)]


def merge_entities(uses: list[NameUses], user_aliases: dict[str, str] | None = None
                   ) -> tuple[dict[str, Entity], dict[tuple[str, str], str]]:
    """Entities by id from how each name is used (``uses``, in the order first named), and the
    entity of each (name, type).

    The canonical name is the longest form (a full name a short one stands for included); the
    type is the most common one, with company winning over organization whenever any form shows
    company evidence.
    """
    user_aliases = user_aliases or {}
    groups: dict[tuple[str, str], list[NameUses]] = defaultdict(list)
    for use in uses:
        groups[merge_key(use.name, use.type)].append(use)
    _merge_bare_places(groups)
    _merge_truncated(groups)
    _merge_short_forms(groups)
    _merge_one_name(groups)
    entities: dict[str, Entity] = {}
    entity_of: dict[tuple[str, str], str] = {}
    for group in groups.values():
        forms: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for use in group:
            forms[use.name] += use.count
            types[use.type] += use.count
        full_forms = {abbreviations()[f]: 0 for f in forms if len(f) == 1 and f in abbreviations()}
        full_forms.update({full_name(f): 0 for f in forms if full_name(f) != f})  # 建设银行 is 中国建设银行
        name = canonical_name({**full_forms, **forms})
        type_ = group_type(name, types)
        aliases = set(forms).union(*(use.texts for use in group))
        entity = Entity(entity_id(type_, name), name, type_, aliases=aliases, mentions=sum(types.values()),
                        articles=set().union(*(use.articles for use in group)),
                        merges={alias: merge_reason(alias, name, user_aliases) for alias in sorted(aliases - {name})})
        if is_bare(name, type_):  # 市委 with no place in view: kept as written, and said so
            entity.merges[name] = UNRESOLVED
        entities[entity.id] = entity
        entity_of.update(((use.name, use.type), entity.id) for use in group)
    return entities, entity_of
