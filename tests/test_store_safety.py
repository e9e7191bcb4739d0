"""The store keeps what it is given: a build's change is one transaction (kill -9 and SIGTERM keep
none of it), slices never write into it, and a store that cannot be used gets one line of advice."""

import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import kg
from kg import export, pipeline
from kg.cli import main
from kg.errors import KgError
from kg.options import Recognition

ROOT = Path(__file__).parents[1]
OUT = Path("/tmp/kg-test-store-safety-out")  # the outputs of builds that fail before writing any
RECORDS = [  # dated, so slices have something to cut
    {"id": "a", "date": "2021-03-05", "text": "衡阳市副市长张小平会见中国水环境集团董事长侯锋。侯锋介绍了项目进展。"},
    {"id": "b", "date": "2023-01-10", "text": "衡阳市市长张小平会见湘潭市委书记王建国。双方就合作交换意见。"},
    {"id": "c", "date": "2023-02-11", "text": "祁东县委书记李明调研园区，县长周平陪同。"},
]
MORE = [{"id": f"m{n}", "date": "2023-03-01", "text": f"耒阳市委书记刘{name}会见华菱钢铁集团董事长赵{name}。"}
        for n, name in enumerate(["建国", "志强", "海涛", "明华", "文斌", "国庆", "玉兰", "春生", "德明", "振华"])]


