"""The CSV tables: entities, mentions, relations, roles, articles, merges (UTF-8 with BOM, for Excel)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kg.dates import iso_date, span
from kg.export.atomic import atomic_write
from kg.graph import SEPARATOR, part_of_edges
from kg.records import (
    ANALYTICS_COLUMNS,
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    MERGE_COLUMNS,
    RELATION_COLUMNS,
    ROLE_COLUMNS,
    ROLE_SUMMARY_COLUMNS,
)


def tables(build) -> dict[str, pd.DataFrame]:
    """The tables of a build as DataFrames, columns as in :mod:`kg.records`; entities carry the graph analytics."""
    graph = build.graph
    dates = {a.id: iso_date(a.date) for a in build.articles}
    entities = pd.DataFrame(
        [(e.id, e.name, e.type, SEPARATOR.join(sorted(e.aliases - {e.name})), SEPARATOR.join(sorted(e.titles)),
          e.mentions, len(e.articles), *span(dates.get(a, "") for a in e.articles),
          *(graph.nodes[e.id].get(c, "") for c in ("code", "province", "city", "part_of")),
          *(graph.nodes[e.id].get(c) for c in ANALYTICS_COLUMNS))
         for e in sorted(build.entities.values(), key=lambda e: (-e.mentions, e.id))],
        columns=ENTITY_COLUMNS + ANALYTICS_COLUMNS)
    mentions = pd.DataFrame(
        [(m.article_id, m.sentence, m.start, m.end, m.text, m.type, owner)
         for m, owner in zip(build.mentions, build.owners)], columns=MENTION_COLUMNS)
    relations = relation_table(graph)
    ids = build.role_ids or [("", "")] * len(build.roles)
    roles = pd.DataFrame([(r.person, r.title, r.organization, r.article_id, r.sentence, person, org,
                           build.entities[org].type if org in build.entities else "", dates.get(r.article_id, ""))
                          for r, (person, org) in zip(build.roles, ids)], columns=ROLE_COLUMNS)
    articles = pd.DataFrame([(a.id, a.source, a.title, a.date, len(a.text), a.url, a.duplicate_of)
                             for a in [*build.articles, *build.duplicates]], columns=ARTICLE_COLUMNS)
    merges = pd.DataFrame([(e.id, alias, why) for e in sorted(build.entities.values(), key=lambda e: e.id)
                           for alias, why in e.merges.items()], columns=MERGE_COLUMNS)
    return {"entities": entities, "mentions": mentions, "relations": relations, "roles": roles,
            "roles_summary": roles_summary(roles, {e.id: e.name for e in build.entities.values()}),
            "articles": articles, "merges": merges}


def relation_table(graph) -> pd.DataFrame:
    """One row per edge, the heaviest first, then one per part_of link (weight 0: it is no co-occurrence)."""
    edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])
    links = [(a, b, {**d, "weight": 0.0, "sentences": 0, "articles": 0}) for a, b, d in part_of_edges(graph)]
    return pd.DataFrame([(a, b, *(d.get(c, "") for c in RELATION_COLUMNS[2:])) for a, b, d in edges + links],
                        columns=RELATION_COLUMNS)


def roles_summary(roles: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row per person, title and organization: how often it is stated, first and last seen, where.

    People and organizations that are entities go by their entity (``names`` maps ids to
    canonical names, so 陈 润 and 陈润 are one row), others by the name as written. A role
    with no title stated (南华医院感染科胡曦) keeps ``title`` empty. The most stated come first.
    """
    if roles.empty:
        return pd.DataFrame(columns=ROLE_SUMMARY_COLUMNS)
    roles = roles.assign(person=[names.get(i, p) for i, p in zip(roles["person_id"], roles["person"])],
                         organization=[names.get(i, o) for i, o in zip(roles["organization_id"], roles["organization"])])
    keys = ["person_id", "person", "title", "organization_id", "organization"]
    grouped = roles.groupby(keys, sort=False, dropna=False)
    rows = [(*key, len(group), *span(group["date"]), SEPARATOR.join(sorted(set(group["article_id"]))))
            for key, group in grouped]
    summary = pd.DataFrame(rows, columns=ROLE_SUMMARY_COLUMNS)
    return summary.sort_values(["count", "person", "title", "organization"], ascending=[False, True, True, True],
                               kind="stable", ignore_index=True)


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

