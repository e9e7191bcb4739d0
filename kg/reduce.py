"""The reduce: the corpus's entities, roles and relations from what the store holds, by SQL and small Python.

What grows with the corpus (mentions, sentences, pairs, the relations with their evidence) stays
in DuckDB and is counted there; Python sees each distinct name once (to settle bare words and
merge names into entities), the name uses, the roles, and the relations as arrays of numbers for
the analytics and layout; the networkx graph is made only when asked for. A build's reduce writes
``entity_of`` (each name and type's entity) into the store, so a slice of it (:func:`between`)
keeps the whole corpus's entities.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from sys import intern

import networkx as nx
import pandas as pd

from kg import entities as ent
from kg import hierarchy
from kg.company import is_company
from kg.dates import iso_date
from kg.extract import MapOptions
from kg.graph import EDGE_ATTRIBUTES, add_analytics, graph_of, node_attributes, part_of_edges, pulls_of
from kg.names import entity_id
from kg.places import home_city_of, settle
from kg.records import CURRENT, ORGANIZATION, PART_OF, PERSON, PLACE, RELATION_COLUMNS, Entity, Role
from kg.relations import link, run_statements
from kg.store import Query, Store, in_order


@dataclass
class Reduced:
    """What the reduce made of the stored articles: entities and roles in memory, the relations in
    the store (a table of one row per related pair), and each entity's node attributes."""

    entities: dict[str, Entity]
    roles: list[Role]
    role_ids: list[tuple[str, str]]  #: (person id, organization id) of each role ('' where it is no entity)
    attributes: dict[str, dict]  #: each entity's node attributes, in id order (see :attr:`nodes`)
    store: Store
    relations: str  #: the store's table of relations (columns of RELATION_COLUMNS; part_of links as kind part_of)
    home_city: str
    crowded: dict[str, int] = field(default_factory=dict)  #: articles naming too many entities to link all
    kept: str = ""  #: a slice's table of the articles it keeps ('': all the store holds)
    analyzed: float | None = None  #: seconds the analytics and layout took (None: not run yet)

    @property
    def nodes(self) -> dict[str, dict]:
        """Each entity's node attributes, analytics and position included, in id order.

        The analytics and layout run when first asked for, in the thread that made the reduce (a
        slice's relations are its temporary table): a build's files that need only the relations
        are written meanwhile (:func:`kg.export.write_all`)."""
        if self.analyzed is None:
            clock = time.perf_counter()
            _analyze(self.store, self.attributes, self.relations)
            self.analyzed = time.perf_counter() - clock
        return self.attributes

    @cached_property
    def relation_count(self) -> int:
        """How many related pairs (co-occurrences and roles; part_of links not counted)."""
        return self.store.db.execute(f"SELECT count(*) FROM {self.relations} WHERE kind <> '{PART_OF}'").fetchall()[0][0]

    @cached_property
    def graph(self) -> nx.Graph:
        """The networkx graph of every entity and relation (read from the store when first asked for)."""
        return self.subgraph(self.nodes)

    def subgraph(self, nodes, min_weight: float = 0.0, most: int | None = None) -> nx.Graph:
        """The networkx graph of ``nodes`` (ids) and the relations among them of at least ``min_weight``
        (with ``most``, only that many: roles first, then the heaviest); its nodes and edges in id
        order, as in :attr:`graph` and any networkx subgraph of it."""
        wanted = set(nodes)
        keep = {node: data for node, data in self.nodes.items() if node in wanted}
        where = f"kind <> '{PART_OF}' AND weight >= {float(min_weight)}"
        if len(keep) < len(self.nodes):
            self.store.put("shown_nodes", pd.DataFrame({"id": list(keep)}), temporary=True)
            where += " AND source IN (SELECT id FROM shown_nodes) AND target IN (SELECT id FROM shown_nodes)"
        if most is not None:  # chosen in SQL: the rest (tens of thousands at 8,000 articles) is never read
            self.store.db.execute(f"""CREATE OR REPLACE TEMP TABLE shown_pairs AS SELECT source, target FROM {self.relations}
                                      WHERE {where} ORDER BY kind <> 'role', weight DESC, source, target LIMIT {int(most)}""")
            where += f" AND EXISTS (SELECT 1 FROM shown_pairs p WHERE p.source = {self.relations}.source " \
                     f"AND p.target = {self.relations}.target)"
        return graph_of(keep, self.edges(where))

    def edges(self, where: str = f"kind <> '{PART_OF}'") -> Iterator[tuple[str, str, dict]]:
        """The relations (``where`` holds, by source and target) as networkx edges, read a chunk of
        rows at a time; a part_of link carries only its kind and evidence."""
        names = list(EDGE_ATTRIBUTES)
        for chunk in self.edge_query(where).chunks():
            for source, target, *values in zip(*(chunk[column].tolist() for column in chunk.columns)):
                data = dict(zip(names, values))
                yield source, target, ({"kind": PART_OF, "evidence": data["evidence"]} if data["kind"] == PART_OF
                                       else data)

    def edge_query(self, where: str = "TRUE") -> Query:
        """The relations (``where`` holds) as edges: source, target and the edge attributes, by
        source and target, the part_of links last."""
        return Query(self.store, self.relations, ", ".join(["source", "target", *EDGE_ATTRIBUTES]),
                     f"kind = '{PART_OF}', source, target", where, width=WIDTH)

    def relations_query(self) -> Query:
        """The relations table as relations.csv holds it: the heaviest first, then the part_of links."""
        return Query(self.store, self.relations, ", ".join(RELATION_COLUMNS),
                     f"kind = '{PART_OF}', weight DESC, source, target", source=self.relations,
                     width=WIDTH)