def write_records(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def content(path: Path, tables=("articles", "sentences", "mentions", "roles", "relations", "entities")) -> dict:
    """What the store holds, table by table, in one order."""
    with duckdb.connect(str(path), read_only=True) as db:
        held = {row[0] for row in db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        found = {t: db.execute(f"SELECT * EXCLUDE (signature) FROM {t} ORDER BY ALL" if t == "articles"
                               else f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables if t in held}
        found["about"] = db.execute("SELECT * FROM about WHERE name NOT IN ('report') ORDER BY ALL").fetchall()
    return found


@pytest.fixture
def stored(recognizer, tmp_path) -> Path:
    """A lasting store of RECORDS, closed, with the files a whole build writes into it."""
    store = tmp_path / "archive.duckdb"
    build = pipeline.build([write_records(tmp_path / "a.jsonl", RECORDS)], recognition=Recognition(recognizer), store=store)
    export.save(build, tmp_path / "whole")
    build.store.close()
    return store


def kg_process(tmp_path: Path, pause_after: str, *args: str, calls: int = 1, batch: int = 0
               ) -> tuple[subprocess.Popen, Path]:
    """``kg ARGS`` in a process that, once ``Store.pause_after`` has run ``calls`` times, says so and
    waits to be killed; ``batch``: the map's batch of sentences (kg.pipeline.STREAM_SENTENCES)."""
    flag = tmp_path / "paused"
    code = (f"import sys, time, pathlib\nfrom kg import pipeline, store\noriginal = store.Store.{pause_after}\n"
            f"calls = []\npipeline.STREAM_SENTENCES = {batch or 20_000}\n"
            "def paused(self, *args, **kwargs):\n    original(self, *args, **kwargs)\n    calls.append(1)\n"
            f"    if len(calls) == {calls}:\n        pathlib.Path(sys.argv[1]).touch()\n        time.sleep(600)\n"
            f"store.Store.{pause_after} = paused\nfrom kg.cli import main\nsys.exit(main(sys.argv[2:]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", code, str(flag), *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not flag.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the store"
        time.sleep(0.2)
    return process, flag


# ---- 1. slices ------------------------------------------------------------------------------
def test_a_slice_of_a_lasting_store_never_writes_into_it(recognizer, stored, tmp_path):
    before = content(stored)
    assert main(["build", "--store", str(stored), "--since", "2023-01-01", "-o", str(tmp_path / "span"), "-q"]) == 0
    assert content(stored) == before  # relations, entities and all: the slice was computed beside it
    assert not (tmp_path / "span" / "kg.duckdb").exists()
    sliced = (tmp_path / "span" / "relations.csv").read_text(encoding="utf-8-sig")
    assert "侯锋" not in sliced and "王建国" in sliced
    g = kg.build(store=stored, recognizer=recognizer)
    span = g.between("2023-01-01")
    span.save(tmp_path / "notebook-span")
    g.build_result.store.close()
    assert content(stored) == before and not (tmp_path / "notebook-span" / "kg.duckdb").exists()


def test_between_takes_dates_and_refuses_what_is_no_date(recognizer, stored):
    g = kg.build(store=stored, recognizer=recognizer)
    try:
        by_text, by_date = g.between("2023-01-01"), g.between(datetime.date(2023, 1, 1))
        assert set(by_text.graph) == set(by_date.graph) and "person:侯锋" not in by_date.graph
        assert set(g.between(end=datetime.datetime(2021, 12, 31, 8, 30)).graph) >= {"person:侯锋"}
        for wrong in (123, [], 2023.5):
            with pytest.raises(TypeError, match=r"between\(\): start is a date .* not "):
                g.between(wrong)
    finally:
        g.build_result.store.close()


# ---- 2, 3. one transaction a build ------------------------------------------------------------
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_a_map_run_again_and_stopped_leaves_the_old_facts(stored, tmp_path, stop):
    before = content(stored)
    titles = tmp_path / "titles.txt"
    titles.write_text("首席数据官\n", encoding="utf-8")
    process, _ = kg_process(tmp_path, "_insert_facts", "build", "--store", str(stored), "--titles", str(titles),
                            "-o", str(tmp_path / "out"), "--no-cache")  # the new facts written, not yet swapped in
    process.send_signal(stop)
    _, err = process.communicate(timeout=120)
    assert process.returncode == (-9 if stop == signal.SIGKILL else 130), err
    if stop == signal.SIGTERM:
        assert err.strip() == "kg: interrupted"
    assert content(stored) == before  # every sentence, mention and role, and the map's options as they were
    from kg.store import Store

    reopened = Store(stored)  # what the stopped map wrote beside the old facts is gone
    assert not any(name.endswith("_new") for name in reopened.table_names())
    reopened.close()


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_a_reduce_stopped_before_its_swap_leaves_the_stored_tables_whole(recognizer, stored, tmp_path, stop):
    reduced = ("relations", "entity_of", "settled", "role_links")
    before = content(stored, reduced)
    more = write_records(tmp_path / "more.jsonl", MORE)
    # Store.release runs before the reduce and again once its relations are made, before they are swapped in
    process, _ = kg_process(tmp_path, "release", "build", str(more), "--store", str(stored), "-o",
                            str(tmp_path / "out"), "--no-cache", calls=2)
    process.send_signal(stop)
    _, err = process.communicate(timeout=120)
    assert process.returncode == (-9 if stop == signal.SIGKILL else 130), err
    after = content(stored, reduced)
    assert {t: after[t] for t in reduced} == {t: before[t] for t in reduced}  # the earlier reduce's, every row
    reduced_of = lambda held: [row for row in held["about"] if row[0] == "reduced"]
    assert reduced_of(after) == reduced_of(before)  # and still said to be of the articles it was of
    with duckdb.connect(str(stored), read_only=True) as db:
        assert any(name.endswith("_new") for (name,) in db.execute("SELECT table_name FROM information_schema.tables")
                   .fetchall())  # the new tables were made: the stop came inside the reduce
    again = pipeline.build(store=stored, recognition=Recognition(recognizer))  # mends it: no *_new left, MORE linked
    assert not any(name.endswith("_new") for name in again.store.table_names())
    assert "person:刘建国" in again.graph
    again.store.close()


def test_an_add_killed_halfway_keeps_whole_batches_and_the_next_build_adds_the_rest(recognizer, stored, tmp_path):
    before = content(stored)
    more = write_records(tmp_path / "more.jsonl", MORE)
    # a batch of 1 sentence: each article of MORE is a batch; killed inside the third one's transaction
    process, _ = kg_process(tmp_path, "write_facts", "build", str(more), "--store", str(stored), "-o",
                            str(tmp_path / "out"), "--no-cache", calls=3, batch=1)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=120)
    after = content(stored)
    assert [row[1] for row in after["articles"]] == ["a", "b", "c", "m0", "m1"]  # the two batches committed
    assert {row[0] for row in after["sentences"]} == {"a", "b", "c", "m0", "m1"}  # each with its facts
    assert after["relations"] == before["relations"]  # the reduce never ran
    again = pipeline.build([more], recognition=Recognition(recognizer), store=stored)
    try:
        assert again.files[0].stored == 2 and again.files[0].articles == len(MORE) - 2
        assert {a.id for a in again.articles} == {r["id"] for r in RECORDS + MORE}
        assert "organization:耒阳市委" in again.entities
        one_shot = pipeline.build([tmp_path / "a.jsonl", more], recognition=Recognition(recognizer))
        assert sorted(map(str, again.graph.edges(data="weight"))) == sorted(map(str, one_shot.graph.edges(data="weight")))
    finally:
        again.store.close()


MAPPED = "1 stored articles had no facts (an add stopped halfway, or copies no more): mapped them"


def test_articles_stored_without_facts_are_mapped(recognizer, stored):
    with duckdb.connect(str(stored)) as db:  # what an add of an older kg, stopped halfway, left
        for table in ("sentences", "mentions", "roles"):
            db.execute(f"DELETE FROM {table} WHERE article_id = 'c'")
    build = pipeline.build([], recognition=Recognition(recognizer), store=stored)
    try:
        assert build.warnings == [MAPPED]
        assert {"person:李明", "person:周平"} <= set(build.entities)
    finally:
        build.store.close()


# ---- 4, 5, 6. what a build adds and replaces ------------------------------------------------------
def test_a_store_build_without_inputs_adds_nothing(recognizer, stored, tmp_path, capsys):
    before = content(stored)
    assert main(["build", "--store", str(stored), "-o", str(tmp_path / "out")]) == 0
    assert "0 articles added, 0 already there; it holds 3 articles" in capsys.readouterr().out
    assert content(stored, tables=("articles",))["articles"] == before["articles"]
    g = kg.build(store=stored, recognizer=recognizer)
    assert sorted(g.articles["id"]) == ["a", "b", "c"]
    g.build_result.store.close()
    assert main(["build", "--store", str(tmp_path / "new.duckdb"), "-o", str(tmp_path / "out")]) == 2
    assert "new.duckdb: the store holds no articles yet; give the inputs" in capsys.readouterr().err
    assert main(["build", "--store", str(stored), "--rebuild", "-o", str(tmp_path / "out")]) == 2
    assert "--rebuild empties the store to build it again from the inputs" in capsys.readouterr().err
    assert content(stored, tables=("articles",))["articles"] == before["articles"]


def test_a_build_without_store_never_replaces_a_lasting_store_in_its_folder(tmp_path, capsys):
    records = write_records(tmp_path / "a.jsonl", RECORDS[:1])
    folder = tmp_path / "O"
    assert main(["build", str(records), "--store", str(folder / "kg.duckdb"), "-o", str(folder), "-q"]) == 0
    before = content(folder / "kg.duckdb")
    assert main(["build", str(write_records(tmp_path / "b.jsonl", RECORDS[1:])), "-o", str(folder), "-q"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "kg.duckdb: it is a store kept with --store" in error and "--store" in error
    assert content(folder / "kg.duckdb") == before
    own = tmp_path / "own"  # a build's own kg.duckdb is replaced by the next build's, as before
    for _ in range(2):
        assert main(["build", str(records), "-o", str(own), "-q"]) == 0
    assert main(["build", "--store", str(own / "kg.duckdb"), "-o", str(own), "-q"]) == 0  # kept with --store now
    assert main(["build", str(records), "-o", str(own), "-q"]) == 2
    assert "it is a store kept with --store" in capsys.readouterr().err


def test_changing_dedup_finds_the_copies_again(recognizer, tmp_path):
    story = ("新华社长沙电 湖南省委书记沈晓明在长沙会见中国水环境集团董事长侯锋一行，双方就深化水环境治理合作交换意见。"
             "沈晓明说，湖南正全力推进长江经济带生态保护，欢迎企业发挥技术优势，参与湘江流域综合治理。")
    reprint = story.replace("交换意见", "深入交换了意见")
    records = write_records(tmp_path / "r.jsonl", [{"id": "a", "text": story}, {"id": "b", "text": reprint}])
    store = tmp_path / "s.duckdb"
    counted = []
    for dedup in (0.8, 0.0, 0.8):
        build = pipeline.build([records], recognition=Recognition(recognizer), store=store, dedup=dedup)
        counted.append((len(build.articles), [d.id for d in build.duplicates],
                        build.graph.edges["person:侯锋", "person:沈晓明"]["articles"], build.warnings))
        build.store.close()
    assert counted[0][:3] == (1, ["b"], 1)
    assert counted[1][:3] == (2, [], 2)  # the reprint counts now, with its facts mapped
    assert "--dedup changed since the store was built (0.8, now 0)" in counted[1][3][0]
    assert counted[2][:3] == counted[0][:3]


# ---- 7. SQL ---------------------------------------------------------------------------------
def test_sql_reads_only_unless_told_and_reaches_no_file(recognizer, stored):
    g = kg.build(store=stored, recognizer=recognizer)
    try:
        sentences = g.sql("SELECT count(*) AS n FROM sentences")["n"][0]
        for query in ("DELETE FROM sentences", "DROP TABLE articles", "INSTALL httpfs", "ATTACH '/tmp/x.duckdb'",
                      "COPY articles TO '/tmp/kg-articles.csv'", "UPDATE entities SET name = ''"):
            with pytest.raises(KgError, match="g.sql reads only; .* pass write=True"):
                g.sql(query)
        for query in ("SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM read_csv('/etc/passwd')"):
            with pytest.raises(KgError, match="the query failed: .*disabled by configuration"):
                g.sql(query)
        with pytest.raises(KgError, match="disabled by configuration"):
            g.sql("COPY articles TO '/tmp/kg-articles.csv'", write=True)
        assert g.sql("SELECT count(*) AS n FROM sentences")["n"][0] == sentences
        g.sql("DELETE FROM sentences WHERE article_id = 'a'", write=True)  # asked for
        assert g.sql("SELECT count(*) AS n FROM sentences")["n"][0] < sentences
        settings = dict(g.build_result.store.db.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', "
            "'autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
        assert set(settings.values()) == {"false"}
    finally:
        g.build_result.store.close()
    assert not Path("/tmp/kg-articles.csv").exists()


# ---- 8. one line of advice -------------------------------------------------------------------
def store_error(capsys, store: str, *more: str) -> str:
    """The one line ``kg build --store STORE`` ends with."""
    assert main(["build", "--store", store, "-o", str(OUT), *more]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("kg: error: "), error
    return error


def test_each_store_that_cannot_be_used_gets_one_line_of_advice(stored, tmp_path, capsys):
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(stored.read_bytes()[: stored.stat().st_size // 3])
    assert "damaged or cut short: restore it from a copy" in store_error(capsys, str(truncated))

    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as db:
        db.execute("CREATE TABLE sales (x INTEGER)")
    held = other.read_bytes()
    assert "a DuckDB database kg did not write (it holds sales)" in store_error(capsys, str(other))
    assert other.read_bytes() == held  # kg made no table in it

    sqlite = tmp_path / "notes.sqlite"
    import sqlite3

    with sqlite3.connect(sqlite) as db:
        db.execute("CREATE TABLE notes (x)")
    assert "a SQLite database, not kg's store" in store_error(capsys, str(sqlite))
    assert "is not a file (a device or a pipe)" in store_error(capsys, "/dev/null")
    (tmp_path / "a.txt").write_text("x")
    assert "a.txt is a file, so no store can be made under it" in store_error(capsys, str(tmp_path / "a.txt" / "s.duckdb"))

    with duckdb.connect(str(stored)) as db:
        db.execute("UPDATE about SET value = '99' WHERE name = 'schema'")
    for more in ([], ["--rebuild", str(write_records(tmp_path / "r.jsonl", RECORDS[:1]))]):
        error = store_error(capsys, str(stored), *more)
        assert "a store of a newer kg (store schema 99" in error and "upgrade kg" in error and "--rebuild" not in error


def test_a_store_open_in_another_program_is_said_to_be(stored, tmp_path):
    code = f"import duckdb, sys, time\ndb = duckdb.connect({str(stored)!r})\nprint('open', flush=True)\ntime.sleep(600)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--store", str(stored), "-o",
                                 str(tmp_path / "out")], check=False, capture_output=True, text=True, timeout=300,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"another program has it open (process {holder.pid})" in result.stderr and "close it there" in result.stderr


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs of its own (root only)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)],
                                           check=False, capture_output=True).returncode:
        pytest.skip("needs root, to mount a small disk")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_during_an_add_says_so_and_keeps_the_store(recognizer, small_disk, tmp_path):
    store = small_disk / "kg.duckdb"
    pipeline.build([write_records(tmp_path / "a.jsonl", RECORDS)], recognition=Recognition(recognizer), store=store).store.close()
    before = content(store)
    filler = small_disk / "filler"
    with open(filler, "wb") as out:  # the disk filled up to its last 64 KB
        free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
        out.write(b"\0" * (free - 64 * 1024))
    more = write_records(tmp_path / "more.jsonl", [{**r, "text": r["text"] * 40} for r in MORE])
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(more), "--store", str(store), "-o",
                             str(tmp_path / "out"), "--no-cache"], check=False, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "the disk is full; free some space and run again" in result.stderr
    filler.unlink()
    assert content(store) == before


def test_a_store_on_a_read_only_disk_says_so(recognizer, small_disk, tmp_path, capsys):
    store = small_disk / "kg.duckdb"
    pipeline.build([write_records(tmp_path / "a.jsonl", RECORDS[:1])], recognition=Recognition(recognizer), store=store).store.close()
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=False).returncode == 0
    assert "cannot write to it or beside it" in store_error(capsys, str(store))
    assert "cannot make it: " in store_error(capsys, str(small_disk / "new.duckdb"))


def test_an_empty_file_named_as_the_store_becomes_one(tmp_path):
    from kg.store import Store

    empty = tmp_path / "archive.duckdb"
    empty.touch()
    store = Store(empty)
    assert {"about", "articles", "sentences"} <= store.table_names()
    store.close()
