"""Output files: the public table contract, GraphML read back, the offline page, atomic writes."""

import csv
import json
import math
import re

import networkx as nx
import pandas as pd
import pytest
from lxml import etree

from kg import export
from kg.graph import part_of_edges
from kg.records import (
    ANALYTICS_COLUMNS,
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    RELATION_COLUMNS,
    ROLE_COLUMNS,
)


@pytest.fixture(scope="module")
def written(sample_build, tmp_path_factory):
    directory = tmp_path_factory.mktemp("out")
    export.save(sample_build, directory)
    return directory


def test_tables_keep_the_public_columns(written):
    for name, columns in [("entities", ENTITY_COLUMNS + ANALYTICS_COLUMNS), ("mentions", MENTION_COLUMNS),
                          ("relations", RELATION_COLUMNS), ("roles", ROLE_COLUMNS), ("articles", ARTICLE_COLUMNS)]:
        raw = (written / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # Excel reads Chinese only with the BOM
        with open(written / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            assert next(csv.reader(f)) == columns


def test_entities_table_carries_the_analytics(written, sample_build):
    import pandas as pd

    entities = pd.read_csv(written / "entities.csv", encoding="utf-8-sig").set_index("id")
    leader = entities.loc["person:邓群策"]
    assert "书记" in leader["titles"].split("|") and leader["importance"] > 0 and leader["betweenness"] > 0
    assert entities["community"].notna().all() and (entities["core"] >= 1).any()


def test_graphml_reads_back(written, sample_build):
    graph = nx.read_graphml(written / "graph.graphml")
    assert graph.number_of_nodes() == sample_build.graph.number_of_nodes()
    assert graph.nodes["person:邓群策"]["label"] == "邓群策"
    keys = etree.parse(str(written / "graph.graphml")).findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert len({(k.get("for"), k.get("attr.name")) for k in keys}) == len(keys)


def test_big_graphs_are_trimmed_for_the_page_to_the_strongest_part():
    import random

    from kg.export.html import PAGE_EDGES, PAGE_NODES, trim

    rng = random.Random(1)
    graph = nx.Graph()
    graph.add_nodes_from((n, {"importance": n / 1000}) for n in range(PAGE_NODES + 100))
    while graph.number_of_edges() < PAGE_EDGES + 3000:
        graph.add_edge(rng.randrange(600), rng.randrange(600), kind="cooccurrence", weight=float(rng.randint(1, 9)))
    roles = [(550, 560), (520, 599)]
    graph.add_edges_from(roles, kind="role", weight=1.0)
    page = trim(graph, None, 0)
    assert set(page) == set(range(100, 600)) and page.number_of_edges() == PAGE_EDGES
    assert all(page.has_edge(*r) for r in roles)
    dropped = [w for a, b, w in graph.subgraph(page).edges(data="weight") if not page.has_edge(a, b)]
    assert dropped and min(w for _, _, w in page.edges(data="weight") if w > 1) >= max(dropped)
    assert trim(graph, 0, 0).number_of_edges() == graph.number_of_edges()


def test_page_is_self_contained(written, sample_build):
    page = (written / "graph.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in page and "vis.Network" in page
    # nothing is fetched: no element with a src or href, no CSS import or url() of a remote file
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page, re.IGNORECASE)
    data = page.split('id="kg-data">')[1].split("</script>")[0]
    assert len(json.loads(data)["nodes"]) == sample_build.graph.number_of_nodes()


def test_hostile_text_cannot_close_the_data_script(tmp_path):
    graph = nx.Graph()
    graph.add_node("x", label="</script><script>alert(1)</script>", type="person", mentions=1, articles=1)
    export.write_html(graph, tmp_path / "g.html")
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page


def test_report_lists_files_and_counts(written):
    report = json.loads((written / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["articles"] >= 19 and len(report["files"]) == 5
    assert all(f["status"] == "read" for f in report["files"])


def test_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "graph.graphml"
    target.write_text("old")
    with pytest.raises(RuntimeError), export.atomic_write(target) as out:
        out.write("half")
        raise RuntimeError
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


def test_gexf_carries_the_page_colours(written, sample_build):
    graph = read_gexf(written / "graph.gexf")
    assert graph.number_of_nodes() == sample_build.graph.number_of_nodes()
    viz = graph.nodes["person:邓群策"]["viz"]
    assert viz["color"]["r"] == 0xE1 and viz["size"] > 10


def read_gexf(path):
    return nx.read_gexf(path, version="1.3")  # the version kg writes: GEXF 1.3 (edges' kind)


def same_data(a: nx.Graph, b: nx.Graph) -> bool:
    # edge ids aside: a MultiGraph read keeps them, and each writer numbers edges its own way
    edges = lambda g: sorted((tuple(sorted(e[:2])), sorted((k, v) for k, v in e[2].items() if k != "id"))
                             for e in g.edges(data=True))
    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and edges(a) == edges(b)


def test_graphml_and_gexf_read_back_as_networkx_own_writers_files_do(written, sample_build, tmp_path):
    # kg streams both formats; networkx's writers build the whole XML tree (slow, big)
    reference = nx.MultiGraph(sample_build.graph)  # the part_of links are edges beside the co-occurrences
    reference.add_edges_from(part_of_edges(sample_build.graph))
    assert any(kind == "part_of" for *_, kind in reference.edges(data="kind"))
    drawn = nx.read_graphml(written / "graph.graphml")
    for node, data in reference.nodes(data=True):  # and the picture Gephi's GraphML importer reads
        data.update({key: drawn.nodes[node][key] for key in ("r", "g", "b", "size")})
    nx.write_graphml(reference, tmp_path / "reference.graphml")
    assert same_data(nx.read_graphml(written / "graph.graphml"), nx.read_graphml(tmp_path / "reference.graphml"))
    ours = read_gexf(written / "graph.gexf")
    nx.set_node_attributes(reference, {n: dict(ours.nodes[n]["viz"]) for n in reference}, "viz")
    for _, data in reference.nodes(data=True):
        for key in ("x", "y", "r", "g", "b", "size"):
            del data[key]  # GEXF holds the picture as viz only
    nx.write_gexf(reference, tmp_path / "reference.gexf", version="1.3")
    assert same_data(ours, read_gexf(tmp_path / "reference.gexf"))


def test_gephi_files_carry_the_layout_the_page_draws(written, sample_build):
    graph = sample_build.graph
    graphml, gexf = nx.read_graphml(written / "graph.graphml"), read_gexf(written / "graph.gexf")
    for node, data in graph.nodes(data=True):
        assert (graphml.nodes[node]["x"], graphml.nodes[node]["y"]) == (data["x"], data["y"])
        position = gexf.nodes[node]["viz"]["position"]
        assert (position["x"], position["y"]) == (data["x"], data["y"])
    spread = {(round(x), round(y)) for x, y in zip(*(nx.get_node_attributes(graph, k).values() for k in "xy"))}
    assert len(spread) == graph.number_of_nodes()  # no two nodes on one spot


@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_graph_files_hold_any_text(tmp_path, suffix):
    from kg.export.graphml import write_gexf, write_graphml

    write, read = {"graphml": (write_graphml, nx.read_graphml), "gexf": (write_gexf, nx.read_gexf)}[suffix]
    graph = nx.Graph()
    hostile = 'a "quoted" <b>&amp;</b>\nline\tTab\r\x01\x0b'
    graph.add_node(hostile, label=hostile, type="person", importance=0.5, flag=True)
    graph.add_node("x", label="x", type="place", importance=0.1, flag=False, missing=None)
    graph.add_edge(hostile, "x", weight=2.0, evidence=hostile, count=3)
    back = read(write(graph, tmp_path / f"g.{suffix}"))
    cleaned = hostile.replace("\x01", "").replace("\x0b", "")
    assert back.nodes[cleaned]["label"] == cleaned and back.nodes[cleaned]["flag"] is True
    assert back.edges[cleaned, "x"]["evidence"] == cleaned and back.edges[cleaned, "x"]["count"] == 3


def test_graphml_carries_gephis_colour_size_and_position_on_every_node(written, sample_build):
    graph = nx.read_graphml(written / "graph.graphml")
    gexf = read_gexf(written / "graph.gexf")
    for node, data in graph.nodes(data=True):
        assert {"r", "g", "b", "size", "x", "y"} <= set(data), node
        viz = gexf.nodes[node]["viz"]  # the picture GEXF gives, so both files open alike
        assert (data["r"], data["g"], data["b"]) == (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"])
        assert data["size"] == viz["size"] and (data["x"], data["y"]) == (viz["position"]["x"], viz["position"]["y"])
    assert (graph.nodes["person:邓群策"]["r"], graph.nodes["place:衡阳市"]["g"]) == (0xE1, 0xA1)


def test_graphml_declares_counts_as_integers(written):
    import igraph

    keys = {k.get("attr.name"): k.get("attr.type") for k in
            etree.parse(str(written / "graph.graphml")).findall("{http://graphml.graphdrawing.org/xmlns}key")}
    for name in ("mentions", "articles", "community", "core", "r", "g", "b", "sentences"):
        assert keys[name] == "long", name
    assert nx.read_graphml(written / "graph.graphml").nodes["person:邓群策"]["mentions"] > 0
    assert type(nx.read_graphml(written / "graph.graphml").nodes["person:邓群策"]["mentions"]) is int
    # igraph keeps every number as a C double: its Python side gives 3.0 for any numeric type declared
    graph = igraph.Graph.Read_GraphML(str(written / "graph.graphml"))
    assert all(float(v).is_integer() for v in graph.vs["mentions"] + graph.vs["community"])


def test_gexf_declares_the_version_it_uses():
    from kg.export.graphml import _GEXF_HEAD

    root = etree.fromstring((_GEXF_HEAD + "</gexf>").encode())
    assert root.get("version") == "1.3" and root.nsmap[None] == "http://gexf.net/1.3"  # kind="part_of" is 1.3's
    assert root.nsmap["viz"] == "http://gexf.net/1.3/viz"


def test_graphml_reads_in_an_independent_reader(written, sample_build):
    import igraph

    graph = igraph.Graph.Read_GraphML(str(written / "graph.graphml"))
    links = len(part_of_edges(sample_build.graph))
    assert (graph.vcount(), graph.ecount()) == (sample_build.graph.number_of_nodes(),
                                                sample_build.graph.number_of_edges() + links)
    labels = dict(zip(graph.vs["id"], graph.vs["label"]))
    assert labels["person:侯锋"] == "侯锋"
    weights = dict(zip(graph.es["kind"], graph.es["weight"]))
    assert isinstance(weights["cooccurrence"], float) and math.isnan(weights["part_of"])  # no weight: none given


def test_no_csv_cell_is_read_as_a_formula(tmp_path):
    from kg.export.tables import write_frames

    frame = pd.DataFrame({"id": ["=HYPERLINK(\"http://x\",\"点\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "衡阳"],
                          "n": [1, -2, 3, 4, 5, 6, 7]})
    write_frames({"t": frame}, tmp_path)
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    assert [cell[0] for cell in back["id"][:6]] == ["'"] * 6 and back["id"][6] == "衡阳"
    assert back["n"].tolist() == [1, -2, 3, 4, 5, 6, 7]  # numbers stay numbers


def test_side_panel_marks_past_posts():
    import networkx as nx
    import pandas as pd

    from kg.export.html import _tenures
    from kg.records import ROLE_SUMMARY_COLUMNS

    summary = pd.DataFrame([("p1", "王海", "局长", "o1", "常德市财政局", "current", True, 1, "", "", "a"),
                            ("p1", "王海", "局长", "o2", "常德市审计局", "former", False, 1, "", "", "a")],
                           columns=ROLE_SUMMARY_COLUMNS)
    graph = nx.Graph()
    graph.add_node("p1")
    held = _tenures(summary, graph)["p1"]
    assert [(t["organization"], t["former"]) for t in held] == [("常德市审计局", True), ("常德市财政局", False)]
