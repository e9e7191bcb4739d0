"""The reduce's steps before and after the relations: the home city, names settled and merged into
entities, the roles and their ids, and each entity's node attributes with what is part of what.

Each step says which table it makes (DDL in :mod:`kg.schema`); ``suffix`` names the tables a
build's reduce writes beside the stored ones (``_new``) until they are swapped in.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from sys import intern

import pandas as pd

from kg import entities as ent
from kg import hierarchy, schema
from kg.company import is_company
from kg.dates import iso_date
from kg.extract import MapOptions
from kg.graph import node_attributes, part_of_edges
from kg.names import entity_id
from kg.places import home_city_of, settle
from kg.records import CURRENT, ORGANIZATION, PART_OF, PERSON, PLACE, Entity, Role
from kg.store import Store, in_order

# The place names of the mentions with how often each is named, the first named first.
PLACES_NAMED = """
    SELECT text, count(*) FROM (SELECT text, row_number() OVER (ORDER BY article_id, start) AS n
                                FROM mentions WHERE type = 'place')
    GROUP BY text ORDER BY min(n)"""
# Each settled name and type: how often named, its texts and articles, in the order first named.
NAME_USES = """
    SELECT s.settled, m.type, count(*), list(DISTINCT m.text), list(DISTINCT m.article_id) FROM mentions m
    JOIN {settled} s USING (name, type) GROUP BY s.settled, m.type
    ORDER BY min({{'article': m.article_id, 'start': m.start}})"""
# The stored roles, in the order their articles were added.
STORED_ROLES = """
    SELECT r.person, r.title, r.organization, r.article_id, r.sentence, r.status, r.appointed FROM roles r
    JOIN articles a ON a.id = r.article_id ORDER BY a.seq, r.seq"""
# The entity of each person a role names, as named in the role's article.
ROLE_PEOPLE = """
    SELECT DISTINCT m.article_id, m.text, m.entity_id FROM {mention_entities} m
    SEMI JOIN roles r ON r.article_id = m.article_id AND r.person = m.text WHERE m.type = 'person'
    ORDER BY ALL"""


def write_table(store: Store, name: str, frame: pd.DataFrame, suffix: str = "") -> None:
    """``frame`` as the schema's table ``name`` (under ``name + suffix``), replacing what it held."""
    schema.create(store.db, name, name + suffix)
    with store.tables({"_rows": frame}) as db:
        db.execute(f"INSERT INTO {name}{suffix} SELECT * FROM _rows")


def home_city(store: Store, options: MapOptions) -> str:
    """The home city bare words (市委) belong to: the user's, else the one the corpus names most."""
    if options.home_city:
        return options.home_city
    return home_city_of(Counter(dict(store.db.execute(PLACES_NAMED).fetchall())))


def settle_names(store: Store, options: MapOptions, home: str, suffix: str = "") -> None:
    """Makes the table ``settled`` (name, type, settled): each stored name with its bare words
    settled in ``home`` and the user's aliases applied; none the stop list or the generic
    words hold (市委 is 衡阳市委 before --stop applies)."""
    rows = [(name, type_, settle(name, type_, home)) for name, type_ in
            store.db.execute("SELECT DISTINCT name, type FROM mentions ORDER BY ALL").fetchall()]
    settled = pd.DataFrame([(name, type_, options.aliases.get(s, s)) for name, type_, s in rows
                            if s not in options.left_out], columns=["name", "type", "settled"])
    write_table(store, "settled", settled, suffix)


def merge_names(store: Store, options: MapOptions, suffix: str = ""
                ) -> tuple[dict[str, Entity], dict[tuple[str, str], str]]:
    """The entities the settled names merge into (:func:`kg.entities.merge_entities`) and each
    (settled name, type)'s entity id; reads ``settled``."""
    uses = [ent.NameUses(name, type_, count, texts, list(map(intern, articles)))  # an article id's string once
            for name, type_, count, texts, articles in
            store.db.execute(NAME_USES.format(settled="settled" + suffix)).fetchall()]
    return ent.merge_entities(uses, options.aliases)


def write_entity_of(store: Store, entity_of: dict[tuple[str, str], str], suffix: str = "") -> None:
    """Makes the table ``entity_of`` (settled, type, entity_id) and the view ``mention_entities``
    (each stored mention with its entity; with a ``suffix``, a temporary view of that name too)."""
    frame = pd.DataFrame([(name, type_, owner) for (name, type_), owner in entity_of.items()],
                         columns=["settled", "type", "entity_id"])
    write_table(store, "entity_of", frame, suffix)
    temporary = "TEMP " if suffix else ""
    store.db.execute(f"CREATE OR REPLACE {temporary}VIEW {schema.MENTION_ENTITIES}{suffix} AS "
                     f"{schema.mention_entities_sql(suffix)}")


