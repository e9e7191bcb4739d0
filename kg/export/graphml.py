"""GraphML and GEXF for Gephi: one declared type per attribute, no characters XML cannot hold, streamed."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from kg.export.atomic import atomic_write
from kg.graph import EDGE_ATTRIBUTES, node_size, part_of_edges
from kg.records import PART_OF

_ILLEGAL = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0xFFFE, 0xFFFF))  # what XML 1.0 cannot hold
_XML_ILLEGAL = re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _ILLEGAL) + "]")
_SQL_ILLEGAL = "[" + "".join(f"\\x{{{low:x}}}-\\x{{{high:x}}}" for low, high in _ILLEGAL) + "]"  # RE2's syntax


def clean(value: str) -> str:
    """``value`` without the characters XML cannot hold (control characters, U+FFFE, U+FFFF)."""
    return _XML_ILLEGAL.sub("", value)


def _parts(graph) -> tuple[list[tuple[str, dict]], list[tuple[str, str, dict]] | None, dict[str, str]]:
    """The nodes, the edges (part_of links last) and the edges' attribute types of ``graph``: a
    networkx graph, or a whole build's (:class:`kg.reduce.Reduced`), whose edges DuckDB writes
    (None here: see :func:`_sql_values`)."""
    if isinstance(graph, nx.Graph):
        edges = [*graph.edges(data=True), *part_of_edges(graph)]
        return list(graph.nodes(data=True)), edges, _attribute_types(data for _, _, data in edges)
    return list(graph.nodes.items()), None, dict(EDGE_ATTRIBUTES)


def write_graphml(graph, path: Path) -> Path:
    """GraphML, every attribute declared once with its type (Gephi, igraph and networkx read it).

    Each node also carries the page's picture as Gephi's GraphML importer reads it: colour as
    ``r``, ``g``, ``b``, ``size``, and the position ``x``, ``y`` (see :func:`_drawn`).

    The part_of links follow the edges as edges of their own ``kind``, without a weight (a
    reader takes 1): a pair can then have two edges, and networkx reads the file as a MultiGraph.
    Written as a stream, like :func:`write_gexf`.
    """
    nodes, edges, edge_types = _parts(graph)
    nodes = _drawn(nodes)
    node_types = _attribute_types(data for _, data in nodes)
    edge_first = len(node_types)
    with atomic_write(path) as out:
        out.write(_GRAPHML_HEAD)
        for kind, types, first in (("node", node_types, 0), ("edge", edge_types, edge_first)):
            out.writelines(f'<key id="d{first + i}" for="{kind}" attr.name={_attr(name)} attr.type="{type_}"/>\n'
                           for i, (name, type_) in enumerate(types.items()))
        out.write('<graph edgedefault="undirected">\n')
        for node, data in nodes:
            out.write(f"<node id={_attr(node)}>\n{_data(data, node_types, 0)}</node>\n")
        if edges is None:  # the store's: each edge's XML made by DuckDB, the same as _data's
            values = _sql_values(edge_types, _sql_text, lambda i, value: (
                f"""'  <data key="d{edge_first + i}">'""", value, "'</data>'", "chr(10)"))
            graph.edge_query().write(out, _sql_concat("'<edge source='", *_sql_attr("source"), "' target='",
                                                      *_sql_attr("target"), "'>'", "chr(10)", *values, "'</edge>'"))
        for source, target, data in edges or ():
            out.write(f"<edge source={_attr(source)} target={_attr(target)}>\n{_data(data, edge_types, edge_first)}"
                      "</edge>\n")
        out.write("</graph>\n</graphml>\n")
    return path


_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _drawn(nodes: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """``nodes`` with the page's colour (by type) as ``r``, ``g``, ``b`` and its size as ``size``:
    what Gephi's GraphML importer draws a node with (GEXF holds them as ``viz``)."""
    top = max((d.get("importance", 0) for _, d in nodes), default=0) or 1
    return [(node, {**data, **dict(zip("rgb", colour(data.get("type")))),
                    "size": node_size(data.get("importance", 0), top)}) for node, data in nodes]


