"""The records that flow through kg, and the column names of the tables it writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

PERSON, ORGANIZATION, PLACE, COMPANY = "person", "organization", "place", "company"
ENTITY_TYPES = (PERSON, ORGANIZATION, PLACE, COMPANY)

# Public contract: users and other tools read these tables by these column names.
ENTITY_COLUMNS = ["id", "name", "type", "aliases", "titles", "mentions", "articles", "first_seen", "last_seen",
                  "code", "province", "city",  # a place's division (kg.hierarchy), else ''
                  "part_of"]  # the id of the entity it is part of (祁东县 -> 衡阳市, 市委宣传部 -> 市委), else ''
PART_OF = "part_of"  #: the relation kind of a part and its whole: never a co-occurrence, never weighted
ANALYTICS_COLUMNS = ["degree", "importance", "betweenness", "community", "core"]  # see kg.graph.analyze
MENTION_COLUMNS = ["article_id", "sentence", "start", "end", "text", "type", "entity_id"]
RELATION_COLUMNS = ["source", "target", "kind", "weight", "sentences", "articles", "titles", "evidence",
                    "article_ids", "first_seen", "last_seen"]
ROLE_COLUMNS = ["person", "title", "organization", "article_id", "sentence", "person_id", "organization_id",
                "organization_type", "date",  # the ids are entities.csv's; type '' where the organization is no node (本报)
                "status", "appointed"]  # current or former (原校长, 曾任, 免去…职务); given by an appointment (任命X为Y)
ROLE_SUMMARY_COLUMNS = ["person_id", "person", "title", "organization_id", "organization", "status", "appointed",
                        "count", "first_seen", "last_seen", "articles"]  # one row per (person, title, organization, status)
CURRENT, FORMER = "current", "former"  #: a role's status: held now, or a past post
ARTICLE_COLUMNS = ["id", "source", "title", "date", "chars", "url", "duplicate_of"]
MERGE_COLUMNS = ["entity_id", "alias", "evidence"]
TABLES = ("entities", "mentions", "relations", "roles", "roles_summary", "articles", "merges")  #: written as NAME.csv
OUTPUT_FILES = frozenset({*(f"{name}.csv" for name in TABLES), "graph.graphml", "graph.gexf", "graph.html",
                          "report.json"})  #: every file a build writes anew
STORE_FILE = "kg.duckdb"  #: the store a build without --store writes beside its outputs (kg.store)
KG_FILES = OUTPUT_FILES | {STORE_FILE, f"{STORE_FILE}.wal"}  #: what kg never reads back as input


@dataclass(frozen=True)
class Article:
    """One news article."""

    id: str  #: stable id: ``page-stem#n`` for pages, the record's ``id`` for JSONL/CSV
    text: str  #: the cleaned text every offset points into
    source: str  #: the file it came from (or the record's ``source``)
    title: str = ""  #: headline, when known
    date: str = ""  #: publication date as given
    url: str = ""  #: link to the original, when given
    duplicate_of: str = ""  #: the id of the earlier article this one copies (then it counts for nothing)
    copies: tuple[str, ...] = ()  #: the sources of the later articles that copy this one


@dataclass(frozen=True)
class Sentence:
    """A sentence (or headline line) of an article."""

    article_id: str  #: the article it belongs to
    index: int  #: its position in the article, from 0
    start: int  #: offset of its first character in the article text
    end: int  #: offset after its last character
    text: str  #: the sentence itself


class Span(NamedTuple):
    """A stretch of one sentence's text that names something: what the recognizer finds (labelled
    PER, LOC, ORG…), and what the rules of :mod:`kg.mentions` make of it (labelled with kg's type).

    It is the plain tuple ``(start, end, label)`` as well, which is how the NER cache and the store keep it.
    """

    start: int  #: offset of its first character in the sentence text
    end: int  #: offset after its last character
    label: str  #: the recognizer's label (PER, LOC, ORG, or a pretrained model's own), or kg's type once typed


Spans = list[Span]  #: the spans of one sentence


@dataclass(frozen=True)
class Mention:
    """A stretch of an article's text that names an entity."""

    article_id: str  #: the article it is in
    sentence: int  #: index of its sentence in the article
    start: int  #: offset of its first character in the article text
    end: int  #: offset after its last character
    text: str  #: the surface form, spaces removed
    type: str  #: person, organization, place or company
    byline: bool = False  #: named in a reporter line (记者 陈润), not in the story


@dataclass
class Entity:
    """One real-world entity: all its mentions merged under one name."""

    id: str  #: stable id derived from type and name
    name: str  #: canonical (fullest) name
    type: str  #: person, organization, place or company
    aliases: set[str] = field(default_factory=set)  #: every surface form seen, name included
    mentions: int = 0  #: how many times it is named
    articles: set[str] = field(default_factory=set)  #: ids of the articles naming it
    titles: set[str] = field(default_factory=set)  #: titles a person holds (from roles)
    merges: dict[str, str] = field(default_factory=dict)  #: each alias and the evidence for merging it


@dataclass(frozen=True)
class Role:
    """A person holding a title in an organization, as one sentence states it."""

    person: str  #: the person's name as written (spaces removed)
    title: str  #: the title as written: 书记, 市长, 董事长, 记者…
    organization: str  #: the fullest organization name the context makes clear ('' if none)
    article_id: str  #: where it is stated
    sentence: int  #: index of the sentence stating it
    status: str = CURRENT  #: current, or former where the text says the post is past (原X, 曾任, 免去…职务)
    appointed: bool = False  #: given by an appointment or nomination (任命X为Y, 提名…为…人选, 拟任)
