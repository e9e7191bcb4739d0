"""The networkx graph: entities as nodes, relations as edges, importance as a node attribute."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping

import networkx as nx

from kg.dates import span
from kg.records import PART_OF, Entity

SEPARATOR = "|"  # joins list-valued attributes into one string, so GraphML and Gephi can hold them


EDGE_ATTRIBUTES = {"weight": "double", "kind": "string", "sentences": "long", "articles": "long",
                   "article_ids": "string", "titles": "string", "first_seen": "string", "last_seen": "string",
                   "evidence": "string"}  #: a relation's attributes as a graph edge carries them, and their types


def node_attributes(entities: dict[str, Entity], dates: dict[str, str] | None = None,
                    places: dict[str, dict[str, str]] | None = None,
                    part_of: dict[str, tuple[str, str]] | None = None) -> dict[str, dict]:
    """Each entity's node attributes (by id, in id order); every one a string or a number.

    ``label``, ``type``, ``aliases``, ``titles``, ``mentions``, ``articles``, ``first_seen``,
    ``last_seen``; ``dates`` maps article ids to ISO dates (first and last seen are ``""`` where
    no article has one). ``places`` gives located places' ``code``, ``province`` and ``city``;
    ``part_of`` each part's whole and the evidence, kept as ``part_of`` and ``part_of_evidence``
    (see :func:`part_of_edges`). :func:`add_analytics` adds the analytics and the position.
    """
    dates, places, part_of = dates or {}, places or {}, part_of or {}
    nodes = {}
    for entity in sorted(entities.values(), key=lambda e: e.id):
        first, last = span(dates.get(a, "") for a in entity.articles)
        data = nodes[entity.id] = {"label": entity.name, "type": entity.type,
                                   "aliases": SEPARATOR.join(sorted(entity.aliases - {entity.name})),
                                   "titles": SEPARATOR.join(sorted(entity.titles)), "mentions": entity.mentions,
                                   "articles": len(entity.articles), "first_seen": first, "last_seen": last}
        data.update(places.get(entity.id, {}))
        if entity.id in part_of:
            data.update(part_of=part_of[entity.id][0], part_of_evidence=part_of[entity.id][1])
    return nodes


def add_analytics(nodes: dict[str, dict], sources, targets, weights, seed: int = 1, pulls=None) -> None:
    """Adds :func:`analytics` and :func:`layout`'s ``x``, ``y`` to ``nodes`` (in id order), whose
    edges are given as arrays: the indexes (in ``nodes``' order) of each edge's ends, and its
    weight; ``pulls``: each edge's :func:`pull` (default: its weight)."""
    import numpy as np

    fast = _fast_graph(len(nodes), sources, targets)
    ids = list(nodes)
    # Arrays, not lists: a list holds an object of 32 bytes for each of millions of edges.
    weights = np.asarray(weights, dtype=np.float64)
    pulls = weights if pulls is None else np.asarray(pulls, dtype=np.float64)
    found = _analytics(fast, weights, seed, pulls=pulls)
    for name, values in found.items():
        for node, value in zip(ids, values):
            nodes[node][name] = value
    importance = [data["importance"] for data in nodes.values()]
    ends = np.column_stack([np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)])
    release_freed_memory()
    for node, (x, y) in zip(ids, _layout(fast, pulls, importance, seed, ends, found.get("community"))):
        nodes[node].update(x=x, y=y)
    release_freed_memory()


