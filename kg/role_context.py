"""The organization of a title written without one (董事长张三表示), from the sentence and the article around it.

News names a body once and then writes its officers' titles bare: a firm's story says 董事长张三
after naming the firm, a university's 校长, a hospital's 院长, a club's 主教练, a country's 总统
or 外长; a meeting's list writes 副主任A、B after naming the body its first official holds a
post in. So a title with no organization takes, in this order: the organization of the role
stated just before it in the same sentence, when the title fits no kind of body; else the body
of the title's kind named last before the person in the sentence, else the one of that kind
the article names most (the firm, school or club the story is about).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Mention, Role

# (titles, the names of bodies that hold them, the entity types that do): a kind of body per title.
_KINDS = [
    (re.compile(r"董事|经理|总裁|执行官|行长|监事|董秘|董事会秘书|财务负责人|创始人|执行委员会委员|总会计师|合伙人|法定代表人|"
                r"首席(?!记者|科学家)|^CEO$"),
     re.compile(r"公司|集团|银行|股份|控股|企业|实业|科技$"), {COMPANY}),
    (re.compile(r"^院士$"), re.compile(r"科学院|工程院"), set()),  # an academician is of an academy, not a university
    (re.compile(r"校长|教授"), re.compile(r"大学|学院|学校|中学|小学|师大|医大|研究院"), {ORGANIZATION}),
    (re.compile(r"院长"), re.compile(r"医院|研究院|学院|法院|剧院|科学院|设计院|检察院|大学"), {ORGANIZATION}),
    (re.compile(r"教练|主帅|领队|队长|球员|门将|前锋|后卫|中锋"), re.compile(r"队|俱乐部|足协|篮协|FC|男篮|女篮|男足|女足|国足"), set()),
    (re.compile(r"理事长|理事|会长|社员"), re.compile(r"合作社|协会|学会|基金会|商会|联合会"), set()),
    (re.compile(r"厂长|车间主任"), re.compile(r"厂$"), set()),
    (re.compile(r"总统|总理|首相|外长|外交部长|国防部长|财长|议长|国王|大使|总督"), re.compile(r"$^"), {PLACE}),
    (re.compile(r"行政长官|特首"), re.compile(r"特别行政区"), {PLACE}),  # 澳门特别行政区政府总部与行政长官甲会面
]


# A newsroom's credit (河北日报记者张三) opens many leads: its paper is the reporter's, never the body of
# the officials the lead then names (，省委书记李四主持会议).
_NEWSROOM = re.compile(r"记者|通讯员|编辑|责编|校对|审核|审校|摄影|实习生")
_TERM = re.compile(r"第[一二三四五六七八九十\d]+届$")  # 公司第四届 (董事会): a board's term the model cut, no body
_BARE_WORDS = frozenset({"公司", "本公司", "该公司", "集团", "该集团", "银行", "该行", "本行", "学校", "医院", "球队"})


def fill_organizations(roles: list[Role], mentions: list[Mention]) -> list[Role]:
    """``roles`` of one article, those without an organization given the one the context names.

    >>> from kg.records import Mention, Role
    >>> ms = [Mention("a", 0, 0, 6, "长江电力公司", "company"), Mention("a", 1, 12, 14, "张三", "person")]
    >>> [(r.title, r.organization) for r in fill_organizations([Role("张三", "董事长", "", "a", 1)], ms)]
    [('董事长', '长江电力公司')]
    """
    # 公司副总经理, 该行行长: a firm's notice calls itself 公司; the firm is the one the story names
    roles = [replace(r, organization="") if r.organization in _BARE_WORDS else r for r in roles]
    if all(r.organization or not r.title for r in roles):
        return roles
    where = {(m.sentence, m.text): m.start for m in mentions if m.type == PERSON}
    outlets = {r.organization for r in roles if _NEWSROOM.search(r.title)}  # the paper writes, employs no one named
    bodies = [m for m in mentions if m.type != PERSON and not m.byline and m.text not in _BARE_WORDS
              and not _TERM.search(m.text) and m.text not in outlets]
    filled = []
    for n, role in enumerate(roles):
        if not role.organization and role.title:
            position = where.get((role.sentence, role.person))
            organization = _organization_for(role, roles[:n], bodies, position)
            role = replace(role, organization=organization) if organization else role
        filled.append(role)
    return filled


def _organization_for(role: Role, earlier: list[Role], bodies: list[Mention], position: int | None) -> str:
    kind = next(((names, types) for titles, names, types in _KINDS if titles.search(role.title)), None)
    if kind is None:  # 副主任A、B after 市人大常委会副主任C主持会议: the body of the official before
        before = [r.organization for r in earlier if r.sentence == role.sentence and r.organization
                  and not _NEWSROOM.search(r.title)]
        return before[-1] if before else ""
    names, types = kind
    fitting = [m for m in bodies if m.type in types or (m.type != PLACE and names.search(m.text))]
    if not fitting:
        return ""
    if position is not None:
        here = [m for m in fitting if m.sentence == role.sentence and m.end <= position]
        if here:  # 某政府总部: the building of the body; the post is the body's
            return here[-1].text.removesuffix("总部") if len(here[-1].text) > 4 else here[-1].text
    if PLACE in types:  # a country is named in the sentence itself, else it is no country's post
        return ""
    return Counter(m.text for m in fitting).most_common(1)[0][0]  # the body the story is about
