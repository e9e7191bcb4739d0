"""Roles: who holds which title in which organization, read from the patterns of news text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from kg.appointments import stated_posts
from kg.company import has_company_mark
from kg.divisions import PROVINCES, Divisions
from kg.ingest.files import read_option_file
from kg.ingest.pages import BYLINE_TITLES
from kg.mentions import committee_of, extend_left
from kg.places import Places, implied_org, named, resolve_bare, stem_of
from kg.records import CURRENT, FORMER, ORGANIZATION, PERSON, PLACE, Mention, Role, Sentence
from kg.wordlists import abbreviations, word_list

_CJK = "\u3400-\u9fff"
# What may stand between titles of one person (市委书记、市人大常委会主任) or people of one list.
_LIST_SEPARATOR = "、"
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?“”（）()\s《》—]")
_MODIFIERS = "常务|执行|代理|时任|原|代|驻会|专职"  # before a title, part of it: 常务副县长, 代区长, 驻会副主席
_BYLINE_NAME = re.compile(rf"^[{_CJK}]{{2,4}}$")
_BYLINE_TITLE = re.compile(f"^(.*?)({BYLINE_TITLES})$")


@dataclass(frozen=True)
class TitleLexicon:
    """Titles (longest first) and the organization each implies when none is written."""

    titles: tuple[str, ...]
    implied: dict[str, str]

    @classmethod
    def load(cls, extra: Path | None = None) -> TitleLexicon:
        lines = list(word_list("titles.txt"))
        if extra:
            lines += [line.strip() for line in read_option_file(extra).splitlines()
                      if line.strip() and not line.startswith("#")]
        implied = dict(line.split("=", 1) for line in lines if "=" in line)
        titles = sorted({line.split("=", 1)[0] for line in lines}, key=lambda title: (-len(title), title))
        return cls(tuple(titles), implied)

    def implies(self, title: str) -> str:
        """The body a title implies, its modifier aside: 常务副县长 implies 县政府 as 副县长 does."""
        return self.implied.get(title) or self.implied.get(re.sub(f"^(?:{_MODIFIERS})", "", title), "")

    def split(self, phrase: str) -> tuple[str, str] | None:
        """``(organization part, title)`` when ``phrase`` ends with a title.

        >>> TitleLexicon.load().split("中国水环境集团董事长")
        ('中国水环境集团', '董事长')
        >>> TitleLexicon.load().split("市委副书记")
        ('市委', '副书记')
        """
        for title in self.titles:
            if phrase.endswith(title):
                return phrase[: -len(title)], title
        return None


def find_roles(sentence: Sentence, mentions: list[Mention], titles: TitleLexicon,
               places_at: Callable[[int], Places], subject: str = "") -> list[Role]:
    """Roles stated in one sentence, given its mentions (offsets into the article); ``subject``: the
    person named last before the sentence, whom a sentence opening on a verb (历任…) is about.

    ``places_at(offset)`` gives the places in view at an offset of the article: they settle bare
    bodies (市委) that the title chain itself does not (see :mod:`kg.places`).

    >>> from kg.records import Sentence, Mention
    >>> s = Sentence("a", 0, 10, 25, "市委副书记、市长朱健会见侯锋。")
    >>> [(r.person, r.title, r.organization) for r in find_roles(s, [Mention("a", 0, 18, 20, "朱健", "person")],
    ...                                                          TitleLexicon.load(), lambda _: Places(city="衡阳"))]
    [('朱健', '副书记', '衡阳市委'), ('朱健', '市长', '衡阳市政府')]
    """
    text = sentence.text
    local = [(m.start - sentence.start, m.end - sentence.start, m) for m in mentions]
    orgs = {end: m for start, end, m in local if m.type != PERSON}  # organizations by where they end
    roles: list[Role] = []
    previous_roles: list[tuple[str, str]] = []
    previous_end = None
    listed: list[str] = []
    list_start = 0
    for start, end, person in sorted((x for x in local if x[2].type == PERSON), key=lambda x: x[0]):
        in_list = previous_end is not None and _continues_list(text[previous_end:start])
        if in_list:  # 市领导刘光跃、段志刚: the list shares the title; 刘志杰、马晓晔同志任…: or the posts after it
            found = previous_roles or _appointed(text, end, orgs, titles, places_at(sentence.start + end))
            if found and not previous_roles:
                roles += [Role(name, title, org, sentence.article_id, sentence.index)
                          for name in listed for title, org in found]
        else:
            found, chain_start = _own_roles(text, start, end, orgs, titles,
                                            lambda offset: places_at(sentence.start + offset))
            if found and previous_roles and previous_end is not None and _is_list_comma(text[previous_end:chain_start]):
                found = _share_organization(found, previous_roles[-1][1])
        past = not in_list and _past_before(text, chain_start)
        roles += [Role(person.text, title, org, sentence.article_id, sentence.index, FORMER if past else CURRENT)
                  for title, org in found]
        listed = [*listed, person.text] if in_list else [person.text]
        list_start = list_start if in_list else start
        previous_roles, previous_end = found, end
        trailing = _title_after_list(text[end:], titles)
        if trailing:  # 朱健、赖馨正、胡绪阳等中心组成员: the list's title comes after it
            org_part, title = trailing
            org = implied_org(title, org_part, titles, places_at(sentence.start + end))
            before = orgs.get(list_start)  # 湘江集团张三、李四等负责同志: the body written before the list
            org = org or (before.text if before is not None and before.type != PLACE else "")
            roles += [Role(name, title, org, sentence.article_id, sentence.index) for name in listed]
    roles += _named_in_turn(text, local, titles, sentence)
    roles = [_past_title(r) for r in roles if _plausible_body(r.organization, mentions)]
    roles = _both_academies(_abroad(roles, text, local, titles), text)
    stated = stated_posts(sentence, mentions, titles, lambda offset: places_at(sentence.start + offset), subject)
    held = {(r.person, r.title): r.organization for r in roles if r.organization}  # 免去某司副司长李四的副司长职务
    stated = [r if r.organization else replace(r, organization=held.get((r.person, r.title), "")) for r in stated]
    said = {(r.person, r.title, r.organization) for r in stated}  # the verb's reading wins: 免去 makes a post past
    return [r for r in roles if (r.person, r.title, r.organization) not in said] + stated


_IN_TURN = re.compile(r"[，,]?(?:分别|依次)(?:是|为)[：:]?")


def _named_in_turn(text: str, local: list[tuple[int, int, Mention]], titles: TitleLexicon,
                   sentence: Sentence) -> list[Role]:
    """``三位副行长分别是：甲、乙和丙``: a title, then 分别是 and the people who hold it, to the clause's end.

    The body is the one written before the title, else left to the context (:mod:`kg.role_context`).
    """
    roles = []
    for verb in _IN_TURN.finditer(text):
        split = titles.split(text[max(0, verb.start() - 12):verb.start()])
        if split is None:
            continue
        body = next((m.text for _, end, m in local if end == verb.start() - len(split[1]) and m.type != PERSON), "")
        clause_end = _CLAUSE_END.search(text, verb.end()).start()
        roles += [Role(m.text, split[1], body, sentence.article_id, sentence.index)
                  for start, _, m in local if m.type == PERSON and verb.end() <= start < clause_end]
    return roles


_CLAUSE_END = re.compile(r"[，,。；;！？]|$")


_ACADEMIES = ("中国科学院", "中国工程院")


def _both_academies(roles: list[Role], text: str) -> list[Role]:
    """``两院院士张三``: 两院 are China's two academies; he is an academician of each."""
    both = [r for r in roles if r.title == "院士" and not r.organization and f"两院院士{r.person}" in text]
    return [r for r in roles if r not in both] + [replace(r, organization=a) for r in both for a in _ACADEMIES]