def read_roles(store: Store, home: str, options: MapOptions) -> list[Role]:
    """The stored roles, in the order their articles were added, their bare organizations settled,
    each once, none the stop list holds."""
    settled = cache(lambda organization: settle(organization, ORGANIZATION, home))  # each once
    found = [Role(person, title, settled(organization), article_id, sentence, status, appointed)
             for person, title, organization, article_id, sentence, status, appointed
             in store.db.execute(STORED_ROLES).fetchall()]
    return [r for r in dict.fromkeys(found) if r.organization not in options.stop]


def add_role_organizations(entities: dict[str, Entity], found_roles: list[Role], left_out: frozenset[str]) -> None:
    """Organizations a role names that no mention did (衡阳市政府 implied by 市长) become entities,
    but for the words ``left_out`` (本报, the user's stop list)."""
    known = {alias for e in entities.values() for alias in e.aliases} | left_out
    places = {alias: e for e in entities.values() if e.type == PLACE for alias in e.aliases}
    for role in found_roles:
        org = role.organization
        city = places.get(org[:-1]) if org.endswith(("市", "县")) and org not in known else None
        if city is not None:  # 长沙市 of 市领导 where the corpus writes 长沙: that place, not a second node
            city.aliases.add(org)
            city.merges[org] = "the place name with its administrative suffix, from a role"
            known.add(org)
        elif org and org not in known:
            type_ = PLACE if org.endswith(("市", "县")) and len(org) <= 4 else (
                "company" if is_company(org) else ORGANIZATION)
            entity = Entity(entity_id(type_, org), org, type_, aliases={org}, articles={role.article_id})
            entities.setdefault(entity.id, entity)
            known.add(org)


def role_ids(store: Store, entities: dict[str, Entity], found_roles: list[Role], suffix: str = ""
             ) -> list[tuple[str, str]]:
    """The (person id, organization id) of each role ('' where it is no entity): the person as
    named in its article (read from ``mention_entities``)."""
    people = {(article_id, text): owner for article_id, text, owner in store.db.execute(
        ROLE_PEOPLE.format(mention_entities=schema.MENTION_ENTITIES + suffix)).fetchall()}
    organizations = {alias: e.id for e in entities.values() if e.type != PERSON for alias in e.aliases}
    return [(people.get((r.article_id, r.person), ""), organizations.get(r.organization, "")) for r in found_roles]


def add_titles(entities: dict[str, Entity], found_roles: list[Role], ids: list[tuple[str, str]]) -> None:
    """Each person's titles: those of the posts a role says they hold now (a past post is no title)."""
    for role, (person, _) in zip(found_roles, ids):
        if person and role.title and role.status == CURRENT:
            entities[person].titles.add(role.title)


def role_links(found_roles: list[Role], ids: list[tuple[str, str]]) -> pd.DataFrame:
    """The rows of the table ``role_links``: the current roles whose person and organization are
    entities (past posts make no current edge)."""
    return pd.DataFrame([(r.article_id, r.sentence, person, org, r.title)
                         for r, (person, org) in zip(found_roles, ids) if person and org and r.status == CURRENT],
                        columns=schema.column_names("role_links"))


def article_dates(store: Store, kept: str = "") -> dict[str, str]:
    """Each original's date as ISO (of the articles in the table ``kept`` only, where given)."""
    kept_a = f"AND id IN (SELECT id FROM {kept})" if kept else ""
    return {article_id: iso_date(date) for article_id, date in store.db.execute(
        f"SELECT id, date FROM articles WHERE duplicate_of = '' {kept_a}").fetchall()}


def make_nodes(store: Store, entities: dict[str, Entity], dates: dict[str, str], into: str) -> dict[str, dict]:
    """Each entity's node attributes (without the analytics and layout, which
    :func:`kg.reduce.result.analyze` adds when asked for), what is part of what, and the part_of
    rows of the relations table ``into``."""
    located = hierarchy.locate_places(entities)
    wholes, implied = hierarchy.part_of(entities, located)
    entities.update(implied)  # 中国建设银行, named only in 建设银行衡阳市分行
    places = {node: hierarchy.Divisions.shipped().describe(division) for node, division in located.items()}
    nodes = node_attributes(entities, dates, places, wholes)
    links = pd.DataFrame([(part, whole, data["evidence"]) for part, whole, data in part_of_edges(nodes)],
                         columns=["source", "target", "evidence"])
    with store.tables({"part_links": links}) as db, in_order(db):  # relations.csv lists them too, weight 0
        db.execute(f"INSERT INTO {into} SELECT source, target, '{PART_OF}', 0.0, 0, 0, '', evidence, '', '', '' "
                   "FROM part_links ORDER BY source, target")  # after the others, as the edges are read
    return nodes
