"""What lies in what: places in China's divisions, bodies in what their names begin with, branches in their bodies.

A place entity is located in :mod:`kg.divisions`' list by its name and aliases.
:func:`part_of` links each entity to the one it is part of: a place to the nearest of its
divisions' parents the corpus names (祁东县 -> 衡阳市 -> 湖南省); a body to the entity its name
begins with (衡阳市委宣传部 -> 衡阳市委 -> 衡阳市); a branch to the body it is a branch of
(建设银行衡阳市分行 -> 中国建设银行), which becomes an entity if the corpus names it nowhere else.
"""

from __future__ import annotations

import re

from kg.company import is_company
from kg.divisions import Division, Divisions, ends_with_unit
from kg.names import entity_id, full_name, merge_key
from kg.normalize import simplified
from kg.places import is_bare
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Entity


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
    bodies by any name of two or more characters.

    A full place name ends with its unit (湖南省, 祁东县, 青山街道, 利民村): a body named after one
    (祁东县环卫所, 衡阳市委) is part of it, while a bare stem (湖南大学, 衡阳晚报) says nothing."""
    owners: dict[str, dict[str, Entity]] = {}
    for entity in entities.values():
        if entity.type == PERSON:
            continue
        division = {located[entity.id].name} if entity.id in located else set()
        for form in entity.aliases | {entity.name} | division:
            if len(form) >= 2 and not is_bare(form, entity.type) and (entity.type != PLACE or ends_with_unit(form)):
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