def _abroad(roles: list[Role], text: str, local: list[tuple[int, int, Mention]], titles: TitleLexicon) -> list[Role]:
    """Roles whose body was implied as China's (总理 → 国务院) in a sentence that names a foreign
    country before the person and does not write that body: the country's post (白俄罗斯总统…指示总理X).

    Chinese news writes a foreign government's officers with the bare title once the country is named.
    """
    foreign = [(end, m.text) for _, end, m in local if m.type == PLACE and _is_foreign(m.text)]
    if not foreign:
        return roles
    starts = {m.text: start for start, _, m in local if m.type == PERSON}
    moved = []
    for role in roles:
        implied = titles.implies(role.title)
        before = [name for end, name in foreign if end <= starts.get(role.person, -1)]
        if (_STATE_TITLE.fullmatch(role.title) and implied and role.organization == implied and implied not in text
                and before):
            role = replace(role, organization=before[-1])
        moved.append(role)
    return moved


def _is_foreign(place: str) -> bool:
    """A place that is no part of China: not a province, no division of it, no name with a unit of its own."""
    return (place not in ("中国", "中华人民共和国", "我国", "全国", "国内") and stem_of(place) not in PROVINCES
            and not re.search(r"[省市县区镇乡村州旗]$", place) and Divisions.shipped().locate([place]) is None)