def release_freed_memory() -> None:
    """Hands the heap's free pages back to the system (glibc's ``malloc_trim``). Millions of small
    objects freed by one stage (the map's sentences, the analytics' lists) otherwise stay with the
    process, and the next stage's peak stands on top of them. Elsewhere than glibc: nothing."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


ARTICLE_PULL = 0.1  # of its weight, what a pair named only in one article (no sentence, no role) pulls


def pull(weight: float, sentences: int | None = None, kind: str | None = None) -> float:
    """How hard an edge pulls its ends together in the layout, and binds them in a community: its
    weight, or :data:`ARTICLE_PULL` of it for a co-occurrence of no shared sentence, which links
    every pair of an article's entities and would otherwise make each article one round blob.

    >>> pull(3.0, sentences=1, kind="cooccurrence"), pull(2.0, sentences=0, kind="cooccurrence")
    (3.0, 0.2)
    """
    return round(ARTICLE_PULL * weight, 6) if kind == "cooccurrence" and sentences == 0 else weight


def pull_sql(weight: str = "weight", sentences: str = "sentences", kind: str = "kind") -> str:
    """:func:`pull` as an SQL expression of an edge's columns: the store's relations give the
    layout its pulls as numbers, with no column of words read into Python."""
    return (f"CASE WHEN {kind} = 'cooccurrence' AND {sentences} = 0 THEN round({ARTICLE_PULL} * {weight}, 6) "
            f"ELSE {weight} END")


def graph_of(nodes: dict[str, dict], edges) -> nx.Graph:
    """The networkx graph of ``nodes`` (id: attributes) and ``edges`` (source, target, attributes)."""
    graph = nx.Graph()
    graph.add_nodes_from((node, dict(data)) for node, data in nodes.items())
    graph.add_edges_from(edges)
    return graph


def _fast_graph(count: int, sources, targets):
    import igraph
    import numpy as np

    ends = np.column_stack([np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)])
    return igraph.Graph(n=count, edges=ends.reshape(-1, 2))  # an array: no Python pair of each edge


def _arrays(graph: nx.Graph) -> tuple[list[str], list[int], list[int], list[float]]:
    """A networkx graph as :func:`add_analytics` takes it: its nodes in id order, each edge's ends' indexes, weights."""
    nodes = sorted(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = list(graph.edges(data="weight"))
    return nodes, [index[a] for a, _, _ in edges], [index[b] for _, b, _ in edges], [w for _, _, w in edges]


def part_of_edges(graph: nx.Graph | Mapping[str, dict]) -> list[tuple[str, str, dict]]:
    """The part_of links between the graph's nodes, as every export writes them: ``(part, whole,
    attributes)``, with ``kind`` ``part_of`` and the evidence (a JSON list of one ``{"reason": ...}``).
    ``graph`` is a networkx graph or its nodes' attributes by id (:func:`node_attributes`).

    They are not edges of ``graph``, whose edges are co-occurrences and roles with their weights:
    each node holds its whole in ``part_of`` and why in ``part_of_evidence``.
    """
    nodes = graph.nodes if isinstance(graph, nx.Graph) else graph
    return [(part, whole, {"kind": PART_OF, "evidence": json.dumps([{"reason": data.get("part_of_evidence", "")}],
                                                                   ensure_ascii=False)})
            for part, data in nodes.items() if (whole := data.get("part_of")) and whole in nodes]


SPACING = 60.0  # layout units between neighbouring nodes (the page draws one unit as one pixel at zoom 1)
GAP = 8.0  # layout units left between the rims of two nodes


def node_size(importance: float, top: float) -> float:
    """Node size (radius, in layout units) from importance (PageRank): the same in the page and in GEXF."""
    return round(10 + 30 * (importance / top) ** 0.5, 2)


def layout(graph: nx.Graph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """A position for every node of ``graph`` (see :func:`_layout`), by node; nodes in id order."""
    nodes, starts, ends, _ = _arrays(graph)
    importance = [graph.nodes[n].get("importance", 0) for n in nodes]
    return dict(zip(nodes, _layout(_fast_graph(len(nodes), starts, ends), _pulls(graph), importance, seed)))


def _pulls(graph: nx.Graph) -> list[float]:
    """Each edge's :func:`pull`, in the order of :func:`_arrays`."""
    return [pull(data.get("weight", 1.0), data.get("sentences"), data.get("kind"))
            for *_, data in graph.edges(data=True)]


GRID_LAYOUT = 1000  # nodes: a bigger component is laid out on igraph's grid (0.4 s, not 14 s, for 5,000 nodes)
LAYOUT_CORE = 5000  # nodes of a component laid out by force (its most important); the rest go beside their neighbours
SEPARATION_WORK = 500_000  # nodes × rounds of moving overlapping nodes apart, at most (a big component gets fewer)


