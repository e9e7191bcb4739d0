"""graph.html with N entities in headless chromium: time to interactive and frame times while dragging.

The graph is synthetic but shaped like kg's: a few hubs in the news all the time, most entities
named once or twice, communities, role edges; the page's own edge cap (5,000) applies.

Run by hand: .venv/bin/python bench/page_speed.py [NODES]   (default 2000)
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import networkx as nx

from kg.export.html import write_html
from kg.graph import analyze, layout

TYPES = ("person", "organization", "place", "company")


def synthetic_graph(nodes: int, seed: int = 1) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.Graph()
    for i in range(nodes):
        graph.add_node(f"n{i}", label=f"实体{i}", type=TYPES[i % 4], aliases="", titles="", mentions=1, articles=1,
                       first_seen="", last_seen="")
    names = list(graph)
    for i, node in enumerate(names):
        for _ in range(rng.choice((1, 1, 2, 3, 5))):
            other = names[min(int(rng.paretovariate(1.2)) - 1, nodes - 1)] if rng.random() < 0.5 else \
                names[(i + rng.randint(1, 40)) % nodes]
            if other != node:
                role = rng.random() < 0.05
                graph.add_edge(node, other, weight=float(rng.choice((1, 1, 2, 2, 3, 5))), kind="role" if role else
                               "cooccurrence", titles="书记" if role else "", sentences=1, articles=1,
                               article_ids="a1", evidence=json.dumps([{"article_id": "a1", "title": "标题", "date": "",
                                                                         "url": "", "sentence": "一句话。"}]))
    analyze(graph)
    for node, (x, y) in layout(graph).items():
        graph.nodes[node].update(x=x, y=y)
    return graph


def measure(page_path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(page_path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=120000)
        ready_ms = page.evaluate("performance.now()")
        page.evaluate("""() => { window.kgFrames = []; let last = performance.now();
            const tick = (t) => { window.kgFrames.push(t - last); last = t; if (window.kgFrames.length < 400) requestAnimationFrame(tick); };
            requestAnimationFrame(tick); }""")
        box = page.evaluate("JSON.parse(JSON.stringify(document.getElementById('graph').getBoundingClientRect()))")
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        for step in range(60):  # drag the view about for a second
            page.mouse.move(x + 300 * ((step % 20) / 20 - 0.5), y + 150 * ((step % 10) / 10 - 0.5))
            page.wait_for_timeout(16)
        page.mouse.up()
        frames = page.evaluate("window.kgFrames")[2:]
        browser.close()
    return {"ready_s": ready_ms / 1000, "frame_median_ms": statistics.median(frames),
            "frame_p95_ms": sorted(frames)[int(0.95 * len(frames)) - 1], "frames": len(frames)}


def main(nodes: int = 2000) -> dict:
    graph = synthetic_graph(nodes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        write_html(graph, path, top=nodes)
        size = path.stat().st_size
        result = {"nodes": nodes, "edges_on_page": min(graph.number_of_edges(), 5000), "page_mb": size / 1e6,
                  **measure(path)}
    print(f"{result['nodes']} entities, {result['edges_on_page']} relations on the page ({result['page_mb']:.1f} MB): "
          f"interactive after {result['ready_s']:.2f} s; dragging: median frame {result['frame_median_ms']:.1f} ms, "
          f"95th percentile {result['frame_p95_ms']:.1f} ms")
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
