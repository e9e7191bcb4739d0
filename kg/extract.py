"""The map: one article and the model's spans in, its sentences, mentions, names and roles out.

:func:`extract` needs nothing but the article, its spans and the build's options, so it runs
alike in this process, in local workers and on Dask workers, and what it returns can be stored
and reused (:mod:`kg.store`): an article adds the same facts whatever else the corpus holds.
What needs the whole corpus (the home city a bare 市委 falls back on, which names are one
entity, weights) is the reduce's (:mod:`kg.pipeline`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import partial

from kg import ingest, roles
from kg.company import has_company_mark, has_organization_mark
from kg.mentions import Gazetteer, edges, given_name_end, person_slots, refine, stands_whole, surely_person
from kg.names import PERSON_LABELS, bare_section, majority, mention_type, valid_name
from kg.normalize import name_key
from kg.places import InView, resolve_bare, stem_of, visited
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Article, Mention, Role, Sentence, Span, Spans
from kg.role_context import fill_organizations
from kg.wordlists import known_names, word_list

# 本报讯（记者 X）, 北京10月23日电（记者 X）, 本报讯 通讯员 X报道
_LEAD_BYLINE = re.compile(r"(?:讯|日电)\s*[（(]([^）)]{2,40})[）)]|讯\s+((?:记者|通讯员)\s*[\u3400-\u9fff]{2,4})报道")


@dataclass(frozen=True)
class MapOptions:
    """What the map depends on besides the article: the same options give the same facts."""

    titles: roles.TitleLexicon
    aliases: dict[str, str]  #: the user's alias -> canonical name
    stop: frozenset[str]  #: the user's stop list
    home_city: str = ""  #: the user's --home-city ('' leaves bare words the article cannot settle to the reduce)
    gazetteer: dict[str, str] | None = None  #: names known by type (None: those kg ships)

    @property
    def left_out(self) -> frozenset[str]:
        return self.stop | frozenset(word_list("generic.txt"))


@dataclass(frozen=True)
class ArticleFacts:
    """What one article says: the map's output."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention]  #: in the order of the text
    names: list[str]  #: each mention's name, bare words completed from the article's own places
    roles: list[Role]


def extract(article: Article, sentences: list[Sentence], spans: list[Spans], options: MapOptions) -> ArticleFacts:
    """The facts of one article, from its sentences and the model's spans of each."""
    mentions, found_roles = find_mentions(sentences, spans, options.gazetteer, options.aliases, paper_of(article))
    left_out = options.left_out
    mentions = sorted((m for m in mentions if m.text not in left_out), key=lambda m: m.start)
    view = InView(mentions, options.home_city, places_visited(sentences, mentions))
    named = [(m, name) for m, name in zip(mentions, resolved_names(mentions, view)) if name not in left_out]
    mentions, names = [m for m, _ in named], [name for _, name in named]
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    subject = ""  # the person named last: a sentence opening on 历任 or 现任 is about them
    for sentence in sentences:
        here = by_sentence.get(sentence.index, [])
        found_roles += roles.find_roles(sentence, here, options.titles, partial(view.at, article.id, sentence.index),
                                        subject)
        subject = next((m.text for m in reversed(here) if m.type == PERSON and not m.byline), subject)
    credited = {r.person for r in found_roles if r.organization}  # a byline's people keep the byline's role
    credits = [r for r in roles.credit_roles(sentences, mentions, paper_of(article)) if r.person not in credited]
    crediting = {r.person for r in credits}  # (通讯员刘丹: the chain's title with no paper gives way to the credit)
    found_roles = [r for r in found_roles if r.organization or r.person not in crediting] + credits
    found_roles = fill_organizations(found_roles, mentions)
    found_roles = [r for r in dict.fromkeys(found_roles) if r.person not in options.stop
                   and r.organization not in options.stop]
    # A section its roles could not tie to a body (法律事务部 alone) names nothing of its own.
    kept = [(m, name) for m, name in zip(mentions, names) if m.type not in (ORGANIZATION, COMPANY)
            or not bare_section(name)]
    return ArticleFacts(article, sentences, [m for m, _ in kept], [name for _, name in kept], found_roles)


