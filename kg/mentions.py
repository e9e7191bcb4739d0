"""Mending the model's mentions with what the text itself shows: name boundaries, lists, gazetteers.

Each rule is general evidence a reader would use, never a fit to particular pages:
- a person name starts with a surname (科胡曦 after 感染 is 胡曦);
- a unit named right before a person is one organization (白沙洲 + 消防救援站 + 曾胜);
- a company name does not start with its industry word (领湃 + 新能源科技公司);
- items of one list (A、B、C等) are of one type;
- a name the model or a gazetteer knows is that entity wherever it is written;
- a name runs to a break: a surname taken alone gets the given name before one (贺 + 一等), and no
  name crosses 【】, a count (南开三校), a session (第十届), a kinship word (长子) or a verb (加盟);
- the wording around a name can settle its type: a slot only a person's name fills (免去X的…职务,
  X，男，…), a title before it (总统普京), a player's position (外援利夫), a ministry's 司.
"""

from __future__ import annotations

import re
from functools import cache

from kg.company import has_company_mark, has_organization_mark, is_company
from kg.divisions import PROVINCES, Divisions
from kg.names import majority
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Span
from kg.wordlists import surnames, titles

_CJK = re.compile(r"[\u3400-\u9fff]")
# Characters that end a noun phrase's left edge: particles, verbs of motion, prepositions.
_LEFT_STOP = set("的了在和与及是对为把被向从等到来由将于以并或、，。；：“”《》（）()——")
_UNIT_TAIL = re.compile(r"^[\u3400-\u9fff]{1,6}?(局|所|站|院|中心|委员会|委|办|厅|处|队|科|馆|校|会|部)$")
_INDUSTRY_HEAD = re.compile(r"^(新能源|新材料|科技|电子|实业|机械|塑胶|鞋业|制药|药业|物流|置业|投资|控股|传媒)")
# How names of bodies end: a name is cut inside one (中远海运集 + 团), or runs on past one into a person's.
_ORG_ENDINGS = ("集团", "公司", "大学", "学院", "银行", "委员会", "协会", "研究院", "医院", "政府")


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(titles()))  # for str.startswith and str.endswith, which take a tuple


def _overlaps(found: list[Span], start: int, end: int) -> bool:
    return any(start < f.end and f.start < end for f in found)


def mend_person(text: str, item: Span) -> Span:
    """``科胡曦`` -> ``胡曦`` when the first character is no surname and the second is.

    >>> mend_person("南华医院感染科胡曦", Span(6, 9, "person"))
    Span(start=7, end=9, label='person')
    """
    name = text[item.start:item.end]
    names = surnames()
    if text.startswith("·", item.end) or "·" in name:  # 帕巴拉·格列朗杰: a transliteration, no surname in it
        return item
    if len(name) >= 3 and name[0] not in names and name[:2] not in names and name[1] in names:
        return Span(item.start + 1, item.end, item.label)
    return item


def compass_before(text: str, start: int, end: int) -> int:
    """Where a body's name starts whose compass point the model left out (东 of 东日本铁路公司): a
    body named for the part of a country or province (东日本, 西日本, 南加州) written after a break.

    >>> compass_before("、东日本铁路公司", 2, 8), compass_before("往东日本企业", 2, 6)
    (1, 2)
    """
    if start and text[start - 1] in "东西南北" and (start == 1 or text[start - 2] in _BREAK) and (
            any(text.startswith(c, start, end) for c in _COUNTRY_NAMES) or any(
                text.startswith(p, start, end) for p in PROVINCES)):
        return start - 1
    return start


_BREAK = "、，。；：:（(“\"《 \u3000"


def before_bracket(text: str, item: Span) -> Span | None:
    """A name runs to no lenticular or square bracket (【记者 李明】衡阳讯): the part before one, or
    after it where it opens the span; None when nothing is left.

    >>> before_bracket("李明】衡阳", Span(0, 5, "person")), before_bracket("【衡阳", Span(0, 3, "place"))
    (Span(start=0, end=2, label='person'), Span(start=1, end=3, label='place'))
    """
    inside = _BRACKET.search(text, item.start, item.end)
    if not inside:
        return item
    if inside.start() > item.start:
        return item._replace(end=inside.start())
    rest = item._replace(start=inside.end())
    return before_bracket(text, rest) if rest.start < rest.end else None


_BRACKET = re.compile(r"[【】\[\]［］〔〕]")


# A count of places or schools (南开三校, 五县), a session (第十届), a rank (正司 + 级): no names.
_COUNT = re.compile(r"[一二三四五六七八九十两几多]+[校县市区省国家个]$")
_SESSION = re.compile(r"(?:公司|集团)?第[一二三四五六七八九十百]+[届次批期]")
_RANK = re.compile(r"[正副][部司厅局处科]")
_REGION_OF_FIRM = re.compile(r"(?:中国|亚太|大中华|欧洲|北美|美国|日本|韩国|华东|华南|华北|华中|西南|东北|西北)区")


def no_name(text: str, item: Span) -> bool:
    """Whether the span is a count, a session, a rank or a firm's region (中国区 of 苹果中国区, alone:
    no place, and not the country) rather than a name.

    >>> no_name("南开三校合作", Span(0, 4, "organization")), no_name("正司级", Span(0, 2, "organization"))
    (True, True)
    >>> no_name("任中国区总裁", Span(1, 4, "place")), no_name("中国地区", Span(0, 2, "place"))
    (True, False)
    """
    name = text[item.start:item.end]
    return bool(_COUNT.search(name) or _SESSION.fullmatch(name) or _REGION_OF_FIRM.fullmatch(name)
                or (_RANK.fullmatch(name) and text.startswith("级", item.end)))


def extend_left(text: str, start: int, limit: int = 8) -> int:
    """Where a noun phrase ending at ``start`` begins: back over CJK characters to a stop."""
    begin = start
    while begin > 0 and start - begin < limit and _CJK.match(text[begin - 1]) and text[begin - 1] not in _LEFT_STOP:
        begin -= 1
    return begin


class Gazetteer:
    """Known names and their types, found in a text longest-first in one pass (a trie)."""

    def __init__(self, names: dict[str, str]) -> None:
        from hanlp_trie import Trie

        self.names = names
        self._trie = Trie(names) if names else None

    def get(self, name: str) -> str | None:
        return self.names.get(name)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        return self._trie.parse_longest(text) if self._trie else []

    def head_before(self, text: str, item: Span) -> int:
        """Where a body's name starts that the model cut from its head (云上 of 云上贵州大数据集团): the
        start of the one to four characters before ``item`` that, with its first four, begin a known
        body's name; else ``item``'s start.

        >>> Gazetteer({"云上贵州大数据有限公司": "company"}).head_before("由云上贵州大数据集团运营", Span(3, 10, "company"))
        1
        """
        if item.end - item.start < 4:
            return item.start
        bodies = [name for name, type_ in self.names.items() if type_ in (ORGANIZATION, COMPANY)]
        for start in range(item.start - 1, max(item.start - 5, -1), -1):
            if not _CJK.match(text[start]):
                break
            head = text[start:item.start + 4]
            if any(name.startswith(head) for name in bodies):
                return start
        return item.start