def reduce(store: Store, options: MapOptions, home_city: str | None = None, byline_edges: bool = False) -> Reduced:
    """The graph of every article the store holds."""
    db = store.db
    home = home_city if home_city is not None else home_city_of(Counter(dict(db.execute("""
        SELECT text, count(*) FROM (SELECT text, row_number() OVER (ORDER BY article_id, start) AS n
                                    FROM mentions WHERE type = 'place')
        GROUP BY text ORDER BY min(n)""").fetchall())))
    rows = [(name, type_, settle(name, type_, home)) for name, type_ in
            db.execute("SELECT DISTINCT name, type FROM mentions ORDER BY ALL").fetchall()]
    settled = pd.DataFrame([(name, type_, options.aliases.get(s, s)) for name, type_, s in rows
                            if s not in options.left_out],  # 市委 is 衡阳市委 before --stop applies
                           columns=["name", "type", "settled"])
    store.put("settled", settled)
    uses = [ent.NameUses(name, type_, count, texts, list(map(intern, articles)))  # an article id's string once
            for name, type_, count, texts, articles in db.execute("""
        SELECT s.settled, m.type, count(*), list(DISTINCT m.text), list(DISTINCT m.article_id) FROM mentions m
        JOIN settled s USING (name, type) GROUP BY s.settled, m.type
        ORDER BY min({'article': m.article_id, 'start': m.start})""").fetchall()]  # in the order first named
    entities, entity_of = ent.merge_entities(uses, options.aliases)
    del uses
    done = f"{REDUCE_VERSION} {home} {byline_edges}"  # what the stored relations are of, with the last article
    since = _since(store, done)
    store.set("reduced", "")  # until this reduce ends, the relations table is no earlier reduce's
    if since is not None:
        store.db.execute("CREATE OR REPLACE TEMP TABLE entity_of_before AS SELECT * FROM entity_of")
    _write_entity_of(store, entity_of)
    found_roles = _roles(store, home, options)
    _add_role_organizations(entities, found_roles, options.left_out)
    role_ids = _role_ids(store, entities, found_roles)
    for role, (person, _) in zip(found_roles, role_ids):
        if person and role.title and role.status == CURRENT:  # a past post is no title the person holds
            entities[person].titles.add(role.title)
    nodes, crowded = _graph(store, entities, found_roles, role_ids, byline_edges, since=since)
    store.set("reduced", json.dumps({"of": done, "seq": store.db.execute("SELECT max(seq) FROM articles").fetchall()[0][0]}))
    return Reduced(entities, found_roles, role_ids, nodes, store, "relations", home, crowded)


WIDTH = "strlen(evidence) + strlen(article_ids)"  # of a relation, in bytes, beyond its other columns' 100
REDUCE_VERSION = 1  # a change to what the reduce makes of the facts: the stored relations are made anew


def _since(store: Store, done: str) -> int | None:
    """The last article (``seq``) of the earlier reduce whose relations the store holds, when that
    reduce was ``done`` alike (version, home city, options); None: all are made anew."""
    earlier = json.loads(store.get("reduced") or "{}")
    if earlier.get("of") != done or "relations" not in store.table_names():
        return None
    return earlier["seq"]


