"""Writing a build to files: tables, GraphML, the interactive page and the run report."""

from __future__ import annotations

import json
from pathlib import Path

from kg.export.atomic import atomic_write
from kg.export.graphml import write_gexf, write_graphml
from kg.export.html import article_dates, write_html
from kg.export.publish import check_output, output_lock, publishing
from kg.export.tables import tables, write_frames
from kg.ingest.files import GENERATOR
from kg.records import STORE_FILE
from kg.store import Store, memory_said

__all__ = ["atomic_write", "check_output", "output_lock", "publishing", "save", "tables", "write_all", "write_frames", "write_gexf", "write_graphml", "write_html", "write_report"]


def save(build, directory: str | Path, *, top: int | None = None, min_weight: float = 0.0) -> dict[str, Path]:
    """Writes every output file of ``build`` into ``directory``; returns them by name.

    What grows with the corpus streams from the store (no networkx graph of it is made)."""
    with memory_said():
        return write_all(build.reduced, tables(build), directory, build=build, top=top, min_weight=min_weight)


def write_all(graph, frames: dict, directory: str | Path, *, build=None, top: int | None = None,
              min_weight: float = 0.0) -> dict[str, Path]:
    """The tables, GraphML, GEXF and page of ``graph`` (a networkx graph, or the store's graph of a
    whole build, :class:`kg.reduce.Reduced`), and report.json when ``build`` is given.

    They appear in ``directory`` all together or not at all (see :mod:`kg.export.publish`).
    """
    with publishing(directory) as folder:  # Query.write hands DuckDB's memory back after each range
        written = write_frames(frames, folder)
        written["graph.graphml"] = write_graphml(graph, folder / "graph.graphml")
        written["graph.gexf"] = write_gexf(graph, folder / "graph.gexf")
        written["graph.html"] = write_html(graph, folder / "graph.html", top=top, min_weight=min_weight,
                                           dates=article_dates(frames.get("articles")),
                                           tenure=frames.get("roles_summary"))
        if build is not None:
            run = report(build)  # counted once (SQL over the store), written twice
            written["report.json"] = write_report(run, folder / "report.json")
            if graph is build.reduced:  # a piece of the graph (g.ego) has no store
                written.update(write_store(build.store, frames, run, folder))
    target = check_output(directory)  # where they are now, swapped in
    return {name: target / name for name in written}


def write_store(store, frames: dict, run: dict, folder: Path) -> dict[str, Path]:
    """The reduce's tables and the run's report into the store; a build's own (temporary) store is written to
    ``kg.duckdb`` in ``folder`` (a store file named by --store stays where it is)."""
    if store.path is not None:
        store.write_tables(frames, run)
        return {}
    path = folder / STORE_FILE
    store.copy_to(path)
    copy = Store(path)
    try:
        copy.write_tables(frames, run)
    finally:
        copy.close()
    return {STORE_FILE: path}


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
        "timings_s": {k: round(v, 3) for k, v in build.timings.items()},
        "ner": build.ner,
        "warnings": build.warnings,
    }
