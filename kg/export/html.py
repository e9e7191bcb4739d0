"""The interactive page: pyvis builds the network, a self-contained template draws it offline.

vis-network's script is put in-line from pyvis's own copy, so the page loads with no network at
all (its stylesheet, 220 KB of icons for controls the page does not use, is left out).
pyvis's own template is not used: it always links Bootstrap from a CDN and writes some
values into the page unescaped. Here all data travels as one JSON block that the browser
parses, and tooltips are plain strings, which vis-network shows as text.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pyvis
from pyvis.network import Network

from kg.export.atomic import atomic_write
from kg.graph import SEPARATOR, layout, node_size, part_of_edges
from kg.options import TOP
from kg.records import ENTITY_TYPES, FORMER, PART_OF

COLOURS = {"person": "#e15759", "organization": "#4e79a7", "place": "#59a14f", "company": "#f28e2b"}
NAMES = {"person": "人物 person", "organization": "机构 organization", "place": "地点 place", "company": "企业 company"}
_VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_TEMPLATE = Path(__file__).parent / "page.html"


PAGE_NODES = TOP  # a page shows at most this many entities unless told otherwise (GraphML keeps all)
PAGE_EDGES = 5000  # and at most this many relations: a browser drawing 30,000 lines a frame is unusable


def trim(graph: nx.Graph, top: int | None, min_weight: float) -> nx.Graph:
    """The most important ``top`` nodes (default :data:`PAGE_NODES`; 0 for all, edges included)
    and the edges of at least ``min_weight`` between them: roles first, then the heaviest, up to
    :data:`PAGE_EDGES` (as the store's SQL chooses them)."""
    keep = set(shown_nodes(graph.nodes, top))
    sub = nx.Graph()  # in the graph's order: networkx's subgraph of a set iterates the set, whose order changes run to run
    sub.add_nodes_from((node, dict(data)) for node, data in graph.nodes(data=True) if node in keep)
    sub.add_edges_from((a, b, dict(data)) for a, b, data in graph.edges(data=True)
                       if a in keep and b in keep and data["weight"] >= min_weight)
    if top != 0 and sub.number_of_edges() > PAGE_EDGES:
        ranked = sorted(sub.edges(data=True), key=lambda e: (e[2]["kind"] != "role", -e[2]["weight"], e[0], e[1]))
        sub.remove_edges_from([(a, b) for a, b, _ in ranked[PAGE_EDGES:]])
    return sub


def shown_nodes(nodes, top: int | None) -> list[str]:
    """The ids of the ``top`` most important of ``nodes`` (attributes by id; default
    :data:`PAGE_NODES`, 0 for all), most important first (ties: in ``nodes``' order)."""
    top = PAGE_NODES if top is None and len(nodes) > PAGE_NODES else top
    return sorted(nodes, key=lambda n: -nodes[n].get("importance", 0))[:top] if top else list(nodes)


def node_tooltip(data: dict) -> str:
    lines = [f"{data['label']}  ({data['type']})"]
    if data.get("aliases"):
        lines.append("别名 aliases: " + data["aliases"].replace("|", "、"))
    if data.get("titles"):
        lines.append("职务 titles: " + data["titles"].replace("|", "、"))
    lines.append(f"mentions {data['mentions']} · articles {data['articles']}")
    return "\n".join(lines)


def edge_tooltip(data: dict) -> str:
    """The first lines of an edge's tooltip; the page adds its evidence, which it holds once."""
    head = f"{data['kind']} · weight {data['weight']:g} · sentences {data['sentences']} · articles {data['articles']}"
    if data.get("titles"):
        head = "职务 " + data["titles"].replace("|", "、") + "\n" + head
    return head


def network(graph: nx.Graph) -> Network:
    """The pyvis network: colour by type, size by importance, role edges dashed and labelled,
    part_of links as arrows from the part to the whole; an edge's ``sentences`` tell the page
    which pairs only share an article (drawn faint, and off at first).

    Nodes sit where :func:`kg.graph.layout` put them (computed here for a graph without
    positions), physics off: the page opens at once, the same every time, as Gephi shows the
    GEXF. Each node and edge also carries what the page's side panel tells about it.
    """
    if any("x" not in data or "y" not in data for _, data in graph.nodes(data=True)):
        graph = graph.copy()
        for node, (x, y) in layout(graph).items():
            graph.nodes[node].update(x=x, y=y)
    net = Network(height="100%", width="100%", cdn_resources="in_line")
    top = max((d.get("importance", 0) for _, d in graph.nodes(data=True)), default=0) or 1
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=data["label"], title=node_tooltip(data), color=COLOURS.get(data["type"], "#999"),
                     value=node_size(data.get("importance", 0), top), x=data["x"], y=-data["y"], physics=False,
                     entity_type=data["type"], type_name=NAMES.get(data["type"], data["type"]),
                     aliases=_split(data.get("aliases")), community=data.get("community", 0),
                     mentions=data.get("mentions", 0), articles=data.get("articles", 0),
                     first_seen=data.get("first_seen", ""), last_seen=data.get("last_seen", ""))
    for a, b, data in graph.edges(data=True):
        role = data["kind"] == "role"
        # Appended directly: pyvis's add_edge scans every edge for duplicates (quadratic), and
        # a networkx graph has none.
        net.edges.append({"from": a, "to": b, "value": data["weight"], "title": edge_tooltip(data),
                          "weight": data["weight"], "label": data["titles"].replace("|", "、") if role else None,
                          "dashes": role, "color": "#b07aa1" if role else "#bbbbbb", "kind": data["kind"],
                          "titles": _split(data.get("titles")), "articles": data.get("articles", 0),
                          "sentences": data.get("sentences", 0),
                          "article_ids": data.get("article_ids", ""),
                          "evidence": json.loads(data.get("evidence") or "[]")})
    for part, whole, data in part_of_edges(graph):  # drawn only when the page's part-of toggle is on
        reason = json.loads(data["evidence"])[0]["reason"]
        net.edges.append({"from": part, "to": whole, "value": 0, "weight": 0, "title": "属于 part of\n" + reason,
                          "dashes": True, "arrows": "to", "color": "#7f8c9a", "kind": PART_OF, "titles": [],
                          "articles": 0, "evidence": [], "reason": reason})
    return net


