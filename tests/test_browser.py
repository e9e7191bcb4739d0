"""graph.html in a real browser (Debian's chromium, headless, every network request blocked)."""

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import GOLD

from kg import export, pipeline
from kg.options import Recognition
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


def open_page(browser, path, width=1200, height=800):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    state = {"errors": [], "requests": [], "dialogs": []}
    page.on("pageerror", lambda error: state["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (state["dialogs"].append(dialog.message), dialog.dismiss()))

    def block(route):
        if not route.request.url.startswith("file://"):
            state["requests"].append(route.request.url)
        route.abort() if not route.request.url.startswith("file://") else route.continue_()

    page.route("**/*", block)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60000)
    return page, state


def screen_point(page, node):
    """Where ``node`` is drawn, in page coordinates."""
    return page.evaluate("""(id) => { const r = document.getElementById("graph").getBoundingClientRect();
        const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]); return {x: p.x + r.left, y: p.y + r.top}; }""",
                         node)


def hover_and_click_every_node(page):
    nodes = page.evaluate("Object.keys(kgNetwork.getPositions())")
    for node in nodes:
        point = screen_point(page, node)
        page.mouse.move(point["x"], point["y"])
        page.mouse.click(point["x"], point["y"])
    return len(nodes)


def test_sample_page_loads_offline_and_draws_every_node(browser, sample_build, tmp_path):
    export.save(sample_build, tmp_path)
    page, state = open_page(browser, tmp_path / "graph.html")
    drawn = page.evaluate("kgNetwork.body.data.nodes.length")
    assert drawn == sample_build.graph.number_of_nodes()
    assert not state["errors"] and not state["requests"]
    assert "\n《" in page.evaluate("kgNetwork.body.data.edges.get()[0].title")  # the tooltip shows its evidence
    page.fill("#search", "邓群策")
    page.dispatch_event("#search", "change")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["person:邓群策"]


@pytest.fixture(scope="module")
def sample_page(sample_build, tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    export.save(sample_build, folder)
    return folder / "graph.html"


def test_a_click_opens_the_panel_with_roles_neighbours_and_evidence(browser, sample_page):
    page, state = open_page(browser, sample_page)
    assert page.is_hidden("#panel")
    page.evaluate("kgNetwork.focus('person:邓群策', {scale: 4})")  # zoomed in, so no other node lies on top
    point = screen_point(page, "person:邓群策")
    page.mouse.click(point["x"], point["y"])
    panel = page.inner_text("#panel")
    assert panel.startswith("×\n邓群策") or "邓群策" in panel.splitlines()[1]
    assert "书记 @ 衡阳市委" in panel  # a role as title @ organization
    assert "衡阳市委" in panel and "证据 evidence" in panel and "《" in panel  # evidence with its headline
    # the rest is dimmed, its neighbours are not
    colours = page.evaluate("""() => { const d = kgNetwork.body.data.nodes;
        return [d.get("person:邓群策").color, d.get("organization:衡阳市委").color, d.get("person:陈润").color]; }""")
    assert colours[2] == "#e4e4e4" and colours[0] != "#e4e4e4" and colours[1] != "#e4e4e4"
    page.click("#panel button.link >> text=衡阳市委")  # a neighbour is one click away
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["organization:衡阳市委"]
    page.click("#close")
    assert page.is_hidden("#panel") and not state["errors"]


def test_search_finds_names_and_aliases_exactly_first_and_says_when_nothing_is_found(browser, sample_page):
    page, _ = open_page(browser, sample_page)
    page.fill("#search", "衡阳")
    page.press("#search", "Enter")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["place:衡阳市"]  # 衡阳 is an alias of 衡阳市
    page.fill("#search", "不存在的人")
    page.press("#search", "Enter")
    assert "not found" in page.inner_text("#found")


@pytest.mark.parametrize("width", [1400, 800, 390])
def test_every_control_can_be_tapped_at_any_width(browser, sample_page, width):
    page, _ = open_page(browser, sample_page, width=width, height=800)
    if page.is_visible("#menu"):  # a phone: the controls are behind one button
        assert page.is_hidden("#fit")
        page.click("#menu")
    for control in ["#search", "#fit", "#roles", "#partof", "#isolated", "#colour", "#minw", "#png", "#legend input"]:
        page.locator(control).first.click(trial=True, timeout=3000)  # fails if anything covers it
    graph = page.evaluate("document.getElementById('graph').getBoundingClientRect().height")
    assert graph > 250  # and the graph still has room


def test_the_layout_is_the_same_on_every_load(browser, sample_page):
    positions = [open_page(browser, sample_page)[0].evaluate("kgNetwork.getPositions()") for _ in range(2)]
    assert positions[0] == positions[1] and len(positions[0]) > 100


def test_controls_filter_and_counts_count_what_is_visible(browser, sample_page, sample_build):
    page, _ = open_page(browser, sample_page)
    graph = sample_build.graph
    page.fill("#minw", "0")
    page.dispatch_event("#minw", "input")
    assert page.inner_text("#counts").startswith(f"{graph.number_of_nodes()} / ")
    page.click("#roles")
    roles = sum(1 for *_, kind in graph.edges(data="kind") if kind == "role")
    in_roles = len({n for a, b, kind in graph.edges(data="kind") if kind == "role" for n in (a, b)})
    assert page.inner_text("#counts").startswith(f"{in_roles} / {graph.number_of_nodes()} entities · {roles} / ")
    assert page.evaluate("kgNetwork.body.data.nodes.length") == in_roles


def test_png_export_saves_an_image(browser, sample_page):
    page, _ = open_page(browser, sample_page)
    with page.expect_download() as download:
        page.click("#png")
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_hostile_article_text_runs_nothing(browser, recognizer, tmp_path):
    articles = [Article(id=f"evil-{n}", text=f"市委书记邓群策{payload}会见中国水环境集团董事长侯锋。侯锋{payload}在衡阳考察。",
                        source=payload, title=payload) for n, payload in enumerate(PAYLOADS)]
    build = pipeline.build_articles(articles, recognition=Recognition(recognizer))
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


def test_a_page_of_2000_entities_is_interactive(browser, tmp_path):
    # how soon: bench/page_speed.py measures it (time to interactive, frame times while dragging; bench/RESULTS.md, "The page")
    import importlib.util

    spec = importlib.util.spec_from_file_location("page_speed", Path(__file__).parents[1] / "bench" / "page_speed.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    export.write_html(bench.synthetic_graph(2000), tmp_path / "graph.html", top=2000)
    page, state = open_page(browser, tmp_path / "graph.html")  # waits at most a minute: a hang guard
    assert page.evaluate("kgNetwork.body.data.nodes.length") == 2000 and not state["errors"]
    page.fill("#search", "实体1999")
    page.press("#search", "Enter")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["n1999"] and page.is_visible("#panel")


def test_notebook_views_share_one_copy_of_vis_network_and_open_on_the_ego(browser, sample_build, monkeypatch):
    from kg import api
    from kg.export import tables

    monkeypatch.setattr(api, "_SHARED_LIBRARY", [])  # a fresh kernel
    g = api.KnowledgeGraph(sample_build.graph, tables(sample_build), sample_build)
    first, second = g.ego("邓群策").show(inline=True).data, g.ego("侯锋").show(inline=True).data
    assert "kgVisSource =" in first and "kgVisSource =" not in second
    assert len(second) < len(first) - 400_000  # the second view carries no library
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content(f"<div>{first}</div><div>{second}</div>")  # a notebook page runs its outputs' scripts
    frames = [f for f in page.frames if f != page.main_frame]
    assert len(frames) == 2
    for frame, centre in zip(frames, ["邓群策", "侯锋"]):
        frame.wait_for_function("window.kgReady === true", timeout=20000)
        assert frame.evaluate("kgNetwork.getSelectedNodes()") == [f"person:{centre}"]
        assert centre in frame.inner_text("#panel")
    assert not errors


def test_a_view_whose_library_is_gone_says_what_to_do(browser, sample_build, monkeypatch):
    from kg import api
    from kg.export import tables

    monkeypatch.setattr(api, "_SHARED_LIBRARY", [True])  # the output that carried it was cleared
    g = api.KnowledgeGraph(sample_build.graph, tables(sample_build), sample_build)
    view = g.ego("邓群策").show(inline=True).data
    page = browser.new_page()
    page.set_content(view)
    frame = page.frames[1]
    frame.wait_for_selector("#graph")
    page.wait_for_timeout(300)
    assert "g.show(library=True)" in frame.inner_text("#graph")
    own = g.ego("邓群策").show(library=True, inline=True)
    page.set_content(own.data)
    page.frames[1].wait_for_function("window.kgReady === true", timeout=20000)


def test_the_date_range_shows_only_what_the_chosen_articles_support(browser, recognizer, tmp_path):
    from kg import api

    g = api.build([
        {"id": "a", "date": "2021-03-05", "text": "衡阳市副市长张小平会见侯锋。"},
        {"id": "b", "date": "2023-01-10", "text": "衡阳市市长张小平会见邓群策。"},
    ], recognizer=recognizer)
    g.save(tmp_path)
    page, state = open_page(browser, tmp_path / "graph.html")
    assert page.is_visible("#dates")
    visible = lambda: set(page.evaluate("kgNetwork.body.data.nodes.getIds()"))
    assert {"person:侯锋", "person:邓群策"} <= visible()
    page.fill("#from", "2022-01-01")
    page.dispatch_event("#from", "change")
    assert "person:邓群策" in visible() and "person:侯锋" not in visible()
    page.fill("#from", "")
    page.fill("#to", "2021-12-31")
    page.dispatch_event("#from", "change")
    page.dispatch_event("#to", "change")
    assert "person:侯锋" in visible() and "person:邓群策" not in visible() and not state["errors"]
    page.fill("#search", "张小平")
    page.press("#search", "Enter")
    panel = page.inner_text("#panel")  # the tenure, in order, with its dates
    assert panel.index("副市长 @ 衡阳市政府 · 2021-03-05") < panel.index("市长 @ 衡阳市政府 · 2023-01-10")
    undated = tmp_path / "undated"
    api.build(["市委书记邓群策会见侯锋。"], recognizer=recognizer).save(undated)
    assert open_page(browser, undated / "graph.html")[0].is_hidden("#dates")  # no dates, no control


def test_part_of_arrows_are_off_until_toggled_and_the_panel_gives_the_chain(browser, sample_page, sample_build):
    page, state = open_page(browser, sample_page)
    arrows = lambda: page.evaluate("kgNetwork.body.data.edges.get().filter(e => e.arrows === 'to').length")
    assert arrows() == 0  # no part_of arrow shown at first
    page.click("#partof")
    links = sum(1 for _, data in sample_build.graph.nodes(data=True) if data.get("part_of") in sample_build.graph)
    assert arrows() == links and f"{links} part_of links" in page.inner_text("#counts")
    page.fill("#search", "祁东县")
    page.press("#search", "Enter")
    assert "隶属 part of: 衡阳市 → 湖南省" in page.inner_text("#panel")
    page.fill("#search", "衡阳市")
    page.press("#search", "Enter")
    assert "下属 parts:" in page.inner_text("#panel") and "祁东县" in page.inner_text("#panel")
    page.click("#partof")
    assert arrows() == 0 and not state["errors"]


def test_colouring_by_community_shows_the_communities_legend(browser, sample_page):
    page, state = open_page(browser, sample_page)
    assert page.is_visible("#legend") and page.is_hidden("#communities")
    colours = "kgNetwork.body.data.nodes.get().map(n => n.color)"
    by_type = page.evaluate(colours)
    page.select_option("#colour", "community")
    assert page.is_hidden("#legend") and page.is_visible("#communities")
    entries = page.locator("#communities > span").all_inner_texts()
    assert len(entries) > 1 and all(entry.endswith(")") or "other" in entry for entry in entries)
    swatches = page.evaluate("[...document.querySelectorAll('#communities .swatch')].map(s => s.style.background)")
    # the nodes take their communities' colours (a community may draw a type's colour from the palette)
    assert page.evaluate(colours) != by_type and swatches
    page.select_option("#colour", "type")
    assert page.is_visible("#legend") and page.is_hidden("#communities") and not state["errors"]


# The dev texts of shared/gold: 20 articles of many papers, the build a new user first sees.
DEV_TEXTS = Path(os.environ.get("KG_DEV_TEXTS", GOLD / "dev" / "texts"))


@pytest.fixture(scope="module")
def dev_page(recognizer, tmp_path_factory):
    if not DEV_TEXTS.is_dir():
        pytest.skip(f"{DEV_TEXTS} is not there (shared/gold beside the checkout, or KG_DEV_TEXTS)")
    build = pipeline.build([DEV_TEXTS], recognition=Recognition(recognizer))
    folder = tmp_path_factory.mktemp("dev")
    export.save(build, folder)
    ranked = sorted(build.graph.nodes(data="importance"), key=lambda item: (-item[1], item[0]))
    build.store.close()
    return folder / "graph.html", [node for node, _ in ranked]


def test_the_most_important_names_are_legible_at_first_sight_and_at_any_zoom(browser, dev_page):
    path, ranked = dev_page
    page, state = open_page(browser, path, width=1366, height=768)
    graph = page.evaluate("(() => { const r = document.getElementById('graph').getBoundingClientRect();"
                          " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()")
    labels = {label["id"]: label for label in page.evaluate("kgLabels()")}
    for node in ranked[:15]:
        assert node in labels, node  # named on screen
        label = labels[node]
        assert label["px"] >= 9, node
        assert graph["left"] <= label["x"] <= graph["right"] and graph["top"] <= label["y"] <= graph["bottom"], node
    first = page.evaluate("kgNetwork.getScale()")
    page.evaluate(f"kgNetwork.moveTo({{scale: {first * 3}}})")
    page.wait_for_function("() => kgLabels().length > 15", timeout=10000)  # more names as you zoom in (next frames)
    assert min(label["px"] for label in page.evaluate("kgLabels()")) >= 9
    page.evaluate(f"kgNetwork.moveTo({{scale: {first / 4}}})")
    page.wait_for_function("() => kgLabels().length === 15", timeout=10000)
    assert {label["id"] for label in page.evaluate("kgLabels()")} == set(ranked[:15])
    assert min(label["px"] for label in page.evaluate("kgLabels()")) >= 9 and not state["errors"]
    page.close()


def graph_share(page) -> float:
    """The share of the window the graph has."""
    return page.evaluate("""(() => { const r = document.getElementById('graph').getBoundingClientRect();
        return r.width * r.height / (window.innerWidth * window.innerHeight); })()""")


def test_a_phone_keeps_most_of_the_screen_for_the_graph_and_a_tap_centres_the_choice(browser, dev_page):
    path, ranked = dev_page
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60000)
    assert graph_share(page) >= 0.6 and page.is_visible("#menu") and page.is_hidden("#fit")
    node = ranked[0]
    point = screen_point(page, node)
    page.touchscreen.tap(point["x"], point["y"])
    page.wait_for_timeout(800)  # the panel opens, then the view glides to the choice
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [node] and page.is_visible("#panel")
    assert graph_share(page) >= 0.6
    box = page.evaluate("(() => { const r = document.getElementById('graph').getBoundingClientRect();"
                        " return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}; })()")
    now = screen_point(page, node)
    assert abs(now["x"] - box["x"]) < box["w"] * 0.05 and abs(now["y"] - box["y"]) < box["h"] * 0.05
    assert page.evaluate("kgNetwork.getScale()") >= 0.5 and not errors  # its neighbours big enough to tap
    page.click("#menu")
    page.click("#roles")  # the controls in the menu work
    assert page.get_attribute("#roles", "aria-pressed") == "true"
    page.close()


@pytest.mark.parametrize("width, button", [(1366, "#roles"), (390, "#menu")])
def test_a_click_after_a_search_that_found_nothing_presses_its_button(browser, sample_page, width, button):
    page, state = open_page(browser, sample_page, width=width, height=800)
    aimed = page.locator(button).bounding_box()  # where the reader saw it before searching
    page.fill("#search", "不存在的人")
    page.press("#search", "Enter")
    assert "not found" in page.inner_text("#found")
    page.mouse.click(aimed["x"] + aimed["width"] / 2, aimed["y"] + aimed["height"] / 2)
    pressed = {"#roles": ("aria-pressed", "true"), "#menu": ("aria-expanded", "true")}[button]
    assert page.get_attribute(button, pressed[0]) == pressed[1] and not state["errors"]