def colour(entity_type: str | None) -> tuple[int, int, int]:
    """The page's colour of an entity type, as red, green and blue from 0 to 255."""
    from kg.export.html import COLOURS

    code = COLOURS.get(entity_type, "#999999")
    return int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16)


def _data(data: dict, types: dict[str, str], first: int) -> str:
    return "".join(f'  <data key="d{first + i}">{_text(data[name])}</data>\n'
                   for i, name in enumerate(types) if data.get(name) is not None)


def write_gexf(graph, path: Path) -> Path:
    """GEXF 1.3 with ``viz`` colour, size and position, so Gephi opens with the picture the HTML page shows.

    Written as a stream, line by line: networkx's writer builds the whole XML tree first, which
    took 25 s and most of a gigabyte for a graph of 565,000 edges. Its reader reads this back.
    The part_of links are edges of their own ``kind`` (GEXF 1.3's attribute, which Gephi reads),
    as in :func:`write_graphml`.
    """
    nodes, edges, edge_types = _parts(graph)
    node_types = _attribute_types(data for _, data in nodes)
    for drawn in ("label", "x", "y"):  # written as the node's label and viz:position
        node_types.pop(drawn, None)
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
            r, g, b = colour(data.get("type"))
            out.write(f'      <node id={_attr(node)} label={_attr(data.get("label", node))}>\n'
                      f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
                      f'        <viz:size value="{node_size(data.get("importance", 0), top)}" />\n'
                      f'{_position(data)}'
                      f'{_attvalues(data, node_types, 0)}      </node>\n')
        out.write("    </nodes>\n    <edges>\n")
        if edges is None:  # the store's: each edge's XML made by DuckDB, the same as below
            values = _sql_values(edge_types, partial(_sql_text, more=_ATTR_ESCAPES), lambda i, value: (
                f"""'          <attvalue for="{edge_first + i}" value='""", _QUOTE, value, _QUOTE, "' />'", "chr(10)"))
            weight = f"""CASE WHEN kind = '{PART_OF}' THEN ' kind="{PART_OF}"' ELSE concat(' weight="', weight, '"') END"""
            graph.edge_query().write(out, _sql_concat(
                "'      <edge source='", *_sql_attr("source"), "' target='", *_sql_attr("target"),
                """' id="'""", "_rank - 1", """'"'""", weight, "'>'", "chr(10)", "'        <attvalues>'", "chr(10)",
                *values, "'        </attvalues>'", "chr(10)", "'      </edge>'"), columns="*")
        for number, (source, target, data) in enumerate(edges or ()):
            weight = f' weight="{data["weight"]}"' if "weight" in data else ""
            kind = f' kind="{PART_OF}"' if data.get("kind") == PART_OF else ""  # parallel to a co-occurrence
            out.write(f'      <edge source={_attr(source)} target={_attr(target)} id="{number}"{weight}{kind}>\n'
                      f'{_attvalues(data, edge_types, edge_first)}      </edge>\n')
        out.write("    </edges>\n  </graph>\n</gexf>\n")
    return path


_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
    "  <meta>\n    <creator>kg</creator>\n  </meta>\n"
)
_TEXT_ESCAPES = {"\r": "&#13;"}  # a parser reads a bare \r as \n
# An attribute is quoted with ' (XML allows either): the evidence, JSON, is full of " and seldom holds a '.
_ATTR_ESCAPES = {"'": "&apos;", "\n": "&#10;", "\t": "&#9;"}  # and a parser reads \n and \t in one as spaces


def _attribute_types(rows) -> dict[str, str]:
    """Each attribute's type, in the order first seen: long, double, boolean or string (the
    names GraphML and GEXF share); mixed types become double (numbers) or string."""
    types: dict[str, str] = {}
    for data in rows:
        for name, value in data.items():
            if value is None:
                continue
            type_ = ("boolean" if isinstance(value, bool) else "long" if isinstance(value, int)
                     else "double" if isinstance(value, float) else "string")
            known = types.setdefault(name, type_)
            if known != type_:
                types[name] = "double" if {known, type_} == {"long", "double"} else "string"
    return types