def _split(joined: str | None) -> list[str]:
    return [part for part in (joined or "").split(SEPARATOR) if part]


def json_for_script(value) -> str:
    # Inside <script>, "</" could close the tag early; \u003c keeps the JSON identical when parsed.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# A page in a notebook may take vis-network from the notebook's own page (see KnowledgeGraph.show),
# where one output put it once, instead of carrying its own copy.
_FROM_PARENT = ("try { var s = document.createElement('script'); s.textContent = window.parent.kgVisSource; "
                "document.head.appendChild(s); } catch (e) {}")


def vis_source() -> str:
    return (_VIS / "vis-network.min.js").read_text(encoding="utf-8")


def render(graph: nx.Graph, *, total_nodes: int, total_edges: int, focus: str | None = None,
           library: str = "inline", dates: dict[str, str] | None = None, tenure=None) -> str:
    """The page. ``focus``: a node selected at load; ``library``: ``inline`` (self-contained) or
    ``parent`` (vis-network from ``window.parent.kgVisSource``, for notebook views); ``dates``:
    article ids to ISO dates, which give each edge the dates of its articles and the page its
    date-range control (shown when any article has a date); ``tenure``: the ``roles_summary``
    table, which the side panel lists for each person shown, in the order first seen."""
    net = network(graph)
    tenures = _tenures(tenure, graph)
    for node in net.nodes:
        node["tenure"] = tenures.get(node["id"], [])
    nodes, edges = net.nodes, [{k: v for k, v in e.items() if v is not None} for e in net.edges]
    dates = dates or {}
    for edge in edges:
        edge["dates"] = sorted({dates[a] for a in edge.pop("article_ids", "").split(SEPARATOR) if dates.get(a)})
    payload = {
        "nodes": nodes, "edges": edges,
        "legend": [{"type": t, "name": NAMES[t], "colour": COLOURS[t]} for t in ENTITY_TYPES],
        "shown": [graph.number_of_nodes(), graph.number_of_edges()], "total": [total_nodes, total_edges],
        "focus": focus if focus in graph else None,
        "dated": any(edge["dates"] for edge in edges),
    }
    page = _TEMPLATE.read_text(encoding="utf-8")
    script = vis_source() if library == "inline" else _FROM_PARENT
    return page.replace("/*VIS_JS*/", script).replace("/*DATA*/", json_for_script(payload))


def write_html(graph, path: Path, *, top: int | None = None, min_weight: float = 0.0,
               dates: dict[str, str] | None = None, tenure=None) -> Path:
    """The page of ``graph``: a networkx graph, or a whole build's (:class:`kg.reduce.Reduced`),
    of which only the entities shown and the relations among them are read from the store."""
    if isinstance(graph, nx.Graph):
        shown, total = trim(graph, top, min_weight), (graph.number_of_nodes(), graph.number_of_edges())
    else:
        shown = trim(graph.subgraph(shown_nodes(graph.nodes, top), min_weight, None if top == 0 else PAGE_EDGES),
                     top, min_weight)
        total = len(graph.nodes), graph.relation_count
    with atomic_write(path) as out:
        out.write(render(shown, total_nodes=total[0], total_edges=total[1], dates=dates, tenure=tenure))
    return path


def _tenures(summary, graph: nx.Graph) -> dict[str, list[dict]]:
    """Each shown person's roles from ``roles_summary``: title, organization, first and last seen, count,
    and whether the post is past (``former``: the panel marks it 原 past)."""
    if summary is None or summary.empty:
        return {}
    rows = summary[summary["person_id"].isin(set(graph))]
    rows = rows.assign(undated=rows["first_seen"] == "", now=rows["status"] != FORMER)
    rows = rows.sort_values(["undated", "first_seen", "now", "title"], kind="stable")
    tenures: dict[str, list[dict]] = {}
    for row in rows.itertuples(index=False):
        tenures.setdefault(row.person_id, []).append(
            {"title": row.title, "organization": row.organization, "organization_id": row.organization_id,
             "first_seen": row.first_seen, "last_seen": row.last_seen, "count": int(row.count),
             "former": row.status == FORMER})
    return tenures


def article_dates(articles) -> dict[str, str]:
    """Article ids to dates, from an ``articles`` table (a DataFrame, or a :class:`kg.store.Query`
    of which only the ids and dates are read)."""
    if articles is not None and not isinstance(articles, pd.DataFrame):
        return dict(articles.store.db.execute(f"SELECT id, date FROM ({articles.rows}) WHERE date <> ''").fetchall())
    if articles is None or articles.empty:
        return {}
    return {a: d for a, d in zip(articles["id"], articles["date"]) if isinstance(d, str) and d}
