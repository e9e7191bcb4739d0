"""Bare words and the home city: where 市委, 县政府, 省长 point, from the places in view.

The nearest context is the title chain (长沙市委副书记、市长 → 长沙), then the sentence, then the
article; the corpus's home city comes last, and only for an article that names no city of its own.
Nothing is borrowed from another article. A place the article names as where someone went
(赴常宁市, 到祁东县调研) is the place visited, written from outside it: never the article's own,
so it settles no bare word but those written after it in its own sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, fields

from kg.divisions import BODIES, PROVINCES, Divisions, is_place_body, place_named, without_unit
from kg.records import COMPANY, ORGANIZATION, PLACE, Mention

# A place written under its province (辽宁省法库县, 湖南省长沙市委): the province comes first, then the place.
_PROVINCE_FIRST = re.compile(rf"^({'|'.join(sorted(PROVINCES))})(?:省|自治区)(?=[\u3400-\u9fff]{{2,}})")
# A province's own paper or site (河北日报, 湖南新闻网) names the province whose bare 省委 its stories write.
_PROVINCE_PAPER = re.compile(rf"^({'|'.join(sorted(PROVINCES))})()(?=日报|新闻网|广播电视台|电视台|卫视)")
CITY_IN_VIEW = "市"  # a role's organization when it is the city in view and its article names none (市领导)
UNRESOLVED = "a bare word no place in its article settles: kept as written"
# Bare organization words that name the home city's (or county's, or province's) body: 市委 is 衡阳市委.
# 市委 is the city's; 市场, 市民, and 市直/市辖区/市属 (any body of the city, unnamed) are not
_BARE_CITY_ORG = re.compile(r"^市(?!场|民|直|辖|属|管)")
_BARE_COUNTY_ORG = re.compile(r"^县(?!城|直|辖|属|管)")
_BARE_PROVINCE_ORG = re.compile(f"^省(?:{BODIES})")
_BARE_BODY = re.compile(f"^[省市县区](?:{BODIES})")


@dataclass(frozen=True)
class Places:
    """The city (stem, 衡阳), county or district (full, 祁东县) and province (stem, 湖南) in view."""

    city: str = ""
    county: str = ""
    province: str = ""

    def over(self, farther: Places) -> Places:
        """These places, with what they lack taken from ``farther`` context.

        >>> Places(city="长沙").over(Places(city="衡阳", province="湖南"))
        Places(city='长沙', county='', province='湖南')
        """
        return Places(**{f.name: getattr(self, f.name) or getattr(farther, f.name) for f in fields(self)})


def named(names: list[str], cities: frozenset[str] = frozenset()) -> Places:
    """The places most named among ``names`` (place names, or bodies such as 长沙市委).

    ``cities`` are stems known to be cities (from ``X市`` written anywhere), so that a bare 衡阳
    counts for 衡阳市.

    >>> named(["衡阳市", "祁东县", "衡阳", "湖南省", "长沙市"], frozenset({"衡阳", "长沙"}))
    Places(city='衡阳', county='祁东县', province='湖南')
    >>> named(["长沙市委"])
    Places(city='长沙', county='', province='')
    """
    counts: dict[str, Counter[str]] = {"city": Counter(), "county": Counter(), "province": Counter()}
    for name in names:
        lead = _PROVINCE_FIRST.match(name)
        if lead and place_named(name[lead.end():]):
            counts["province"][lead.group(1)] += 1  # 辽宁省法库县: the province, then the county in it
            name = name[lead.end():]
        paper = _PROVINCE_PAPER.match(name)
        stem, unit = place_named(name) or (paper.groups() if paper else (name, ""))
        if stem in PROVINCES and unit in ("", "省", "市", "自治区"):
            counts["province"][stem] += 1
            if unit != "市":
                continue
        if unit == "市" or (not unit and stem in cities):
            counts["city"][stem] += 1
        elif unit in ("县", "区", "自治县"):
            counts["county"][stem + unit] += 1
    return Places(**{kind: c.most_common(1)[0][0] if c else "" for kind, c in counts.items()})


# Verbs of going somewhere, right before a place or a run of them: 赴常宁市, 来到祁东县, 赴郴州市资兴市.
# Not 在: a meeting 在衡阳市 is at home.
_GOING_TO = re.compile(r"(?:赴|到|前往|来到|走进|深入|抵达|莅临|走访)(?:[\u3400-\u9fff]{2,8}?(?:省|市|县|区))*$")


def visited(text: str, start: int) -> bool:
    """Whether the place written at ``text[start:]`` is where someone went (赴常宁市).

    >>> visited("市委书记邓群策赴常宁市调研", 8), visited("常宁市委书记调研", 0)
    (True, False)
    """
    return bool(_GOING_TO.search(text, 0, start))


def stem_of(name: str) -> str:
    """The place a place name or a place's body is of: 常宁市委 -> 常宁, 祁东县 -> 祁东县.

    >>> stem_of("常宁市委"), stem_of("祁东县"), stem_of("衡阳")
    ('常宁', '祁东县', '衡阳')
    """
    place = place_named(name)
    if not place:
        return name
    stem, unit = place
    return stem + unit if unit in ("县", "区", "自治县") else stem


def known_cities(mentions: list[Mention]) -> frozenset[str]:
    """Stems of the cities ``mentions`` write as ``X市``, and of China's provincial and prefectural
    cities, which news names bare (衡阳, 长沙) as often as in full."""
    written = {m.text[:-1] for m in mentions if m.type == PLACE and m.text.endswith("市") and len(m.text) >= 3}
    return frozenset(written) | Divisions.shipped().city_stems


class InView:
    """The places a bare word sees: those its sentence names before it, over its article's, over the
    corpus home city.

    >>> ms = [Mention("a", 0, 0, 3, "长沙市", "place"), Mention("b", 0, 0, 3, "衡阳市", "place"),
    ...       Mention("b", 1, 9, 13, "耒阳市委", "organization"), Mention("b", 2, 0, 2, "邵阳", "place")]
    >>> view = InView(ms, home_city="衡阳")
    >>> view.at("a", 5).city, view.at("b", 1, 0).city, view.at("b", 1, 20).city, view.at("c", 0).city
    ('长沙', '衡阳', '耒阳', '衡阳')
    """

    def __init__(self, mentions: list[Mention], home_city: str = "", went_to: frozenset[str] = frozenset()) -> None:
        """``went_to``: stems (:func:`stem_of`) of the places each article names as visited, as
        ``article_id + "/" + stem``; they count for no article's own places."""
        self.cities = known_cities(mentions)
        self.corpus = Places(city=home_city)
        in_article: dict[str, list[str]] = {}
        self.named_in: dict[tuple[str, int], list[tuple[int, str]]] = {}
        for mention in mentions:  # places, and bodies that name theirs (长沙市委)
            if mention.type == PLACE or is_place_body(mention.text) or _PROVINCE_PAPER.match(mention.text):
                if f"{mention.article_id}/{stem_of(mention.text)}" not in went_to:
                    in_article.setdefault(mention.article_id, []).append(mention.text)
                self.named_in.setdefault((mention.article_id, mention.sentence), []).append(
                    (mention.start, mention.text))
        self.articles = {article: named(names, self.cities).over(self.corpus) for article, names in in_article.items()}

    def at(self, article_id: str, sentence: int, position: int | None = None) -> Places:
        """Places in view in that sentence, at ``position`` (an offset into the article) when given."""
        article = self.articles.get(article_id, self.corpus)
        names = [name for start, name in self.named_in.get((article_id, sentence), [])
                 if position is None or start < position]
        return named(names, self.cities).over(article) if names else article


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
        if without_unit(text) in cities:
            counts[without_unit(text)] += n
    if not counts:  # no "X市" written: the city whose short name starts the most places (衡阳, 衡阳国家高新区)
        stems = Divisions.shipped().city_stems
        for text, n in places.items():
            stem = next((text[:k] for k in (2, 3, 4) if text[:k] in stems), None)
            if stem:
                counts[stem] += n
    return counts.most_common(1)[0][0] if counts else ""


