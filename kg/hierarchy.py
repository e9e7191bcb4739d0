"""What lies in what: China's divisions with their codes and parents, and the bodies whose names
show what they are part of.

The list (``kg/data/divisions.tsv``: code, name, short form, parent code) is jionlp 1.5.31's
``china_location`` (Apache-2.0), cut to the three levels with codes; :func:`from_jionlp` makes
it again. A place entity is located by its name and aliases: a full name (祁东县) before a short
form (祁东); a short form shared by two levels names the higher one (衡阳 is 衡阳市, not 衡阳县,
which news writes in full); two places of one name (朝阳区 in 北京 and in 长春) are told apart by
the other places the corpus names, and left unlocated when nothing tells them apart.

:func:`part_of` links each entity to the one it is part of: a place to the nearest of its
divisions' parents the corpus names (祁东县 -> 衡阳市 -> 湖南省); a body to the entity its name
begins with (衡阳市委宣传部 -> 衡阳市委 -> 衡阳市); a branch to the body it is a branch of
(建设银行衡阳市分行 -> 中国建设银行), which becomes an entity if the corpus names it nowhere else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.entities import entity_id, full_name, is_bare, is_company, merge_key
from kg.normalize import simplified
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Entity

FILE = Path(__file__).parent / "data" / "divisions.tsv"


@dataclass(frozen=True)
class Division:
    code: str  #: the 6-digit administrative code
    name: str  #: full name: 祁东县
    short: str  #: short form: 祁东
    parent: str  #: the parent's code; "" for a province
    level: int  #: 0 province, 1 city, 2 county


class Divisions:
    """The divisions, looked up by name or short form."""

    def __init__(self, rows: Iterable[Division]) -> None:
        self.by_code = {d.code: d for d in rows}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for division in self.by_code.values():
            self.by_name.setdefault(division.name, []).append(division)
            if division.short and division.short != division.name:
                self.by_short.setdefault(division.short, []).append(division)
        #: short forms of the provincial and prefectural cities: 北京, 衡阳 (not 耒阳, a county's city)
        self.city_stems = frozenset(d.short for d in self.by_code.values()
                                    if d.level <= 1 and d.name.endswith("市") and d.short)

    @classmethod
    @functools.cache
    def shipped(cls) -> Divisions:
        return cls.read(FILE)

    @classmethod
    def read(cls, path: Path) -> Divisions:
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            code, name, short, parent, level = line.split("\t")
            rows.append(Division(code, name, short, parent, int(level)))
        return cls(rows)

    def chain(self, division: Division) -> list[Division]:
        """The division and its parents, itself first."""
        chain = [division]
        while chain[-1].parent in self.by_code and len(chain) < 4:
            chain.append(self.by_code[chain[-1].parent])
        return chain

    def locate(self, forms: Iterable[str], context: set[str] = frozenset()) -> Division | None:
        """The division that ``forms`` (a place's name and aliases) name, or None.

        >>> d = Divisions.shipped()
        >>> d.locate(["衡阳"]).name, d.locate(["祁东县"]).code, d.locate(["衡陽市"]).code
        ('衡阳市', '430426', '430400')
        >>> d.locate(["朝阳区"]) is None, d.locate(["朝阳区"], {"北京市"}).code, d.locate(["朝阳区"], {"长春"}).code
        (True, '110105', '220104')
        """
        forms = {simplified(form) for form in forms}  # 衡陽 is 衡阳: the list is in simplified characters
        for table in (self.by_name, self.by_short):
            candidates = {d.code: d for form in forms for d in table.get(form, [])}
            if not candidates:
                continue
            if table is self.by_short:  # a short form names the highest level that has it
                top = min(d.level for d in candidates.values())
                candidates = {c: d for c, d in candidates.items() if d.level == top}
            if len(candidates) == 1:
                return next(iter(candidates.values()))
            named = {c: sum(a.name in context or a.short in context for a in self.chain(d)[1:])
                     for c, d in candidates.items()}
            best = max(named.values())
            winners = [c for c, n in named.items() if n == best]
            return candidates[winners[0]] if best and len(winners) == 1 else None
        return None

    def describe(self, division: Division) -> dict[str, str]:
        """``code``, ``province`` and ``city`` of a division (``city`` empty above city level)."""
        chain = self.chain(division)[::-1]  # province first
        return {"code": division.code, "province": chain[0].name,
                "city": next((d.name for d in chain if d.level == 1), "")}


def from_jionlp() -> list[Division]:
    """The divisions from jionlp's ``china_location.zip`` (the ``train`` extra installs jionlp)."""
    from kg.lexicon import china_location

    rows: dict[str, Division] = {}
    parents: list[str] = []
    for level, fields in china_location():
        if level > 2 or len(fields) < 3:
            continue
        name, code, short = fields[0], fields[1], fields[2]
        del parents[level:]
        parent = next((p for p in reversed(parents) if p != code), "")
        parents.append(code)
        if code not in rows:  # a municipality is listed as province and as city under one code
            rows[code] = Division(code, name, short, parent, level)
    return list(rows.values())


def write(rows: list[Division], path: Path = FILE) -> None:
    lines = ["code\tname\tshort\tparent\tlevel"] + [f"{d.code}\t{d.name}\t{d.short}\t{d.parent}\t{d.level}"
                                                    for d in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def locate_places(entities: dict[str, Entity], divisions: Divisions | None = None) -> dict[str, Division]:
    """The division of each place entity the list holds; the corpus's other place names tell
    look-alikes apart (朝阳区 of 北京 or of 长春)."""
    divisions = divisions or Divisions.shipped()
    places = [e for e in entities.values() if e.type == PLACE]
    context = {simplified(name) for e in places for name in e.aliases | {e.name}}
    located = {}
    for place in places:
        own = {simplified(name) for name in place.aliases | {place.name}}
        division = divisions.locate(own, context - own)
        if division is not None:
            located[place.id] = division
    return located


# A full place name ends with its unit (湖南省, 祁东县, 青山街道, 利民村): a body named after one
# (祁东县环卫所, 衡阳市委) is part of it, while a bare stem (湖南大学, 衡阳晚报) says nothing.
_UNIT = re.compile(r"(省|市|县|区|州|盟|旗|镇|乡|村|街道|社区)$")
# What a name adds to another's when both name one body, not a whole and its part.
_SAME_BODY = re.compile(r"^(股份|控股)?(有限|有限责任)?公司$|^(控股)?集团(股份)?(有限公司)?$|^(股份|控股)$")
_BRANCH = re.compile(r"(分行|支行|分公司|分局|分院|分校|分社|营业部)$")
_ZONE = re.compile(r"((经济技术|高新技术)?开发区|高新区|经开区|新区)$")  # 乌鲁木齐开发区支行


def part_of(entities: dict[str, Entity], located: dict[str, Division],
            divisions: Divisions | None = None) -> tuple[dict[str, tuple[str, str]], dict[str, Entity]]:
    """What each entity is part of, with the evidence: ``{part id: (whole id, evidence)}``, and
    the wholes that only a branch's name gives (``{id: Entity}``, no mentions of their own).

    >>> from kg.records import Entity
    >>> es = {i: Entity(i, i.split(":")[1], i.split(":")[0], aliases={i.split(":")[1]}) for i in
    ...       ["place:湖南省", "place:祁东县", "organization:衡阳市委", "organization:衡阳市委宣传部",
    ...        "place:衡阳市", "company:建设银行衡阳市分行"]}
    >>> links, implied = part_of(es, locate_places(es))
    >>> {part.split(":")[1]: whole.split(":")[1] for part, (whole, _) in links.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'祁东县': '衡阳市', '衡阳市': '湖南省', '建设银行衡阳市分行': '中国建设银行', '衡阳市委': '衡阳市',
     '衡阳市委宣传部': '衡阳市委'}
    >>> list(implied)
    ['company:中国建设银行']
    """
    divisions = divisions or Divisions.shipped()
    links: dict[str, tuple[str, str]] = {}
    by_code: dict[str, str] = {}
    for entity_id_, division in sorted(located.items(), key=lambda item: -entities[item[0]].mentions):
        by_code.setdefault(division.code, entity_id_)
    for part, division in located.items():
        whole = next((by_code[d.code] for d in divisions.chain(division)[1:] if d.code in by_code), None)
        if whole:
            why = f"divisions list: {division.name} ({division.code}) lies in {entities[whole].name} ({located[whole].code})"
            links[part] = (whole, why)
    bodies = {merge_key(e.name, e.type): e.id for e in entities.values() if e.type in (ORGANIZATION, COMPANY)}
    forms = _whole_forms(entities, located)
    implied: dict[str, Entity] = {}
    for entity in sorted(entities.values(), key=lambda e: e.id):
        if entity.type == PERSON or entity.id in links or (entity.type == PLACE and entity.id in located):
            continue
        found = _named_whole(entity, forms)
        if found is None and entity.type != PLACE and _BRANCH.search(entity.name):
            head = _branch_of(entity.name, divisions, forms)
            if head:
                name = full_name(head)
                whole = bodies.get(merge_key(name, COMPANY))
                if whole is None:
                    type_ = COMPANY if is_company(name) else ORGANIZATION
                    whole = entity_id(type_, name)
                    implied.setdefault(whole, Entity(whole, name, type_, aliases={name, head}))
                found = (whole, f"name: {entity.name} is a branch ({_BRANCH.search(entity.name).group()}) of {head}")
        if found:
            links[entity.id] = found
    return links, implied


def _whole_forms(entities: dict[str, Entity], located: dict[str, Division]) -> dict[str, Entity]:
    """Names and unambiguous aliases that a part's name may begin with, and their entities:
    places by their full names only (a located place also by its division's: 湖南 by 湖南省),
    bodies by any name of two or more characters."""
    owners: dict[str, dict[str, Entity]] = {}
    for entity in entities.values():
        if entity.type == PERSON:
            continue
        division = {located[entity.id].name} if entity.id in located else set()
        for form in entity.aliases | {entity.name} | division:
            if len(form) >= 2 and not is_bare(form, entity.type) and (entity.type != PLACE or _UNIT.search(form)):
                owners.setdefault(form, {})[entity.id] = entity
    return {form: next(iter(ids.values())) for form, ids in owners.items() if len(ids) == 1}


def _named_whole(entity: Entity, forms: dict[str, Entity]) -> tuple[str, str] | None:
    """The entity ``entity``'s name begins with, the longest first: a place for a place, anything
    but a person for a body; what the name adds must name a part (not 有限公司)."""
    name = entity.name
    for base in dict.fromkeys((name, name.removeprefix("中国共产党"), name.removeprefix("中共"))):
        for end in range(len(base) - 1, 1, -1):
            whole, rest = forms.get(base[:end]), base[end:]
            if whole is None or whole.id == entity.id or _SAME_BODY.match(rest):
                continue
            if whole.type == PLACE or (entity.type != PLACE and len(rest) >= 2):
                return whole.id, f"name: {name} begins with {base[:end]}"
    return None


def _branch_of(name: str, divisions: Divisions, forms: dict[str, Entity]) -> str | None:
    """The body a branch belongs to, from its name: 建设银行衡阳市分行 -> 建设银行 (the places and
    zones before the branch word taken off), or None."""
    rest = _BRANCH.sub("", name)
    places = 0
    while True:
        zone = _ZONE.search(rest)
        if zone:
            rest = rest[:zone.start()]
            continue
        end = next((k for k in range(min(len(rest) - 2, 8), 1, -1) if _is_place(rest[-k:], divisions, forms)), 0)
        if not end:
            break
        rest, places = rest[:-end], places + 1
    return rest if places and len(rest) >= 2 else None


def _is_place(text: str, divisions: Divisions, forms: dict[str, Entity]) -> bool:
    return text in divisions.by_name or text in divisions.by_short or getattr(forms.get(text), "type", "") == PLACE
