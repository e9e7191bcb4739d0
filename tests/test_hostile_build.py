"""A whole build over hostile and careless inputs: exit 0, good records' entities present, one line a problem."""

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import as_nobody_only, read_only_folder, run_as_nobody

from kg import pipeline
from kg.cache import NerCache
from kg.errors import KgError
from kg.options import Recognition
from kg.reduce.relations import MAX_ARTICLE_ENTITIES

KG = [sys.executable, "-m", "kg.cli"]
GOOD = "本报讯 市委书记邓群策会见中国水环境集团董事长侯锋一行。市委副书记、市长朱健参加会见。"
OTHER = "本报讯 湘潭市委书记王建国在韶山市调研，华菱钢铁集团董事长李明陪同。"


def run_kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run([*KG, *args], check=False, capture_output=True, text=True, timeout=600, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": OTHER}, ensure_ascii=False),
             '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
             '{"id": "big", "text": ' + "7" * 5000 + "}",
             '{"id": "=HYPERLINK(\\"http://x\\")", "text": "邓\\u200b群策\\ud800会见侯锋。", "title": "+cmd"}',
             json.dumps({"id": "j1", "text": "衡\ufeff阳市委书记邓群策在祁东县调研。"}, ensure_ascii=False),
             json.dumps({"id": "posts", "text": GOOD + "👍👍👍👍"}, ensure_ascii=False),
             '{"id": "controls", "text": "衡阳市委书记邓\\u0001群策\\u0000会见侯\\ufffe锋。"}']
    (folder / "records.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / "long.csv").write_text(f'id,text\nlong,"{GOOD * 3000}"\nq,"{OTHER}\nafter,{OTHER}\n', encoding="utf-8")
    (folder / "semicolon.csv").write_text(f"ID;Text\ns1;{GOOD}\n", encoding="utf-8")
    (folder / "page.html").write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body><article>"
                                      f"<h1>邓群策会见侯锋</h1><p>{GOOD}{GOOD}</p></article>"
                                      f"<script>var a='script>win';</script></body></html>", encoding="utf-8")
    (folder / "binary.txt").write_bytes(os.urandom(200_000))
    (folder / "empty.txt").write_text("", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    return folder


def test_a_hostile_folder_builds_with_one_line_per_problem(hostile_folder, tmp_path):
    out = tmp_path / "out"
    result = run_kg("build", str(hostile_folder), str(hostile_folder / "good.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    problems = result.stderr.splitlines()
    # 3 JSONL records, 1 repeated id, 1 CSV quote, 4 files skipped, and the long CSV field mapped in parts
    assert len(problems) == 10, problems
    for name in ("records.jsonl:2", "records.jsonl:3", "records.jsonl:4", "records.jsonl:5", "long.csv:3", "binary.txt",
                 "empty.txt", "pipe.txt", "broken.txt"):
        assert sum(name in line for line in problems) == 1, name
    assert sum("article 'long' of" in line and "parts" in line for line in problems) == 1
    entities = pd.read_csv(out / "entities.csv")
    assert {"邓群策", "侯锋", "朱健", "王建国", "李明"} <= set(entities["name"])
    articles = pd.read_csv(out / "articles.csv")
    assert {"j1", "j1~2", "long#part1", "long#part2", "after", "s1", "page", "posts"} <= set(articles["id"])
    assert "'=HYPERLINK(\"http://x\")" in set(articles["id"]) and "'+cmd" in set(articles["title"])
    for name in ("mentions", "relations", "roles", "merges"):
        pd.read_csv(out / f"{name}.csv")
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.number_of_nodes() == len(entities) == len({d["label"] for _, d in graph.nodes(data=True)})
    assert nx.read_gexf(out / "graph.gexf").number_of_nodes() == len(entities)
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["counts"]["files_skipped"] == 4


def test_kg_never_reads_its_own_outputs(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    counts = []
    for _ in range(3):
        result = run_kg("build", ".", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        counts.append(json.loads((tmp_path / "output" / "report.json").read_text(encoding="utf-8"))["counts"])
    assert counts[0] == counts[1] == counts[2] and counts[0]["articles"] == 1
    assert run_kg("build", str(tmp_path), "-o", str(tmp_path)).returncode == 0  # -o the input folder itself
    assert run_kg("build", str(tmp_path), "-o", str(tmp_path)).returncode == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["articles"] == 1 and (tmp_path / "a.txt").is_file()
    skipped = {Path(f["path"]).name: f["reason"] for f in report["files"] if f["status"] == "skipped"}
    assert "kg output" in skipped["output"]


def store_content(path: Path) -> dict:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as db:
        tables = [row[0] for row in db.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        content = {table: db.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in tables}
        content["about"] = db.execute("SELECT * FROM about WHERE name <> 'report' ORDER BY ALL").fetchall()  # timings
    return content


def test_the_same_input_gives_the_same_files(tmp_path):
    """Two runs without cache, with different hash seeds: every output byte for byte, timings aside."""
    gold_texts = Path(__file__).parents[1].parent / "shared" / "gold" / "dev" / "texts"
    inputs = [str(gold_texts)] if gold_texts.is_dir() else []  # the dev set held a tie of types; else the samples
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parents[1])}
        result = subprocess.run([*KG, "build", *inputs, "-o", str(out), "--no-cache"], check=False, capture_output=True,
                                text=True, timeout=600, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(out)
    for path in sorted(outputs[0].iterdir()):
        if path.name == "report.json":
            first, second = (json.loads((o / path.name).read_text(encoding="utf-8")) for o in outputs)
            first.pop("timings_s"), second.pop("timings_s")
            assert first == second
        elif path.name == "kg.duckdb":  # a database file holds bytes of its own making: compare what it holds
            assert store_content(path) == store_content(outputs[1] / path.name)
        elif not path.name.startswith("."):
            assert path.read_bytes() == (outputs[1] / path.name).read_bytes(), path.name


def test_one_crowded_article_links_a_bounded_number_of_pairs(recognizer):
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "建国明华伟强军平志勇杰涛斌超"
    names = [s + a + b for s in surnames for a in given for b in given][:1500]
    text = "本报讯 出席会议的有" + "、".join(names) + "等同志。"
    build = pipeline.build_articles([pipeline.Article("crowd", text, "crowd.txt")], recognition=Recognition(recognizer))
    people = sum(e.type == "person" for e in build.entities.values())
    assert people > 1000
    limit = MAX_ARTICLE_ENTITIES * (MAX_ARTICLE_ENTITIES - 1) // 2
    assert build.graph.number_of_edges() <= limit
    assert any("co-occurrence links only its" in w for f in build.files for w in f.warnings)


def test_bad_option_files_fail_before_the_model_runs(tmp_path):
    missing = tmp_path / "missing.txt"
    undecodable = tmp_path / "aliases.csv"
    undecodable.write_bytes(os.urandom(3000))
    for option, path in (("--titles", missing), ("--aliases", undecodable), ("--stop", missing)):
        result = run_kg("build", "-o", str(tmp_path / "out"), option, str(path), "--model", str(tmp_path / "nomodel"))
        assert result.returncode == 2 and result.stderr.startswith(f"kg: error: {path}:"), result.stderr
        assert result.stderr.count("\n") == 1
    result = run_kg("build", "--top", "-5", "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "--top" in result.stderr


def test_a_broken_cache_is_a_clear_error_or_a_miss(tmp_path, recognizer):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is no database" * 100)
    with pytest.raises(KgError, match="garbage.sqlite: cannot use it as the NER cache"):
        NerCache(garbage, "model")
    cache = NerCache(tmp_path / "c.sqlite", recognizer.identity)
    cache.put_many({"邓群策会见侯锋。": [(0, 3, "PER"), (5, 7, "PER")]})
    with cache._db:
        cache._db.execute("UPDATE spans SET spans = '[[0, 99, \"PER\"]]'")  # out of range
    assert cache.get_many(["邓群策会见侯锋。"]) == {}
    with cache._db:
        cache._db.execute("UPDATE spans SET spans = '{broken'")
    assert cache.get_many(["邓群策会见侯锋。"]) == {} and cache.misses == 2
    cache.close()
    build = pipeline.build_articles([pipeline.Article("a", "邓群策会见侯锋。", "a")], recognition=Recognition(recognizer, cache=tmp_path / "c.sqlite"))
    assert {"邓群策", "侯锋"} <= {e.name for e in build.entities.values()}


def test_an_empty_input_folder_leaves_no_cache(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_kg("build", str(empty), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "nothing readable" in result.stderr
    assert not (tmp_path / "out" / ".kg-cache.sqlite").exists()


def test_many_records_with_one_id_get_unique_ids_with_their_lines(tmp_path):
    path = tmp_path / "same.jsonl"
    path.write_text("\n".join(json.dumps({"id": "x", "text": f"第{i}条"}, ensure_ascii=False) for i in range(20_000)),
                    encoding="utf-8")
    batches = list(pipeline.iter_files([path]))  # a file of 20,000 records comes in batches
    report, articles = batches[0][0], [a for _, batch in batches for a in batch]
    assert len({a.id for a in articles}) == 20_000 and articles[-1].id == "x~20000"
    assert report.warnings[0] == "same.jsonl:2: article id 'x' seen before; renamed 'x~2'"


def test_a_cache_that_cannot_be_written_any_more_is_a_warning(tmp_path, recognizer):
    import sqlite3

    path = tmp_path / "c.sqlite"
    cache = NerCache(path, recognizer.identity)
    cache._db.close()
    cache._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # as a full disk or a lost mount would
    cache.put_many({"邓群策会见侯锋。": [(0, 3, "PER")]})
    assert cache.problems and "cannot write to it" in cache.problems[0] and str(path) in cache.problems[0]
    cache.put_many({"朱健调研。": [(0, 2, "PER")]})  # turned off: no second error
    assert len(cache.problems) == 1


@as_nobody_only
def test_a_read_only_cache_is_refused_before_the_model_runs():
    with read_only_folder("kg-readonly-cache-") as base:
        NerCache(base / "c.sqlite", "model").close()
        os.chmod(base / "c.sqlite", 0o444)
        os.chmod(base, 0o555)
        result = run_as_nobody(f"from kg.cache import NerCache; NerCache({str(base / 'c.sqlite')!r}, 'model')")
        assert "KgError" in result.stderr and "cannot use it as the NER cache" in result.stderr, result.stderr