_NO_BODY = re.compile(r"现任|出任|接替|将|表示|为|、|，|）")


def _plausible_body(organization: str, mentions: list[Mention]) -> bool:
    """An organization read off the text holds no clause: no verb of succession, no list, no person's name."""
    return not _NO_BODY.search(organization) and not any(
        m.type == PERSON and m.text in organization for m in mentions)


_PAST_MARK = re.compile(rf"([原前])(?:[{_CJK}]{{1,6}}?[省市县区州])?$")  # 原湘潭市委书记, 原铁道部部长


# 前 after these means "before" (目前, 此前, 会前, 三年前, 节前); after anything else it is "former"
# (美国共和党籍前总统, 该校前校长): the title after it is a past post.
_BEFORE_IN_TIME = set("目此之以会赛年月日天周节前提眼面门跟当空史生战饭事")


def _past_before(text: str, chain_start: int) -> bool:
    """``原铁道部部长张三``, ``前董事长李四``: a chain of titles after 原 or 前 (not 目前, 会前) is past.

    >>> _past_before("原铁道部部长张三", 1), _past_before("目前部长张三", 2), _past_before("原湘潭市委书记", 3)
    (True, False, True)
    >>> _past_before("该党籍前总统张三", 4), _past_before("三天前市长张三", 4)
    (True, False)
    """
    match = _PAST_MARK.search(text, 0, chain_start)
    if match is None and text[chain_start:chain_start + 1] in "市县省区":  # 原湘潭市委书记: a city stem, then 市委
        match = _PAST_MARK.search(text, 0, max(0, chain_start - 2)) or _PAST_MARK.search(text, 0, max(0, chain_start - 3))
    return bool(match) and (match.group(1) == "原" or text[match.start() - 1:match.start()] not in _BEFORE_IN_TIME)


def _past_title(role: Role) -> Role:
    """A title written with 原 or 前 (原秘书长) is a past post under its plain title."""
    if role.title[:1] in ("原", "前") and len(role.title) > 2:
        return replace(role, title=role.title[1:], status=FORMER)
    return role


def _own_roles(text: str, start: int, end: int, orgs: dict[int, Mention], titles: TitleLexicon,
               places_at: Callable[[int], Places]) -> tuple[list[tuple[str, str]], int]:
    """The roles of the person at ``text[start:end]`` (titles before the name, else after it; and the
    posts an appointment after it gives) and where the titles before it start."""
    before, chain_start = _titles_before(text, start, orgs, titles, places_at)
    found = before or _titles_after(text, start, end, orgs, titles, places_at(start))
    return found + _appointed(text, end, orgs, titles, places_at(end)), chain_start


def _continues_list(gap: str) -> bool:
    """Whether the text between two names continues a list: ``、``, or items kg did not read as names.

    >>> _continues_list("、"), _continues_list("·格列朗杰、"), _continues_list("，副校长")
    (True, True, False)
    """
    return gap.endswith(_LIST_SEPARATOR) and len(gap) <= 24 and not _CLAUSE_BREAK.search(gap)


def _is_list_comma(gap: str) -> bool:
    """``江汉大学党委书记覃道明，党委副书记、校长景新华``: officials listed one after another."""
    return gap in ("，", ",")


def _share_organization(found: list[tuple[str, str]], organization: str) -> list[tuple[str, str]]:
    """Titles written without their body take the body of the official listed before (same sentence)."""
    if not organization or any(org for _, org in found):
        return found
    return [(title, organization) for title, _ in found]


