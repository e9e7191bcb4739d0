"""Writing a build to files: tables, GraphML, the interactive page and the run report."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import duckdb

from kg.errors import KgError
from kg.export.atomic import atomic_write
from kg.export.graphml import write_gexf, write_graphml
from kg.export.html import article_dates, write_html
from kg.export.publish import check_output, output_lock, publishing
from kg.export.tables import store_tables, tables, write_frames, write_table
from kg.ingest.files import GENERATOR
from kg.records import STORE_FILE
from kg.store import OUTPUT_MARK, SEALED, Store, memory_said

__all__ = ["atomic_write", "check_output", "check_store_output", "output_lock", "publishing", "save", "tables", "write_all", "write_frames", "write_gexf", "write_graphml", "write_html", "write_report"]


def save(build, directory: str | Path, *, top: int | None = None, min_weight: float = 0.0) -> dict[str, Path]:
    """Writes every output file of ``build`` into ``directory``; returns them by name.

    What grows with the corpus streams from the store (no networkx graph of it is made); the
    tables that need no analytics are written while the analytics and layout run."""
    with memory_said():
        return write_all(build.reduced, partial(tables, build), directory, build=build, top=top, min_weight=min_weight)


def write_all(graph, frames: dict | Callable[[], dict], directory: str | Path, *, build=None, top: int | None = None,
              min_weight: float = 0.0) -> dict[str, Path]:
    """The tables, GraphML, GEXF and page of ``graph`` (a networkx graph, or the store's graph of a
    whole build, :class:`kg.reduce.Reduced`), and report.json when ``build`` is given. ``frames``:
    the tables, or what makes them (:func:`kg.export.tables.tables`).

    They appear in ``directory`` all together or not at all (see :mod:`kg.export.publish`).
    A store's whole graph has its files written by DuckDB, two at once (each query runs on
    about one core), those of :func:`kg.export.tables.store_tables` first, while ``frames()``
    runs here (the analytics). A slice's relations are a temporary table, which only this
    thread sees: its files are written here, one after another.
    """
    with publishing(directory) as folder:
        side_by_side = build is not None and graph is build.reduced and not build.reduced.kept
        first = {f"{name}.csv": partial(write_table, query, folder / f"{name}.csv")
                 for name, query in (store_tables(build) if side_by_side else {}).items()}
        made: dict = {}

        def rest() -> dict[str, Callable[[], Path]]:
            made.update(frames() if callable(frames) else frames)
            return {**{f"{name}.csv": partial(write_table, frame, folder / f"{name}.csv")
                       for name, frame in made.items() if f"{name}.csv" not in first},
                    "graph.graphml": partial(write_graphml, graph, folder / "graph.graphml"),
                    "graph.gexf": partial(write_gexf, graph, folder / "graph.gexf"),
                    "graph.html": partial(write_html, graph, folder / "graph.html", top=top, min_weight=min_weight,
                                          dates=article_dates(made.get("articles")), tenure=made.get("roles_summary"))}

        written = _run(first, rest, WRITERS if side_by_side else 1)
        if build is not None:
            build.store.release()  # what DuckDB kept of the files; not between them: it lowers every connection's limit
            run = report(build)  # counted once (SQL over the store), written twice
            written["report.json"] = write_report(run, folder / "report.json")
            if graph is build.reduced and not build.reduced.kept:  # a piece (g.ego) or a slice has no store of its own
                written.update(write_store(build.store, made, run, folder, directory))
    target = check_output(directory)  # where they are now, swapped in
    return {name: target / name for name in written}


WRITERS = 2  # files written at once, the biggest first: each file's DuckDB query keeps about one core busy


def _run(first: dict[str, Callable[[], Path]], rest: Callable[[], dict[str, Callable[[], Path]]],
         at_once: int) -> dict[str, Path]:
    """Each writer's file by name: those of ``first``, then those ``rest()`` gives, which runs
    here meanwhile; ``at_once`` side by side, the biggest first. The first are written one
    after another while ``rest()`` runs, which keeps a core busy of its own (the analytics)."""
    if at_once == 1:
        done = {name: writer() for name, writer in first.items()}
        return done | {name: writer() for name, writer in rest().items()}
    biggest = lambda writers: sorted(writers, key=lambda name: _BIGGEST.index(name) if name in _BIGGEST else len(_BIGGEST))
    with ThreadPoolExecutor(at_once, thread_name_prefix="kg-write") as pool:
        early = pool.submit(lambda: {name: first[name]() for name in biggest(first)})
        futures = {}
        try:
            later = rest()
            futures = {name: pool.submit(later[name]) for name in biggest(later)}
            return early.result() | {name: futures[name].result() for name in later}
        except BaseException:
            for future in futures.values():
                future.cancel()  # those not started; one running finishes its file
            raise


_BIGGEST = ("graph.gexf", "graph.graphml", "relations.csv", "mentions.csv")


def write_store(store, frames: dict, run: dict, folder: Path, target: str | Path) -> dict[str, Path]:
    """The reduce's tables and the run's report into the store; a build's own (temporary) store is written to
    ``kg.duckdb`` in ``folder``, the staging folder of ``target`` (a store file named by --store stays where it is),
    marked as a build's output: a later build may replace it (:func:`check_store_output`)."""
    if store.path is not None:
        store.write_tables(frames, run)
        return {}
    check_store_output(target)  # checked at the start of a kg build too: here for a notebook's save()
    path = folder / STORE_FILE
    store.copy_to(path)
    copy = Store(path)
    try:
        copy.write_tables(frames, run)
        copy.set(OUTPUT_MARK, "1")
    finally:
        copy.close()
    return {STORE_FILE: path}


