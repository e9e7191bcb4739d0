"""Posts stated by the grammar of appointments, removals and careers: 任命X为Y, 免去X的Y职务, 提名X为Y人选,
现任Y, 拟任Y, 曾任Y, 辞去Y职务.

News of personnel (任免名单, 任前公示, a board's notice) writes a person's posts as one phrase after a
verb: ``武汉市中级人民法院副院长、审判委员会委员、审判员``. The phrase is read here from the text
itself, item by item (split by 、 and 兼), each item an [organization] title, so a body the model
did not tag still gives its posts. The verb says whether a post is held now, given by an
appointment, or past (see ``shared/gold/GUIDE.md``, "Past posts and appointments").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.places import Places, named
from kg.records import CURRENT, FORMER, PERSON, Mention, Role, Sentence

# A grade of the civil service, the courts or the police: it is held in the body, never in one of its
# divisions (审判员 of the court, not of its 行政审判庭; 一级高级警长 of the 公安局, not of a 支队).
RANK = re.compile(r"(?:(?:[一二三四]级)?(?:高级)?(?:警长|警监|警督|监察官|检察官|法官|巡视员|调研员|主任科员)|审判员|检察员)$")
# Where a body ends; what follows it in an organization's name is one of its divisions (审判监督庭, 第二纪检监察室).
_BODY_END = re.compile(r"(?:法院|检察院|监委|纪委|公安局|局|厅|委员会|政府|公司|集团|银行|大学|学院|医院|委)")
_DIVISION_END = re.compile(r"(?:庭|室|处|科|股|支队|大队)$")
# A division or office written without its body (统战部, 政法委, 办公室): it is part of the body named before.
_DEPARTMENT = re.compile(r"^[\u3400-\u9fff]{1,6}(?:部|办|办公室|室|处|科|庭|股|政法委|工委|支队|大队|中心)$")
_PLACE_HEAD = re.compile(r"^(?:中共|中国|国家|全国)|[省市县区州旗镇乡]")
# Posts no named body holds: 拟任市辖区党委副书记, 拟任市直部门正职 (an appointment's rank, not a role).
_GENERIC_BODY = re.compile(r"^(?:市辖区|市直|县直|区直|省直|省属|市属|县属|市管|省管|区管|县管|某)")
_MODIFIER = re.compile(r"(?:常务|执行|代理|专职|兼职|挂职|驻会)$")
_PARENS = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class Post:
    """A title in an organization, and what the verb says of it."""

    title: str
    organization: str
    status: str = CURRENT
    appointed: bool = False


def read_posts(phrase: str, titles, places: Places, previous: str = "") -> list[tuple[str, str]]:
    """``(title, organization)`` of each item of a phrase of posts, items split by 、 and 兼.

    An item without a body holds in the body before it (a grade in that body, not its division);
    a division written alone (统战部) is the previous body's; bare bodies (市委) take the places in view.

    >>> from kg.roles import TitleLexicon
    >>> read_posts("湘江区委常委、统战部部长", TitleLexicon.load(), Places(city="长沙"))
    [('常委', '湘江区委'), ('部长', '湘江区委统战部')]
    >>> read_posts("长沙市中级人民法院民事审判庭副庭长、审判员", TitleLexicon.load(), Places())
    [('副庭长', '长沙市中级人民法院民事审判庭'), ('审判员', '长沙市中级人民法院')]
    """
    found: list[tuple[str, str]] = []
    in_view = places
    for item in re.split(r"[、，,]|兼任?|及", _PARENS.sub("", phrase)):
        split = _split_item(item.strip(), titles)
        if split is None:
            continue
        org_part, title = split
        if not org_part:
            org = _body(previous) if RANK.search(title) else previous
            org = org or _implied(title, "", titles, in_view)
        elif previous and _DEPARTMENT.match(org_part) and not _PLACE_HEAD.search(org_part[:1]):
            org = _body(previous) + org_part
        else:
            in_view = named([org_part]).over(in_view)
            org = _implied(title, org_part, titles, in_view)
        if org and not _GENERIC_BODY.match(org):
            found.append((title, org))
        previous = org or previous
    return found


def _split_item(item: str, titles) -> tuple[str, str] | None:
    """``(organization part, title)`` of one item; a modifier written before the title (常务, 专职) goes with it."""
    rank = RANK.search(item)
    split = titles.split(item)
    if rank and (split is None or len(rank.group()) > len(split[1])):
        split = item[: rank.start()], rank.group()
    if split is None:
        return None
    org_part, title = split
    if modifier := _MODIFIER.search(org_part):
        org_part, title = org_part[: modifier.start()], modifier.group() + title
    return org_part, title


def _body(organization: str) -> str:
    """The body an organization's division belongs to: 长沙市公安局交警支队 -> 长沙市公安局; a body itself as it is."""
    if not _DIVISION_END.search(organization):
        return organization
    ends = [m.end() for m in _BODY_END.finditer(organization) if m.end() < len(organization)]
    return organization[: ends[-1]] if ends else organization


