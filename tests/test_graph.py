"""Graph analytics: igraph's betweenness, cores and communities read as networkx's would."""

import networkx as nx
import pytest

from kg.graph import analytics


@pytest.fixture(scope="module")
def sample_graph(sample_build):
    return sample_build.graph


def test_exact_betweenness_and_cores_match_networkx(sample_graph):
    ours = analytics(sample_graph)
    lengths = nx.Graph()
    lengths.add_weighted_edges_from(((a, b, 1.0 / w) for a, b, w in sample_graph.edges(data="weight")), "length")
    lengths.add_nodes_from(sample_graph)
    theirs = nx.betweenness_centrality(lengths, weight="length")
    assert max(abs(ours["betweenness"][n] - theirs[n]) for n in sample_graph) < 1e-3
    assert max(theirs.values()) > 0.1
    assert ours["core"] == nx.core_number(sample_graph)


def test_sampled_betweenness_repeats_and_ranks_the_hubs_first(sample_graph):
    exact = analytics(sample_graph)["betweenness"]
    sampled = analytics(sample_graph, exact_up_to=10, sources=80)["betweenness"]
    assert sampled == analytics(sample_graph, exact_up_to=10, sources=80)["betweenness"]
    assert sampled != exact
    top = sorted(exact, key=exact.get, reverse=True)[:3]
    assert set(top) <= set(sorted(sampled, key=sampled.get, reverse=True)[:10])


def test_communities_repeat_and_cover_every_node(sample_graph):
    first, second = analytics(sample_graph)["community"], analytics(sample_graph)["community"]
    assert first == second and set(first) == set(sample_graph)
    assert 1 < len(set(first.values())) < sample_graph.number_of_nodes() / 3
    assert max(first.values(), key=list(first.values()).count) == 0  # community 0 is the largest


def test_tiny_graphs_have_analytics():
    graph = nx.Graph()
    graph.add_node("a")
    assert analytics(graph)["betweenness"] == {"a": 0.0} and analytics(graph)["community"] == {"a": 0}
    graph.add_edge("a", "b", weight=2.0)
    assert analytics(graph)["core"] == {"a": 1, "b": 1}


def test_layout_repeats_and_puts_isolated_nodes_beneath_the_rest():
    from kg.graph import SPACING, layout

    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 3.0), ("b", "c", 1.0), ("c", "a", 2.0), ("d", "e", 1.0)])
    graph.add_nodes_from(["lonely", "alone"])
    first = layout(graph)
    assert first == layout(graph.copy()) and set(first) == set(graph)
    connected_bottom = min(first[n][1] for n in "abcde")
    assert all(first[n][1] < connected_bottom for n in ("lonely", "alone"))  # y points up, as in Gephi
    points = list(first.values())
    assert min(abs(p[0] - q[0]) + abs(p[1] - q[1]) for i, p in enumerate(points) for q in points[i + 1:]) > SPACING / 4


def test_sample_graph_edges_all_carry_articles_and_evidence(sample_graph):
    import json

    for a, b, data in sample_graph.edges(data=True):
        evidence = json.loads(data["evidence"])
        assert data["article_ids"] and evidence, (a, b)
        assert {e["article_id"] for e in evidence} <= set(data["article_ids"].split("|"))
        if data["sentences"] == 0:  # linked by the article only: the headline stands as evidence
            assert all(e["sentence"] == "" and "title" in e for e in evidence)


def test_no_two_entities_overlap_as_drawn(sample_graph):
    import math
    from itertools import combinations

    from kg.graph import GAP, node_size

    top = max(importance for _, importance in sample_graph.nodes(data="importance"))
    drawn = [(d["x"], d["y"], node_size(d["importance"], top)) for _, d in sample_graph.nodes(data=True)]
    assert all(math.hypot(a[0] - b[0], a[1] - b[1]) >= a[2] + b[2] + GAP / 2 for a, b in combinations(drawn, 2))


def test_a_component_bigger_than_its_core_is_laid_out_around_it(monkeypatch):
    import math

    from kg import graph as kg_graph
    from kg.graph import SPACING, layout

    hubs = nx.barabasi_albert_graph(60, 2, seed=3)  # a component of 60 + 240 nodes, of which 20 laid out by force
    graph = nx.Graph((f"h{a}", f"h{b}", {"weight": 2.0}) for a, b in hubs.edges)
    for n in range(240):
        graph.add_edge(f"leaf{n}", f"h{n % 60}", weight=1.0)
        if n % 3 == 0:
            graph.add_edge(f"leaf{n}", f"h{(n * 7) % 60}", weight=3.0)  # its strongest neighbour
    nx.set_node_attributes(graph, nx.pagerank(graph), "importance")
    monkeypatch.setattr(kg_graph, "LAYOUT_CORE", 20)
    first = layout(graph)
    assert first == layout(graph.copy()) and set(first) == set(graph)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    assert len({(round(x), round(y)) for x, y in first.values()}) == graph.number_of_nodes()
    near = [math.dist(first[leaf], first[max(graph[leaf], key=lambda m: graph[leaf][m]["weight"])])
            for leaf in graph if leaf.startswith("leaf")]
    assert sorted(near)[len(near) // 2] < 10 * SPACING  # most leaves lie beside their strongest neighbour
    import numpy as np

    nodes, starts, ends, weights = kg_graph._arrays(graph)  # the build's way: its edges as arrays
    fast, importance = kg_graph._fast_graph(len(nodes), starts, ends), [graph.nodes[n]["importance"] for n in nodes]
    assert kg_graph._layout(fast, weights, importance, 1, np.column_stack([starts, ends])) == [first[n] for n in nodes]


def test_a_big_graph_samples_fewer_sources_for_betweenness(sample_graph, monkeypatch):
    from kg import graph as kg_graph

    exact = analytics(sample_graph, exact_up_to=10, sources=80)["betweenness"]
    monkeypatch.setattr(kg_graph, "BETWEENNESS_WORK", 20 * sample_graph.number_of_edges())
    budgeted = analytics(sample_graph, exact_up_to=10, sources=80)["betweenness"]
    assert budgeted != exact and budgeted == analytics(sample_graph, exact_up_to=10, sources=80)["betweenness"]


def test_the_layout_finds_every_pair_that_may_overlap_looking_near_small_nodes_only():
    import numpy as np
    from scipy.spatial import cKDTree

    from kg.graph import _near_pairs

    rng = np.random.default_rng(7)
    points = rng.uniform(0, 3000, (2500, 2))
    radius = np.where(rng.random(2500) < 0.02, 40.0, 10.0) + rng.random(2500)  # a few big nodes among small
    found = {tuple(pair) for pair in _near_pairs(cKDTree(points), points, radius, 8.0).tolist()}
    every = {(i, j) for i in range(2500) for j in range(i + 1, 2500)
             if np.hypot(*(points[i] - points[j])) < radius[i] + radius[j] + 8.0}
    assert every and every <= found
    assert all(i < j for i, j in found) and len(found) < 3 * len(every)  # not every pair within twice the biggest
