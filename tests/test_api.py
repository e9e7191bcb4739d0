"""The notebook API, and the exploration notebook run top to bottom."""

import os
from pathlib import Path

import pytest

import kg


@pytest.fixture(scope="module")
def g(recognizer):
    return kg.build(recognizer=recognizer)


def test_build_gives_graph_and_tables(g):
    assert g.graph.number_of_nodes() == len(g.entities) >= 80
    assert list(g.roles.columns) == ["person", "title", "organization", "article_id", "sentence", "person_id",
                                     "organization_id", "organization_type", "date", "status", "appointed"]
    ids = set(g.entities["id"])
    assert set(g.roles["person_id"]) <= ids and set(g.roles["organization_id"]) - {""} <= ids
    city_roles = g.roles[g.roles["title"] == "市领导"]
    assert len(city_roles) and set(city_roles["organization_type"]) == {"place"}  # a place, marked as one
    assert set(g.roles[g.roles["organization"] == "本报"]["organization_type"]) <= {""}  # 本报 is no node
    assert {"degree", "importance", "betweenness", "community", "core"} <= set(g.graph.nodes["person:邓群策"])


def test_look_ups_by_alias_and_close_matches(g):
    assert g.entity("衡阳")["label"] == "衡阳市"
    with pytest.raises(kg.KgError, match="close matches: .*邓群策"):
        g.entity("邓群束")


def test_top_ego_path_subgraph(g):
    people = g.top(5, type="person")
    assert len(people) == 5 and set(people["type"]) == {"person"}
    assert people["importance"].is_monotonic_decreasing
    ego = g.ego("邓群策")
    assert "person:邓群策" in ego.graph and set(ego.entities["id"]) == set(ego.graph)
    steps = g.path("侯锋", "邓群策")
    assert steps[0]["from"] == "侯锋" and steps[-1]["to"] == "邓群策" and steps[0]["evidence"]
    sub = g.subgraph(types=["person"], min_weight=2)
    assert {t for _, t in sub.graph.nodes(data="type")} == {"person"}
    assert all(w >= 2 for _, _, w in sub.graph.edges(data="weight"))


def test_communities_repeat(g, recognizer):
    again = kg.build(recognizer=recognizer)
    assert g.communities().equals(again.communities())


def test_texts_and_dicts(recognizer):
    g = kg.build(["市委副书记、市长朱健会见侯锋。", {"id": "x", "text": "邓群策在衡阳调研。", "title": "调研"}],
                 recognizer=recognizer, home_city="衡阳")
    assert set(g.articles["id"]) == {"text-1", "x"}
    assert ("朱健", "市长", "衡阳市政府") in set(map(tuple, g.roles[["person", "title", "organization"]].values))


def test_add_stores_texts_and_files_and_the_next_build_graphs_them_all(recognizer, tmp_path):
    store = tmp_path / "news.duckdb"
    texts = ["市委副书记、市长朱健会见侯锋。", {"id": "x", "text": "邓群策在衡阳调研。", "date": "2023-04-27"}]
    assert kg.add(texts, store=store, recognizer=recognizer, home_city="衡阳", date="2023-05-01") == \
        {"added": 2, "already_there": 0, "articles": 2}
    page = tmp_path / "page.txt"
    page.write_text("衡阳市委书记邓群策会见朱健。\n", encoding="utf-8")
    assert kg.add([page, page], store=store, recognizer=recognizer, home_city="衡阳")["articles"] == 3
    g = kg.build(store=store, recognizer=recognizer, home_city="衡阳")
    assert sorted(g.articles["date"]) == ["", "2023-04-27", "2023-05-01"]
    assert {("朱健", "市长", "衡阳市政府"), ("邓群策", "书记", "衡阳市委")} <= \
        set(map(tuple, g.roles[["person", "title", "organization"]].values))
    with pytest.raises(kg.KgError, match="give either paths or texts"):
        kg.add([page, "一段文字。"], store=store, recognizer=recognizer)


def test_show_is_an_iframe_with_srcdoc(g, tmp_path):
    shown = g.ego("朱健").show(inline=True)
    assert "<iframe srcdoc=" in shown.data and "&lt;script" in shown.data
    written = g.ego("朱健").save(tmp_path)
    assert (tmp_path / "graph.graphml").is_file() and written["entities.csv"].is_file()


