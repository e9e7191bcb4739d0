"""GraphML and GEXF for Gephi: one declared type per attribute, no None, no characters XML cannot hold."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

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
    """GEXF 1.2 with ``viz`` colour and size, so Gephi opens with the picture the HTML page shows.

    Written as a stream, line by line: networkx's writer builds the whole XML tree first, which
    took 25 s and most of a gigabyte for a graph of 565,000 edges. Its reader reads this back.
    """
    from kg.export.html import COLOURS, node_size

    nodes, edges = graph.nodes(data=True), graph.edges(data=True)
    node_types = _gexf_types(data for _, data in nodes)
    node_types.pop("label", None)
    edge_types = _gexf_types(data for _, _, data in edges)
    edge_types.pop("weight", None)
    edge_first = len(node_types)  # attribute ids: nodes' first, then edges'
    top = max((d.get("importance", 0) for _, d in nodes), default=0) or 1
    with atomic_write(path) as out:
        out.write(_GEXF_HEAD)
        out.write('  <graph defaultedgetype="undirected" mode="static" name="">\n')
        for kind, types, first in (("node", node_types, 0), ("edge", edge_types, edge_first)):
            out.write(f'    <attributes mode="static" class="{kind}">\n')
            out.writelines(f'      <attribute id="{first + i}" title={_attr(name)} type="{type_}" />\n'
                           for i, (name, type_) in enumerate(types.items()))
            out.write("    </attributes>\n")
        out.write("    <nodes>\n")
        for node, data in nodes:
            r, g, b = (int(COLOURS.get(data.get("type"), "#999999")[i:i + 2], 16) for i in (1, 3, 5))
            out.write(f'      <node id={_attr(node)} label={_attr(data.get("label", node))}>\n'
                      f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
                      f'        <viz:size value="{node_size(data.get("importance", 0), top)}" />\n'
                      f'{_attvalues(data, node_types, 0)}      </node>\n')
        out.write("    </nodes>\n    <edges>\n")
        for number, (source, target, data) in enumerate(edges):
            weight = f' weight="{data["weight"]}"' if "weight" in data else ""
            out.write(f'      <edge source={_attr(source)} target={_attr(target)} id="{number}"{weight}>\n'
                      f'{_attvalues(data, edge_types, edge_first)}      </edge>\n')
        out.write("    </edges>\n  </graph>\n</gexf>\n")
    return path


_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    "  <meta>\n    <creator>kg</creator>\n  </meta>\n"
)
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _gexf_types(rows) -> dict[str, str]:
    """Each attribute's GEXF type, in the order first seen: long, double, boolean or string."""
    types: dict[str, str] = {}
    for data in rows:
        for name, value in data.items():
            if value is None:
                continue
            type_ = ("boolean" if isinstance(value, bool) else "long" if isinstance(value, int)
                     else "double" if isinstance(value, float) else "string")
            known = types.get(name)
            if known is None or (known, type_) == ("long", "double"):
                types[name] = type_
            elif known != type_ and {known, type_} != {"long", "double"}:
                types[name] = "string"
    return types


def _attr(value) -> str:
    """``value`` as a quoted XML attribute, characters XML cannot hold dropped."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    return '"' + escape(clean(str(value)), _ATTRIBUTE_ESCAPES) + '"'


def _attvalues(data: dict, types: dict[str, str], first: int) -> str:
    values = "".join(f'          <attvalue for="{first + i}" value={_attr(data[name])} />\n'
                     for i, name in enumerate(types) if data.get(name) is not None)
    return f"        <attvalues>\n{values}        </attvalues>\n" if values else ""