def _title_after_list(suffix: str, titles: TitleLexicon) -> tuple[str, str] | None:
    """``等中心组成员``: (organization part, title) of a list ended by 等 and a title."""
    match = re.match(r"^等([\u3400-\u9fff]{1,12}?)(?=[，。；、,;]|$|出席|参加)", suffix)
    return titles.split(match.group(1)) if match else None


def _titles_before(text: str, position: int, orgs: dict[int, Mention], titles: TitleLexicon,
                   places_at: Callable[[int], Places]) -> tuple[list[tuple[str, str]], int]:
    """Titles chained right before a name (``市委书记、市人大常委会主任`` gives two), and where the chain starts.

    Walks back phrase by phrase (split by 、); each phrase is [organization] title, where the
    organization is a mention ending at the title or a bare word such as 市委. A phrase with
    anything else in front ends the chain; ``places_at(offset)`` gives the places in view at an offset
    of ``text``. A place the chain names settles the bare words after
    it (长沙市委副书记、市长 → 长沙市政府), and a title written without a body takes the body of the
    phrase before it (江汉大学党委副书记、校长 → 校长 of 江汉大学).
    """
    phrases: list[tuple[str, str]] = []
    end = start = position
    while True:
        split = _phrase_before(text, end, orgs, titles)
        if split is None:
            break
        start, org, title = split
        phrases.insert(0, (title, org))
        if start == 0 or text[start - 1] not in (_LIST_SEPARATOR, "兼"):  # 社长兼总编辑: one chain
            break
        end = start - 1
    in_view = places_at(start)  # what the sentence names before the chain, over the article's places
    found: list[tuple[str, str]] = []
    for title, org_part in phrases:  # a place the chain writes holds for the bare bodies after it
        in_view = named([org_part]).over(in_view) if org_part else in_view
        org = implied_org(title, org_part, titles, in_view)
        if not org and found and found[-1][1] and not titles.implies(title):
            org = found[-1][1]
        found.append((title, org))
    return found, start


_MODIFIER = re.compile(f"(?:{_MODIFIERS})$")
# A department of the place in view, written without the place after a break (，省教育厅厅长): 黑龙江省教育厅.
_BARE_DEPARTMENT = re.compile(rf"(?<![{_CJK}])(?:省|市|县)[{_CJK}]{{1,6}}?(?:厅|局|委员会|办公室|办)$")
_BARE_ORG = re.compile(r"(?:省|市|县|区|镇|乡)(?:委|政府|人大常委会|人大|政协|纪委|监委|总工会|委组织部|委宣传部)$")


# A short form or a code written in brackets between the body and the title: （以下简称岳麓公司）, （600001.SH）.
_ASIDE = re.compile(r"[（(][^（）()]{1,24}[）)]$")
_JOURNAL = re.compile(r"《([^《》]{1,12})》(?:杂志社?|期刊|编辑部)?$")
# Posts of a state (总统, 首相, 外长): in foreign news the country is often written as its one letter (俄总统).
_STATE_TITLE = re.compile(r"副?(?:总统|总理|首相)|外长|防长|财长|外交部长|国防部长|国务卿|驻华大使")
_COUNTRY_LETTERS = {letter: name for letter, name in abbreviations().items()
                    if stem_of(name) not in PROVINCES and name not in Divisions.shipped().by_short}


def _phrase_before(text: str, end: int, orgs: dict[int, Mention], titles: TitleLexicon
                   ) -> tuple[int, str, str] | None:
    """``(start, organization, title)`` of the [organization] title phrase ending at ``end``.

    The longest title wins unless a shorter one starts where an organization the text names ends
    (上海财经大学党委 + 书记). A party committee written onto its body's name goes with the title, as
    news and the gold write it: 党委书记 of 上海财经大学.
    """
    window = text[max(0, end - 8):end]
    matching = [title for title in titles.titles if window.endswith(title)]
    if not matching:
        return None
    return (_envoy(text, end, matching[-1], orgs) or _named_body(text, end, matching, orgs)
            or _country_letter(text, end, matching[0]) or _bare_phrase(text, end, matching[0], orgs))