def cjk_font_installed() -> bool:
    """Whether the system has a font with Chinese glyphs (``make test`` installs one, as ``make browser`` does)."""
    from matplotlib import font_manager

    from kg.api import _CJK_FILE

    if any(_CJK_FILE.search(Path(path).name) for path in font_manager.findSystemFonts()):
        return True
    if os.environ.get("KG_REQUIRE_FONTS"):
        raise RuntimeError("KG_REQUIRE_FONTS is set but no CJK font is installed (make test installs fonts-noto-cjk)")
    return False


def test_show_outside_a_notebook_writes_the_page_and_opens_it(g, monkeypatch, capsys):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    path = g.ego("朱健").show()  # pytest runs no notebook kernel: as a plain script
    assert path.suffix == ".html" and opened == [path.as_uri()] and capsys.readouterr().out == ""
    page = path.read_text(encoding="utf-8")
    assert "vis.Network" in page and "朱健" in page
    monkeypatch.setattr(webbrowser, "open", lambda url: False)  # no browser: the path is printed
    path.unlink()
    again = g.ego("朱健").show()
    assert str(again) in capsys.readouterr().out and again.is_file()
    again.unlink()


def test_entity_tells_its_roles_neighbours_and_articles(g):
    found = g.entity("朱健")
    assert found["label"] == "朱健" and found["type"] == "person"
    roles = found["roles"]
    assert list(roles.columns) == list(g.roles.columns) and set(roles["person_id"]) == {found["id"]}
    assert ("市长", "衡阳市政府") in set(zip(roles["title"], roles["organization"]))
    near = found["neighbours"]
    assert len(near) <= 10 and near["weight"].is_monotonic_decreasing and found["id"] not in set(near["id"])
    assert set(near["id"]) <= set(g.graph[found["id"]])
    named = set(g.mentions[g.mentions["entity_id"] == found["id"]]["article_id"])
    assert set(found["in_articles"]["id"]) == named and len(named) == found["articles"]
    organization = g.entity("衡阳市政府")["roles"]  # an organization's roles are its people's
    assert "朱健" in set(organization["person"])


def test_notebook_runs_top_to_bottom(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    path = Path(__file__).parents[1] / "notebooks" / "explore.ipynb"
    notebook = nbformat.read(path, as_version=4)
    (tmp_path / "notebooks").mkdir()
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path / "notebooks")}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    streams = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    if cjk_font_installed():  # without one, matplotlib draws boxes and says so: nothing kg can mend
        assert "missing from font" not in streams  # the bar chart's Chinese labels drew
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert (tmp_path / "output" / "people-and-organizations" / "graph.graphml").is_file()


def test_careless_calls_get_clear_errors(g, recognizer, tmp_path):
    for inputs, message in [("", "empty string"), ("typo.txt", "typo.txt: no such file"), ([], "no inputs"),
                            ("typo.jsonl.gz", "typo.jsonl.gz: no such file"),
                            (42, "not int"), ([3.5], "input 1 is float")]:
        with pytest.raises(kg.KgError, match=message):
            kg.build(inputs, recognizer=recognizer)
    for call, message in [(lambda: g.entity(""), "non-empty"), (lambda: g.ego(None), "non-empty"),
                          (lambda: g.top(-1), "0 or more"), (lambda: g.top(type="alien"), "type must be one of"),
                          (lambda: g.subgraph(types=["place"]).ego("衡阳市").subgraph(types=["person"]).plot_top(),
                           "no entities")]:
        with pytest.raises(kg.KgError, match=message):
            call()
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(kg.KgError, match="is a file"):
        g.save(target)


def test_generators_sets_and_bytes_are_inputs(recognizer):
    texts = ("市委书记邓群策会见侯锋。", "市长朱健调研。")
    from_generator = kg.build((t for t in texts), recognizer=recognizer, home_city="衡阳")
    from_set = kg.build(set(texts), recognizer=recognizer, home_city="衡阳")
    from_bytes = kg.build([t.encode("gb18030") for t in texts], recognizer=recognizer, home_city="衡阳")
    names = {"邓群策", "侯锋", "朱健"}
    for g in (from_generator, from_set, from_bytes):
        assert names <= set(g.entities["name"])


