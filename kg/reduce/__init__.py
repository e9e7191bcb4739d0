"""The reduce: the corpus's entities, roles and relations from what the store holds, by SQL and small Python.

What grows with the corpus (mentions, sentences, pairs, the relations with their evidence) stays
in DuckDB and is counted there; Python sees each distinct name once (to settle bare words and
merge names into entities), the name uses, the roles, and the relations as arrays of numbers for
the analytics and layout; the networkx graph is made only when asked for.

A build's reduce (:func:`reduce`) writes its tables (:data:`kg.schema.REDUCE_TABLES`) beside the
stored ones, ``settled_new``…, and puts them in their place in one transaction at the end
(:func:`swap_in`): a reduce stopped anywhere leaves the store's earlier tables as they were. A
slice (:func:`reduce_slice`) keeps the whole corpus's entities and writes only temporary tables.
"""

from __future__ import annotations

import itertools
import json

import pandas as pd

from kg import schema
from kg.extract import MapOptions
from kg.options import ReduceOptions
from kg.records import CURRENT, Entity
from kg.reduce import incremental, steps
from kg.reduce.relations import link
from kg.reduce.result import Reduced
from kg.store import Store

__all__ = ["Reduced", "reduce", "reduce_slice", "swap_in"]

REDUCE_VERSION = 1  # a change to what the reduce makes of the facts: the stored relations are made anew
NEW = "_new"  # the suffix of the tables a build's reduce writes until they are swapped in


def reduce(store: Store, options: MapOptions, reduce_options: ReduceOptions) -> Reduced:
    """The graph of every article the store holds, step by step (each step's table in brackets)."""
    home = steps.home_city(store, options)
    steps.settle_names(store, options, home, NEW)  # settled
    entities, entity_of = steps.merge_names(store, options, NEW)
    steps.write_entity_of(store, entity_of, NEW)  # entity_of, the view mention_entities
    found_roles = steps.read_roles(store, home, options)
    steps.add_role_organizations(entities, found_roles, options.left_out)
    role_ids = steps.role_ids(store, entities, found_roles, NEW)
    steps.add_titles(entities, found_roles, role_ids)
    steps.write_table(store, "role_links", steps.role_links(found_roles, role_ids), NEW)  # role_links
    done = f"{REDUCE_VERSION} {home} {reduce_options.byline_edges}"  # what the stored relations are of
    upto = incremental.relations_upto(store, done)
    dates = steps.article_dates(store)
    crowded, touched_only = make_relations(store, dates, reduce_options.byline_edges, upto)  # relations
    nodes = steps.make_nodes(store, entities, dates, "relations" + NEW)  # relations' part_of rows
    last = store.db.execute("SELECT max(seq) FROM articles").fetchall()[0][0]
    swap_in(store, {"reduced": json.dumps({"of": done, "seq": last})}, touched_only)
    return Reduced(entities, found_roles, role_ids, nodes, store, "relations", home, crowded)


def make_relations(store: Store, dates: dict[str, str], byline_edges: bool, upto: int | None
                   ) -> tuple[dict[str, int], bool]:
    """Makes ``relations_new`` (:func:`kg.reduce.relations.link`): every pair, or, when the stored
    relations are of the articles up to ``upto``, only the pairs the articles since then touch
    (:mod:`kg.reduce.incremental`). Returns the crowded articles and whether only the touched
    pairs were made."""
    with store.tables({"article_dates": _dates_frame(dates)}, **_link_views(NEW)) as db:
        if upto is not None:
            incremental.note_changes(db, upto)
        crowded, touched_only = link(db, byline_edges, "relations" + NEW, changed=upto is not None,
                                     role_links="role_links" + NEW)
        if upto is not None:
            incremental.forget_changes(db)
    store.release()  # the relations are made: what DuckDB kept of it would lie under the analytics' peak
    return crowded, touched_only


