"""Where bare words point: 市委, 县政府, 省长 take their place from the nearest context that names one.

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

from kg.records import PLACE, Mention

# China's provincial-level divisions, by the stem written before 省 / 市 / 自治区.
PROVINCES = frozenset([
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门"])
_UNIT = re.compile(r"^(.{2,8}?)(省|市|县|区|自治区|自治州|自治县)$")
BODIES = "委|政府|人民政府|人大常委会|人大|政协|纪委|监委"  # what a place's own bodies are called: 长沙市委, 湖南省政府
_BODY = re.compile(rf"^(.{{2,4}}?)(省|市|县|区)(?={BODIES}|长|领导)")
# A place written under its province (辽宁省法库县, 湖南省长沙市委): the province comes first, then the place.
_PROVINCE_FIRST = re.compile(rf"^({'|'.join(sorted(PROVINCES))})(?:省|自治区)")
# A province's own paper or site (河北日报, 湖南新闻网) names the province whose bare 省委 its stories write.
_PROVINCE_PAPER = re.compile(rf"^({'|'.join(sorted(PROVINCES))})()(?=日报|新闻网|广播电视台|电视台|卫视)")


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
    >>> named(["湖南省祁东县"])
    Places(city='', county='祁东县', province='湖南')
    """
    counts: dict[str, Counter[str]] = {"city": Counter(), "county": Counter(), "province": Counter()}
    for name in names:
        lead = _PROVINCE_FIRST.match(name)
        if lead and (_UNIT.match(name[lead.end():]) or _BODY.match(name[lead.end():])):
            counts["province"][lead.group(1)] += 1  # 辽宁省法库县: the province, then the county in it
            name = name[lead.end():]
        match = _UNIT.match(name) or _BODY.match(name) or _PROVINCE_PAPER.match(name)
        stem, unit = (match.group(1), match.group(2)) if match else (name, "")
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
    match = _UNIT.match(name) or _BODY.match(name)
    if not match:
        return name
    return match.group(1) + match.group(2) if match.group(2) in ("县", "区", "自治县") else match.group(1)


def known_cities(mentions: list[Mention]) -> frozenset[str]:
    """Stems of the cities ``mentions`` write as ``X市``, and of China's provincial and prefectural
    cities, which news names bare (衡阳, 长沙) as often as in full."""
    from kg.hierarchy import Divisions  # here, not above: kg.hierarchy needs kg.entities, which needs this module

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
            if mention.type == PLACE or _BODY.match(mention.text) or _PROVINCE_PAPER.match(mention.text):
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
