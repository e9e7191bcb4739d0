"""graph.html in a real browser (Debian's chromium, headless, every network request blocked)."""

import json
import os
import shutil

import pytest

from kg import export, pipeline
from kg.records import Article

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    if os.environ.get("KG_REQUIRE_BROWSER"):
        raise RuntimeError("KG_REQUIRE_BROWSER is set but chromium is not installed (make test installs it)")
    pytest.skip("chromium is not installed (make test installs it)", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api")

PAYLOADS = ['<script>window.__pwned="script"</script>', '<img src=x onerror="window.__pwned=\'img\'">',
            'javascript:window.__pwned="js"', '"><svg onload="window.__pwned=\'svg\'">']


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    state = {"errors": [], "requests": [], "dialogs": []}
    page.on("pageerror", lambda error: state["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (state["dialogs"].append(dialog.message), dialog.dismiss()))

    def block(route):
        if not route.request.url.startswith("file://"):
            state["requests"].append(route.request.url)
        route.abort() if not route.request.url.startswith("file://") else route.continue_()

    page.route("**/*", block)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgNetwork !== undefined", timeout=20000)
    return page, state


def hover_and_click_every_node(page):
    positions = page.evaluate("""() => { const p = kgNetwork.getPositions(); const out = [];
        for (const id in p) { out.push(kgNetwork.canvasToDOM(p[id])); } return out; }""")
    for point in positions:
        page.mouse.move(point["x"], point["y"] + 48)
        page.mouse.click(point["x"], point["y"] + 48)
    return len(positions)


def test_sample_page_loads_offline_and_draws_every_node(browser, sample_build, tmp_path):
    export.save(sample_build, tmp_path)
    page, state = open_page(browser, tmp_path / "graph.html")
    drawn = page.evaluate("kgNetwork.body.data.nodes.length")
    assert drawn == sample_build.graph.number_of_nodes()
    assert not state["errors"] and not state["requests"]
    page.fill("#search", "邓群策")
    page.dispatch_event("#search", "change")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["person:邓群策"]


def test_hostile_article_text_runs_nothing(browser, recognizer, tmp_path):
    articles = [Article(id=f"evil-{n}", text=f"市委书记邓群策{payload}会见中国水环境集团董事长侯锋。侯锋{payload}在衡阳考察。",
                        source=payload, title=payload) for n, payload in enumerate(PAYLOADS)]
    build = pipeline.build_articles(articles, recognizer=recognizer)
    graph = build.graph
    graph.add_node("evil", label=PAYLOADS[1], type="person", aliases=PAYLOADS[3], titles=PAYLOADS[0],
                   mentions=1, articles=1, importance=0.5)
    graph.add_edge("evil", "person:侯锋", weight=3.0, kind="role", titles=PAYLOADS[2], sentences=1, articles=1,
                   evidence=json.dumps([{"article_id": "x", "title": PAYLOADS[2], "sentence": PAYLOADS[3]}]))
    export.write_html(graph, tmp_path / "graph.html")
    page, state = open_page(browser, tmp_path / "graph.html")
    assert hover_and_click_every_node(page) == graph.number_of_nodes()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert not state["errors"] and not state["dialogs"] and not state["requests"]
