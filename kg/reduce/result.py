"""What the reduce made of the stored articles (:class:`Reduced`): entities and roles in memory,
the relations in the store, the graph read from it when asked for."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import pandas as pd

from kg.graph import EDGE_ATTRIBUTES, add_analytics, graph_of, pull_sql
from kg.records import PART_OF, RELATION_COLUMNS, Entity, Role
from kg.store import Query, Store

WIDTH = "strlen(evidence) + strlen(article_ids)"  # of a relation, in bytes, beyond its other columns' 100


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
            analyze(self.store, self.attributes, self.relations)
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


def analyze(store: Store, nodes: dict[str, dict], relations: str) -> None:
    """Adds the analytics and position to ``nodes`` (:func:`kg.graph.add_analytics`), of the
    relations in the store's table ``relations`` read as arrays of indexes."""
    store.put("node_index", pd.DataFrame({"id": list(nodes), "idx": range(len(nodes))}), temporary=True)
    arrays = store.db.execute(f"""
        SELECT s.idx AS source, t.idx AS target, r.weight, {pull_sql("r.weight", "r.sentences", "r.kind")} AS pull
        FROM {relations} r
        JOIN node_index s ON s.id = r.source JOIN node_index t ON t.id = r.target WHERE r.kind <> '{PART_OF}'
        ORDER BY s.idx, t.idx""").fetchnumpy()  # the ids' order, as integers: a cheaper sort
    store.db.execute("DROP TABLE node_index")
    add_analytics(nodes, arrays["source"], arrays["target"], arrays["weight"], pulls=arrays["pull"])