def _envoy(text: str, end: int, title: str, orgs: dict[int, Mention]) -> tuple[int, str, str] | None:
    """``乌克兰驻英国大使``: an envoy is his own country's (the one before 驻), never the host's."""
    envoy = re.search(rf"驻[{_CJK}]{{1,6}}$", text[max(0, end - 14):end - len(title)])
    if not envoy or title not in ("大使", "总领事", "公使", "领事"):
        return None
    title_start = end - len(title) - len(envoy.group())
    sender = orgs.get(title_start)
    country = sender.text if sender is not None else _COUNTRY_LETTERS.get(text[title_start - 1:title_start], "")
    start = title_start - (len(sender.text) if sender is not None else 1 if country else 0)
    return start, country, envoy.group() + title


def _named_body(text: str, end: int, matching: list[str], orgs: dict[int, Mention]
                ) -> tuple[int, str, str] | None:
    """The phrase when a body the text names stands before the title (maybe with a bracket, 前 or a
    journal's title marks between)."""
    for title in matching:
        title_start = end - len(title)
        aside = _ASIDE.search(text, 0, title_start)  # 岳麓机械有限公司（以下简称岳麓公司）董事长
        body_end = aside.start() if aside and title_start not in orgs else title_start
        if (mention := orgs.get(body_end)) is not None:
            body, committee = committee_of(mention.text)
            if body.endswith("分") and title.startswith("党组"):  # 某协会分党组: 分党组 is the committee
                body, committee = body[:-1], "分" + committee
            start = _place_before(body_end - len(mention.text), orgs)
            return start, text[start:body_end] if mention.type == PLACE else body, committee + title
        if (journal := _JOURNAL.search(text, 0, title_start)) is not None:  # 《湘江》杂志主编: the journal
            return journal.start(), journal.group(1), title
        place = orgs.get(title_start + 1)  # 普陀区 + 区领导: the place's unit is the title's first letter
        if place is not None and place.type == PLACE and title.endswith("领导") and place.text.endswith(title[0]):
            return title_start + 1 - len(place.text), place.text, title
    for title in matching:  # 兴业银行前行长: 前 or 原 between the body and the title makes the post past
        mention = orgs.get(end - len(title) - 1)
        if mention is not None and text[end - len(title) - 1] in "前原" and mention.type != PERSON:
            return end - len(title) - 1 - len(mention.text), mention.text, text[end - len(title) - 1] + title
    ministry = orgs.get(end - 1)  # 波兰国防部 + 长: a minister is written as the ministry's name and 长
    if ministry is not None and ministry.text.endswith("部") and text.endswith("部长", 0, end) and ministry.type != PLACE:
        return end - 1 - len(ministry.text), ministry.text, "部长"
    return None


def _country_letter(text: str, end: int, title: str) -> tuple[int, str, str] | None:
    """``俄总统``, ``美防长``: a country written as its one letter before a post of a state (not
    ``驻美大使``, a post in the country)."""
    country = _COUNTRY_LETTERS.get(text[end - len(title) - 1:end - len(title)])
    if country and _STATE_TITLE.fullmatch(title) and text[end - len(title) - 2:end - len(title) - 1] != "驻":
        return end - len(title) - 1, country, title
    return None


def _bare_phrase(text: str, end: int, title: str, orgs: dict[int, Mention]) -> tuple[int, str, str]:
    """The phrase when no named body stands before the title: a modifier (常务, 代), a bare body
    (市委, 省教育厅), a body the model missed, or the title alone."""
    title_start = end - len(title)
    modifier = _MODIFIER.search(text[max(0, title_start - 2):title_start])
    if modifier and not orgs.get(title_start):  # 常务副县长, 代理市长: the modifier is part of the title
        title, title_start = modifier.group() + title, title_start - len(modifier.group())
        if (mention := orgs.get(title_start)) is not None:
            return title_start - len(mention.text), committee_of(mention.text)[0] or mention.text, title
    if text.endswith("、政府", 0, title_start):  # 某党秘书长、政府总理: the government of the state in view
        return title_start - 2, "", title
    bare = _BARE_ORG.search(text[max(0, title_start - 8):title_start]) or _BARE_DEPARTMENT.search(text, 0, title_start)
    if bare:
        return title_start - len(bare.group()), bare.group(), title
    unnamed = _unnamed_body(text, title_start)
    if unnamed:
        return title_start - len(unnamed), unnamed, title
    return title_start, "", title


