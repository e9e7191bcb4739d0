"""The corpus store: incremental builds equal one-shot builds, stored articles are not read again, SQL."""

import json
import re
from pathlib import Path

import duckdb
import pytest

from kg import export, ingest, pipeline
from kg.errors import KgError
from kg.extract import MapOptions
from kg.options import Recognition, map_options
from kg.records import Article
from kg.roles import TitleLexicon
from kg.store import Query, Store

PAGES = sorted(ingest.SAMPLES.glob("*.txt"))


def ingest_article(record):
    return Article(record["id"], record["text"], "test")


def frame_of(table):
    """A table of export.tables as a DataFrame (those that grow with the corpus are store queries)."""
    return table.df() if isinstance(table, Query) else table


def rows(frame, columns=None):
    frame = frame_of(frame)
    frame = frame[columns] if columns else frame
    return sorted(map(tuple, frame.astype(str).values.tolist()))


def test_a_corpus_built_in_two_halves_equals_one_built_at_once(recognizer, tmp_path, sample_build):
    store = tmp_path / "kg.duckdb"
    first = pipeline.build(PAGES[:2], recognition=Recognition(recognizer), store=store)
    assert len(first.articles) < len(sample_build.articles)
    first.store.close()
    second = pipeline.build(PAGES, recognition=Recognition(recognizer), store=store)
    assert [f.stored for f in second.files] == [f.articles for f in first.files] + [0, 0, 0]
    assert second.ner_counts["sentences_run"] < sample_build.ner_counts["sentences_run"]  # the first half ran no NER again
    halves, whole = export.tables(second), export.tables(sample_build)
    for name in ("entities", "relations", "roles", "roles_summary", "merges", "mentions", "articles"):
        assert rows(halves[name]) == rows(whole[name]), name  # weights, evidence, analytics and all
    assert second.graph.number_of_edges() == sample_build.graph.number_of_edges()


def test_articles_added_without_a_graph_reach_the_next_build_as_if_built_at_once(recognizer, tmp_path, sample_build):
    store = tmp_path / "kg.duckdb"
    pipeline.build(PAGES[:2], recognition=Recognition(recognizer), store=store).store.close()
    added = pipeline.add(PAGES, recognition=Recognition(recognizer), store=store)
    assert all(f.stored and not f.articles for f in added.files[:2]) and all(f.articles for f in added.files[2:])
    assert json.loads(added.store.get("reduced"))["seq"] < added.store.db.execute(
        "SELECT max(seq) FROM articles").fetchall()[0][0]  # no reduce ran: the relations are of the first two pages
    added.store.close()
    later = pipeline.build(recognition=Recognition(recognizer), store=store)  # no inputs: the graph of the store
    assert later.ner_counts["sentences_run"] == 0
    halves, whole = export.tables(later), export.tables(sample_build)
    for name in ("entities", "relations", "roles", "mentions", "articles"):
        assert rows(halves[name]) == rows(whole[name]), name
    with pytest.raises(KgError, match="adds nothing"):
        pipeline.add([], recognition=Recognition(recognizer), store=store)


def test_stored_articles_are_not_read_again_and_rebuild_starts_over(recognizer, tmp_path):
    store = tmp_path / "kg.duckdb"
    texts = [{"id": "a", "text": "市委书记邓群策会见中国水环境集团董事长侯锋。"},
             {"id": "b", "text": "衡阳市市长朱健调研园区建设。"}]
    first = pipeline.build_articles([ingest_article(t) for t in texts], recognition=Recognition(recognizer), store=store)
    again = pipeline.build_articles([ingest_article(t) for t in texts], recognition=Recognition(recognizer), store=first.store)
    assert again.files[0].stored == 2 and again.ner_counts["sentences_run"] == 0 and len(again.articles) == 2
    assert rows(export.tables(again)["relations"]) == rows(export.tables(first)["relations"])
    other = pipeline.build_articles([ingest_article({"id": "a", "text": "长沙市委书记吴桂英会见侯锋。"})], recognition=Recognition(recognizer), store=first.store)
    assert {a.id for a in other.articles} == {"a", "b", "a~2"}  # another article under a stored id
    assert "stored for another article" in other.files[0].warnings[0]
    fresh = pipeline.build_articles([ingest_article(texts[1])], recognition=Recognition(recognizer), store=first.store, rebuild=True)
    assert [a.id for a in fresh.articles] == ["b"]