def is_bare(name: str, type_: str) -> bool:
    """Whether an organization's name is a bare word that needs a place (市委, 县政府, 省委).

    >>> is_bare("市委", "organization"), is_bare("衡阳市委", "organization"), is_bare("市场", "organization")
    (True, False, False)
    """
    return type_ in (ORGANIZATION, COMPANY) and bool(_BARE_BODY.match(name))


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


_BOARD = re.compile(r"^(?:公司)?(?:第[一二三四五六七八九十]+届)?(?:董事会|监事会)$")


def implied_org(title: str, org_part: str, titles, places: Places) -> str:
    """The body a title belongs to, from what is written before it (``org_part``, maybe nothing)
    and the body the title implies (``titles``: a :class:`kg.roles.TitleLexicon`), with bare
    words completed from the places in view: 市长 in a 长沙 story is 长沙市政府's.

    >>> from kg.roles import TitleLexicon
    >>> titles = TitleLexicon.load()
    >>> implied_org("市长", "", titles, Places(city="长沙")), implied_org("市长", "广州市", titles, Places())
    ('长沙市政府', '广州市政府')
    >>> implied_org("书记", "省委", titles, Places(province="北京"))  # 北京 has no 省委
    ''
    >>> implied_org("副县长", "湖南省祁东县", titles, Places())
    '祁东县政府'
    """
    implied = titles.implies(title)
    if org_part and len(implied) > 1 and org_part.endswith(implied[0]):  # 广州市 + 市长: 广州市政府
        # 辽宁省法库县副县长: the province only locates the county; the body is named by the county
        return _PROVINCE_FIRST.sub("", org_part) + implied[1:]
    if org_part and len(implied) > 1 and org_part in (places.city, places.province):  # 天津副市长: 天津市政府
        return org_part + implied
    org = "" if _BOARD.match(org_part) else org_part or implied  # 第十届董事会董事: a director of the firm
    municipalities = Divisions.shipped().municipalities
    if org[:1] == "省" and len(org) > 2 and places.province and places.province not in municipalities:
        return places.province + org  # 省教育厅 of a 黑龙江 story
    if org in ("省", "省委", "省政府") and places.province in municipalities:  # 北京 has no 省委
        return ""
    if org in ("市", "县", "省", "区"):  # 市领导: the city itself
        return {"市": places.city + "市" if places.city else CITY_IN_VIEW, "县": places.county,
                "区": places.county if places.county.endswith("区") else "",
                "省": places.province + "省" if places.province else ""}[org]
    return resolve_bare(org, ORGANIZATION, places) if org else ""