def find_mentions(sentences: list[Sentence], spans: list[Spans], gazetteer: dict[str, str] | None = None,
                  aliases: dict[str, str] | None = None, paper: str = roles.OUR_PAPER
                  ) -> tuple[list[Mention], list[Role]]:
    """Mentions in the sentences of one article (the model's ``spans``, mended by
    :mod:`kg.mentions`), plus the people and roles of reporter bylines. Names the model found
    elsewhere in the article, and a user alias of a known name, are found wherever they are
    written. ``paper`` is the paper 本报 stands for (see :func:`paper_of`)."""
    model_found = []
    for sentence, found in zip(sentences, spans):
        here = []
        for span_start, span_end, label in found:
            start, end = _trim(sentence.text, span_start, span_end)
            if end - start == 1 and label.upper() in PERSON_LABELS:  # 邓 of 邓群策与…: the name a break shows
                end = given_name_end(sentence.text, start)
            type_ = mention_type(label, name_key(sentence.text[start:end]))
            if type_:
                here.append(Span(start, end, type_))
        model_found.append(here)
    model_found = _run_on_people(sentences, model_found)
    # Names with their edges mended (李铁 of 李铁因涉嫌), so no run-on form is known and found again.
    mended = [[edges(sentence.text, f) for f in found] for sentence, found in zip(sentences, model_found)]
    known = _article_gazetteer(sentences, mended)
    known.update(gazetteer if gazetteer is not None else known_names())
    for alias, canonical in (aliases or {}).items():
        if canonical in known:
            known.setdefault(alias, known[canonical])
    known = Gazetteer(known)
    mentions, byline_roles = [], []
    for sentence, found in zip(sentences, model_found):
        taken: list[tuple[int, int]] = []
        for offset, part in _byline_parts(sentence):
            for mention, role in roles.byline_roles(part, sentence.start + offset, sentence.article_id,
                                                    sentence.index, paper):
                mentions.append(mention)
                if role.title:
                    byline_roles.append(role)
                taken.append((mention.start, mention.end))
        masthead = ingest.masthead_span(sentence.text) if sentence.index < 3 else None
        if masthead:  # the lead names the paper (信息时报讯): a mention of it
            mentions.append(Mention(sentence.article_id, sentence.index, sentence.start + masthead[0],
                                    sentence.start + masthead[1], sentence.text[masthead[0]:masthead[1]], ORGANIZATION))
            taken.append((sentence.start + masthead[0], sentence.start + masthead[1]))
        for item in refine(sentence.text, found, known):
            start, end = sentence.start + item.start, sentence.start + item.end
            text = name_key(sentence.text[item.start:item.end])
            if any(start < e and s < end for s, e in taken) or not valid_name(text, item.label):
                continue
            mentions.append(Mention(sentence.article_id, sentence.index, start, end, text, item.label))
    return _short_forms_typed(mentions), byline_roles


def _short_forms_typed(mentions: list[Mention]) -> list[Mention]:
    """A body written short, without the ending that tells its kind (南开 of 南开大学, 海尔 of 海尔集团),
    is of the kind of the one full name the article writes it as: the company model, reading 南开
    alone, cannot see the 大学.

    >>> found = [Mention("a", 0, 0, 4, "南开大学", ORGANIZATION), Mention("a", 1, 9, 11, "南开", COMPANY)]
    >>> [m.type for m in _short_forms_typed(found)]
    ['organization', 'organization']
    """
    bodies = {m.text: m.type for m in mentions if m.type in (ORGANIZATION, COMPANY)}

    def full_type(name: str) -> str | None:
        kinds = {type_ for full, type_ in bodies.items() if full != name and full.startswith(name)}
        return kinds.pop() if len(kinds) == 1 else None

    return [replace(m, type=kind) if m.type in (ORGANIZATION, COMPANY) and len(m.text) >= 2
            and not (has_company_mark(m.text) or has_organization_mark(m.text)) and (kind := full_type(m.text))
            else m for m in mentions]


def paper_of(article: Article) -> str:
    """The paper 本报 stands for in an article: its masthead (长沙晚报讯), else the record's ``source``
    when that is a name (not a file), else 本报 itself."""
    source = article.source
    named_source = bool(re.fullmatch(r"[\u3400-\u9fff·]{2,20}", source))
    return ingest.masthead(article.text) or (source if named_source else roles.OUR_PAPER)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without marks around it (■衡阳晚报) or a dateline's 讯 (衡阳晚报讯)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if text[start:end].endswith("报讯"):
        end -= 1
    return start, end


