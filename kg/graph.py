"""The networkx graph: entities as nodes, relations as edges, importance as a node attribute."""

from __future__ import annotations

import json

import networkx as nx

from kg.records import Entity
from kg.relations import Relation

SEPARATOR = "|"  # joins list-valued attributes into one string, so GraphML and Gephi can hold them


def build_graph(entities: dict[str, Entity], relations: dict[tuple[str, str], Relation]) -> nx.Graph:
    """One node per entity, one edge per related pair; every attribute a string or a number.

    Node attributes: ``label``, ``type``, ``aliases``, ``titles``, ``mentions``, ``articles``,
    and the analytics of :func:`analyze`. Edge attributes: ``weight``, ``kind``,
    ``sentences``, ``articles``, ``titles``, ``evidence`` (a JSON list of sentences).
    """
    graph = nx.Graph()
    for entity in sorted(entities.values(), key=lambda e: e.id):
        graph.add_node(entity.id, label=entity.name, type=entity.type,
                       aliases=SEPARATOR.join(sorted(entity.aliases - {entity.name})),
                       titles=SEPARATOR.join(sorted(entity.titles)), mentions=entity.mentions,
                       articles=len(entity.articles))
    for (source, target), relation in sorted(relations.items()):
        graph.add_edge(source, target, weight=relation.weight, kind=relation.kind,
                       sentences=len(relation.sentences), articles=len(relation.articles),
                       titles=SEPARATOR.join(sorted(relation.titles)),
                       evidence=json.dumps(relation.evidence, ensure_ascii=False))
    analyze(graph)
    return graph


def analyze(graph: nx.Graph, seed: int = 1) -> nx.Graph:
    """Adds the analytics every export carries as node attributes, and returns the graph.

    ``degree`` (weighted), ``importance`` (PageRank), ``betweenness`` (edge length 1/weight,
    sampled on big graphs), ``community`` (Louvain, seeded so results repeat), ``core`` (k-core). Betweenness is exact up
    to 500 nodes and estimated from 50 seeded sample sources above that.
    """
    for name, values in analytics(graph, seed).items():
        nx.set_node_attributes(graph, values, name)
    return graph


def analytics(graph: nx.Graph, seed: int = 1) -> dict[str, dict]:
    """The analytics of :func:`analyze`, as ``{name: {node: value}}``."""
    if graph.number_of_nodes() == 0:
        return {}
    has_edges = graph.number_of_edges() > 0
    for a, b, weight in graph.edges(data="weight"):
        graph.edges[a, b]["length"] = 1.0 / weight if weight else 1.0
    # exact up to 500 nodes; on bigger graphs 50 sampled sources (networkx is pure Python: O(V·E) per full run)
    sample = None if graph.number_of_nodes() <= 500 else 50
    betweenness = nx.betweenness_centrality(graph, k=sample, weight="length", seed=seed)
    for _, _, data in graph.edges(data=True):
        del data["length"]
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed) if has_edges else [set(graph)]
    community = {node: index for index, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c))))
                 for node in members}
    return {
        "degree": {n: round(d, 3) for n, d in graph.degree(weight="weight")},
        "importance": {n: round(v, 6) for n, v in
                       (nx.pagerank(graph, weight="weight") if has_edges else dict.fromkeys(graph, 0.0)).items()},
        "betweenness": {n: round(v, 6) for n, v in betweenness.items()},
        "community": community,
        "core": nx.core_number(graph),
    }