def _place_before(start: int, orgs: dict[int, Mention]) -> int:
    """Where a body starts, with a place written right before it that the model tagged apart
    (中国 + 光谷 of 中国光谷首席科学家): the chain goes on before the whole name."""
    while (place := orgs.get(start)) is not None and place.type == PLACE:
        start -= len(place.text)
    return start


def _unnamed_body(text: str, end: int) -> str:
    """A body's name right before ``end`` that the model missed but whose ending shows it
    (日立制作所, 东日本铁路公司): the noun phrase there, when it ends like a company or a public body.

    >>> _unnamed_body("会见东日本铁路公司社长", 9), _unnamed_body("他们表示", 4)
    ('东日本铁路公司', '')
    """
    phrase = _LEADING_VERB.sub("", text[extend_left(text, end, limit=12):end])
    if len(phrase) >= 4 and (has_company_mark(phrase) or _BODY_ENDING.search(phrase)):
        return phrase
    return ""


_LEADING_VERB = re.compile(r"^(?:监察调查|审查调查|纪律审查|会见|会晤|接见|拜会|看望|考察|调研|走访|来到|前往|陪同|参观|出席|参加|率领|带领|邀请|欢迎|"
                           r"宣布|据|由|经|获|随|让|请|向|自)+")
_BODY_ENDING = re.compile(r"(大学|学院|研究院|研究所|制作所|医院|委员会|协会|学会|联合会|基金会|银行|法院|检察院|政府|公司|集团|"
                          r"合作社|厂)$")


def _titles_after(text: str, start: int, end: int, orgs: dict[int, Mention], titles: TitleLexicon,
                  places: Places) -> list[tuple[str, str]]:
    """Roles written after the name ``text[start:end]``.

    With a body named right before the name, the titles after it are that body's
    (南开大学李靖副校长, 中远海运集团许立荣党组书记、董事长); with none, a member of it
    (南华医院感染科胡曦). With no body, one title followed by a break or a verb of speech
    (邓群策书记指出).
    """
    body = orgs.get(start)
    written = _title_run(text[end:], titles)
    if body is None and written and (unnamed := _unnamed_body(text, start)):  # 中远海运集团许立荣党组书记
        body = Mention("", 0, start - len(unnamed), start, unnamed, ORGANIZATION)
    if body is not None and body.type != PERSON:
        if written:
            org = resolve_bare(committee_of(body.text)[0] or body.text, ORGANIZATION, places)
            return [(title, org) for title in written]
        return [("", body.text)] if body.type == ORGANIZATION else []
    suffix = text[end:]
    if written and (len(suffix) == len(written[0]) or _CLAUSE_BREAK.match(suffix[len(written[0])])
                    or suffix[len(written[0])] in _AFTER_TITLE):
        return [(written[0], implied_org(written[0], "", titles, places))]
    return []


_AFTER_TITLE = "说指强表介要在和与及对就到来也都还向代主出会率讲致的"  # 邓群策书记指出, 张三委员长主持会议


def _title_run(suffix: str, titles: TitleLexicon) -> list[str]:
    """Titles at the start of ``suffix``, joined by 、 (``党组书记、董事长``).

    >>> _title_run("党组书记、董事长与会", TitleLexicon.load()), _title_run("副校长与", TitleLexicon.load())
    (['党组书记', '董事长'], ['副校长'])
    """
    run: list[str] = []
    position = 0
    while title := next((t for t in titles.titles if suffix.startswith(t, position)), ""):
        run.append(title)
        position += len(title)
        if not suffix.startswith(_LIST_SEPARATOR, position):
            break
        position += 1
    return run


_APPOINTED = re.compile(r"^(?:同志)?(?:[，,])?(?:按程序)?"
                        r"(?:被任命为|当选为|任命为|担任|出任|兼任|转任|升任|改任|当选|任)")


