"""The networkx graph: entities as nodes, relations as edges, importance as a node attribute."""

from __future__ import annotations

import json
import random

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

    ``degree`` (weighted), ``importance`` (PageRank), ``betweenness`` (edge length 1/weight;
    exact up to :data:`EXACT_BETWEENNESS` nodes, above that estimated from
    :data:`BETWEENNESS_SOURCES` seeded sample sources), ``community`` (Louvain, seeded so results
    repeat), ``core`` (k-core).
    """
    for name, values in analytics(graph, seed).items():
        nx.set_node_attributes(graph, values, name)
    return graph


EXACT_BETWEENNESS = 1000  # nodes; igraph's exact betweenness costs one Dijkstra per node
BETWEENNESS_SOURCES = 200  # sample sources above that: ~3 s on 5,700 nodes and 565,000 edges


def analytics(graph: nx.Graph, seed: int = 1, exact_up_to: int = EXACT_BETWEENNESS,
              sources: int = BETWEENNESS_SOURCES) -> dict[str, dict]:
    """The analytics of :func:`analyze`, as ``{name: {node: value}}``.

    Betweenness, communities and cores are computed by igraph (C): networkx's pure-Python
    betweenness took 38 s with 50 sample sources on a 10,000-article graph, igraph 0.8 s.
    """
    import igraph

    if graph.number_of_nodes() == 0:
        return {}
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    weights = [w for _, _, w in graph.edges(data="weight")]
    fast = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges()])
    rng = random.Random(seed)
    betweenness = _betweenness(fast, [1.0 / w if w else 1.0 for w in weights], exact_up_to, sources, rng)
    if weights:
        igraph.set_random_number_generator(rng)  # igraph's Louvain visits nodes in random order
        try:
            communities = [[nodes[i] for i in members] for members in fast.community_multilevel(weights=weights)]
        finally:
            igraph.set_random_number_generator(random)
    else:
        communities = [nodes]
    community = {node: number for number, members in
                 enumerate(sorted(communities, key=lambda c: (-len(c), min(c)))) for node in members}
    return {
        "degree": {n: round(d, 3) for n, d in graph.degree(weight="weight")},
        "importance": {n: round(v, 6) for n, v in
                       (nx.pagerank(graph, weight="weight") if weights else dict.fromkeys(graph, 0.0)).items()},
        "betweenness": {node: round(value, 6) for node, value in zip(nodes, betweenness)},
        "community": community,
        "core": dict(zip(nodes, fast.coreness())),
    }


def _betweenness(graph, lengths: list[float], exact_up_to: int, sources: int, rng: random.Random) -> list[float]:
    """Normalized betweenness, as networkx's ``betweenness_centrality`` gives it (and its ``k`` estimate)."""
    n = graph.vcount()
    if n < 3:
        return [0.0] * n
    scale = 2.0 / ((n - 1) * (n - 2))
    if n <= exact_up_to:
        return [value * scale for value in graph.betweenness(directed=False, weights=lengths)]
    sample = rng.sample(range(n), min(sources, n))
    scale *= n / len(sample)
    return [value * scale for value in graph.betweenness(directed=False, weights=lengths, sources=sample)]