def swap_in(store: Store, about: dict[str, str], touched_only: bool = False) -> None:
    """The reduce's new tables put in place of the stored ones (``touched_only``: the relations
    made again applied to the stored ones, :func:`kg.reduce.incremental.apply_changes`), the view
    of mentions and entities made over them and ``about``'s values set: one transaction, whole or
    not at all."""
    with store.transaction():
        for name in schema.REDUCE_TABLES:
            if name == "relations" and touched_only:
                incremental.apply_changes(store.db, name + NEW, name)
                continue
            store.db.execute(f"DROP TABLE IF EXISTS {name}")
            store.db.execute(f"ALTER TABLE {name}{NEW} RENAME TO {name}")
        store.db.execute(f"CREATE OR REPLACE VIEW {schema.MENTION_ENTITIES} AS {schema.mention_entities_sql()}")
        for name, value in about.items():
            store.set(name, value)
    store.db.execute(f"DROP VIEW IF EXISTS {schema.MENTION_ENTITIES}{NEW}")


def _dates_frame(dates: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(dates.items()), columns=["id", "iso"])


def _link_views(suffix: str = "", kept: str = "") -> dict[str, str]:
    """The views :func:`kg.reduce.relations.link` reads: the mentions with their entities (of the
    articles in the table ``kept`` only, where given), the articles' facts and the sentences' texts."""
    in_kept = f"WHERE article_id IN (SELECT id FROM {kept})" if kept else ""
    return {
        "linked_mentions": (f"SELECT article_id, sentence, start, entity_id, byline "
                            f"FROM {schema.MENTION_ENTITIES}{suffix} {in_kept}"),
        "article_facts": ("SELECT a.id, a.title, a.date, d.iso, a.url, list_prepend(a.source, a.copies) AS sources "
                          "FROM articles a JOIN article_dates d USING (id)"),
        "sentence_texts": "SELECT article_id, idx, text FROM sentences",
    }


def reduce_slice(store: Store, whole: Reduced, keep: set[str], byline_edges: bool = False) -> Reduced:
    """The reduce of the articles ``keep`` names, with the whole corpus's entities (ids, names):
    counted, linked and laid out within them; its tables are temporary."""
    number = next(_slices)
    kept_table = f"slice_{number}_articles"  # temporary, like the slice's relations
    store.put(kept_table, pd.DataFrame({"id": sorted(keep)}), temporary=True)
    entities = _slice_entities(store, whole, kept_table)
    kept = [(r, ids) for r, ids in zip(whole.roles, whole.role_ids) if r.article_id in keep]
    for role, (person, organization) in kept:
        if organization in whole.entities:  # an organization named only in a role (本报记者) keeps its node
            _entity_of(entities, whole, organization).aliases.add(role.organization)
        if person in entities and role.title and role.status == CURRENT:
            entities[person].titles.add(role.title)
    found_roles, role_ids = [r for r, _ in kept], [ids for _, ids in kept]
    table = f"slice_{number}_relations"
    dates = steps.article_dates(store, kept_table)
    frames = {"article_dates": _dates_frame(dates), "slice_role_links": steps.role_links(found_roles, role_ids)}
    with store.tables(frames, **_link_views(kept=kept_table)) as db:
        crowded, _ = link(db, byline_edges, table, temporary=True, role_links="slice_role_links")
    store.release()
    nodes = steps.make_nodes(store, entities, dates, table)
    return Reduced(entities, found_roles, role_ids, nodes, store, table, whole.home_city, crowded, kept_table)


_slices = itertools.count(1)  # each slice's relations are a temporary table of their own


def _slice_entities(store: Store, whole: Reduced, kept_table: str) -> dict[str, Entity]:
    """The entities the articles of ``kept_table`` name, counted within them (ids and names as in ``whole``)."""
    entities: dict[str, Entity] = {}
    for owner, text, article_id, count in store.db.execute(f"""
            SELECT entity_id, text, article_id, count(*) FROM {schema.MENTION_ENTITIES}
            WHERE article_id IN (SELECT id FROM {kept_table}) GROUP BY ALL ORDER BY ALL""").fetchall():
        here = _entity_of(entities, whole, owner)
        here.aliases.add(text)
        here.mentions += count
        here.articles.add(article_id)
    return entities


def _entity_of(entities: dict[str, Entity], whole: Reduced, owner: str) -> Entity:
    """The slice's entity ``owner``, made from the whole corpus's when first met."""
    known = whole.entities[owner]
    return entities.setdefault(owner, Entity(owner, known.name, known.type, aliases={known.name}))