def test_fullwidth_and_invisible_characters_do_not_split_an_entity(recognizer):
    g = kg.build(["ＡＢＣ集团董事长邓\u200b群策会见衡\ufeff阳市委书记。ABC集团与衡阳市签约。"], recognizer=recognizer)
    assert len(g.entities[g.entities["name"].isin(["ABC集团", "ＡＢＣ集团"])]) == 1
    assert "邓群策" in set(g.entities["name"]) and (g.entities["name"] == "衡阳市").sum() == 1


def test_dates_and_urls_reach_every_table(recognizer):
    import kg

    g = kg.build([
        {"id": "a", "date": "2023/3/5", "url": "https://example.cn/a", "title": "调研",
         "text": "市委书记邓群策在衡阳市调研。衡阳市市长朱健陪同。"},
        {"id": "b", "date": "2023年9月12日", "title": "会见", "text": "市委书记邓群策会见侯锋。邓群策说，衡阳市欢迎投资。"},
    ], recognizer=recognizer)
    articles = g.articles.set_index("id")
    assert articles.loc["a", "url"] == "https://example.cn/a" and articles.loc["b", "url"] == ""
    entities = g.entities.set_index("name")
    assert tuple(entities.loc["邓群策", ["first_seen", "last_seen"]]) == ("2023-03-05", "2023-09-12")
    summary = g.roles_summary
    row = summary[(summary.person == "邓群策") & (summary.title == "书记")].iloc[0]
    assert (row["count"], row["first_seen"], row["last_seen"], row["articles"]) == (2, "2023-03-05", "2023-09-12", "a|b")
    step = g.path("朱健", "邓群策")[0]
    assert step["evidence"] and step["evidence"][0]["url"] == "https://example.cn/a"


def test_plot_top_finds_chinese_fonts_installed_after_matplotlibs_cache(g, monkeypatch):
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    from kg.api import CJK_FONTS

    installed = cjk_font_installed()
    stale = [f for f in font_manager.fontManager.ttflist if f.name not in CJK_FONTS]  # as if cached before
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        axes = g.plot_top(10)
        axes.figure.canvas.draw()
    if not installed:  # boxes for labels, and the title says why
        assert axes.get_title().endswith("(no CJK font installed)")
        return
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert "no CJK font" not in axes.get_title()
    assert matplotlib.rcParams["font.sans-serif"][0] in CJK_FONTS


def test_sql_queries_the_store_and_this_graphs_tables(sample_build):
    from kg.export import tables

    g = kg.KnowledgeGraph(sample_build.graph, tables(sample_build), sample_build)
    people = g.sql("SELECT count(*) AS n FROM entities WHERE type = 'person'")["n"][0]
    assert people == (g.entities["type"] == "person").sum()
    ego = g.ego("邓群策")
    assert ego.sql("SELECT count(*) AS n FROM entities")["n"][0] == len(ego.entities)  # the ego's own tables
    said = g.sql("SELECT a.title FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.name = '邓群策'")
    assert len(said) >= 3
    with pytest.raises(kg.KgError, match="the query failed"):
        g.sql("SELECT nothing FROM nowhere")


def test_past_posts_are_in_the_timeline_but_drawn_as_no_role_edge(recognizer):
    g = kg.build(["常德市人大常委会决定：任命王海军为常德市财政局局长，免去其常德市审计局局长职务。"],
                 recognizer=recognizer)
    roles = g.roles.set_index("organization")
    assert (roles.loc["常德市财政局", "status"], bool(roles.loc["常德市财政局", "appointed"])) == ("current", True)
    assert roles.loc["常德市审计局", "status"] == "former"
    assert list(g.timeline("王海军")["status"]) == ["former", "current"]  # the past post first
    linked = {g.graph.nodes[n]["label"] for n in g.graph.neighbors(g.node_id("王海军"))
              if g.graph.edges[g.node_id("王海军"), n]["kind"] == "role"}
    assert "常德市财政局" in linked and "常德市审计局" not in linked


def test_credits_in_the_lead_take_the_papers_name(recognizer):
    g = kg.build(["潇湘日报讯（通讯员周红、李想）8月1日，岳麓区举行农业推介会。"], recognizer=recognizer)
    assert set(map(tuple, g.roles[["person", "title", "organization"]].values.tolist())) >= {
        ("周红", "通讯员", "潇湘日报"), ("李想", "通讯员", "潇湘日报")}