def refine(text: str, found: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """The mentions of one sentence after the rules in this module's docstring."""
    known = gazetteer.find(text)
    found = [f for f in found if f.end - f.start > 1 or f.label != PLACE or stands_alone(text, f.start)]
    found = [f for f in found if not (f.label == PLACE and _STYLE.match(text, f.end))]  # 中国式: a style
    found = [f for f in found if not text.startswith("原标题", f.start)]  # a reprint's "original headline:" line
    known_people = [Span(start, end, type_) for start, end, type_ in known
                    if type_ == PERSON and text[start] in surnames()]  # not the model's 科胡曦
    found = [cut for f in found if (cut := before_bracket(text, f))]
    found = [f for f in found if f.label == PERSON or not no_name(text, f)]
    found = [mend_person(text, f) if f.label == PERSON else f for f in found]
    found = [complete_surname(text, join_dotted(text, f)) if f.label == PERSON else f for f in found]
    found = [complete_suffix(text, drop_descriptor(text, f)) if f.label in (ORGANIZATION, COMPANY) else f
             for f in found]
    found = [f for f in found if not (f.label == PERSON and _VERB_NOT_NAME.search(text, 0, f.start + 1)
                                      and text.startswith("任", f.start))]
    found = _join_adjacent_people(text, found)
    found = [before_verb(text, f) for f in found]
    found = [person_edges(text, f) if f.label == PERSON else f for f in found]
    found = [body_edges(text, f) if f.label in (ORGANIZATION, COMPANY) else f for f in found]
    found = [f for f in found if f.end - f.start >= 2 or f.label == PLACE]
    found = [with_area(text, city_end(text, f)) if f.label == PLACE else f for f in found]
    found = [place_body(text, f, found) if f.label == PLACE else f for f in found]
    found = _countries_before_bodies(text, found)
    found = [f._replace(start=compass_before(text, gazetteer.head_before(text, f), f.end))
             if f.label in (ORGANIZATION, COMPANY) else f for f in found]
    found = [typed_by_context(text, f) for f in found]
    found = [part for f in found for part in split_glued_bodies(text, f)]
    found = [part for f in found for part in split_province(text, f)]
    found = [part for f in found for part in split_division(text, f)]
    found = [part for f in found for part in split_dateline(text, f)]
    found = _bodies_before_people(text, found, known_people)
    found = [part for f in found for part in split_trailing_person(text, f, found)]
    found = _units_before_people(text, found)
    found = [f._replace(start=extend_left(text, f.start, limit=4))
             if f.label == COMPANY and _INDUSTRY_HEAD.match(text[f.start:f.end]) else f for f in found]
    found = _lists(text, found)
    found = _two_fields(text, found)
    found = _named_after_bodies(text, found)
    slots = person_slots(text)
    found = [f._replace(label=PERSON) if f.label != PERSON and surely_person(text, f, slots) else f for f in found]
    found += [Span(s, e, PERSON) for s, e in slots if not _overlaps(found, s, e)]
    found = [rest for f in found if (rest := _after_outlet(text, f, media(text)))] + [
        Span(s, e, ORGANIZATION) for s, e in media(text)]
    # a gazetteer type overrides the model's (比亚迪 is a company, not a place)
    found = [f._replace(label=gazetteer.get(text[f.start:f.end]) or f.label) for f in found]
    for start, end, type_ in known:  # a known name covering a piece of itself replaces the piece
        inside = [f for f in found if start < f.end and f.start < end]
        swallows_person = type_ != PERSON and any(f.label == PERSON for f in inside)  # 中远海运集团许立荣: no
        if all(start <= f.start and f.end <= end for f in inside) and not swallows_person:
            found = [f for f in found if f not in inside] + [Span(start, end, type_)]
    return sorted(_bodies_before_people(text, found, known_people), key=lambda f: f.start)  # known names cut alike


def stands_alone(text: str, start: int) -> bool:
    """Whether the one character at ``text[start]`` is a place abbreviation standing alone: paired
    with another (中美, 美中, 中日韩, 中欧) or with 方 (中方), not a piece of a word or a name
    (中电, 中西宏明, 京东), nor China's regions named together (京津冀).

    >>> stands_alone("中美两国元首会晤", 0), stands_alone("中方表示", 0), stands_alone("中电集团", 0)
    (True, True, False)
    """
    after = text[start + 1:start + 2]
    before = text[start - 1:start] if start else ""
    return (bool(after) and after in _PAIRED_WITH) or (bool(before) and before in _COUNTRIES_SHORT)


# Countries written with one character, and what a country pairs with (中美, 中方, 中欧); China's own
# regions paired (京津冀, 京港澳高速) name a region or a road, not the city.
_COUNTRIES_SHORT = "中美日英法德俄韩"
_STYLE = re.compile(r"式[\u3400-\u9fff]")
_PAIRED_WITH = _COUNTRIES_SHORT + "方欧非亚拉"


_VERB_NOT_NAME = re.compile(r"(?:同志|程序|决定|拟)任$")  # 康克岩同志任云上…: 任 is "appointed", no surname


def person_edges(text: str, item: Span) -> Span:
    """A person's name without what the model ran into it: the end of a title before it (主任 +
    郇梅: 任郇梅), a 和 between two titled people (主席和 + 李强总理), a word after it (季勇 + 曾);
    and whole where a byline's spaces show its length (记者 辛继召 深圳报道).

    >>> person_edges("副主任郑红、王刚", Span(2, 5, "person")), person_edges("张伟曾任校长", Span(0, 3, "person"))
    (Span(start=3, end=5, label='person'), Span(start=0, end=2, label='person'))
    >>> person_edges("记者 韩立新 报道", Span(3, 5, "person"))
    Span(start=3, end=6, label='person')
    """
    start, end = item.start, item.end
    if end - start >= 3 and (text.endswith(_titles(), 0, start + 1)
                             or _took_post(text, start)):
        start += 1  # 主任郇梅: 任 ends the title; 现任 + 博世: 任 is the verb
    elif end - start >= 3 and text[start] in "和与及" and text.startswith(_titles(), end) and \
            text.endswith(_TITLE_ENDS, 0, start):
        start += 1  # 主席和李强总理: two titled people
    if end - start == 3 and text[end - 1] in _AFTER_NAME and text[start] in surnames():
        end -= 1  # 季勇曾任, 李铁因涉嫌
    token = _SPACED.match(text, start)
    if token and token.end() > end and (start == 0 or text[start - 1] in " \u3000（(：:/") and token.end() - start <= 4:
        end = token.end()  # 记者 辛继召 深圳报道: spaces mark the name
    kin = _KIN.match(text, start, end)
    if kin and end - kin.end() >= 2:
        start = kin.end()  # 长子 + 谭立新: who he is to someone named before
    verb = _VERB_AFTER.search(text, start, end)
    if verb and verb.start() - start >= 2:
        end = verb.start()  # 谭立新 + 加盟
    title = text.endswith(_titles(), start, end) and next(
        (t for t in _titles() if text.endswith(t, start, end) and end - len(t) - start >= 2), "")
    end -= len(title or "")  # 李冉责编: a title written onto the name
    return Span(start, end, item.label)


def before_verb(text: str, item: Span) -> Span:
    """A name the model ran on into the verb after it and past (马内 + 加盟球队, 利物浦 + 加盟拜仁,
    外交部 + 表示中方): no name holds such a verb with more after it.

    >>> before_verb("马内加盟球队后首秀", Span(0, 6, "person")), before_verb("利物浦加盟拜仁", Span(0, 7, "organization"))
    (Span(start=0, end=2, label='person'), Span(start=0, end=3, label='organization'))
    """
    verb = _VERB_INSIDE.search(text, item.start + 2, item.end - 1)
    return item._replace(end=verb.start()) if verb else item


_VERBS_AFTER_NAMES = "加盟|表示|认为|指出|强调|透露|坦言"  # no name holds one with more after it
_VERB_INSIDE = re.compile(_VERBS_AFTER_NAMES)


def given_name_end(text: str, start: int) -> int:
    """Where the name ends whose surname the model alone took (贺 of 贺一等): after the one or two
    characters that a break follows (a mark, 等, a word that follows names), else right after the surname.

    >>> [given_name_end(t, 0) for t in ("贺一等出席", "罗小芳说", "罗小芳主持", "罗书记说", "周叔叔说")]
    [2, 3, 1, 1, 1]
    """
    if text[start] not in surnames() or text.startswith(_titles(), start + 1) or _NO_GIVEN_NAME.match(text, start + 1):
        return start + 1  # no surname; 罗书记, 宋家, 周叔叔: a surname and a title, a family or a kin word
    for end in (start + 2, start + 3):
        if not all(_CJK.match(c) and c not in _BREAK_AFTER_NAME for c in text[start + 1:end]) or end > len(text):
            return start + 1
        if end == len(text) or not _CJK.match(text[end]) or text[end] in _BREAK_AFTER_NAME:
            return end
    return start + 1


def after_title(text: str, item: Span) -> bool:
    """Whether a title is written right before the span (总统普京). One right after it is no such sign:
    a body comes before a title too (拜仁首席执行官德雷森).

    >>> after_title("俄总统普京访华", Span(3, 5, "person")), after_title("拜仁主帅图赫尔", Span(0, 2, "person"))
    (True, False)
    """
    return text.endswith(_titles(), 0, item.start)


def surely_person(text: str, item: Span, slots: list[tuple[int, int]] | None = None) -> bool:
    """Whether the text shows the span to be a person's name, whatever type the model gave it: it
    fills a slot only a name fills (免去X的…职务, X，男，…, 记者 X), or it follows a title and is
    no place or body (总统普京; not 市长湘潭市, 书记衡阳县委).

    >>> surely_person("俄总统普京访华", Span(3, 5, "place")), surely_person("会见市长湘潭市代表", Span(4, 7, "place"))
    (True, False)
    """
    if (item.start, item.end) in (person_slots(text) if slots is None else slots):
        return True
    name = text[item.start:item.end]
    return after_title(text, item) and (item.label == PERSON or (
        2 <= len(name) <= 4 and not _PLACE_OR_BODY_END.search(name) and not has_organization_mark(name)
        and not has_company_mark(name) and name not in _COUNTRY_NAMES and not Divisions.shipped().is_named(name)))


_PLACE_OR_BODY_END = re.compile(r"[省市县区镇乡村州国岛山河湖江]$")


def _took_post(text: str, start: int) -> bool:
    """Whether the 任 at ``start`` ends a verb of taking or holding a post (现任, 出任, 兼任, 接任…)
    rather than starting a name: a person surnamed 任 after 现任 is written 现任任….

    >>> _took_post("现任博世中国区总裁", 1), _took_post("现任任正非", 2)
    (True, False)
    """
    return text.startswith("任", start) and start > 0 and text[start - 1] in "现出兼曾历担接继转升调"


_AFTER_NAME = "曾因将已也则又还就便被称说向对把是率到在"  # words that follow a two-character name
_KIN = re.compile(r"(?:长|次|幼|独|儿|妻|孙|侄)子|(?:长|次|幼)?女儿?|(?:妻|丈|前)夫|父亲|母亲|妻子|哥哥|姐姐|弟弟|妹妹")
_VERB_AFTER = re.compile(rf"(?:{_VERBS_AFTER_NAMES}|介绍)$")  # 介绍 only at a name's end: a body may hold it (婚姻介绍所)
_BREAK_AFTER_NAME = _AFTER_NAME + "等和与及的"
_NO_GIVEN_NAME = re.compile(r"[家叔伯姨爷奶婆嫂哥姐弟妹老师总某氏]|先生|女士|同志|考察|调研|视察")
_SPACED = re.compile(r"[\u3400-\u9fff]{2,4}(?=[ \u3000）)])")


def _join_adjacent_people(text: str, found: list[Span]) -> list[Span]:
    """Two person spans with nothing between are one name the model cut (布瓦什 + 恰克): news parts
    two people with 、 or a space."""
    joined: list[Span] = []
    for item in sorted(found, key=lambda f: f.start):
        if joined and item.label == PERSON and joined[-1].label == PERSON and joined[-1].end == item.start \
                and text[item.start] not in surnames():  # 王淑艳 + 马诚诚 are two people, 布瓦什 + 恰克 one
            joined[-1] = Span(joined[-1].start, item.end, PERSON)
        else:
            joined.append(item)
    return joined


def edges(text: str, item: Span) -> Span:
    """:func:`person_edges` or :func:`body_edges` by the mention's type, then :func:`typed_by_context`."""
    if item.label == PERSON:
        item = person_edges(text, item)
    elif item.label in (ORGANIZATION, COMPANY):
        item = body_edges(text, item)
    return typed_by_context(text, item)


def body_edges(text: str, item: Span) -> Span:
    """A body's name without a pronoun or verb before it (其水利部, 附外交部, 监察调查X) or the start
    of a title after it (司法厅原厅 + 长, 发展中心总会 + 计师, 兴业银行第十届 + 董事会), and with the
    rest of a name the model cut at 和 (监察 + 和司法委员会); with the 办 that ends an office's short
    name (国安 + 办), without a degree after a party school (党校 + 大学学历).

    >>> body_edges("免去其水利部职务", Span(2, 6, "organization")), body_edges("司法厅原厅长", Span(0, 5, "organization"))
    (Span(start=3, end=6, label='organization'), Span(start=0, end=3, label='organization'))
    """
    start, end = item.start, item.end
    if _ONE_CHARACTER_FIRM.fullmatch(text, start, end) and start and _CJK.match(text[start - 1]) \
            and text[start - 1] not in _LEFT_STOP:
        start -= 1  # 米集团 is 小米集团: a firm's own name has two characters at least
    lead = _LEAD.match(text, start, end)
    if lead and end - lead.end() >= 3:
        start = lead.end()
    elif _took_post(text, start):
        start += 1  # 现任 + 博世中国区: 任 is the verb
    degree = _SCHOOL_DEGREE.search(text, start, end)
    if degree and (text.startswith("学历", end) or degree.group().endswith("学历")):
        end = degree.start()  # 中央党校 + 大学学历: the degree the school gave
    if text.startswith("办", end) and _AFTER_OFFICE.match(text, end + 1):
        end += 1  # 市委国安 + 办专职副主任: 办 (办公室) ends the name
    section = _SECTION.search(text, start, end)
    if section and has_company_mark(text[start:section.start()]):
        end = section.start()  # 湘江集团 + 办公室: a firm's section is the firm's
    for cut in range(min(3, end - start - 2), 0, -1):
        if text.startswith(_titles(), end - cut) and not text.startswith(_titles(), end) and \
                any(len(t) > cut for t in _titles() if text.startswith(t, end - cut)):
            tail = _TRAILER.search(text, start, end - cut)
            whole = tail.start() if tail else end - cut
            if _NAME_END.search(text, start, whole):  # not 国防部 + 长: 部长 shares the body's 部
                end = whole
                break
    tail = _TRAILER.search(text, start, end)
    if tail and tail.start() - start >= 2:
        end = tail.start()
    document = _DOCUMENT.search(text, start, end)
    if document and document.start(1) - start >= 3:
        end = document.start(1)  # 湘江集团 + 企业信用报告: the body's document
    elif _REPORTED.search(text, start, end) and end - start >= 5:
        end -= 2  # 环球网 + 报道: what the outlet did
    joined = _AND_REST.match(text, end)
    if joined and not _NAME_END.search(text, start, end):
        end = joined.end()
    return Span(start, end, COMPANY if has_company_mark(text[start:end]) else item.label)


_ONE_CHARACTER_FIRM = re.compile(r"[\u3400-\u9fff](?:集团|公司)")
_REPORTED = re.compile(r"[网报社台]报道$")
_DOCUMENT = re.compile(r"(?:集团|公司|银行|大学|委员会|政府|局|厅|院)([\u3400-\u9fff]{0,8}?(?:报告|公告|公示|通知|通报|决定|议案|意见))$")
_LEAD = re.compile(r"[和及与]?(?:其|附|自|据|截至|截止|监察调查|纪律审查|调查)")
# After a body's name: a term, a word for its staff, or a committee member's post (湖南省委 + 常委).
_TRAILER = re.compile(r"(?:原|前)?(?:第?[一二三四五六七八九十]+届|特约|原|前|干部|职工|员工|人员|(?<=委)(?:常委|委员))$")
# A cadre's degree from a party school (中央党校大学学历, 省委党校在职研究生学历) is no part of the school's name.
_SCHOOL_DEGREE = re.compile(r"(?<=党校)(?:在职)?(?:大学|研究生|本科|大专)(?:学历)?$")
# After a body's 办 (国安办, 网信办, 台办: 办公室 cut short): a post, a list or clause break, the end.
_AFTER_OFFICE = re.compile(r"(?:专职|常务)?(?:副?主任|[副]?秘书长|负责人)|[、，。；）)\s]|$")
_SECTION = re.compile(r"(?:办公室|党委办|党总支|[\u3400-\u9fff]{2,4}部)$")
_AND_REST = re.compile(r"和[\u3400-\u9fff]{1,8}?(?:委员会|研究所|研究院|研究中心|司|局|厅)")
_NAME_END = re.compile(r"(委员会|委|所|院|中心|司|局|厅|部|会|大学|学院|公司|集团|银行|政府)$")


def credited(text: str) -> list[tuple[int, int]]:
    """People a credit line names (编辑：向敏责编：…, 校对 陶力返回…, 记者 韩光 通讯员 …): a name
    between a credit word and a break or the next credit word.

    >>> credited("编辑：向敏责编：黄蕾"), credited("他是记者出身")
    ([(3, 5), (8, 10)], [])
    """
    return [m.span(1) for m in _CREDIT.finditer(text) if text[m.start(1)] in surnames()]


def appointed(text: str) -> list[tuple[int, int]]:
    """Where an appointment or a removal names a person in its fixed wording: 任命X为, 免去X的…职务,
    接受X辞去, 提名X为 — a slot that only a person's name fills (a surname, then one or two characters).

    >>> appointed("会议决定任命王强为市长，免去李华的副市长职务"), appointed("撤销许可的决定")
    ([(6, 8), (14, 16)], [])
    >>> appointed("免去赵刚的湘江水利委员会一级巡视员；免去利息的")
    [(2, 4)]
    """
    found = []
    for m in _APPOINTED.finditer(text):
        post = m.group(3)  # of 免去X的: the post, which ends with 职务 or with a title
        if post is not None and not (m.group().endswith("职务") or post.endswith(_titles())):
            continue
        start, end = next(span for i in (1, 2, 4) if (span := m.span(i))[0] >= 0)
        if text[start] in surnames():
            found.append((start, end))
    return found


def person_slots(text: str) -> list[tuple[int, int]]:
    """Where the text's fixed wording has a place that only a person's name fills: a credit, an
    appointment, a profile line."""
    return credited(text) + appointed(text) + profiled(text)


def profiled(text: str) -> list[tuple[int, int]]:
    """The person a profile line opens with (王强，男，汉族，1975年6月生…): the fixed form of
    appointment notices and officials' résumés.

    >>> profiled("王强，男，汉族，1975年6月生"), profiled("长沙，男女老少都来了")
    ([(0, 2)], [])
    """
    return [m.span(1) for m in _PROFILE.finditer(text) if text[m.start(1)] in surnames()]


_PROFILE = re.compile(r"(?:^|(?<=[\s。；]))([\u3400-\u9fff]{2,3})[，,](?:男|女)[，,（(]")
_APPOINTED = re.compile(r"(?:(?:任命|提名|推荐)([\u3400-\u9fff]{2,3}?)(?:同志)?为"
                        r"|(?:免去|撤销)([\u3400-\u9fff]{2,3}?)(?:同志)?的([^。；]{1,80}?)(?:职务|(?=[；。]|$))"
                        r"|接受([\u3400-\u9fff]{2,3}?)(?:同志)?辞去)")
_CREDIT_WORD = "编辑|责编|责任编辑|校对|审核|审校|记者|通讯员|摄影|监制|文/"
_CREDIT = re.compile(rf"(?:{_CREDIT_WORD})[：:\s]*([\u3400-\u9fff]{{2,3}}?)"
                     rf"(?=[\s：:|｜）)】\]]|$|返回|{_CREDIT_WORD})")


def media(text: str) -> list[tuple[int, int]]:
    """Where a sentence names a news outlet by how news credits one: before its reporter or its
    dateline (澎湃新闻记者, 水母网8月10日讯, 农民日报·中国农网记者) or after 来源 (来源：天眼新闻).

    >>> media("来源：湘江新闻返回首页"), media("。潇湘网记者获悉"), media("，截至湘江财经记者发稿")
    ([(3, 7)], [(1, 4)], [(3, 7)])
    """
    spans = [m.span(1) for m in _MEDIA_BEFORE.finditer(text)] + [m.span(1) for m in _SOURCE.finditer(text)]
    return sorted(set(spans))


_OUTLET = r"[\u3400-\u9fffA-Za-z0-9]{1,12}?(?:日报|晚报|时报|早报|报道|报|网|新闻|财经|消息|社|客户端|电视台|融媒)"
_MEDIA_BEFORE = re.compile(rf"(?:^|(?<=[\s，。：:】【|｜（(、·]))(?:据|截至|截止|经|向|对|与|和)?({_OUTLET})"
                           rf"(?=(?:特约)?记者|[\u3400-\u9fff]{{0,3}}\d{{1,2}}月\d{{1,2}}日[讯电]|讯|·|电\s|注意到|获悉)")
_SOURCE = re.compile(r"来源\s*[：:|｜]\s*([\u3400-\u9fffA-Za-z0-9]{2,12}?)(?=返回|$|\s|。|编辑)")


def _after_outlet(text: str, item: Span, outlets: list[tuple[int, int]]) -> Span | None:
    """What of a mention is left after a news outlet it ran over (新华社电 + 十四届全国人大常委会), or
    None where nothing of a name is left."""
    for start, end in outlets:
        if item.start < end and start < item.end:
            rest = re.compile(r"[电讯]?\s*").match(text, end).end()
            if item.end - rest < 2 or item.start < start:
                return None
            item = Span(rest, item.end, item.label)
    return item


def typed_by_context(text: str, item: Span) -> Span:
    """A mention the words around show to be of another type: a club (利物浦主帅, 加盟曼城, 首钢队),
    a firm (美泰公司, 美泰旗下, 宝马中国区), a body (贵州美术馆 read as a place), a player (外援利夫).

    >>> typed_by_context("他从利兹联加盟热刺", Span(7, 9, "place")), typed_by_context("索尼公司发布", Span(0, 2, "person"))
    (Span(start=7, end=9, label='organization'), Span(start=0, end=4, label='company'))
    >>> typed_by_context("出任宝马中国区总裁", Span(2, 6, "place")), typed_by_context("湖南中国", Span(0, 4, "place"))
    (Span(start=2, end=7, label='company'), Span(start=0, end=4, label='place'))
    >>> typed_by_context("签下美国后卫", Span(2, 4, "place")), typed_by_context("外援利夫续约", Span(2, 4, "organization"))
    (Span(start=2, end=4, label='place'), Span(start=2, end=4, label='person'))
    """
    after, name = text[item.end:item.end + 3], text[item.start:item.end]
    if item.label in (ORGANIZATION, PLACE) and _PLAYER_BEFORE.search(text, 0, item.start) and len(name) <= 5 \
            and not _BODY_END.search(name):
        return Span(item.start, item.end, PERSON)  # 外援利夫: a player, named after his position
    if item.label not in (PERSON, PLACE):
        return item
    moved = text.endswith("从", 0, item.start) and text.startswith("加盟", item.end)  # 从利物浦加盟: the club left
    if name in _COUNTRY_NAMES and item.label == PLACE:
        return item  # 美国后卫: a player's country, no club
    if moved or _CLUB_AFTER.match(after) or _CLUB_BEFORE.search(text, 0, item.start) or (
            item.label == PERSON and _TEAM_AFTER.match(after)):
        return Span(item.start, item.end, ORGANIZATION)
    if item.label == PERSON and (firm := _FIRM_AFTER.match(text, item.end)):
        return Span(item.start, firm.end() if firm.group(1) else item.end, COMPANY)
    if item.label == PLACE and 2 <= len(name) <= 3 and name[0] in surnames() and (
            _PERSON_VERB.match(text, item.end) or text.endswith(("文/", "记者 ", "编辑："), 0, item.start)):
        return Span(item.start, item.end, PERSON)  # 岳峰 is no place that 主持 a meeting
    if item.label == PLACE and _BODY_END.search(name):
        return Span(item.start, item.end, ORGANIZATION)
    if item.label == PLACE and (unit := _COUNTRY_UNIT.fullmatch(name)) and not Divisions.shipped().is_named(unit.group(1)):
        return Span(item.start, item.end + text.startswith("区", item.end), COMPANY)  # 博世中国(区): a firm's unit
    return item


# Words that follow or precede a sports club's name: its coach, its players, a transfer, a match.
_CLUB_AFTER = re.compile(r"主帅|主教练|俱乐部|球队|外援|前锋|中场|后卫|门将|球员")
_PLAYER_BEFORE = re.compile(r"(?:外援|前锋|中场|后卫|门将|中锋|球员|主帅|主教练)$")
_CLUB_BEFORE = re.compile(r"(?:加盟|负于|战胜|击败|对阵|转会至|效力于|效力|不敌|迎战)$")
_TEAM_AFTER = re.compile(r"队(?![长员伍])")  # 首钢队; not 队长, a title after a person
# A foreign firm's unit in a country or region is written with the country after the firm: 博世中国, 宝马中国区.
_REGION_UNIT = r"(?:中国|亚太|大中华)"
# A firm's word after a name: 美泰公司, 博世中国区 (part of the name), 美泰旗下, 美泰品牌, 美泰股价.
_FIRM_AFTER = re.compile(rf"(公司|集团|{_REGION_UNIT}区)|旗下|品牌|股价|市值")
_PERSON_VERB = re.compile(r"主持|指出|强调|表示|认为|介绍说|会见|要求|同志")  # what people do, not places
_BODY_END = re.compile(r"(馆|院|大学|学院|医院|学校|中学|小学|委员会|协会|学会|研究所|中心)$")
_COUNTRY_UNIT = re.compile(rf"([\u3400-\u9fff]{{2,6}}){_REGION_UNIT}区?")


def place_body(text: str, item: Span, found: list[Span] = ()) -> Span:
    """A place followed by one of its bodies' words is that body: 黑水县 + 政府, 雅安市 + 监委,
    衡山 + 人社局 (a department written short, as local news writes them).

    >>> place_body("历任青川县政府副县长", Span(2, 5, "place")), place_body("衡山人社局发布", Span(0, 2, "place"))
    (Span(start=2, end=7, label='organization'), Span(start=0, end=5, label='organization'))
    >>> place_body("衡山开局良好", Span(0, 2, "place"))
    Span(start=0, end=2, label='place')
    """
    match = _PLACE_BODY.match(text, item.end)
    if not match or _overlaps(found, item.end, match.end()):
        return item
    return Span(item.start, match.end(), ORGANIZATION)


_PLACE_BODY = re.compile(r"(?:党委|人民政府|政府|纪委监委|纪委|监委|人大常委会|政协"
                         r"|(?:人社|公安|财政|教育|卫健|交通运输|交通|民政|商务|统计|税务|审计|生态环境|自然资源|住建"
                         r"|城管|水利|农业农村|文旅|文化旅游|应急管理|市场监管|医保|林业|司法|工信|发改|体育)[局委])"
                         r"(?!办|工作|部门|长)")


def _countries_before_bodies(text: str, found: list[Span]) -> list[Span]:
    """中国 written right before a body or firm is part of its name (中国 + 大唐集团); another
    country is a description (美国 + 耶鲁大学)."""
    bodies = {f.start: f for f in found if f.label in (ORGANIZATION, COMPANY)}
    kept, joined = [], set()
    for item in sorted(found, key=lambda f: f.start):
        body = bodies.get(item.end)
        if item.label == PLACE and body is not None and text[item.start:item.end] == "中国":
            kept.append(Span(item.start, body.end, body.label))
            joined.add(id(body))
        elif id(item) not in joined:
            kept.append(item)
    return kept


def city_end(text: str, item: Span) -> Span:
    """A city's name ends at its 市: 北京市 + 区 (市区, the urban area), 上海市 + 市长.

    >>> city_end("北京市区人口", Span(0, 4, "place")), city_end("上海市市长", Span(0, 4, "place"))
    (Span(start=0, end=3, label='place'), Span(start=0, end=3, label='place'))
    """
    name = text[item.start:item.end]
    return Span(item.start, item.end - 1, item.label) if len(name) >= 4 and name.endswith(("市区", "市市")) else item


def with_area(text: str, item: Span) -> Span:
    """A place followed by the kind of area it names is that area, not the place: 西湖 + 风景名胜区
    is the scenic area (not 西湖区), 神农架 + 国家公园 the park.

    >>> with_area("游览西湖风景名胜区", Span(2, 4, "place"))
    Span(start=2, end=9, label='place')
    """
    match = _AREA.match(text, item.end)
    return Span(item.start, match.end(), item.label) if match else item


_AREA = re.compile(r"风景名胜区|风景区|名胜区|景区|旅游区|度假区|(?:国家|森林|湿地|地质)公园|自然保护区")


def split_province(text: str, item: Span) -> list[Span]:
    """A province written right before a place of it is two places (辽宁本溪人, 湖南衡阳): news
    names a native place so.

    >>> split_province("吉林通化人", Span(0, 4, "place"))
    [Span(start=0, end=2, label='place'), Span(start=2, end=4, label='place')]
    """
    name = text[item.start:item.end]
    stem = next((p for p in PROVINCES if name.startswith(p)), "")
    if item.label != PLACE or not stem or len(name) - len(stem) < 2 or _OWN_SUFFIX.match(name, len(stem)):
        return [item]
    return [Span(item.start, item.start + len(stem), PLACE), Span(item.start + len(stem), item.end, PLACE)]


_OWN_SUFFIX = re.compile(r"省|市|自治|壮族|回族|维吾尔|特别行政区|地区|半岛|平原|盆地|高原")


def split_division(text: str, item: Span) -> list[Span]:
    """A division run into what follows it: its park (湘乡市 + 龙洞工业园, two places, as news locates
    a park by its county) or the verb of a visit to it (赴湘乡 + 考察…: the place alone).

    >>> split_division("赴湘乡市龙洞工业园", Span(1, 9, "organization"))
    [Span(start=1, end=4, label='place'), Span(start=4, end=9, label='place')]
    >>> split_division("赴湘乡考察农业", Span(1, 7, "organization")), split_division("湘乡考察团", Span(0, 5, "organization"))
    ([Span(start=1, end=3, label='place')], [Span(start=0, end=5, label='organization')])
    """
    name = text[item.start:item.end]
    if item.label == PERSON:
        return [item]
    park = _PARK.fullmatch(name)
    if park and Divisions.shipped().is_named(park.group(1)):
        cut = item.start + park.end(1)
        return [Span(item.start, cut, PLACE), Span(cut, item.end, PLACE)]
    visit = _VISIT.search(name, 2)
    if visit and not _DELEGATION.search(name, visit.end()) and Divisions.shipped().is_named(name[:visit.start()]):
        return [Span(item.start, item.start + visit.start(), PLACE)]
    return [item]


_PARK = re.compile(r"([\u3400-\u9fff]{2,6}?(?:县|市|区|旗))([\u3400-\u9fff]{2,8}(?:工业园区|工业园|产业园|科技园|工业集中区|园区|开发区|高新区|经开区))")
_VISIT = re.compile(r"调研|考察|视察|督导|督查|检查|慰问|走访")
_DELEGATION = re.compile(r"团|组|队")


def split_dateline(text: str, item: Span) -> list[Span]:
    """A dateline's place and its 报道 run into the body the report begins with (记者 王刚 深圳报道 +
    兴业银行…): the place, and the body after it. A body's name never holds 报道 with more after it
    (an outlet's ends with it: 21世纪经济报道).

    >>> split_dateline("记者 王刚 深圳报道兴业银行前行长离任", Span(6, 14, "company"))
    [Span(start=6, end=8, label='place'), Span(start=10, end=14, label='company')]
    """
    if item.label not in (ORGANIZATION, COMPANY):
        return [item]
    at = text.find("报道", item.start + 2, item.end - 2)
    if at < 0 or not Divisions.shipped().is_named(text[item.start:at]):
        return [item]
    return [Span(item.start, at, PLACE), Span(at + 2, item.end, item.label)]


def _two_fields(text: str, found: list[Span]) -> list[Span]:
    """A unit named for two fields joined by 与 (国际合作与科技司, 监督与问责委员会), which the model
    cut at 与, is one name: with the body whose unit it is written before it (水利部 + 国际合作与 +
    科技司), or from the first field where nothing is (。监督与问责委员会). Two bodies joined by 与
    (教育部与科技部) stay two: the words between them are no field but a body's name.

    >>> _two_fields("水利部国际合作与科技司司长", [Span(0, 3, "organization"), Span(8, 11, "organization")])
    [Span(start=0, end=11, label='organization')]
    >>> _two_fields("。监督与问责委员会成员", [Span(4, 9, "organization")])
    [Span(start=1, end=9, label='organization')]
    >>> len(_two_fields("教育部与科技部联合发文", [Span(0, 3, "organization"), Span(4, 7, "organization")]))
    2
    """
    for unit in [f for f in found if f.label == ORGANIZATION and text.endswith(_UNIT_ENDS, f.start, f.end)]:
        joint = unit.start - 1
        if joint < 2 or text[joint] != "与":
            continue
        field = joint
        while field > 0 and joint - field < 5 and _CJK.match(text[field - 1]) and not any(f.end == field for f in found):
            field -= 1
        parent = next((f for f in found if f.end == field and f.label == ORGANIZATION), None)
        starts_name = parent is not None or field == 0 or not _CJK.match(text[field - 1])
        if 2 <= joint - field <= 4 and starts_name and not text.endswith(_BODY_ENDS, field, joint):
            begin = parent.start if parent else field
            found = [f for f in found if f not in (parent, unit)] + [Span(begin, unit.end, ORGANIZATION)]
    return sorted(found, key=lambda f: f.start)


_UNIT_ENDS = ("司", "局", "处", "委员会", "办公室", "中心")
_BODY_ENDS = ("部", "委", "局", "厅", "院", "会", "司", "处", "所", "办", "室", "中心")


def split_glued_bodies(text: str, item: Span) -> list[Span]:
    """Two universities written one after the other with nothing between are two mentions
    (headlines and lists do this: 南开大学云南师范大学), and so are the Party's and the state's
    central bodies written as one (中共中央国务院).

    >>> split_glued_bodies("湘潭大学中南大学签约", Span(0, 8, "organization"))
    [Span(start=0, end=4, label='organization'), Span(start=4, end=8, label='organization')]
    """
    match = _TWO_UNIVERSITIES.fullmatch(text, item.start, item.end)
    if item.label != ORGANIZATION or match is None:
        return [item]
    return [Span(item.start, match.end(1), item.label), Span(match.end(1), item.end, item.label)]


_TWO_UNIVERSITIES = re.compile(r"(.{2,}?大学|中共中央|全国人大常委会)(.{2,}大学|国务院|中央军委)")


def split_trailing_person(text: str, item: Span, found: list[Span] = ()) -> list[Span]:
    """An organization the model ran on into a person's name is two mentions: a name does not go on
    past its 集团 or 大学 with a surname and a given name followed by a title (中远海运集团 + 许立荣 +
    党组书记; not 云南师范大学官网). Where ``found`` holds a person there already, only the
    organization is cut.

    >>> split_trailing_person("湘江重工集团刘德明董事长讲话", Span(0, 9, "company"))
    [Span(start=0, end=6, label='company'), Span(start=6, end=9, label='person')]
    """
    if item.label not in (ORGANIZATION, COMPANY):
        return [item]
    match = _TRAILING_PERSON.match(text, item.start, item.end)
    if match is None or match.end() != item.end or text[match.start(2)] not in surnames() \
            or match.group(2).startswith(COMMITTEES) or not text.startswith(_titles(), item.end):
        return [item]
    body = Span(item.start, match.end(1), item.label)
    if any(f.label == PERSON and f.start < item.end and match.start(2) < f.end for f in found):
        return [body]
    return [body, Span(match.start(2), item.end, PERSON)]


_TRAILING_PERSON = re.compile(rf"(.{{2,}}?(?:{'|'.join(_ORG_ENDINGS)}))([\u3400-\u9fff]{{2,3}})")


def stands_whole(name: str, type_: str) -> bool:
    """Whether the mending rules leave ``name``, read on its own, whole and of its type.

    >>> stands_whole("海尔集团", "company"), stands_whole("中国家电企业海尔集团", "company")
    (True, False)
    """
    return refine(name, [Span(0, len(name), type_)], Gazetteer({})) == [Span(0, len(name), type_)]


def drop_descriptor(text: str, item: Span) -> Span:
    """A description run into a firm's name is no part of it: 中国家电企业 + 海尔集团, 美国家电公司 + X公司.

    >>> drop_descriptor("湖南民营企业三一集团董事长", Span(0, 10, "company"))
    Span(start=6, end=10, label='company')
    """
    match = _DESCRIBED.match(text, item.start, item.end)
    if not match or match.end() != item.end or match.group(1).endswith(("分公司", "子公司")):
        return item  # 中国电信公司北京分公司 is one name: a branch of the firm before it
    return Span(match.start(1), item.end, item.label)


_COUNTRIES = "中国|美国|日本|德国|英国|法国|韩国|俄罗斯|印度|加拿大|澳大利亚|意大利|荷兰|瑞士|瑞典|新加坡"
_COUNTRY_NAMES = tuple(_COUNTRIES.split("|"))
# 中国家电企业海尔集团, 美国家电公司惠而浦公司: a description (an industry's firm, a country's firm) before the name
_DESCRIBED = re.compile(rf"(?:.{{2,}}?企业|(?:{_COUNTRIES})[\u3400-\u9fff]{{1,4}}?公司)([^企]{{2,}}(?:集团|公司|银行|控股))")


def complete_suffix(text: str, item: Span) -> Span:
    """An organization cut inside its own suffix gets the rest of it: 中远海运集 + 团, 湘江实业有限公 + 司,
    and a bureau cut before its 局 gets it: 岳麓人社 + 局.

    >>> complete_suffix("中远海运集团董事长", Span(0, 5, "company"))
    Span(start=0, end=6, label='company')
    """
    qualifier = _QUALIFIER.match(text, item.end)  # 中国矿业大学（北京）: a campus or branch is part of the name
    if qualifier and text[item.start:item.end].endswith(("大学", "学院", "公司", "集团", "银行")):
        return Span(item.start, qualifier.end(), item.label)
    name = text[item.start:item.end]
    if not _NAME_END.search(name) and _BUREAU_AFTER.match(text, item.end):
        return Span(item.start, item.end + 1, item.label)  # 衡山人社 + 局: a bureau named by its field
    for suffix in _ORG_SUFFIXES:
        for cut in range(1, len(suffix)):
            if name.endswith(suffix[:cut]) and text.startswith(suffix[cut:], item.end):
                return Span(item.start, item.end + len(suffix) - cut, item.label)
    return item


_QUALIFIER = re.compile(r"（[\u3400-\u9fff]{2,4}）")
_BUREAU_AFTER = re.compile(r"局(?![长面势部限])")  # not 局长 (a title), 局面, 局势, 局部
_ORG_SUFFIXES = ("有限责任公司", "有限公司", *_ORG_ENDINGS)


def join_dotted(text: str, item: Span) -> Span:
    """A transliterated name goes on across its dots: 帕巴拉 + ·格列朗杰, 杰夫 + ·费蒂格.

    >>> join_dotted("美国总统杰夫·费蒂格说", Span(4, 6, "person"))
    Span(start=4, end=10, label='person')
    """
    match = _DOTTED_REST.match(text, item.end)
    return Span(item.start, match.end(), item.label) if match else item


_NOT_IN_NAMES = "说表在等的和与是称指了将对向从为也都并于以及会被让把一"
_DOTTED_REST = re.compile(rf"(?:·[^\W\d_a-zA-Z{_NOT_IN_NAMES}]{{1,5}})+")


def complete_surname(text: str, item: Span) -> Span:
    """A two-character given name whose surname the model dropped gets it back (习 + 近平, 主任向 + 曾妍).

    Only where the name cannot stand alone (it does not start with a surname) or a title ends
    right before the surname.

    >>> complete_surname("总书记习近平指出", Span(4, 6, "person")), complete_surname("主任向曾妍说", Span(3, 5, "person"))
    (Span(start=3, end=6, label='person'), Span(start=2, end=5, label='person'))
    >>> complete_surname("他和曾妍说", Span(2, 4, "person"))
    Span(start=2, end=4, label='person')
    """
    name = text[item.start:item.end]
    if len(name) != 2 or item.start == 0 or text[item.start - 1] not in surnames():
        return item
    before = text[:item.start - 1]
    after_title = before.endswith(_TITLE_ENDS)
    if name[0] not in surnames() or after_title:
        return Span(item.start - 1, item.end, item.label)
    return item


_TITLE_ENDS = ("书记", "主任", "主席", "市长", "县长", "省长", "部长", "局长", "校长", "院长", "经理", "董事长",
               "总裁", "记者", "委员", "常委", "代表", "同志", "教授", "总理", "总统")


def _bodies_before_people(text: str, found: list[Span], known_people: list[Span] = ()) -> list[Span]:
    """An organization the model ran into a person's name ends where the name starts
    (中远海运集团许立荣党组 -> 中远海运集团); a party committee written onto a body's name goes
    (北京大学党委 -> 北京大学: the post 党委书记 is the body's). ``known_people``: names the corpus
    knows as people, found in the text though the model missed them here."""
    people = [f for f in found if f.label == PERSON] + list(known_people)
    kept = []
    for item in found:
        if item.label in (ORGANIZATION, COMPANY):
            inside = [p.start for p in people if item.start <= p.start < item.end]
            end = min(inside, default=item.end)
            body, committee = committee_of(text[item.start:end])
            if body and committee:
                end = item.start + len(body)
                item = Span(item.start, end, COMPANY if has_company_mark(body) else item.label)  # 京东集团党委
            if end - item.start < 2:
                continue
            item = Span(item.start, end, item.label)
        kept.append(item)
    return kept


def _named_after_bodies(text: str, found: list[Span]) -> list[Span]:
    """A list of people each named after their body (感染科胡曦、消防救援站曾胜等) gives the person
    the model missed: two or three characters between a body and the list's 、 or 等, starting with
    a surname, not with a title, and no word for staff (干部).

    >>> _named_after_bodies("湘江医院张明、岳麓中学李华等", [Span(0, 4, "organization"), Span(7, 11, "organization")])[-1]
    Span(start=11, end=13, label='person')
    """
    added = []
    for item in found:
        name = _LISTED_NAME.match(text, item.end) if item.label in (ORGANIZATION, COMPANY) else None
        if name and text[name.start()] in surnames() and not text.startswith(_titles(), name.start()) \
                and not _TRAILER.fullmatch(name.group()) and not _overlaps(found, name.start(), name.end()):
            added.append(Span(name.start(), name.end(), PERSON))
    return found + added


_LISTED_NAME = re.compile(r"[\u3400-\u9fff]{2,3}(?=、|等)")


# A body's own boards, written onto its name (北京大学党委). Not 党工委: a zone's working committee is the body.
COMMITTEES = ("党委", "党组", "纪委", "党办", "董事会", "董事局", "监事会")
_COMMITTEE = re.compile(rf"^(.{{2,}}?)({'|'.join(COMMITTEES)})$")
_REGION = re.compile(r"(省|市|县|区|自治州|旗|盟|镇|乡)$")


def committee_of(name: str) -> tuple[str, str]:
    """``(body, committee)`` of an organization name ending in its party committee or board.

    A region's committee is the body itself (内蒙古自治区党委 is as 湖南省委), so it stays whole.

    >>> committee_of("云南师范大学党委"), committee_of("中国水环境集团"), committee_of("内蒙古自治区党委")
    (('云南师范大学', '党委'), ('中国水环境集团', ''), ('内蒙古自治区党委', ''))
    """
    if name in COMMITTEES:
        return "", name
    match = _COMMITTEE.match(name)
    if not match or _REGION.search(match.group(1)):
        return name, ""
    return match.group(1), match.group(2)


def _units_before_people(text: str, found: list[Span]) -> list[Span]:
    """Place or organization + unit word right before a person: one organization."""
    people = {f.start for f in found if f.label == PERSON}
    kept = []
    for item in sorted(found, key=lambda f: f.start):
        if item.label in (PLACE, ORGANIZATION, COMPANY):
            for start in people:
                tail = text[item.end:start]
                if 0 < len(tail) <= 7 and _UNIT_TAIL.match(tail) and not _overlaps(found, item.end, start) \
                        and tail not in _titles():  # 省委 + 常委 + a name: a post, not a unit
                    item = Span(item.start, start, COMPANY if is_company(text[item.start:start]) else ORGANIZATION)
                    break
        kept.append(item)
    return kept


# A firm's mark on a list item, but 投资: in a list (地产开发、商业投资) it is an activity, not a firm.
_FIRM = re.compile(r"^(?!.*投资$)")


def _lists(text: str, found: list[Span]) -> list[Span]:
    """Untagged items of a 、-list take the list's type; company-looking items are companies."""
    for match in re.finditer(r"[\u3400-\u9fff]+(?:、[\u3400-\u9fff]+)+", text):
        items, position = [], match.start()
        for part in match.group().split("、"):
            items.append((position, position + len(part)))
            position += len(part) + 1
        first_end = items[0][1]
        items[0] = (extend_left(text, first_end), first_end)
        last_start, last_end = items[-1]
        stop = text.find("等", last_start, last_end)
        if stop > last_start:
            items[-1] = (last_start, stop)
        types = [f.label for f in found for s, e in items if f.start == s and f.end == e]
        list_type = majority(types) if types else None
        for start, end in items:
            if not 2 <= end - start <= 12 or _overlaps(found, start, end):
                continue
            name = text[start:end]
            firm = has_company_mark(name) and bool(_FIRM.match(name))
            type_ = COMPANY if firm else list_type
            looks_like_unit = firm or bool(_UNIT_TAIL.match(name))
            if (type_ in (COMPANY, ORGANIZATION) and looks_like_unit) or (type_ == PERSON and end - start <= 3):
                found.append(Span(start, end, type_))
    return found