def _appointed(text: str, end: int, orgs: dict[int, Mention], titles: TitleLexicon, places: Places
               ) -> list[tuple[str, str]]:
    """Posts a person is appointed to, written after the name: ``邱水平任北京大学党委书记``,
    ``杨桑同志任云上贵州大数据集团党委委员、纪委书记`` (each [organization] title, joined by 、).

    >>> _appointed("王建国任湘潭大学校长、党委副书记。", 3, {8: Mention("a", 0, 4, 8, "湘潭大学", "organization")},
    ...            TitleLexicon.load(), Places())
    [('校长', '湘潭大学'), ('党委副书记', '湘潭大学')]
    """
    verb = _APPOINTED.match(text[end:])
    if verb is None:
        return []
    position, body, found = end + verb.end(), "", []
    while True:
        org = max((m for finish, m in orgs.items() if finish > position and text.startswith(m.text, position)),
                  key=lambda m: len(m.text), default=None)
        committee = ""
        if org is not None and org.type != PERSON:
            body, committee = committee_of(org.text)
            body, position = body or org.text, position + len(org.text)
        run = _title_run(text[position:], titles)
        if not run:
            return found
        title = run[0]
        found.append((committee + title, body or implied_org(title, "", titles, places)))
        position += len(title)
        if not text.startswith(_LIST_SEPARATOR, position):
            return found
        position += 1


OUR_PAPER = "本报"  # a byline's paper when nothing names it: a role's organization, never a node


def byline_roles(line: str, start: int, article_id: str, sentence: int, paper: str = OUR_PAPER
                 ) -> list[tuple[Mention, Role]]:
    """People of a reporter line, each with the title it gives them, as written.

    ``paper`` is what 本报 stands for (the masthead or the record's source, else 本报 itself).

    >>> [(m.text, r.title, r.organization) for m, r in byline_roles("■本报记者 王靖 通讯员 刘慧玲", 0, "a", 0)]
    [('王靖', '记者', '本报'), ('刘慧玲', '通讯员', '本报')]
    >>> [(m.text, r.title, r.organization) for m, r in byline_roles("潇湘晨报首席记者 李一 摄", 0, "a", 0, "潇湘晨报")]
    [('李一', '首席记者', '潇湘晨报')]
    """
    results = []
    title, org = "", paper
    offset = 0
    for word in line.split():
        position = line.index(word, offset)
        offset = position + len(word)
        word_clean = word.lstrip("■(（").rstrip(")）")
        shift = word.index(word_clean) if word_clean else 0
        match = _BYLINE_TITLE.match(word_clean)
        if match and match.group(2) == "摄":
            if results and not results[-1][1].title:  # 罗茂盟 摄: a photographer; a reporter stays one
                results[-1] = (results[-1][0], Role(results[-1][1].person, "摄影", org, article_id, sentence))
            continue
        if match:
            title = "记者" if match.group(2) == "本报记者" else match.group(2)
            named_paper = match.group(1).split("·")[0]  # 中国青年报·中青在线记者: the paper; it holds for the line
            org = named_paper if re.search(f"[{_CJK}]", named_paper) else org  # YMG全媒体记者: a desk, not a paper
            org = paper if org == OUR_PAPER else org
            continue
        name = word_clean.removesuffix("报道")  # 通讯员 钟远海报道
        if _BYLINE_NAME.match(name):
            begin = start + position + shift
            mention = Mention(article_id, sentence, begin, begin + len(name), name, PERSON, byline=True)
            results.append((mention, Role(name, title, org, article_id, sentence)))
    return results


# Newsroom credits written inside the text (极目新闻记者 张三 通讯员 李四, 责编:王五 | 审校:赵六, 编辑/孙七):
# a credit title, a space, colon or slash, then names separated by spaces.
_CREDIT_TITLES = f"{BYLINE_TITLES}|责编|审校|审核|监制|视频剪辑|剪辑|实习生"
_MEDIA = rf"[{_CJK}]{{1,10}}?(?:报|网|新闻|融媒|客户端|社|台|传媒|频道|杂志)"
_CREDIT = re.compile(rf"(?:(?<![^：:（(\s|/，。])(?P<paper>{_MEDIA}))?(?P<title>{_CREDIT_TITLES})(?:\s*[:：/]\s*|\s+)$")
_CREDIT_PAPER = re.compile(rf"(?<![^：:（(\s|/，。])(?P<paper>{_MEDIA})(?:全媒体记者|记者|通讯员)\s")  # the article's own
_CREDIT_OPEN = re.compile(rf"[（(](?P<paper>)(?P<title>{_CREDIT_TITLES})$")  # （通讯员刘丹、蔡维康）: no space needed