def between(store: Store, whole: Reduced, keep: set[str], byline_edges: bool = False) -> Reduced:
    """The reduce of the articles ``keep`` names, with the whole corpus's entities (ids, names):
    counted, linked and laid out within them."""
    number = next(_slices)
    kept_table = f"slice_{number}_articles"  # temporary, like the slice's relations
    store.put(kept_table, pd.DataFrame({"id": sorted(keep)}), temporary=True)
    entities: dict[str, Entity] = {}

    def entity(owner: str) -> Entity:
        known = whole.entities[owner]
        return entities.setdefault(owner, Entity(owner, known.name, known.type, aliases={known.name}))

    for owner, text, article_id, count in store.db.execute(f"""
            SELECT entity_id, text, article_id, count(*) FROM mention_entities
            WHERE article_id IN (SELECT id FROM {kept_table}) GROUP BY ALL ORDER BY ALL""").fetchall():
        here = entity(owner)
        here.aliases.add(text)
        here.mentions += count
        here.articles.add(article_id)
    kept = [(r, ids) for r, ids in zip(whole.roles, whole.role_ids) if r.article_id in keep]
    for role, (person, organization) in kept:
        if organization in whole.entities:  # an organization named only in a role (本报记者) keeps its node
            entity(organization).aliases.add(role.organization)
        if person in entities and role.title and role.status == CURRENT:
            entities[person].titles.add(role.title)
    found_roles, role_ids = [r for r, _ in kept], [ids for _, ids in kept]
    table = f"slice_{number}_relations"
    nodes, crowded = _graph(store, entities, found_roles, role_ids, byline_edges, into=table, kept=kept_table)
    return Reduced(entities, found_roles, role_ids, nodes, store, table, whole.home_city, crowded, kept_table)


_slices = itertools.count(1)  # each slice's relations are a temporary table of their own


def _write_entity_of(store: Store, entity_of: dict[tuple[str, str], str]) -> None:
    """``entity_of`` and the ``mention_entities`` view: each stored mention with its entity."""
    frame = pd.DataFrame([(name, type_, owner) for (name, type_), owner in entity_of.items()],
                         columns=["settled", "type", "entity_id"])
    store.put("entity_of", frame)
    store.db.execute("""
        CREATE OR REPLACE VIEW mention_entities AS
        SELECT m.article_id, m.sentence, m.start, m."end", m.text, m.type, m.byline, e.entity_id
        FROM mentions m JOIN settled s USING (name, type) JOIN entity_of e ON e.settled = s.settled AND e.type = m.type""")


def _roles(store: Store, home: str, options: MapOptions) -> list[Role]:
    """The stored roles, in the order their articles were added, their bare organizations settled,
    each once, none the stop list holds."""
    rows = store.db.execute("""
        SELECT r.person, r.title, r.organization, r.article_id, r.sentence, r.status, r.appointed FROM roles r
        JOIN articles a ON a.id = r.article_id ORDER BY a.seq, r.seq""").fetchall()
    settled = cache(lambda organization: settle(organization, ORGANIZATION, home))  # each once
    found = [Role(person, title, settled(organization), article_id, sentence, status, appointed)
             for person, title, organization, article_id, sentence, status, appointed in rows]
    return [r for r in dict.fromkeys(found) if r.organization not in options.stop]


def _role_ids(store: Store, entities: dict[str, Entity], found_roles: list[Role]) -> list[tuple[str, str]]:
    """The (person id, organization id) of each role: the person as named in its article."""
    people = {(article_id, text): owner for article_id, text, owner in store.db.execute("""
        SELECT DISTINCT m.article_id, m.text, m.entity_id FROM mention_entities m
        SEMI JOIN roles r ON r.article_id = m.article_id AND r.person = m.text WHERE m.type = 'person'
        ORDER BY ALL""").fetchall()}
    organizations = {alias: e.id for e in entities.values() if e.type != PERSON for alias in e.aliases}
    return [(people.get((r.article_id, r.person), ""), organizations.get(r.organization, "")) for r in found_roles]