def check_store_output(directory: str | Path) -> None:
    """Raises :class:`KgError` where ``directory`` holds a ``kg.duckdb`` that no build wrote as its
    own output (a store kept with --store, another program's file): a build without --store
    would replace it, so it refuses to, before any work."""
    path = Path(directory) / STORE_FILE
    if not path.exists():
        return
    problem = "it is not a store a build wrote as its output"
    try:
        with duckdb.connect(str(path), read_only=True, config=SEALED) as db:
            if db.execute("SELECT value FROM about WHERE name = ?", [OUTPUT_MARK]).fetchall() == [("1",)]:
                return
            problem = "it is a store kept with --store, not a build's output"
    except duckdb.Error as error:
        problem = "another program has it open" if "lock" in str(error).lower() else f"{problem} ({error})"
    raise KgError(f"{path}: {problem}, and a build without --store would replace it; add to it with "
                  f"--store {path}, or write elsewhere with -o (or move it away)")


def write_report(run: dict, path: Path) -> Path:
    """``run`` (a build's :func:`report`) as JSON."""
    with atomic_write(path) as out:
        json.dump(run, out, ensure_ascii=False, indent=2)
    return path


def report(build) -> dict:
    """What was read, what was skipped and why, counts and timings."""
    return {
        "generator": GENERATOR,
        "files": [vars(f) for f in build.files],
        "counts": {
            "files_read": sum(f.status == "read" for f in build.files),
            "files_skipped": sum(f.status == "skipped" for f in build.files),
            **build.counts(),  # articles, articles_without_date, duplicates, sentences, mentions
            "articles_added": sum(f.articles for f in build.files),  # new originals this build read
            "articles_stored": sum(f.stored for f in build.files),  # inputs the store held already
            "entities": len(build.reduced.nodes),
            "relations": build.reduced.relation_count,
            "roles": len(build.roles),
        },
        "home_city": build.home_city,
        "timings_s": {k: round(v, 3) for k, v in {**build.timings, "analytics": build.reduced.analyzed or 0.0}.items()},
        "ner": build.ner_counts,
        "warnings": build.warnings,
    }
