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

from kg.names import GENERIC_BODY
from kg.places import Places, implied_org, named
from kg.records import CURRENT, FORMER, PERSON, Mention, Role, Sentence

# A grade of the civil service, the courts or the police: it is held in the body, never in one of its
# divisions (审判员 of the court, not of its 行政审判庭; 一级高级警长 of the 公安局, not of a 支队).
RANK = re.compile(r"(?:(?:[一二三四]级)?(?:高级)?(?:警长|警监|警督|监察官|检察官|法官|巡视员|调研员|主任科员)|审判员|检察员)$")
# Where a body ends; what follows it in an organization's name is one of its divisions (审判监督庭, 第二纪检监察室).
_BODY_END = re.compile(r"(?:法院|检察院|监委|纪委|公安局|局|厅|委员会|政府|公司|集团|银行|大学|学院|医院|委)")
_DIVISION_END = re.compile(r"(?:庭|室|处|科|股|支队|大队)$")
# A division or office written without its body (统战部, 政法委, 办公室): it is part of the body named before.
_DEPARTMENT = re.compile(r"^[\u3400-\u9fff]{1,5}(?:部|办|办公室|室|处|科|庭|股|政法委|工委|支队|大队)$")
_PLACE_HEAD = re.compile(r"^(?:中共|中国|国家|全国)|[省市县区州旗镇乡]")
_MODIFIER = re.compile(r"(?:常务|执行|代理|专职|兼职|挂职|驻会)$")
_FIRM = re.compile(r"公司|集团|银行|股份|企业")
# A note in brackets after a post (督察长（正处级）) is dropped; brackets inside a name stay part of it
# (中国矿业大学（北京）校长, 岳麓（集团）有限公司).
_PARENS = re.compile(r"[（(][^（）()]*[）)](?=[、，,；;]|兼|$)")


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
    >>> read_posts("岳麓机械有限公司技术员、企业发展部科长", TitleLexicon.load(), Places())
    [('技术员', '岳麓机械有限公司'), ('企业发展部科长', '岳麓机械有限公司')]
    >>> read_posts("湘江研究中心、岳麓分析中心主任", TitleLexicon.load(), Places())
    [('主任', '湘江研究中心'), ('主任', '岳麓分析中心')]
    """
    found: list[tuple[str, str]] = []
    in_view, waiting = places, []  # waiting: bodies written without a title, sharing the next item's (A、B主任)
    for item in re.split(r"[、，,；;]|兼任?", _PARENS.sub("", phrase)):
        split = _split_item(item.strip(), titles)
        if split is None:
            waiting = [*waiting, item.strip()] if _BODY_END.search(item) or item.endswith("中心") else []
            continue
        if split[0]:
            found += [(split[1], body) for body in waiting]
        waiting = []
        org_part, title = split
        if GENERIC_BODY.match(org_part):  # 拟任市辖区党委副书记: a rank, not a role
            continue
        if not org_part:
            org = _body(previous) if RANK.search(title) else previous
            org = org or implied_org(title, "", titles, in_view)
        elif previous and _DEPARTMENT.match(org_part) and not _PLACE_HEAD.search(org_part[:1]):
            if _FIRM.search(previous):  # a firm's department is written into the post: 企业发展部科长
                org, title = previous, org_part + title
            else:  # a party committee's or a government's department is a body: 区委统战部
                org = _body(previous) + org_part
        elif previous and len(org_part) <= 3 and not _BODY_END.search(org_part):  # 一所副所长: a post of the body
            org, title = previous, org_part + title
        else:
            in_view = named([org_part]).over(in_view)
            org = implied_org(title, org_part, titles, in_view)
        found.append((title, org))  # no body yet: the chain's or the context's (kg.roles, kg.role_context)
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


# Verbs followed by the people they name, then a link and the posts: (verb, link, status, appointed).
_NAMING_VERBS = [
    (re.compile(r"(?:决定)?(?:任命|聘任|聘请|聘)"), re.compile(r"为|担任"), CURRENT, True),
    (re.compile(r"(?:拟)?(?:提名|推荐|选举)"), re.compile(r"为|任|担任"), CURRENT, True),
    (re.compile(r"免去|免除|撤销"), re.compile(r"(?:兼任|担任)?的|"), FORMER, False),
    (re.compile(r"(?<=[、；;])"), re.compile(r"为"), CURRENT, True),  # 任命甲为A、乙为B: each name and its posts
    (re.compile(r"由"), re.compile(r"作为|担任|出任|兼任"), CURRENT, True),  # 由甲、乙担任A: a board's notice
]
# Verbs whose person is the one named last before them: (verb, status, appointed).
_LATER_VERBS = [
    (re.compile(r"免去其|免去他的|免去她的"), FORMER, False),
    (re.compile(r"辞去|卸任|不再担任|离任"), FORMER, False),
    (re.compile(r"曾任|历任|曾担任|曾经担任|曾经任|先后任|先后担任|原任|曾是|曾经是|退休前任|退休前系"), FORMER, False),
    (re.compile(r"拟任|拟提名为|提名任|拟推荐为|提名为"), CURRENT, True),
    (re.compile(r"代行|代为履行"), CURRENT, False),
    (re.compile(r"(?<=同志)任|(?<![担出兼现拟曾历原转升改主责信继聘])任(?![务何期命职教性])"), CURRENT, True),  # 由甲代行A职务: the post is held, acting, until it is filled
    (re.compile(r"现任|现为|现担任"), CURRENT, False),  # 任前公示: 现任A，B，拟任C: the posts reach to 拟
    (re.compile(r"(?<=[，,])兼任"), CURRENT, False),  # 甲任A院长，兼任B主任，C、D主任
]
_WIDE = ("现任", "现为", "现担任", "兼任")
# Verbs said of the person named right before them (甲代行A职务, 乙同志任B): else the subject is a body.
_NAMED_RIGHT_BEFORE = ("代行", "代为履行", "任")
_LIST_END = re.compile(r"[。；;]|[，,](?=拟|提名|$)|$")
_CAREER = ("历任", "先后任", "先后担任")  # a career: posts to the sentence's end or to 现任, clauses split by ；
_CAREER_END = re.compile(r"。|[，,；;]?现任|$")
_CLAUSE_END = re.compile(r"[，。；;！？]|$")
_POSTS_END = re.compile(r"(?:的)?(?:职务|职责|一职|职位|(?:候选)?人选|候选人)")
_BETWEEN_NAMES = re.compile(r"(?:同志)?[、和及]?")


def stated_posts(sentence: Sentence, mentions: list[Mention], titles,
                 places_at: Callable[[int], Places], subject: str = "") -> list[Role]:
    """The roles the verbs of one sentence give (offsets of ``mentions`` are the article's). A
    verb with no one named before it in the sentence (历任…, 现任…) has its subject left out: it
    is ``subject``, the person named last before the sentence.

    >>> from kg.roles import TitleLexicon
    >>> s = Sentence("a", 0, 0, 40, "任命王小明为长沙市财政局副局长，免去其长沙市审计局副局长职务。")
    >>> [(r.person, r.title, r.organization, r.status, r.appointed) for r in stated_posts(
    ...     s, [Mention("a", 0, 2, 5, "王小明", "person")], TitleLexicon.load(), lambda _: Places())]
    [('王小明', '副局长', '长沙市财政局', 'current', True), ('王小明', '副局长', '长沙市审计局', 'former', False)]
    """
    text = sentence.text
    people = sorted((m.start - sentence.start, m.end - sentence.start, m.text) for m in mentions if m.type == PERSON)
    found: list[tuple[int, str, Post]] = []  # (where the posts start, person, post)
    for verb, link, status, appointed in _NAMING_VERBS:
        for match in verb.finditer(text):
            named_here, position = _names_at(people, text, match.end())
            if not named_here:  # 免去水利部某司副司长李四的副司长职务: the person stands before 的
                named_here, position = _owner_before(people, text, match.end())
            joined = link.match(text, position)
            if named_here and joined:
                found += _posts_of(named_here, text, joined.end(), status, appointed, titles, places_at, people)
    for verb, status, appointed in _LATER_VERBS:
        for match in verb.finditer(text):
            before = [p for s, e, p in people if e <= match.start()][-1:]
            if match.group() in _NAMED_RIGHT_BEFORE and not _right_after_name(people, text, match.start()):
                continue  # 执行委员会代行A职务, 会议任务: the verb is said of a person only right after the name
            if not before and subject:  # no one named before the verb: the subject left out is the one before
                before = [subject]
            reach = _CAREER_END if match.group() in _CAREER else _LIST_END if match.group() in _WIDE else _CLAUSE_END
            found += _posts_of(before, text, match.end(), status, appointed, titles, places_at, people, reach)
    return [Role(person, post.title, post.organization, sentence.article_id, sentence.index, post.status,
                 post.appointed) for _, person, post in sorted(found, key=lambda x: x[0])]


def _right_after_name(people: list[tuple[int, int, str]], text: str, position: int) -> bool:
    """Whether a person's name (and 同志) ends at ``position``."""
    return any(end == position or (end == position - 2 and text[end:position] == "同志") for _, end, _ in people)


def _names_at(people: list[tuple[int, int, str]], text: str, position: int) -> tuple[list[str], int]:
    """The people named one after another from ``position`` (王小明、李四同志), and where they end."""
    names = []
    while person := next((p for p in people if p[0] == position), None):
        names.append(person[2])
        position = person[1]
        position = _BETWEEN_NAMES.match(text, position).end() if text[position:position + 1] in "同、和及" else position
    if names and text[position - 1:position] in "、和及":
        position -= 1
    return names, position


def _owner_before(people: list[tuple[int, int, str]], text: str, position: int) -> tuple[list[str], int]:
    """The person written right before 的 in the clause from ``position``, and where 的 is."""
    clause_end = _CLAUSE_END.search(text, position).start()
    owners = [p for p in people if position <= p[0] and p[1] < clause_end and text[p[1]] == "的"]
    return ([owners[-1][2]], owners[-1][1]) if owners else ([], position)


def _posts_of(names: list[str], text: str, start: int, status: str, appointed: bool, titles,
              places_at: Callable[[int], Places], people: list[tuple[int, int, str]],
              reach: re.Pattern = _CLAUSE_END) -> list[tuple[int, str, Post]]:
    """The posts written from ``start`` to where ``reach`` ends them (the clause's end; a 公示's
    现任A，B up to 拟; a career up to 现任), or to 职务, 人选, or the next person named, for each of ``names``."""
    end = reach.search(text, start).start()
    end = min([end, *(s for s, _, _ in people if start < s < end)])
    closing = _POSTS_END.search(text, start, end)
    phrase = text[start:closing.start() if closing else end]
    posts = read_posts(phrase, titles, places_at(start))
    return [(start, name, Post(title, org, status, appointed)) for name in names for title, org in posts]
