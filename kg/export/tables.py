"""The CSV tables: entities, mentions, relations, roles, articles, merges (UTF-8 with BOM, for Excel)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from kg.dates import iso_date
from kg.export.atomic import atomic_write
from kg.graph import SEPARATOR
from kg.records import (
    ANALYTICS_COLUMNS,
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    MERGE_COLUMNS,
    ROLE_COLUMNS,
    ROLE_SUMMARY_COLUMNS,
)
from kg.store import SEALED, Query


def tables(build) -> dict[str, pd.DataFrame | Query]:
    """The tables of a build, columns as in :mod:`kg.records`; entities carry the graph analytics.

    Those that grow with the corpus (mentions, relations, articles: :func:`store_tables`) are
    :class:`kg.store.Query` objects, read from the store in chunks as they are written; the
    others are DataFrames.
    """
    reduced = build.reduced
    stored = store_tables(build)
    nodes = reduced.nodes
    entities = pd.DataFrame(
        [(e.id, e.name, e.type, *(nodes[e.id][c] for c in ENTITY_COLUMNS[3:9]),
          *(nodes[e.id].get(c, "") for c in ("code", "province", "city", "part_of")),
          *(nodes[e.id].get(c) for c in ANALYTICS_COLUMNS))
         for e in sorted(build.entities.values(), key=lambda e: (-e.mentions, e.id))],
        columns=ENTITY_COLUMNS + ANALYTICS_COLUMNS)
    dates = dict(build.store.db.execute(
        "SELECT id, date FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted({r.article_id for r in build.roles})]).fetchall())
    ids = build.role_ids or [("", "")] * len(build.roles)
    roles = pd.DataFrame([(r.person, r.title, r.organization, r.article_id, r.sentence, person, org,
                           build.entities[org].type if org in build.entities else "",
                           iso_date(dates.get(r.article_id, "")), r.status, r.appointed)
                          for r, (person, org) in zip(build.roles, ids)], columns=ROLE_COLUMNS)
    merges = pd.DataFrame([(e.id, alias, why) for e in sorted(build.entities.values(), key=lambda e: e.id)
                           for alias, why in e.merges.items()], columns=MERGE_COLUMNS)
    return {"entities": entities, "mentions": stored["mentions"], "relations": stored["relations"], "roles": roles,
            "roles_summary": roles_summary(roles, {e.id: e.name for e in build.entities.values()}),
            "articles": stored["articles"], "merges": merges}


def store_tables(build) -> dict[str, Query]:
    """The tables of :func:`tables` the store computes from what the reduce left (no analytics
    needed), the biggest first: relations, mentions, articles."""
    reduced, kept = build.reduced, build.reduced.kept  # kept: the table of a slice's articles; '' for all
    return {"relations": reduced.relations_query(),
            "mentions": Query(build.store, "mention_entities", ", ".join(f'"{c}"' for c in MENTION_COLUMNS),
                              "article_id, start", f"article_id IN (SELECT id FROM {kept})" if kept else "TRUE"),
            "articles": Query(build.store, "articles", "id, source, title, date, length(text) AS chars, url, duplicate_of",
                              "duplicate_of <> '', seq", f"(CASE WHEN duplicate_of = '' THEN id ELSE duplicate_of END) "
                                                         f"IN (SELECT id FROM {kept})" if kept else "TRUE")}


def roles_summary(roles: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row per person, title, organization and status: how often it is stated, first and last
    seen, where, and whether an appointment gave it.

    People and organizations that are entities go by their entity (``names`` maps ids to
    canonical names, so 陈 润 and 陈润 are one row), others by the name as written. A role
    with no title stated (南华医院感染科胡曦) keeps ``title`` empty; a past post (原校长) is a row of
    its own with status ``former``. The most stated come first.
    """
    if roles.empty:
        return pd.DataFrame(columns=ROLE_SUMMARY_COLUMNS)
    roles = roles.assign(person=[names.get(i, p) for i, p in zip(roles["person_id"], roles["person"])],
                         organization=[names.get(i, o) for i, o in zip(roles["organization_id"], roles["organization"])])
    roles = roles.assign(seen=range(len(roles)))  # ties keep the order first seen
    with duckdb.connect(config=SEALED) as db:  # in memory: pandas aggregates object columns in Python, a group at a time
        db.register("roles", roles)
        return db.execute(f"""
            SELECT person_id, person, title, organization_id, organization, status, bool_or(appointed) AS appointed,
                   count(*) AS count,
                   coalesce(min(nullif(date, '')), '') AS first_seen, coalesce(max(nullif(date, '')), '') AS last_seen,
                   string_agg(DISTINCT article_id, '{SEPARATOR}' ORDER BY article_id) AS articles
            FROM roles GROUP BY person_id, person, title, organization_id, organization, status
            ORDER BY count DESC, person, title, organization, status, min(seen)""").df()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell):
    """A text cell that a spreadsheet would run as a formula, with a ``'`` before it (OWASP's advice).

    >>> defuse("=HYPERLINK(1)"), defuse("-1"), defuse(-1), defuse("衡阳")
    ("'=HYPERLINK(1)", "'-1", -1, '衡阳')
    """
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def defused(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`defuse` applied to every text column."""
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not text_columns:
        return frame
    frame = frame.copy()
    for column in text_columns:
        frame[column] = frame[column].map(defuse)
    return frame


def defused_sql(query: Query) -> str:
    """The columns of ``query`` as its CSV writes them, in SQL: :func:`defuse`, an empty text as
    no value and booleans as True and False (as pandas writes them)."""
    starts = ", ".join("'" + start.replace("'", "''") + "'" for start in _FORMULA_START)
    columns = []
    for name, type_ in query.types().items():
        column = '"' + name.replace('"', '""') + '"'
        if type_ == "VARCHAR":
            columns.append(f"CASE WHEN left({column}, 1) IN ({starts}) THEN '''' || {column} "
                           f"ELSE nullif({column}, '') END AS {column}")
        elif type_ == "BOOLEAN":
            columns.append(f"CASE WHEN {column} THEN 'True' WHEN NOT {column} THEN 'False' END AS {column}")
        else:
            columns.append(column)
    return ", ".join(columns)


def write_frames(frames: dict[str, pd.DataFrame | Query], directory: Path) -> dict[str, Path]:
    """Each table as ``NAME.csv`` (:func:`write_table`), by file name."""
    return {f"{name}.csv": write_table(frame, directory / f"{name}.csv") for name, frame in frames.items()}


def write_table(frame: pd.DataFrame | Query, path: Path) -> Path:
    """``frame`` as CSV, UTF-8 with a BOM so Excel shows the Chinese, no cell read as a formula
    (RFC 4180; a CR in a cell is quoted); a :class:`kg.store.Query` is written by DuckDB."""
    with atomic_write(path, encoding="utf-8-sig", newline="") as out:
        if isinstance(frame, Query):
            out.write("")  # the BOM
            # COMMENT '': else DuckDB quotes a cell holding '#', where pandas (and RFC 4180) need not
            frame.write(out, defused_sql(frame), options="NEW_LINE '\r\n', COMMENT ''", header=True)
        else:
            defused(frame).to_csv(out, index=False, lineterminator="\r\n")
    return path