def test_changed_options_run_the_map_again_and_say_so(recognizer, tmp_path):
    store = tmp_path / "kg.duckdb"
    article = ingest_article({"id": "a", "text": "衡阳市首席数据官李明介绍情况。"})
    before = pipeline.build_articles([article], recognition=Recognition(recognizer), store=store)
    assert not any(r.title == "首席数据官" for r in before.roles)
    titles = tmp_path / "titles.txt"
    titles.write_text("首席数据官\n", encoding="utf-8")
    after = pipeline.build_articles([article], map_options=map_options(titles_file=titles), recognition=Recognition(recognizer), store=before.store)
    assert any(r.title == "首席数据官" and r.person == "李明" for r in after.roles)
    assert after.warnings == ["titles changed since the store was built: ran the map again over its 1 articles"]
    assert after.ner_counts["sentences_run"] == 0  # the stored spans served: only the model's change runs NER


def test_a_reprint_of_a_stored_story_is_found(recognizer, tmp_path):
    story = ("新华社长沙电 湖南省委书记沈晓明在长沙会见中国水环境集团董事长侯锋一行，双方就深化水环境治理合作交换意见。"
             "沈晓明说，湖南正全力推进长江经济带生态保护，欢迎企业发挥技术优势，参与湘江流域综合治理。")

    first = pipeline.build_articles([Article("a", story, "衡阳日报")], recognition=Recognition(recognizer), store=tmp_path / "s.duckdb")
    later = pipeline.build_articles([Article("b", story.replace("交换意见", "深入交换了意见"), "湘潭日报")], recognition=Recognition(recognizer), store=first.store)
    assert [(d.id, d.duplicate_of) for d in later.duplicates] == [("b", "a")]
    assert later.articles[0].copies == ("湘潭日报",) and later.files[0].duplicates == 1