def _text(value) -> str:
    """``value`` as XML text, characters XML cannot hold dropped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(clean(str(value)), _TEXT_ESCAPES)


def _attr(value) -> str:
    """``value`` as a quoted XML attribute."""
    quoted = _text(value)
    for character, entity in _ATTR_ESCAPES.items():
        quoted = quoted.replace(character, entity)
    return "'" + quoted + "'"


def _position(data: dict) -> str:
    if "x" not in data or "y" not in data:
        return ""
    return f'        <viz:position x="{float(data["x"])}" y="{float(data["y"])}" z="0.0" />\n'


def _attvalues(data: dict, types: dict[str, str], first: int) -> str:
    values = "".join(f'          <attvalue for="{first + i}" value={_attr(data[name])} />\n'
                     for i, name in enumerate(types) if data.get(name) is not None)
    return f"        <attvalues>\n{values}        </attvalues>\n" if values else ""


def _sql_text(value: str, more: dict[str, str] | None = None, json: bool = False) -> str:
    """SQL of :func:`_text` for the text ``value`` (SQL), ``more`` escapes after; the text as it
    is where it holds nothing to escape (most do: a check is cheaper than seven replaces).

    ``json``: the value is JSON (``to_json``, ``json.dumps``), whose strings hold no control
    character (a newline is written as backslash and n): it is checked for the rest with ``contains``, which reads
    the evidence in a sixth of the time a regular expression takes."""
    escapes = {"&": "&amp;", "<": "&lt;", ">": "&gt;", **_TEXT_ESCAPES, **(more or {})}
    escaped = f"regexp_replace({value}, '{_SQL_ILLEGAL}', '', 'g')"
    for character, entity in escapes.items():
        escaped = f"replace({escaped}, chr({ord(character)}), '{entity}')"
    if json:
        raw = [ord(c) for c in escapes if ord(c) >= 0x20] + [0xFFFE, 0xFFFF]  # U+FFFE, U+FFFF: legal JSON, not XML
        special = " OR ".join(f"contains({value}, chr({code}))" for code in raw)
    else:
        special = "regexp_matches(" + value + ", '" + _SQL_ILLEGAL[:-1] + "".join(f"\\x{{{ord(c):x}}}" for c in escapes) + "]')"
    return f"CASE WHEN {special} THEN {escaped} ELSE {value} END"


def _sql_attr(value: str) -> tuple[str, str, str]:
    """SQL of :func:`_attr` for the text ``value`` (SQL), as pieces to concatenate."""
    return _QUOTE, _sql_text(value, _ATTR_ESCAPES), _QUOTE


_QUOTE = "''''"  # SQL of the text ' (an attribute's quotes)


def _sql_concat(*pieces: str) -> str:
    """SQL of the text ``pieces`` (SQL) one after another, NULL as empty. One ``concat`` copies each once; a
    chain of ``||`` copies all that came before at each step (GEXF's edges took twice as long)."""
    return f"concat({', '.join(pieces)})"


def _sql_values(types: dict[str, str], escape, line) -> list[str]:
    """SQL of the store's edge attributes ``types``, each as the pieces ``line(i, value)`` gives
    (SQL of the ``i``-th attribute's line, ``value`` its text: ``escape(text, json=...)`` where
    it is a string), empty where it has no value: a part_of link has only its kind and evidence
    (as :meth:`kg.reduce.Reduced.edges` gives it)."""
    lines = []
    for i, (name, type_) in enumerate(types.items()):
        value = escape(name, json=name in JSON_ATTRIBUTES) if type_ == "string" else f"{name}::VARCHAR"
        absent = f"{name} IS NULL" if name in ("kind", "evidence") else f"kind = '{PART_OF}' OR {name} IS NULL"
        lines.append(f"CASE WHEN {absent} THEN '' ELSE {_sql_concat(*line(i, value))} END")
    return lines


JSON_ATTRIBUTES = frozenset({"evidence"})  # edge attributes that are JSON text