# Where a credit opens: the text's start, a bracket, a colon, a break or a space (【环球时报特约记者 李一】).
_CREDIT_OPENS = "：:（(【[|/，。 \u3000"
# A reporter's title after the outlet's name; an outlet with its site or app (农民日报·中国农网记者) is the first.
_AFTER_OUTLET = re.compile(r"(?:·[^\s·记]{1,8})?(?:全媒体记者|特约记者|首席记者|见习记者|记者|通讯员)")
_SOURCE_LINE = re.compile(rf"来源[：:]\s*(?P<paper>{_MEDIA})")  # 来源：安徽日报: a reprint's outlet
# The outlet's dateline: 【湘江网报道】, 湘江网长沙8月1日讯, 某某社北京7月1日电.
_DATELINE = re.compile(rf"(?:^|(?<=[【\s：:]))(?P<paper>{_MEDIA})(?![网台社]|报(?!道))(?:报道】|[{_CJK}]{{0,6}}\d{{1,2}}月\d{{1,2}}日(?:讯|电))")


def _outlet_named(sentences: list[Sentence], mentions: list[Mention]) -> str:
    """The outlet an article names as its own: in a credit that opens with it (21世纪经济报道记者,
    【环球时报特约记者, （农民日报·中国农网记者), else on its source line (来源：安徽日报); else "".

    News writes its reporters as outlet + 记者 at a credit's opening; an outlet named anywhere else
    (据新华社报道) is a source, not the article's paper.

    >>> s = Sentence("a", 0, 0, 20, "【海河时报特约记者 李一】")
    >>> _outlet_named([s], [Mention("a", 0, 1, 5, "海河时报", "organization")])
    '海河时报'
    """
    bodies: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.type != PERSON:
            bodies.setdefault(m.sentence, []).append(m)
    for sentence in sentences:
        text = sentence.text
        for m in bodies.get(sentence.index, []):
            start, end = m.start - sentence.start, m.end - sentence.start
            if (start == 0 or text[start - 1] in _CREDIT_OPENS) and _AFTER_OUTLET.match(text, end):
                return m.text
        if credit := _CREDIT_PAPER.search(text):
            return credit.group("paper")
    lines = (m for pattern in (_SOURCE_LINE, _DATELINE) for s in sentences for m in pattern.finditer(s.text))
    return next((m.group("paper") for m in lines), "")


def credit_roles(sentences: list[Sentence], mentions: list[Mention], paper: str = OUR_PAPER) -> list[Role]:
    """Roles of the newsroom credits written in an article's text: each name after a credit title
    (and the names after it, space-separated) holds that title in the paper the credit names, else
    in the paper the article's first credit names, else ``paper``.

    >>> s = Sentence("a", 0, 0, 30, "潇湘网记者 李一 王二 通讯员 张三报道")
    >>> ms = [Mention("a", 0, 6, 8, "李一", "person"), Mention("a", 0, 9, 11, "王二", "person"),
    ...       Mention("a", 0, 16, 18, "张三", "person")]
    >>> [(r.person, r.title, r.organization) for r in credit_roles([s], ms)]
    [('李一', '记者', '潇湘网'), ('王二', '记者', '潇湘网'), ('张三', '通讯员', '潇湘网')]
    """
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.type == PERSON and not m.byline:
            by_sentence.setdefault(m.sentence, []).append(m)
    roles, named_paper = [], _outlet_named(sentences, mentions)
    for sentence in sentences:
        credit, last_end = None, 0
        for person in sorted(by_sentence.get(sentence.index, []), key=lambda m: m.start):
            start, end = person.start - sentence.start, person.end - sentence.start
            gap = sentence.text[last_end:start]
            if credit is None or not re.fullmatch(r"[\s、]+", gap):
                match = _CREDIT.search(sentence.text, 0, start) or _CREDIT_OPEN.search(sentence.text, 0, start)
                credit = (match.group("title"), match.group("paper") or "") if match else None
                if credit and credit[1] and not named_paper:
                    named_paper = credit[1] if credit[1] != OUR_PAPER else ""
            if credit:
                title = "记者" if credit[0] == "本报记者" else credit[0]
                organization = credit[1] or named_paper or paper
                roles.append(Role(person.text, title, paper if organization == OUR_PAPER else organization,
                                  sentence.article_id, sentence.index))
            last_end = end
    return roles
