"""GraphML and GEXF for Gephi: one declared type per attribute, no None, no characters XML cannot hold."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from kg.export.atomic import atomic_write

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(value):
    """A value GraphML can hold: control characters stripped from strings, None as ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    return value


def gephi_ready(graph: nx.Graph) -> nx.Graph:
    """A copy whose every attribute is a clean string, int or float."""
    copy = nx.Graph()
    copy.add_nodes_from((clean(n), {k: clean(v) for k, v in d.items()}) for n, d in graph.nodes(data=True))
    copy.add_edges_from((clean(a), clean(b), {k: clean(v) for k, v in d.items()})
                        for a, b, d in graph.edges(data=True))
    return copy


def write_graphml(graph: nx.Graph, path: Path) -> Path:
    with atomic_write(path, mode="wb") as out:
        nx.write_graphml(gephi_ready(graph), out, encoding="utf-8")
    return path


def write_gexf(graph: nx.Graph, path: Path) -> Path:
    """GEXF with ``viz`` colour and size, so Gephi opens with the picture the HTML page shows."""
    from kg.export.html import COLOURS, node_size

    copy = gephi_ready(graph)
    top = max((d.get("importance", 0) for _, d in copy.nodes(data=True)), default=0) or 1
    for _, data in copy.nodes(data=True):
        colour = COLOURS.get(data.get("type"), "#999999").lstrip("#")
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                       "size": node_size(data.get("importance", 0), top)}
    with atomic_write(path, mode="wb") as out:
        nx.write_gexf(copy, out, encoding="utf-8")
    return path