def _graph(store: Store, entities: dict[str, Entity], found_roles: list[Role], role_ids: list[tuple[str, str]],
           byline_edges: bool, into: str = "relations", kept: str = "", since: int | None = None
           ) -> tuple[dict[str, dict], dict[str, int]]:
    """Relations into the table ``into`` (SQL, :func:`kg.relations.link`; a slice's, of the
    articles in the table ``kept`` only, is temporary), what is part of what, and each entity's
    node attributes, without the analytics and layout (:func:`_analyze` adds them).

    ``since``: ``into`` holds the relations of the store's articles up to that ``seq`` (an
    earlier build's reduce, whose entities are in the table ``entity_of_before``): only the pairs
    the articles since then touch are made again (see :func:`_changes`)."""
    in_kept = f"WHERE article_id IN (SELECT id FROM {kept})" if kept else ""
    kept_a = f"AND id IN (SELECT id FROM {kept})" if kept else ""
    dates = {article_id: iso_date(date) for article_id, date in store.db.execute(
        f"SELECT id, date FROM articles WHERE duplicate_of = '' {kept_a}").fetchall()}
    frames = {
        "role_links": pd.DataFrame([(r.article_id, r.sentence, person, org, r.title)
                                    for r, (person, org) in zip(found_roles, role_ids)
                                    if person and org and r.status == CURRENT],  # past posts: no current edge
                                   columns=["article_id", "sentence", "person_id", "organization_id", "title"]),
        "article_dates": pd.DataFrame(list(dates.items()), columns=["id", "iso"]),
    }
    views = {
        "linked_mentions": f"SELECT article_id, sentence, start, entity_id, byline FROM mention_entities {in_kept}",
        "article_facts": ("SELECT a.id, a.title, a.date, d.iso, a.url, list_prepend(a.source, a.copies) AS sources "
                          "FROM articles a JOIN article_dates d USING (id)"),
        "sentence_texts": "SELECT article_id, idx, text FROM sentences",
    }
    if not kept:  # the build's: kept, so the next build can tell which role links changed
        if since is not None:
            store.db.execute("CREATE OR REPLACE TEMP TABLE role_links_before AS SELECT * FROM role_links")
        store.put("role_links", frames.pop("role_links"))
    with store.tables(frames, **views) as db:
        if since is not None:
            _changes(db, since)
        crowded = link(db, byline_edges, into, temporary=bool(kept), changed=since is not None)
        if since is not None:
            run_statements(db, "DROP TABLE new_articles; DROP TABLE dirty_articles; DROP TABLE dirty_entities; "
                                "DROP TABLE dirty_roles")
    store.release()  # the relations are made: what DuckDB kept of it would lie under the analytics' peak
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
    return nodes, crowded


def _analyze(store: Store, nodes: dict[str, dict], relations: str) -> None:
    """Adds the analytics and position to ``nodes`` (:func:`kg.graph.add_analytics`), of the
    relations in the store's table ``relations`` read as arrays of indexes."""
    store.put("node_index", pd.DataFrame({"id": list(nodes), "idx": range(len(nodes))}), temporary=True)
    arrays = store.db.execute(f"""
        SELECT s.idx AS source, t.idx AS target, r.weight, r.sentences, r.kind FROM {relations} r
        JOIN node_index s ON s.id = r.source JOIN node_index t ON t.id = r.target WHERE r.kind <> '{PART_OF}'
        ORDER BY r.source, r.target""").fetchnumpy()
    store.db.execute("DROP TABLE node_index")
    add_analytics(nodes, arrays["source"], arrays["target"], arrays["weight"],
                  pulls=pulls_of(arrays["weight"], arrays["sentences"], arrays["kind"]))


def _changes(db, since: int) -> None:
    """The tables :func:`kg.relations.link` reads to make again only what changed since the
    reduce of the articles up to ``since``: ``new_articles`` (the new originals), ``dirty_articles``
    (those, and the originals a new copy adds a source to), ``dirty_entities`` (the ids, before and now, of the
    entities some name went to or from) and ``dirty_roles`` (the pairs of role links that came
    or went)."""
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE new_articles AS SELECT id FROM articles WHERE seq > {since} AND duplicate_of = '';
        CREATE OR REPLACE TEMP TABLE dirty_articles AS
            SELECT id FROM new_articles UNION SELECT duplicate_of FROM articles WHERE seq > {since} AND duplicate_of <> '';
        CREATE OR REPLACE TEMP TABLE dirty_entities AS
            SELECT unnest([b.entity_id, n.entity_id]) AS id FROM entity_of_before b JOIN entity_of n USING (settled, type)
            WHERE b.entity_id <> n.entity_id;
        CREATE OR REPLACE TEMP TABLE dirty_roles AS
            SELECT DISTINCT least(person_id, organization_id) AS source, greatest(person_id, organization_id) AS target
            FROM ((SELECT * FROM role_links EXCEPT SELECT * FROM role_links_before)
                  UNION ALL (SELECT * FROM role_links_before EXCEPT SELECT * FROM role_links));
        DROP TABLE entity_of_before; DROP TABLE role_links_before;
    """)


def _add_role_organizations(entities: dict[str, Entity], found_roles: list[Role], left_out: frozenset[str]) -> None:
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
