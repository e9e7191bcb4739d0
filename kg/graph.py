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
    ``importance`` (PageRank on edge weights). Edge attributes: ``weight``, ``kind``,
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
    importance = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
    for node in graph:
        graph.nodes[node]["importance"] = round(importance.get(node, 0.0), 6)
    return graph