def _implied(title: str, org_part: str, titles, places: Places) -> str:
    from kg.roles import _implied_org  # the chain's reading of bare bodies (市委 in a 长沙 story)

    return _implied_org(title, org_part, titles, places)


# The verbs, each with the posts it gives: (pattern, status, appointed, whose). ``whose``: the person
# named inside the pattern ('names'), or the one named last before it ('before').
_NAMES = r"(?P<names>(?:[\u3400-\u9fff·A-Za-z]{2,12}(?:同志)?[、和]?)+?)"
_VERBS = [
    (re.compile(rf"(?:决定)?任命{_NAMES}为(?P<posts>[^，。；;]+)"), CURRENT, True, "names"),
    (re.compile(rf"(?:拟)?提名{_NAMES}为(?P<posts>[^，。；;]+?)(?:候选)?人选"), CURRENT, True, "names"),
    (re.compile(rf"免去{_NAMES}(?:同志)?的(?P<posts>[^，。；;]+?)职务"), FORMER, False, "names"),
    (re.compile(r"免去其(?P<posts>[^，。；;]+?)职务"), FORMER, False, "before"),
    (re.compile(r"(?:辞去|卸任|不再担任)(?P<posts>[^，。；;]+?)(?:职务|一职|职位)"), FORMER, False, "before"),
    (re.compile(r"(?:曾任|历任|曾担任|先后任|原任|曾是)(?P<posts>[^，。；;]+)"), FORMER, False, "before"),
    (re.compile(r"(?:拟任|拟提名为)(?P<posts>[^，。；;]+?)(?:人选)?(?=[，。；;]|$)"), CURRENT, True, "before"),
    (re.compile(r"现任(?P<posts>[^。；;]+?)(?=[，,]拟|[，,]提名|[。；;]|$)"), CURRENT, False, "before"),
]


def stated_posts(sentence: Sentence, mentions: list[Mention], titles,
                 places_at: Callable[[int], Places]) -> list[Role]:
    """The roles the verbs of one sentence give (offsets of ``mentions`` are the article's).

    >>> from kg.roles import TitleLexicon
    >>> s = Sentence("a", 0, 0, 40, "任命王小明为长沙市财政局副局长，免去其长沙市审计局副局长职务。")
    >>> [(r.person, r.title, r.organization, r.status, r.appointed) for r in stated_posts(
    ...     s, [Mention("a", 0, 2, 5, "王小明", "person")], TitleLexicon.load(), lambda _: Places())]
    [('王小明', '副局长', '长沙市财政局', 'current', True), ('王小明', '副局长', '长沙市审计局', 'former', False)]
    """
    text = sentence.text
    people = sorted((m.start - sentence.start, m.end - sentence.start, m.text) for m in mentions if m.type == PERSON)
    roles: list[Role] = []
    for pattern, status, appointed, whose in _VERBS:
        for match in pattern.finditer(text):
            if whose == "names":
                named_here = [p for s, e, p in people if match.start("names") <= s and e <= match.end("names")]
            else:
                named_here = [p for s, e, p in people if e <= match.start()][-1:]
            posts = read_posts(match.group("posts"), titles, places_at(match.start("posts")))
            roles += [Role(person, title, org, sentence.article_id, sentence.index, status, appointed)
                      for person in named_here for title, org in posts]
    return roles
