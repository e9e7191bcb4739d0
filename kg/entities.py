"""Merging surface forms into entities: which names, written which ways, are one real-world entity."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import NamedTuple

from kg.company import has_company_mark, has_organization_mark
from kg.divisions import Divisions, split_unit, without_unit
from kg.names import entity_id, foreign_original, full_name, merge_key, shortened, without_legal_form
from kg.places import UNRESOLVED, is_bare
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Entity, Mention
from kg.wordlists import abbreviations, surnames, word_list


class NameUses(NamedTuple):
    """How one name is used as one type across the corpus: what merging counts."""

    name: str  #: the name (bare words completed, the user's alias applied)
    type: str  #: the mentions' type
    count: int  #: the mentions
    texts: list[str]  #: the surface forms, each once
    articles: list[str]  #: the articles naming it, each once


def build_entities(mentions: list[Mention], names: list[str], user_aliases: dict[str, str] | None = None
                   ) -> tuple[dict[str, Entity], list[str]]:
    """Merges mentions into entities; returns them by id and each mention's entity id.

    ``names`` are the mentions' names with bare words resolved (市委 -> 衡阳市委); both they
    and the surface forms become aliases. ``user_aliases`` (alias -> canonical) come first.
    See :func:`merge_entities`, which does the work from counts.
    """
    user_aliases = user_aliases or {}
    names = [user_aliases.get(name, name) for name in names]
    uses: dict[tuple[str, str], tuple[list[int], dict[str, None], dict[str, None]]] = {}  # in the order first named
    for m, name in zip(mentions, names):
        count, texts, articles = uses.setdefault((name, m.type), ([0], {}, {}))
        count[0] += 1
        texts[m.text] = articles[m.article_id] = None
    entities, entity_of = merge_entities([NameUses(name, type_, count[0], list(texts), list(articles))
                                          for (name, type_), (count, texts, articles) in uses.items()], user_aliases)
    return entities, [entity_of[(name, m.type)] for m, name in zip(mentions, names)]


def merge_entities(uses: list[NameUses], user_aliases: dict[str, str] | None = None
                   ) -> tuple[dict[str, Entity], dict[tuple[str, str], str]]:
    """Entities by id from how each name is used (``uses``, in the order first named), and the
    entity of each (name, type).

    The canonical name is the longest form (a full name a short one stands for included); the
    type is the most common one, with company winning over organization whenever any form shows
    company evidence.
    """
    user_aliases = user_aliases or {}
    groups: dict[tuple[str, str], list[NameUses]] = defaultdict(list)
    for use in uses:
        groups[merge_key(use.name, use.type)].append(use)
    _merge_bare_places(groups)
    _merge_truncated(groups)
    _merge_short_forms(groups)
    _merge_one_name(groups)
    entities: dict[str, Entity] = {}
    entity_of: dict[tuple[str, str], str] = {}
    for group in groups.values():
        forms: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for use in group:
            forms[use.name] += use.count
            types[use.type] += use.count
        full_forms = {abbreviations()[f]: 0 for f in forms if len(f) == 1 and f in abbreviations()}
        full_forms.update({full_name(f): 0 for f in forms if full_name(f) != f})  # 建设银行 is 中国建设银行
        name = canonical_name({**full_forms, **forms})
        type_ = group_type(name, types)
        aliases = set(forms).union(*(use.texts for use in group))
        entity = Entity(entity_id(type_, name), name, type_, aliases=aliases, mentions=sum(types.values()),
                        articles=set().union(*(use.articles for use in group)),
                        merges={alias: merge_reason(alias, name, user_aliases) for alias in sorted(aliases - {name})})
        if is_bare(name, type_):  # 市委 with no place in view: kept as written, and said so
            entity.merges[name] = UNRESOLVED
        entities[entity.id] = entity
        entity_of.update(((use.name, use.type), entity.id) for use in group)
    return entities, entity_of


_LEVEL = {"省": 3, "市": 2, "自治州": 2}  # above counties and districts


def _merge_bare_places(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """衡阳 joins 衡阳市: a bare place name joins the most named place that adds a suffix to it.

    衡阳市 and 衡阳县 stay apart; a bare 衡阳 is the higher of them (news writes a county in full,
    a city bare), else whichever is named more.
    """
    suffixed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, name in groups:
        split = split_unit(name)
        if kind == PLACE and split:
            suffixed[split[0]].append((kind, name))
    for stem, keys in suffixed.items():
        keys = [key for key in keys if key in groups]  # 北京市 may have joined 北京市区 already
        if keys and (PLACE, stem) in groups:
            target = max(keys, key=lambda key: (_LEVEL.get(split_unit(key[1])[1], 0),
                                                sum(use.count for use in groups[key]), key))
            groups[target] += groups.pop((PLACE, stem))


def _merge_truncated(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """An organization name one character short of another in the same article is that one, cut:
    衡阳市委理论学习中心 joins 衡阳市委理论学习中心组 (the articles in id order, the longest names first)."""
    names = {name for kind, name in groups if kind == "org"}
    longer = {name for name in names if len(name) > 4 and name[:-1] in names}  # and 4 characters or more cut
    by_article: dict[str, set[str]] = defaultdict(set)  # the names of such pairs each article has
    for name in longer | {name[:-1] for name in longer}:
        for use in groups[("org", name)]:
            for article in use.articles:
                by_article[article].add(name)
    for article in sorted(by_article):
        cut: dict[str, list[str]] = defaultdict(list)  # by the name each is one character longer than
        for name in by_article[article]:
            cut[name[:-1]].append(name)
        for name in sorted(by_article[article], key=lambda name: (-len(name), name)):
            whole = cut.get(name, ())
            if len(whole) == 1 and ("org", name) in groups and ("org", whole[0]) in groups:
                groups[("org", whole[0])] += groups.pop(("org", name))


def _merge_short_forms(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """A body's short form (:func:`short_forms`) joins its full name when the corpus writes both and
    no other full name shares that short form (南大 could be 南京大学 or 南开大学: left apart); a
    place written more often than the body is the place (the country 日本, not 日本大学 in short)."""
    full_of: dict[str, list[str]] = defaultdict(list)
    for kind, name in list(groups):
        if kind == "org":
            for short in dict.fromkeys(short_forms(name)):
                full_of[short].append(name)
        for use in groups.get((kind, name), []) if kind == "org" else []:
            foreign = foreign_original(use.name)  # 美泰（Maytag）: Maytag written alone is 美泰 too
            if foreign:
                full_of[foreign] += [name] if name not in full_of[foreign] else []
    written = lambda key: sum(use.count for use in groups[key])
    for short, names in full_of.items():
        if len(names) == 1 and short != names[0] and ("org", names[0]) in groups:
            for kind in ("org", PERSON, PLACE):
                if (kind, short) in groups and (kind != PLACE or written((kind, short)) <= written(("org", names[0]))):
                    groups[("org", names[0])] += groups.pop((kind, short))


def short_forms(name: str) -> list[str]:
    """The short forms news writes for a body's full name, where the corpus also writes the full one:
    a university without 大学 (清华), its city's first character and 大 (北大), X师大 for
    X师范大学; a firm without 集团 or its trade (海尔 for 海尔集团, 华为 for 华为技术, the legal
    form already gone); a national body without 中国 or 中共 (足协 for 中国足协).

    >>> short_forms("北京大学"), short_forms("云南师范大学"), short_forms("华为技术"), short_forms("中国足协")
    (['北大'], ['云南师范', '云南师大'], ['华为'], ['足协'])
    """
    forms = []
    if name.endswith("大学") and len(name) >= 4:
        stem = name[:-2]
        forms += [stem, stem[0] + "大"] if len(stem) == 2 else [stem]
        if stem.endswith("师范"):
            forms.append(stem[:-2] + "师大")
    trade = _TRADE.search(name)
    if trade and trade.group() and trade.start() >= 2:
        forms.append(name[:trade.start()])
    if name.startswith(("中国", "中共")) and len(name) >= 4:
        forms.append(name[2:])
    return [form for form in forms if len(form) >= 2 and form not in word_list("generic.txt")
            and not Divisions.shipped().is_named(form)]


# What follows a firm's own name in its full one (the legal form already left out): 华为 + 技术, 海尔 + 集团.
_TRADE = re.compile(r"(?:技术|科技|控股|实业|电器|电子|网络|信息|软件|汽车|食品|股份)*(?:集团|股份)?$")


def _merge_one_name(groups: dict[tuple[str, str], list[NameUses]]) -> None:
    """One name written as a person in one place and a place or a body in another (石磊, 曼城) is
    one entity: its uses join the kind it is written as most, a tie going to a person when the name
    starts with a surname, else to a body."""
    kinds: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, name in groups:
        kinds[name].append((kind, name))
    for name, keys in kinds.items():
        if len(keys) < 2:
            continue
        count = lambda key: sum(use.count for use in groups[key])
        person_shaped = name[0] in surnames() and 2 <= len(name) <= 3
        rank = {PERSON: 2 if person_shaped else 0, "org": 1, PLACE: 0}
        target = max(keys, key=lambda key: (count(key), rank[key[0]]))
        for key in keys:
            if key != target:
                groups[target] += groups.pop(key)


def group_type(name: str, types: Counter[str]) -> str:
    """The type of an entity from its forms' types: company whenever any form shows company
    evidence, but for a name a public body's ending marks (北京大学, though 北大 read as a firm);
    else the most common.

    >>> group_type("湘江大学", Counter(company=2, organization=1)), group_type("湘江集团", Counter(company=1, organization=3))
    ('organization', 'company')
    """
    if types[COMPANY]:
        return COMPANY if has_company_mark(name) or not has_organization_mark(name) else ORGANIZATION
    return types.most_common(1)[0][0]


_WHOLE = re.compile(r"(大|大学|学院)$")  # a school's name ends here: 北大 + 校, 北京大学 + 生 run on


def canonical_name(forms: dict[str, int]) -> str:
    """The name an entity goes by: its longest form, but never a fragment of another form, that
    is a form one character longer than a whole name and named less often (西南联大校, cut from
    西南联大校友, is 西南联大 run on; 衡阳市 is no run-on 衡阳, which ends no body's name).

    >>> canonical_name({"衡阳": 3, "衡阳市": 2}), canonical_name({"西南联大": 5, "西南联大校": 1})
    ('衡阳市', '西南联大')
    """
    run_on = {f for f, n in forms.items() if len(f) > 2 and forms.get(f[:-1], 0) > n and _WHOLE.search(f[:-1])}
    return max(((f, n) for f, n in forms.items() if f not in run_on),
               key=lambda item: (len(item[0]), item[1], item[0]))[0]


def merge_reason(alias: str, name: str, user_aliases: dict[str, str]) -> str:
    """Why ``alias`` was merged into ``name``: the evidence kept for every merge.

    >>> merge_reason("衡阳", "衡阳市", {}), merge_reason("市委", "衡阳市委", {})
    ('the place name without its administrative suffix', 'a bare organization word completed from context')
    """
    if user_aliases.get(alias) == name:
        return "user alias file"
    if abbreviations().get(alias) == name:
        return "single-character abbreviation (abbreviations.txt)"
    if full_name(alias) == name:
        return "a national body's short name (short_names.txt)"
    if without_unit(alias) == without_unit(name):
        return "the place name without its administrative suffix"
    if without_legal_form(alias) == without_legal_form(name):
        return "the same name without its legal form (有限公司…)"
    if shortened(name) == alias:
        return "the short form of the name (人民政府 -> 政府, 委员会 -> 委)"
    if name.endswith(alias):
        return "a bare organization word completed from context"
    if name.startswith(alias) and len(name) == len(alias) + 1:
        return "the name one character short, in the same article"
    if alias in short_forms(without_legal_form(name)) or foreign_original(name):
        return "a short form of the full name (北大, 海尔, 足协) or its foreign original"
    return "surface form of the same name"