def _run_on_people(sentences: list[Sentence], found: list[list[Span]]) -> list[list[Span]]:
    """People's names the model ran into the word after them (周连忠先 of 周连忠先拿出, 孙苏利 of
    孙苏利用) or the word before them (者王刚 of 记者王刚), cut to the name that the article writes
    more often: news writes one person's name the same way throughout an article, so a form
    found once that is a name found more often with one to three characters more is that name.

    >>> text = "王刚说。记者王刚先拿出图纸。王刚表示"
    >>> sentences = [Sentence("a", 0, 0, len(text), text)]
    >>> [text[f.start:f.end] for f in _run_on_people(sentences, [[Span(0, 2, PERSON), Span(5, 8, PERSON),
    ...                                                         Span(14, 16, PERSON)]])[0]]
    ['王刚', '王刚', '王刚']
    """
    counts = Counter(s.text[f.start:f.end] for s, items in zip(sentences, found) for f in items if f.label == PERSON)

    def cut(text: str, item: Span) -> Span:
        name = text[item.start:item.end]
        for k in (1, 2, 3):
            if len(name) - k < 2:
                break
            if counts.get(name[:-k], 0) > counts[name]:
                return item._replace(end=item.end - k)
            if counts.get(name[k:], 0) > counts[name]:
                return item._replace(start=item.start + k)
        return item

    return [[cut(s.text, f) if f.label == PERSON else f for f in items] for s, items in zip(sentences, found)]


def _article_gazetteer(sentences: list[Sentence], found: list[Spans]) -> dict[str, str]:
    """Names the model found somewhere in the article, long enough to be unambiguous, by majority type;
    a name the text shows to be a person's (俄总统普京, 免去X的…职务:
    :func:`kg.mentions.surely_person`) is a person wherever the article writes it, however short:
    that is stronger evidence than the types the model gave its other mentions."""
    votes: dict[str, list[str]] = {}
    shown_people = set()
    for sentence, items in zip(sentences, found):
        slots = person_slots(sentence.text) if items else []
        for item in items:
            name = sentence.text[item.start:item.end]
            votes.setdefault(name, []).append(item.label)
            if surely_person(sentence.text, item, slots):
                shown_people.add(name)
    minimum = {PERSON: 3, PLACE: 3, ORGANIZATION: 4, COMPANY: 4}
    chosen = {}
    for name, types in votes.items():
        type_ = majority(types)
        if name in shown_people and len(name) >= 2:
            chosen[name] = PERSON
        elif len(name) >= minimum[type_] and not re.search(r"\s", name):
            chosen[name] = type_
    for name, type_ in list(chosen.items()):  # 临颍县 found: 临颍 written alone is that county
        stem = name[:-1]
        if type_ == PLACE and name.endswith(("县", "市")) and len(stem) >= 2 and stem not in chosen:
            chosen[stem] = PLACE
    people = {name for name, type_ in chosen.items() if type_ == PERSON}
    # Only bodies the mending rules leave whole (not 中国家电企业海尔集团), none starting with a
    # person's name (慕新海代表市委).
    return {name: type_ for name, type_ in chosen.items()
            if type_ == PERSON or (stands_whole(name, type_) and not any(name[:k] in people for k in (2, 3, 4)))}


def _byline_parts(sentence: Sentence) -> list[tuple[int, str]]:
    if ingest.is_byline(sentence.text):
        return [(0, sentence.text)]
    match = _LEAD_BYLINE.search(sentence.text[:60])
    group = 1 if match and match.group(1) else 2
    return [(match.start(group), match.group(group))] if match else []


def places_visited(sentences: list[Sentence], mentions: list[Mention]) -> frozenset[str]:
    """The places each article names as where someone went (赴常宁市), as ``article_id/stem``
    (see :class:`kg.places.InView`)."""
    by_index = {s.index: s for s in sentences}
    return frozenset(f"{m.article_id}/{stem_of(m.text)}" for m in mentions if m.type == PLACE and m.sentence in by_index
                     and visited(by_index[m.sentence].text, m.start - by_index[m.sentence].start))


def resolved_names(mentions: list[Mention], view: InView) -> list[str]:
    """Each mention's name with bare organization words completed from the places in view (市委 -> 长沙市委)."""
    return [resolve_bare(m.text, m.type, view.at(m.article_id, m.sentence, m.start)) for m in mentions]
