"""Roles: who holds which title in which organization, read from the patterns of news text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.entities import lexicon, resolve_bare
from kg.ingest.files import read_option_file
from kg.records import ORGANIZATION, PERSON, Mention, Role, Sentence

_CJK = "\u3400-\u9fff"
# What may stand between titles of one person (市委书记、市人大常委会主任) or people of one list.
_LIST_SEPARATOR = "、"
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?“”（）()\s《》—]")
_BYLINE_NAME = re.compile(rf"^[{_CJK}]{{2,4}}$")
_BYLINE_TITLE = re.compile(r"^(.*?)(全媒体记者|见习记者|特约记者|记者|通讯员|摄影|摄)$")


@dataclass(frozen=True)
class TitleLexicon:
    """Titles (longest first) and the organization each implies when none is written."""

    titles: tuple[str, ...]
    implied: dict[str, str]

    @classmethod
    def load(cls, extra: Path | None = None) -> TitleLexicon:
        lines = list(lexicon("titles.txt"))
        if extra:
            lines += [line.strip() for line in read_option_file(extra).splitlines()
                      if line.strip() and not line.startswith("#")]
        implied = dict(line.split("=", 1) for line in lines if "=" in line)
        titles = sorted({line.split("=", 1)[0] for line in lines}, key=len, reverse=True)
        return cls(tuple(titles), implied)

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


def find_roles(sentence: Sentence, mentions: list[Mention], titles: TitleLexicon, home_city: str,
               county: str = "") -> list[Role]:
    """Roles stated in one sentence, given its mentions (offsets into the article).

    >>> from kg.records import Sentence, Mention
    >>> s = Sentence("a", 0, 10, 25, "市委副书记、市长朱健会见侯锋。")
    >>> [(r.person, r.title, r.organization) for r in find_roles(s, [Mention("a", 0, 18, 20, "朱健", "person")],
    ...                                                          TitleLexicon.load(), "衡阳")]
    [('朱健', '副书记', '衡阳市委'), ('朱健', '市长', '衡阳市政府')]
    """
    text = sentence.text
    local = [(m.start - sentence.start, m.end - sentence.start, m) for m in mentions]
    orgs = {end: m for start, end, m in local if m.type != PERSON}  # organizations by where they end
    roles: list[Role] = []
    previous_roles: list[tuple[str, str]] = []
    previous_end = None
    listed: list[str] = []
    for start, end, person in sorted((x for x in local if x[2].type == PERSON), key=lambda x: x[0]):
        if previous_end is not None and text[previous_end:start] == _LIST_SEPARATOR:
            found = previous_roles  # 市领导刘光跃、段志刚: the list shares the title
        else:
            found = _titles_before(text, start, orgs, titles, home_city, county)
            after = _title_after(text[end:], titles)
            if after and not found:
                found = [(after, _implied_org(after, "", titles, home_city, county))]
            if not found and start in orgs and orgs[start].type == ORGANIZATION:
                found = [("", orgs[start].text)]  # 南华医院感染科胡曦: a member, no title
        roles += [Role(person.text, title, org, sentence.article_id, sentence.index) for title, org in found]
        listed = listed + [person.text] if previous_end is not None and text[previous_end:start] == _LIST_SEPARATOR \
            else [person.text]
        previous_roles, previous_end = found, end
        trailing = _title_after_list(text[end:], titles)
        if trailing:  # 朱健、赖馨正、胡绪阳等中心组成员: the list's title comes after it
            org_part, title = trailing
            org = _implied_org(title, org_part, titles, home_city, county)
            roles += [Role(name, title, org, sentence.article_id, sentence.index) for name in listed]
    return roles


def _title_after_list(suffix: str, titles: TitleLexicon) -> tuple[str, str] | None:
    """``等中心组成员``: (organization part, title) of a list ended by 等 and a title."""
    match = re.match(r"^等([\u3400-\u9fff]{1,12}?)(?=[，。；、,;]|$|出席|参加)", suffix)
    return titles.split(match.group(1)) if match else None


def _titles_before(text: str, position: int, orgs: dict[int, Mention], titles: TitleLexicon, home_city: str,
                   county: str) -> list[tuple[str, str]]:
    """Titles chained right before a name: ``市委书记、市人大常委会主任`` gives two.

    Walks back phrase by phrase (split by 、); each phrase is [organization] title, where the
    organization is a mention ending at the title or a bare word such as 市委. A phrase with
    anything else in front ends the chain.
    """
    found: list[tuple[str, str]] = []
    end = position
    while True:
        split = _phrase_before(text, end, orgs, titles)
        if split is None:
            break
        org_start, org, title = split
        found.insert(0, (title, _implied_org(title, org, titles, home_city, county)))
        if org_start == 0 or text[org_start - 1] != _LIST_SEPARATOR:
            break
        end = org_start - 1
    return found


_BARE_ORG = re.compile(r"(?:省|市|县|区|镇|乡)(?:委|政府|人大常委会|人大|政协|纪委|监委|总工会|委组织部|委宣传部)$")


def _phrase_before(text: str, end: int, orgs: dict[int, Mention], titles: TitleLexicon
                   ) -> tuple[int, str, str] | None:
    """``(start, organization, title)`` of the [organization] title phrase ending at ``end``."""
    split = titles.split(text[max(0, end - 8):end])
    if split is None:
        return None
    title = split[1]
    title_start = end - len(title)
    mention = orgs.get(title_start)
    if mention is not None:
        return title_start - len(mention.text), mention.text, title
    bare = _BARE_ORG.search(text[max(0, title_start - 8):title_start])
    if bare:
        return title_start - len(bare.group()), bare.group(), title
    return title_start, "", title


def _title_after(suffix: str, titles: TitleLexicon) -> str:
    """``邓群策书记``: a title right after the name, followed by a break."""
    for title in titles.titles:
        if suffix.startswith(title) and (len(suffix) == len(title) or _CLAUSE_BREAK.match(suffix[len(title)])
                                         or suffix[len(title)] in "说指强表介要在"):
            return title
    return ""


def _implied_org(title: str, org_part: str, titles: TitleLexicon, home_city: str, county: str) -> str:
    org = org_part or titles.implied.get(title, "")
    if org in ("市", "县"):
        return (home_city + "市" if home_city else "") if org == "市" else county
    return resolve_bare(org, ORGANIZATION, home_city, county) if org else ""


def byline_roles(line: str, start: int, article_id: str, sentence: int, paper: str = "本报") -> list[tuple[Mention, Role]]:
    """People of a reporter line, each with the title it gives them.

    >>> [(m.text, r.title, r.organization) for m, r in byline_roles("■本报记者 王靖 通讯员 刘慧玲", 0, "a", 0)]
    [('王靖', '记者', '本报'), ('刘慧玲', '通讯员', '本报')]
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
        if match:
            title = "记者" if match.group(2) in ("全媒体记者", "见习记者", "特约记者", "摄影") else match.group(2)
            title = "摄影" if match.group(2) == "摄" else title
            org = match.group(1) or paper
            if match.group(2) == "摄" and results:
                results[-1] = (results[-1][0], Role(results[-1][1].person, "摄影", results[-1][1].organization,
                                                    article_id, sentence))
            continue
        if _BYLINE_NAME.match(word_clean):
            begin = start + position + shift
            mention = Mention(article_id, sentence, begin, begin + len(word_clean), word_clean, PERSON)
            results.append((mention, Role(word_clean, title, org, article_id, sentence)))
    return results