def _layout(whole, pulls: list[float], importance: list[float], seed: int = 1, ends=None,
            community: list[int] | None = None) -> list[tuple[float, float]]:
    """A position for every node of the igraph graph ``whole``: the same for the same graph, every time.

    Each connected component is laid out by topic (:func:`_by_topic`): its communities
    (``community``, else :func:`communities` of the edges' ``pulls``) each laid out by igraph's
    Fruchterman–Reingold, attraction in proportion to the :func:`pull`, and placed apart as
    the pulls between them draw them. A component of more than :data:`LAYOUT_CORE` nodes lays
    out only its most important nodes so, the others placed beside them (:func:`_beside`). The
    components are then packed in rows, largest first, and the isolated nodes follow in a grid
    beneath, so they never ring the picture. Nodes are then moved apart where they would
    overlap as drawn (in fewer rounds in a big component, :data:`SEPARATION_WORK`). ``y``
    points up, as in Gephi. ``ends``: the edges as an array of rows of two node indexes, when
    the caller has it.
    """
    import numpy as np

    if not whole.vcount():
        return []
    pulls = np.asarray(pulls, dtype=np.float64)
    whole.es["w"] = np.where(pulls != 0, pulls, 1.0).tolist()  # pull in proportion to the weight
    rng = random.Random(seed)
    if community is None:
        community = communities(whole, whole.es["w"], random.Random(seed)) if whole.ecount() else [0] * whole.vcount()
    top = max(importance, default=0) or 1
    radii = [node_size(value or 0, top) for value in importance]
    pieces, isolated = [], []
    for members in sorted(whole.connected_components(), key=lambda c: (-len(c), c[0])):
        if len(members) == 1:
            isolated.append(members[0])
            continue
        core = sorted(sorted(members, key=lambda i: -(importance[i] or 0))[:LAYOUT_CORE])
        coords = _by_topic(whole.induced_subgraph(core), [community[i] for i in core], rng)
        if len(core) < len(members):  # the rest beside their strongest neighbour laid out before them
            if ends is None:
                ends = np.array(whole.get_edgelist(), dtype=np.int64).reshape(-1, 2)
            coords = _beside(ends, pulls, core, coords, members)
        rounds = max(10, min(100, SEPARATION_WORK // len(members)))  # 100 up to 5,000 nodes, 10 from 50,000
        pieces.append((members, _separated(coords, [radii[i] for i in members], rounds)))
    isolated_side = math.ceil(math.sqrt(len(isolated))) if isolated else 0
    pieces.append((isolated, [((i % isolated_side) * SPACING, (i // isolated_side) * SPACING)
                              for i in range(len(isolated))]))
    # Packed in screen coordinates (y down); returned as Gephi reads them (y up). The page flips back.
    positions = dict.fromkeys(range(whole.vcount()), (0.0, 0.0))
    for i, x, y in _pack(pieces):
        positions[i] = (round(x, 1), round(-y, 1) + 0.0)
    return [positions[i] for i in range(whole.vcount())]


TOPIC_SPREAD = 0.8  # a community of n nodes is laid out in a disc of radius TOPIC_SPREAD × SPACING × √n
TOPIC_GAP = 2.0  # SPACINGs left between the discs of two communities


def _by_topic(sub, community: list[int], rng: random.Random) -> list[tuple[float, float]]:
    """Positions of the nodes of the igraph graph ``sub`` (connected; edge attribute ``w``, the
    pull): each community (``community``, by node) laid out by force within a disc sized to it,
    the discs placed by a force layout of the communities (two pulling as hard as the edges
    between them) and then moved apart until :data:`TOPIC_GAP` separates them. A reader sees
    topics as clusters, and a name's nearest neighbours are those it shares sentences with."""
    import numpy as np

    member = np.asarray(community)
    groups = sorted(set(community))
    where = {g: np.flatnonzero(member == g) for g in groups}
    local, radius = {}, {}
    for g in groups:
        nodes = where[g].tolist()
        radius[g] = TOPIC_SPREAD * SPACING * math.sqrt(len(nodes)) if len(nodes) > 1 else 0.0
        local[g] = _scaled(_force(sub.induced_subgraph(nodes), rng), radius[g]) if len(nodes) > 1 else [(0.0, 0.0)]
    if len(groups) == 1:
        centres = [(0.0, 0.0)]
    else:  # the communities as nodes, linked as hard as the edges between them pull
        index = np.zeros(max(groups) + 1, dtype=np.int64)
        index[groups] = np.arange(len(groups))
        ends = np.array(sub.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        a, b = index[member[ends[:, 0]]], index[member[ends[:, 1]]]
        across = a != b
        pairs = np.sort(np.column_stack([a[across], b[across]]), axis=1)
        keys, inverse = np.unique(pairs, axis=0, return_inverse=True)
        strength = np.bincount(inverse.ravel(), weights=np.asarray(sub.es["w"])[across], minlength=len(keys))
        import igraph

        quotient = igraph.Graph(n=len(groups), edges=[tuple(k) for k in keys.tolist()])
        quotient.es["w"] = strength.tolist()
        spread = math.sqrt(sum(r * r for r in radius.values()) + len(groups) * SPACING ** 2)
        centres = _scaled(_force(quotient, rng), 1.5 * spread)
        centres = _separated(centres, [radius[g] + TOPIC_GAP * SPACING / 2 for g in groups], rounds=300, gap=0.0)
    coords = [(0.0, 0.0)] * sub.vcount()
    for (cx, cy), g in zip(centres, groups):
        for i, (x, y) in zip(where[g].tolist(), local[g]):
            coords[i] = (cx + x, cy + y)
    return coords


def _force(graph, rng: random.Random) -> list[list[float]]:
    """igraph's Fruchterman–Reingold of ``graph`` (edge attribute ``w``), from seeded positions;
    igraph's grid (which repels only nearby nodes) above :data:`GRID_LAYOUT` nodes."""
    import igraph

    grid = graph.vcount() > GRID_LAYOUT
    spread = math.sqrt(graph.vcount()) if grid else 1.0  # on the grid, started all in one cell, FR is slow again
    start = [[rng.uniform(-1, 1) * spread, rng.uniform(-1, 1) * spread] for _ in range(graph.vcount())]
    igraph.set_random_number_generator(rng)
    try:
        weights = graph.es["w"] if graph.ecount() else None
        return graph.layout_fruchterman_reingold(weights=weights, seed=start, niter=300, grid=grid).coords
    finally:
        igraph.set_random_number_generator(random)


def _beside(edges, weights: list[float], core: list[int], coords: list[tuple[float, float]], members: list[int]
            ) -> list[tuple[float, float]]:
    """The positions of ``members`` (a connected component of the graph of ``edges``, an array of
    rows of two node indexes, whose weights are ``weights``; in the order of ``members``):
    those of ``core`` as ``coords`` gives them, each other node beside its strongest
    neighbour placed before it (a sunflower of them around it, about :data:`SPACING` apart), in
    rounds outward from the core. Laying out 47,000 nodes by force took 44 s at 100,000
    articles; a page shows the core, and Gephi lays out anew."""
    import numpy as np

    inside = np.isin(edges[:, 0], members)
    ends = np.concatenate([edges[inside], edges[inside][:, ::-1]])  # both directions: (node, neighbour)
    strength = np.tile(np.asarray(weights, dtype=float)[inside], 2)
    count = int(max(max(members), edges.max(initial=0))) + 1  # nodes, by index
    position = np.full((count, 2), np.nan)
    position[core] = coords
    placed_around = np.zeros(count, dtype=np.int64)  # nodes placed beside each so far
    golden = math.pi * (3 - math.sqrt(5))
    while True:
        open_ = np.isnan(position[ends[:, 0], 0]) & ~np.isnan(position[ends[:, 1], 0])
        if not open_.any():
            break
        node, neighbour, weight = ends[open_, 0], ends[open_, 1], strength[open_]
        order = np.lexsort((neighbour, -weight, node))  # each node's strongest placed neighbour first
        first = np.unique(node[order], return_index=True)[1]
        for n, m in zip(node[order][first].tolist(), neighbour[order][first].tolist()):
            k = placed_around[m] = placed_around[m] + 1
            angle, radius = k * golden, SPACING * (0.5 + 0.6 * math.sqrt(k))  # a sunflower: ~60 units apart
            position[n] = position[m] + (radius * math.cos(angle), radius * math.sin(angle))
    return [(float(x), float(y)) for x, y in position[members]]


def _separated(coords: list[tuple[float, float]], radii: list[float], rounds: int = 100, gap: float = GAP
               ) -> list[tuple[float, float]]:
    """``coords`` moved apart where two nodes would overlap as drawn (sizes by :func:`node_size`).

    Each round pushes every overlapping pair apart by half the overlap each, along the line
    joining them; pairs are found with a k-d tree, so a component of thousands of nodes takes
    moments. Deterministic: a pair on one spot parts along a direction fixed by its indices.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    points, radius = np.array(coords, dtype=float), np.array(radii, dtype=float)
    for _ in range(rounds):
        pairs = _near_pairs(cKDTree(points), points, radius, gap)
        moves = np.zeros_like(points)
        hits = 0
        for part in range(0, len(pairs), PAIRS_AT_ONCE):  # a big component has millions of pairs
            hits += _push_apart(points, radius, gap, pairs[part:part + PAIRS_AT_ONCE], moves)
        if not hits:
            break
        points += moves
    return [(float(x), float(y)) for x, y in points]


PAIRS_AT_ONCE = 500_000  # each pair takes about 100 bytes while it is pushed: 7 million at once held 0.7 GB


def _push_apart(points, radius, gap: float, pairs, moves) -> int:
    """Adds to ``moves`` each overlapping pair's push apart (half the overlap each, along the line
    joining them, as ``points`` stand); returns how many pairs overlap."""
    import numpy as np

    i, j = pairs[:, 0], pairs[:, 1]
    delta = points[j] - points[i]
    distance = np.hypot(delta[:, 0], delta[:, 1])
    overlap = radius[i] + radius[j] + gap - distance
    hit = overlap > 0.01
    i, j, delta, distance, overlap = i[hit], j[hit], delta[hit], distance[hit], overlap[hit]
    angle = (i * 7 + j * 13) % 360 * (np.pi / 180)  # for pairs on one spot
    unit = np.where(distance[:, None] > 1e-9, delta / np.maximum(distance, 1e-9)[:, None],
                    np.stack([np.cos(angle), np.sin(angle)], axis=1))
    push = unit * (overlap / 2)[:, None]
    np.add.at(moves, i, -push)
    np.add.at(moves, j, push)
    return len(i)


def _near_pairs(tree, points, radius, gap: float):
    """Rows ``(i, j)``, ``i < j``, of the nodes that may overlap as drawn: nearer than ``radius[i] +
    radius[j] + gap``, and a few more. Most nodes are small and a few are big: the pairs within
    twice the small nodes' reach, and each big node's neighbours within its own reach. One reach
    of twice the biggest radius for all found about 6 million pairs in a component of 82,000 nodes
    (20,000 articles of news), this 0.9 million; the build's peak memory fell by 400 MB."""
    import numpy as np

    small = float(np.quantile(radius, 0.95))  # the biggest 5% are looked at one by one
    pairs = tree.query_pairs(2 * small + gap, output_type="ndarray").reshape(-1, 2)
    big = np.flatnonzero(radius > small)
    if not len(big):
        return pairs
    pairs = pairs[~np.isin(pairs, big).any(axis=1)]  # those of a big node come from its own query
    around = tree.query_ball_point(points[big], radius[big] + radius.max() + gap)
    ends = np.column_stack([np.repeat(big, [len(near) for near in around]),
                            np.concatenate([np.asarray(near, dtype=np.int64) for near in around])])
    ends = np.unique(np.sort(ends[ends[:, 0] != ends[:, 1]], axis=1), axis=0)  # two big nodes find each other
    return np.concatenate([pairs, ends])


def _scaled(coords: list[list[float]], radius: float) -> list[tuple[float, float]]:
    """Coordinates centred on 0 and scaled so the farthest point lies ``radius`` away."""
    cx = sum(x for x, _ in coords) / len(coords)
    cy = sum(y for _, y in coords) / len(coords)
    far = max(math.hypot(x - cx, y - cy) for x, y in coords) or 1.0
    return [((x - cx) * radius / far, (y - cy) * radius / far) for x, y in coords]


ASPECT = 1.6  # width over height that the packed components aim at


def _pack(pieces: list[tuple[list[int], list[tuple[float, float]]]]):
    """Yields ``(node, x, y)`` with the pieces laid left to right in rows as wide as the first, or
    wider where the whole would be taller than :data:`ASPECT` allows."""
    boxes = []
    for members, coords in pieces:
        if members:
            xs, ys = [x for x, _ in coords], [y for _, y in coords]
            boxes.append((members, coords, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + 2 * SPACING) * (h + 2 * SPACING) for *_, w, h in boxes)
    # as wide as the first, or wider, so that the whole is about as wide as a laptop's screen (16:10)
    width = max(max((w for *_, w, _ in boxes[:1]), default=0.0), math.sqrt(area * ASPECT)) or SPACING
    x0 = y0 = row_height = 0.0
    for members, coords, left, top, w, h in boxes:
        if x0 and x0 + w > width:
            x0, y0, row_height = 0.0, y0 + row_height + 2 * SPACING, 0.0
        for i, (x, y) in zip(members, coords):
            yield i, x - left + x0, y - top + y0
        x0 += w + 2 * SPACING
        row_height = max(row_height, h)


def analyze(graph: nx.Graph, seed: int = 1) -> nx.Graph:
    """Adds the analytics every export carries as node attributes, and returns the graph.

    ``degree`` (weighted), ``importance`` (PageRank), ``betweenness`` (edge length 1/weight;
    exact up to :data:`EXACT_BETWEENNESS` nodes, above that estimated from
    :data:`BETWEENNESS_SOURCES` seeded sample sources), ``community`` (Leiden over the pulls, seeded so results
    repeat), ``core`` (k-core).
    """
    for name, values in analytics(graph, seed).items():
        nx.set_node_attributes(graph, values, name)
    return graph


EXACT_BETWEENNESS = 1000  # nodes; igraph's exact betweenness costs one Dijkstra per node
BETWEENNESS_SOURCES = 200  # sample sources above that: ~3 s on 5,700 nodes and 565,000 edges
BETWEENNESS_WORK = 40_000_000  # sources × edges: 200 up to 200,000 edges, fewer beyond (25 s at 1.9M edges, now 3)
BETWEENNESS_FEWEST = 20


def analytics(graph: nx.Graph, seed: int = 1, exact_up_to: int = EXACT_BETWEENNESS,
              sources: int = BETWEENNESS_SOURCES) -> dict[str, dict]:
    """The analytics of :func:`analyze`, as ``{name: {node: value}}``."""
    nodes, starts, ends, weights = _arrays(graph)
    found = _analytics(_fast_graph(len(nodes), starts, ends), weights, seed, exact_up_to, sources, _pulls(graph))
    return {name: dict(zip(nodes, values)) for name, values in found.items()}


def _analytics(fast, weights: list[float], seed: int = 1, exact_up_to: int = EXACT_BETWEENNESS,
               sources: int = BETWEENNESS_SOURCES, pulls: list[float] | None = None) -> dict[str, list]:
    """The analytics of the igraph graph ``fast`` (edge weights ``weights``), each a list in node order;
    the communities are :func:`communities` of the edges' ``pulls`` (default: their weights).

    All are computed by igraph (C): networkx's pure-Python betweenness took 38 s with 50 sample
    sources on a 10,000-article graph, igraph 0.8 s; and no networkx graph of a big corpus need
    be held to compute them.
    """

    import numpy as np

    n = fast.vcount()
    if n == 0:
        return {}
    rng = random.Random(seed)
    weights = np.asarray(weights, dtype=np.float64)  # igraph takes lists: each made where it is used, then let go
    sources = min(sources, max(BETWEENNESS_FEWEST, BETWEENNESS_WORK // max(fast.ecount(), 1)))
    lengths = np.divide(1.0, weights, out=np.ones_like(weights), where=weights != 0)
    betweenness = _betweenness(fast, lengths.tolist(), exact_up_to, sources, rng)
    del lengths
    if len(weights):
        community = communities(fast, weights if pulls is None else pulls, rng)
        importance = fast.pagerank(weights=weights.tolist(), damping=0.85)
    else:
        community, importance = [0] * n, [0.0] * n
    return {
        "degree": [round(d, 3) or 0 for d in (fast.strength(weights=weights.tolist()) if len(weights) else [0] * n)],
        "importance": [round(v, 6) for v in importance],
        "betweenness": [round(value, 6) for value in betweenness],
        "community": community,
        "core": fast.coreness(),
    }


def communities(fast, pulls: list[float], rng: random.Random) -> list[int]:
    """Each node's community (igraph's Leiden, modularity, edges weighted by their :func:`pull`),
    numbered largest first (ties: by the smallest node index). Seeded by ``rng``, so they repeat."""
    import igraph
    import numpy as np

    igraph.set_random_number_generator(rng)  # Leiden visits nodes in random order
    try:  # two rounds, igraph's default: until nothing changes took over 9 minutes on a million edges
        found = fast.community_leiden(objective_function="modularity", n_iterations=2,
                                      weights=np.asarray(pulls, dtype=np.float64).tolist())
    finally:
        igraph.set_random_number_generator(random)
    community = [0] * fast.vcount()
    for number, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
        for i in members:
            community[i] = number
    return community


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