def test_the_store_answers_sql(recognizer, tmp_path):
    build = pipeline.build(PAGES[:1], recognition=Recognition(recognizer))
    written = export.save(build, tmp_path)
    tables = {name: frame_of(table) for name, table in export.tables(build).items()}
    with duckdb.connect(str(written["kg.duckdb"]), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM entities").fetchall()[0][0] == len(tables["entities"])
        assert db.execute("SELECT count(*) FROM mentions").fetchall()[0][0] == len(tables["mentions"])
        top = db.execute("SELECT name FROM entities ORDER BY mentions DESC, name LIMIT 1").fetchall()[0][0]
        assert top == tables["entities"].sort_values(["mentions", "name"], ascending=[False, True])["name"].iloc[0]
        report = json.loads(db.execute("SELECT value FROM about WHERE name = 'report'").fetchall()[0][0])
        assert report["counts"]["articles"] == len(build.articles)


def test_a_file_that_is_no_store_is_refused(tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as db:
        db.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(KgError, match="other.duckdb: a DuckDB database kg did not write"):
        Store(other)
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database")
    with pytest.raises(KgError, match="notes.duckdb: not a DuckDB database"):
        Store(text)


def test_the_readme_queries_run_on_a_store(sample_build, tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?)```", readme, re.DOTALL).group(1)
    queries = [q.strip() for q in re.sub(r"--[^\n]*", "", block).split(";") if q.strip()]
    written = export.save(sample_build, tmp_path)
    with duckdb.connect(str(written["kg.duckdb"]), read_only=True) as db:
        answers = [db.execute(query).fetchall() for query in queries]
    assert len(answers) == 3 and all(answers)  # each finds something in the sample pages
    assert ("邓群策", "书记") in {row[:2] for row in answers[1]}


def test_a_span_of_a_lasting_store_is_the_graph_of_that_span(recognizer, tmp_path):
    records = tmp_path / "a.jsonl"
    records.write_text('{"id": "a", "date": "2021-03-05", "text": "衡阳市副市长张小平会见侯锋。"}\n'
                       '{"id": "b", "date": "2023-01-10", "text": "衡阳市市长张小平会见邓群策。"}\n', encoding="utf-8")
    store = tmp_path / "kg.duckdb"
    pipeline.build([records], recognition=Recognition(recognizer), store=store).store.close()
    later = pipeline.build([records], recognition=Recognition(recognizer), store=store, since="2022-01-01")
    assert [a.id for a in later.articles] == ["b"] and "person:侯锋" not in later.graph
    assert later.files[0].stored == 1 and later.files[0].outside_dates == 1


def test_the_command_line_says_what_the_store_holds(tmp_path, capsys):
    from kg.cli import main

    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"id": "a", "text": "市委书记邓群策会见侯锋。"}\n{"id": "b", "text": "市长朱健调研。"}\n',
                     encoding="utf-8")
    second.write_text('{"id": "c", "text": "衡阳市市长朱健会见侯锋。"}\n', encoding="utf-8")
    store = tmp_path / "archive.duckdb"
    assert main(["build", str(first), "--store", str(store), "-o", str(tmp_path / "out")]) == 0
    assert "2 articles added, 0 already there; it holds 2 articles" in capsys.readouterr().out
    assert main(["build", str(first), str(second), "--store", str(store), "-o", str(tmp_path / "out")]) == 0
    assert "1 article added, 2 already there; it holds 3 articles" in capsys.readouterr().out
    assert store.is_file() and not (tmp_path / "out" / "kg.duckdb").exists()  # the store is where it was named
    assert main(["build", str(first), "--rebuild", "-o", str(tmp_path / "out")]) == 2
    assert "--rebuild empties a --store" in capsys.readouterr().err
    third = tmp_path / "c.jsonl"
    third.write_text('{"id": "d", "text": "衡阳市副市长刘越高调研。"}\n', encoding="utf-8")
    assert main(["build", str(third), "--store", str(store), "--add-only", "-o", str(tmp_path / "later")]) == 0
    said = capsys.readouterr().out
    assert "1 article added, 0 already there; it holds 4 articles" in said and "kg build --store" in said
    assert [p.name for p in (tmp_path / "later").iterdir()] == [".kg-cache.sqlite"]  # no graph, no files: the NER cache
    assert main(["build", str(third), "--store", str(tmp_path / "new.duckdb"), "--add-only", "-o", str(tmp_path / "later")]) == 0
    assert "1 article added, 0 already there; it holds 1 article " in capsys.readouterr().out  # a store never reduced
    assert main(["build", str(third), "--add-only"]) == 2
    assert "--add-only adds to a --store" in capsys.readouterr().err


def test_a_file_mapped_in_several_batches_gives_the_same_build(recognizer, monkeypatch):
    story = ("新华社长沙电 湖南省委书记沈晓明在长沙会见中国水环境集团董事长侯锋一行，双方就深化水环境治理合作交换意见。"
             "沈晓明说，湖南正全力推进长江经济带生态保护，欢迎企业发挥技术优势，参与湘江流域综合治理。")
    articles = [Article("a", story, "衡阳日报"), Article("b", "衡阳市市长朱健调研园区建设。", "衡阳日报"),
                Article("c", story.replace("交换意见", "深入交换了意见"), "湘潭日报"),
                Article("d", "市委书记邓群策会见侯锋。", "衡阳日报")]
    whole = pipeline.build_articles(articles, recognition=Recognition(recognizer))
    monkeypatch.setattr(pipeline, "STREAM_SENTENCES", 2)  # a batch of about one article
    batched = pipeline.build_articles(articles, recognition=Recognition(recognizer))
    assert [(d.id, d.duplicate_of) for d in batched.duplicates] == [("c", "a")]
    assert batched.articles[0].copies == ("湘潭日报",)
    for name in ("entities", "relations", "roles", "mentions", "articles"):
        assert rows(export.tables(batched)[name]) == rows(export.tables(whole)[name]), name


def test_a_reduce_out_of_memory_says_how_to_allow_more(recognizer, monkeypatch):
    from kg import store as store_module

    monkeypatch.setattr(store_module, "MEMORY_LIMIT", "1MB")  # as KG_STORE_MEMORY=1MB would
    with pytest.raises(KgError, match="needed more than its 1MB of memory .* KG_STORE_MEMORY"):
        pipeline.build(PAGES, recognition=Recognition(recognizer))


def test_relations_aggregated_a_part_at_a_time_are_the_same(recognizer, sample_build, monkeypatch):
    from kg.reduce import relations

    monkeypatch.setattr(relations, "PART_ROWS", 200)  # the samples' pairs in a dozen parts, not one
    parted = pipeline.build(recognition=Recognition(recognizer))
    assert rows(export.tables(parted)["relations"]) == rows(export.tables(sample_build)["relations"])


def test_the_exports_of_a_build_stream_from_the_store_without_a_networkx_graph(recognizer, tmp_path):
    build = pipeline.build(PAGES[:2], recognition=Recognition(recognizer))
    written = export.save(build, tmp_path / "streamed")
    assert "graph" not in vars(build.reduced)  # the whole graph was never made
    graph = build.graph  # made now, from the store: the files of it are the same
    from kg.export.graphml import write_gexf, write_graphml

    assert write_graphml(graph, tmp_path / "g.graphml").read_bytes() == written["graph.graphml"].read_bytes()
    assert write_gexf(graph, tmp_path / "g.gexf").read_bytes() == written["graph.gexf"].read_bytes()
    relations = frame_of(export.tables(build)["relations"])
    assert len(relations[relations["kind"] != "part_of"]) == graph.number_of_edges()
    assert all(graph.edges[a, b]["evidence"] == e for a, b, e, k in
               zip(relations["source"], relations["target"], relations["evidence"], relations["kind"]) if k != "part_of")


def test_wide_tables_sorted_a_range_at_a_time_are_written_the_same(recognizer, tmp_path, monkeypatch):
    from kg import store as store_module

    build = pipeline.build(PAGES[:2], recognition=Recognition(recognizer))
    whole = export.save(build, tmp_path / "whole")
    monkeypatch.setattr(store_module, "RANGE_BYTES", 3000)  # relations and edges sorted a few rows at a time
    ranged = export.save(build, tmp_path / "ranged")
    for name in ("relations.csv", "graph.graphml", "graph.gexf", "mentions.csv"):
        assert ranged[name].read_bytes() == whole[name].read_bytes(), name


def test_each_thread_talks_to_the_store_through_a_connection_of_its_own(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    store = Store(tmp_path / "kg.duckdb")
    store.db.execute("CREATE TABLE numbers AS SELECT range AS n FROM range(1000)")
    store.db.execute("CREATE TEMP TABLE mine AS SELECT 1 AS n")
    with ThreadPoolExecutor(2) as pool:  # two queries at once, as the export's writers run them
        sums = list(pool.map(lambda low: store._value(f"SELECT sum(n) FROM numbers WHERE n >= {low}"), [0, 500]))
        assert pool.submit(lambda: store.db).result() is not store.db
        with pytest.raises(duckdb.CatalogException):  # a temporary table is its connection's own
            pool.submit(store._value, "SELECT n FROM mine").result()
    assert sums == [499500, 374750]
    store.close()


def test_the_page_of_a_build_is_the_page_of_its_networkx_graph(recognizer, tmp_path, monkeypatch):
    from kg.export import html

    build = pipeline.build(PAGES[:2], recognition=Recognition(recognizer))
    monkeypatch.setattr(html, "PAGE_NODES", 30)  # a page that leaves entities out, as a big corpus's does
    monkeypatch.setattr(html, "PAGE_EDGES", 40)  # and relations between those it shows (chosen by SQL)
    streamed = html.write_html(build.reduced, tmp_path / "streamed.html").read_bytes()
    assert streamed == html.write_html(build.graph, tmp_path / "graph.html").read_bytes()


HOSTILE = 'a "quoted" \'it\'s\' <b>&amp;</b>\tTab\r\x01\x0b\ufffe #1'


@pytest.mark.parametrize("hostile", [HOSTILE, "衡阳\ufffe日报"])  # the second: nothing but a character XML cannot hold
def test_the_store_writes_xml_of_any_text_as_the_networkx_writer_does(recognizer, tmp_path, hostile):
    from functools import partial

    import networkx as nx

    from kg.export.graphml import clean, write_gexf, write_graphml

    text = f"市委书记邓群策会见了侯锋和朱健，{hostile}。\n邓群策与侯锋交谈。"
    build = pipeline.build_articles([Article(hostile, text, "test", title=hostile)], recognition=Recognition(recognizer))
    edges = build.graph.edges(data=True)
    assert {data["article_ids"] for *_, data in edges} == {hostile}  # raw in the edges' text: escaped in XML
    assert {json.loads(data["evidence"])[0]["title"] for *_, data in edges} == {hostile}
    read_gexf = partial(nx.read_gexf, version="1.3")
    for write, read, name in ((write_graphml, nx.read_graphml, "g.graphml"), (write_gexf, read_gexf, "g.gexf")):
        streamed = write(build.reduced, tmp_path / f"store-{name}")
        assert streamed.read_bytes() == write(build.graph, tmp_path / name).read_bytes(), name
        read_back = read(streamed).edges(data=True)
        assert {data["article_ids"] for *_, data in read_back} == {clean(hostile)}, name
        assert {data["evidence"] for *_, data in read_back} == {clean(data["evidence"]) for *_, data in edges}, name


def test_a_table_of_the_store_is_written_as_pandas_writes_its_frame(tmp_path):
    import pandas as pd

    from kg.export.tables import write_frames

    texts = ["=1+2", "+1", "-2", "@A1", "\tx", "\rx", "", None, "衡阳", HOSTILE, "x\ny", "a,b", "a#1", "#2"]
    frame = pd.DataFrame({"text": texts, "n": range(len(texts)), "flag": [n % 3 == 0 for n in range(len(texts))],
                          "share": [n / 8 + 1e-3 for n in range(len(texts))]})
    store = Store()
    store.put("hostile", frame)
    query = Query(store, "hostile", "text, n, flag, share", "n")
    (tmp_path / "store").mkdir()
    (tmp_path / "pandas").mkdir()
    from_store = write_frames({"t": query}, tmp_path / "store")["t.csv"].read_bytes()
    assert from_store == write_frames({"t": frame}, tmp_path / "pandas")["t.csv"].read_bytes()
    store.close()


def test_adding_to_a_store_remakes_what_the_new_articles_change(recognizer, tmp_path):
    story = ("新华社长沙电 湖南省委书记沈晓明在长沙会见中国水环境集团董事长侯锋一行，双方就深化水环境治理合作交换意见。"
             "沈晓明说，湖南正全力推进长江经济带生态保护，欢迎企业发挥技术优势，参与湘江流域综合治理。")
    steps = [[Article("a", story, "衡阳日报"), Article("b", "衡阳市市长朱健调研园区建设。朱健与侯锋座谈。", "衡阳日报")],
             # the company's longest name is new: its entity id changes, and with it every relation of it
             [Article("c", "市委书记邓群策会见中国水环境集团有限公司总经理王强，侯锋参加会见。", "衡阳日报")],
             # a reprint of a stored story adds a source to its evidence
             [Article("d", story.replace("交换意见", "深入交换了意见"), "湘潭日报"),
              Article("e", "朱健会见王强。", "衡阳日报")]]
    store, read = tmp_path / "kg.duckdb", []
    for step, articles in enumerate(steps):
        added = pipeline.build_articles(articles, recognition=Recognition(recognizer), store=store)
        read += articles
        whole = pipeline.build_articles(read, recognition=Recognition(recognizer))
        added_tables, whole_tables = export.tables(added), export.tables(whole)
        for name in ("entities", "relations", "roles", "roles_summary", "merges", "mentions", "articles"):
            assert rows(added_tables[name]) == rows(whole_tables[name]), (step, name)
        added.store.close()
    assert "company:中国水环境集团有限公司" in whole.entities and whole.duplicates[0].id == "d"


def added_step_by_step_as_at_once(steps, recognizer, tmp_path):
    """Builds the articles of ``steps`` into one store a step at a time, and checks each step's
    relations against a one-shot build of the articles so far, and its Gephi file byte for byte
    (the rows a store appends are ranked into the one-shot's order). Returns the last one-shot build."""
    from kg.export.graphml import write_gexf

    store, read = tmp_path / "kg.duckdb", []
    for step, articles in enumerate(steps):
        added = pipeline.build_articles(articles, recognition=Recognition(recognizer), store=store)
        read += articles
        whole = pipeline.build_articles(read, recognition=Recognition(recognizer))
        assert rows(export.tables(added)["relations"]) == rows(export.tables(whole)["relations"]), step
        added_gexf = write_gexf(added.reduced, tmp_path / f"added-{step}.gexf").read_bytes()
        assert added_gexf == write_gexf(whole.reduced, tmp_path / f"{step}.gexf").read_bytes(), step
        added.store.close()
    return whole


def test_what_new_articles_add_to_a_stored_pair_equals_a_one_shot_build(recognizer, tmp_path):
    # 侯锋 and 邓群策 share three sentences before the new articles: the evidence is full, and the
    # new ones (ids after the stored ones) only add counts, ids and dates to the stored row; the
    # third names a pair with a role (市委书记), which is made again.
    steps = [[Article("a", "邓群策与侯锋交谈。邓群策和侯锋参观了工厂。", "衡阳日报", date="2023-04-02"),
              Article("b", "邓群策与侯锋出席会议。朱健主持会议。", "衡阳日报")],
             [Article("c", "邓群策与侯锋再次会面。", "衡阳日报", date="2023-04-01"),
              Article("d", "侯锋会见邓群策，朱健陪同。", "衡阳日报", date="2023-05-01")],
             [Article("e", "市委书记邓群策会见侯锋。", "衡阳日报")],
             # an id before the stored ones: its sentence comes first in the evidence, all made again
             [Article("0", "邓群策与侯锋共进午餐。", "衡阳日报")]]
    whole = added_step_by_step_as_at_once(steps, recognizer, tmp_path)
    pair = whole.graph.edges["person:侯锋", "person:邓群策"]
    assert (pair["articles"], pair["sentences"], pair["first_seen"], pair["last_seen"]) == (6, 7, "2023-04-01", "2023-05-01")
    assert json.loads(pair["evidence"])[0]["article_id"] == "0"


def test_a_pair_whose_evidence_new_articles_cannot_change_is_added_to_as_at_once(recognizer, tmp_path):
    story = ("新华社长沙电 湖南省委书记沈晓明在长沙会见中国水环境集团董事长侯锋一行，双方就深化水环境治理合作交换意见。"
             "沈晓明说，湖南正全力推进长江经济带生态保护，欢迎企业发挥技术优势，参与湘江流域综合治理。")
    # 邓群策 and 侯锋 share no sentence: their evidence is the first three headlines; 朱健 and
    # 侯锋 share one; 沈晓明 and 侯锋's is three sentences of the article 0, before the story c.
    steps = [[Article("0", "沈晓明与侯锋交谈。沈晓明和侯锋参观了工厂。沈晓明与侯锋共进午餐。", "衡阳日报"),
              Article("a", "邓群策调研园区。侯锋出席会议。朱健与侯锋交谈。", "衡阳日报", date="2023-04-02"),
              Article("b", "邓群策主持会议。侯锋参观工厂。", "衡阳日报", title="邓群策主持会议"),
              Article("b2", "邓群策会见客人。侯锋发表讲话。", "衡阳日报"),
              Article("c", story, "衡阳日报", date="2023-03-01", title="沈晓明会见侯锋")],
             # no new sentence names either pair: what d adds (counts, ids, dates) is added in place
             [Article("d", "邓群策考察项目。侯锋陪同考察。朱健介绍情况。", "衡阳日报", date="2023-05-01")],
             # a new sentence naming 朱健 and 侯锋: their evidence grows, the pair is made again
             [Article("e", "朱健和侯锋座谈。", "衡阳日报")],
             # a reprint of c adds a source to the evidence that quotes c; 沈晓明 and 侯锋's quotes 0 only
             [Article("f", story.replace("交换意见", "深入交换了意见"), "湘潭日报")]]
    whole = added_step_by_step_as_at_once(steps, recognizer, tmp_path)
    assert whole.duplicates[0].id == "f"
    headlines = whole.graph.edges["person:侯锋", "person:邓群策"]
    assert (headlines["articles"], headlines["sentences"]) == (4, 0)
    assert [item["article_id"] for item in json.loads(headlines["evidence"])] == ["a", "b", "b2"]
    quoted = json.loads(whole.graph.edges["person:侯锋", "person:沈晓明"]["evidence"])
    assert [item["article_id"] for item in quoted] == ["0", "0", "0"]


def test_a_store_mapped_again_makes_all_its_relations_again(recognizer, tmp_path):
    articles = [ingest_article({"id": "a", "text": "市委书记邓群策会见中国水环境集团董事长侯锋。"})]
    before = pipeline.build_articles(articles, recognition=Recognition(recognizer), store=tmp_path / "kg.duckdb")
    aliases = {"侯锋": "侯锋董事长"}  # the map runs again: every stored name may be another now
    after = pipeline.build_articles(articles, map_options=MapOptions(TitleLexicon.load(), aliases, frozenset(())), recognition=Recognition(recognizer), store=before.store)
    assert "person:侯锋董事长" in after.entities and "person:侯锋" not in after.entities
    fresh = pipeline.build_articles(articles, map_options=MapOptions(TitleLexicon.load(), aliases, frozenset(())), recognition=Recognition(recognizer))
    assert rows(export.tables(after)["relations"]) == rows(export.tables(fresh)["relations"])
