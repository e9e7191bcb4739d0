"""The CSV tables: entities, mentions, relations, roles, articles, merges (UTF-8 with BOM, for Excel)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kg.export.atomic import atomic_write
from kg.graph import SEPARATOR
from kg.records import (
    ANALYTICS_COLUMNS,
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    MERGE_COLUMNS,
    RELATION_COLUMNS,
    ROLE_COLUMNS,
)


def tables(build) -> dict[str, pd.DataFrame]:
    """The tables of a build as DataFrames, columns as in :mod:`kg.records`; entities carry the graph analytics."""
    graph = build.graph
    entities = pd.DataFrame(
        [(e.id, e.name, e.type, SEPARATOR.join(sorted(e.aliases - {e.name})), SEPARATOR.join(sorted(e.titles)),
          e.mentions, len(e.articles), *(graph.nodes[e.id].get(c) for c in ANALYTICS_COLUMNS))
         for e in sorted(build.entities.values(), key=lambda e: (-e.mentions, e.id))],
        columns=ENTITY_COLUMNS + ANALYTICS_COLUMNS)
    mentions = pd.DataFrame(
        [(m.article_id, m.sentence, m.start, m.end, m.text, m.type, owner)
         for m, owner in zip(build.mentions, build.owners)], columns=MENTION_COLUMNS)
    relations = pd.DataFrame(
        [(a, b, d["kind"], d["weight"], d["sentences"], d["articles"], d["titles"], d["evidence"])
         for a, b, d in sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])], columns=RELATION_COLUMNS)
    ids = build.role_ids or [("", "")] * len(build.roles)
    roles = pd.DataFrame([(r.person, r.title, r.organization, r.article_id, r.sentence, person, org,
                           build.entities[org].type if org in build.entities else "")
                          for r, (person, org) in zip(build.roles, ids)], columns=ROLE_COLUMNS)
    articles = pd.DataFrame([(a.id, a.source, a.title, a.date, len(a.text)) for a in build.articles],
                            columns=ARTICLE_COLUMNS)
    merges = pd.DataFrame([(e.id, alias, why) for e in sorted(build.entities.values(), key=lambda e: e.id)
                           for alias, why in e.merges.items()], columns=MERGE_COLUMNS)
    return {"entities": entities, "mentions": mentions, "relations": relations, "roles": roles,
            "articles": articles, "merges": merges}


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


def write_frames(frames: dict[str, pd.DataFrame], directory: Path) -> dict[str, Path]:
    """Each table as ``NAME.csv``, UTF-8 with a BOM so Excel shows the Chinese, no cell read as a formula."""
    written = {}
    for name, frame in frames.items():
        path = directory / f"{name}.csv"
        with atomic_write(path, encoding="utf-8-sig", newline="") as out:
            defused(frame).to_csv(out, index=False, lineterminator="\r\n")  # RFC 4180; a CR in a cell is quoted
        written[path.name] = path
    return written

