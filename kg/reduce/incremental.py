"""The incremental reduce: after an add, only the relations the new articles touch are made again.

The store's ``about`` says which articles (up to ``seq``) the stored relations are of
(:func:`relations_upto`). The steps below find the pairs a change touched, what new articles add
to a pair whose evidence they cannot change (``grown_pairs``) and the other touched pairs
(``stale_pairs``), which :func:`kg.reduce.relations.link` makes again into ``relations_new``. The
stored relations are left as they are until the reduce's swap, whose one transaction applies the
changes to them (:func:`apply_changes`): a stopped reduce leaves them whole, and the transaction
holds only the touched pairs' rows. Adding 1,000 articles to 100,000 touched
46,000 of 1.9M pairs (the most named, though: 9.2M of the 12.7M pair-article rows), of which
25,500 are made again (0.9M pair-article rows) and the others added to.
"""

from __future__ import annotations

import json

from kg.records import PART_OF
from kg.reduce.pairs import (
    ARTICLE_PAIRS,
    MAX_ARTICLE_ENTITIES,
    MAX_EVIDENCE,
    OF_ARTICLES,
    SENTENCE_PAIRS,
    run_statements,
)
from kg.store import Store, in_order


def relations_upto(store: Store, done: str) -> int | None:
    """The last article (``seq``) of the earlier reduce whose relations the store holds, when that
    reduce was ``done`` alike (version, home city, options); None: all are made anew."""
    earlier = json.loads(store.get("reduced") or "{}")
    if earlier.get("of") != done or "relations" not in store.table_names():
        return None
    return earlier["seq"]


def note_changes(db, upto: int) -> None:
    """Makes the tables :func:`kg.reduce.relations.link` reads to make again only what changed since
    the reduce of the articles up to ``upto``: ``new_articles`` (the new originals), ``dirty_articles``
    (those, and the originals a new copy adds a source to), ``dirty_entities`` (the ids, before
    and now, of the entities some name went to or from: ``entity_of`` against ``entity_of_new``)
    and ``dirty_roles`` (the pairs of role links that came or went: ``role_links`` against
    ``role_links_new``)."""
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE new_articles AS SELECT id FROM articles WHERE seq > {upto} AND duplicate_of = '';
        CREATE OR REPLACE TEMP TABLE dirty_articles AS
            SELECT id FROM new_articles UNION SELECT duplicate_of FROM articles WHERE seq > {upto} AND duplicate_of <> '';
        CREATE OR REPLACE TEMP TABLE dirty_entities AS
            SELECT unnest([b.entity_id, n.entity_id]) AS id FROM entity_of b JOIN entity_of_new n USING (settled, type)
            WHERE b.entity_id <> n.entity_id;
        CREATE OR REPLACE TEMP TABLE dirty_roles AS
            SELECT DISTINCT least(person_id, organization_id) AS source, greatest(person_id, organization_id) AS target
            FROM ((SELECT * FROM role_links_new EXCEPT SELECT * FROM role_links)
                  UNION ALL (SELECT * FROM role_links EXCEPT SELECT * FROM role_links_new));
    """)


def forget_changes(db) -> None:
    """Drops the tables of :func:`note_changes`."""
    run_statements(db, "DROP TABLE new_articles; DROP TABLE dirty_articles; DROP TABLE dirty_entities; "
                       "DROP TABLE dirty_roles")


def crowded_article_moved(db) -> bool:
    """Whether an entity some name left or joined is named in a crowded article (one naming more
    than it links): which entities it links may change with the id, so every pair is made again."""
    return bool(db.execute(f"""
        SELECT count(*) FROM linkable l JOIN entity_codes e USING (e) SEMI JOIN dirty_entities d USING (id)
        WHERE a IN (SELECT a FROM ranked GROUP BY a HAVING count(*) > {MAX_ARTICLE_ENTITIES})""").fetchall()[0][0])


def make_touched_pairs(db, stored: str = "relations") -> None:
    """Finds the pairs a change touched, ``dirty_pairs``; notes what the new articles add to a
    stored pair whose evidence they cannot change (``grown_pairs``); keeps of ``kept`` and
    ``in_sentences`` only the other pairs' entities; and notes those pairs' rows (``stale_pairs``,
    ``stale_entities``) for :func:`apply_changes`. ``stored``: the stored relations, read only.
    The untouched pairs are never made."""
    code_changes(db)
    find_touched_pairs(db, stored)
    note_grown_pairs(db, stored)
    narrow_to_dirty_pairs(db)
    note_stale_pairs(db)
    run_statements(db, "".join(f"DROP TABLE {name};" for name in (
        "dirty_codes", "dirty_codes_a", "added_codes", "new_codes", "dirty_article_pairs", "new_pairs",
        "other_pairs", "reprinted", "new_sentences", "added_to", "added", "added_sentences", "ends")))


def code_changes(db) -> None:
    """Makes ``dirty_codes`` (the moved entities' numbers), ``dirty_codes_a`` (the dirty articles'),
    ``added_codes`` (the new articles') and ``new_codes`` (the new articles whose pairs may be added
    to in place: none, unless every new article's id sorts after every stored one's)."""
    run_statements(db, """
        CREATE OR REPLACE TEMP TABLE dirty_codes AS SELECT e FROM entity_codes SEMI JOIN dirty_entities USING (id);
        CREATE OR REPLACE TEMP TABLE dirty_codes_a AS SELECT a FROM article_codes SEMI JOIN dirty_articles USING (id);
        CREATE OR REPLACE TEMP TABLE added_codes AS SELECT a FROM article_codes SEMI JOIN new_articles USING (id);
        CREATE OR REPLACE TEMP TABLE new_codes AS SELECT a FROM added_codes
            WHERE (SELECT min(id) FROM new_articles) > (SELECT max(id) FROM article_facts ANTI JOIN new_articles USING (id));
    """)


def find_touched_pairs(db, into: str) -> None:
    """Makes ``dirty_article_pairs`` (the dirty articles' pairs), ``new_pairs`` (those of
    ``new_codes``), ``reprinted`` (a stored story's pairs, and how their evidence quotes it) and
    ``other_pairs``: the touched pairs that must be made again (a moved entity, a role link old
    or new, evidence quoting a story a reprint adds a source to, a new article not in ``new_codes``)."""
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE dirty_article_pairs AS {ARTICLE_PAIRS} WHERE x.a IN (SELECT a FROM dirty_codes_a);
        CREATE OR REPLACE TEMP TABLE new_pairs AS SELECT * FROM dirty_article_pairs WHERE a IN (SELECT a FROM new_codes);
        CREATE OR REPLACE TEMP TABLE reprinted AS
            SELECT p.source, p.target, concat('{{"article_id":', to_json(c.id)::VARCHAR, ',') AS quote
            FROM (SELECT * FROM dirty_article_pairs UNION ALL SELECT * FROM role_pairs) p JOIN article_codes c USING (a)
            WHERE p.a IN (SELECT a FROM dirty_codes_a) AND p.a NOT IN (SELECT a FROM added_codes);
        CREATE OR REPLACE TEMP TABLE other_pairs AS
            SELECT source, target FROM dirty_article_pairs WHERE a IN (SELECT a FROM added_codes)
                                                             AND a NOT IN (SELECT a FROM new_codes)
            UNION SELECT p.source, p.target FROM reprinted p JOIN entity_codes s ON s.e = p.source
            JOIN entity_codes t ON t.e = p.target LEFT JOIN {into} r ON r.source = s.id AND r.target = t.id
            AND r.kind <> '{PART_OF}' WHERE r.evidence IS NULL OR contains(r.evidence, p.quote)
            UNION SELECT least(x.e, y.e), greatest(x.e, y.e) FROM kept x JOIN kept y ON x.a = y.a AND x.e <> y.e
            WHERE x.e IN (SELECT e FROM dirty_codes)
            UNION SELECT source, target FROM role_pairs
            WHERE a IN (SELECT a FROM added_codes) OR source IN (SELECT e FROM dirty_codes)
               OR target IN (SELECT e FROM dirty_codes)
            UNION SELECT s.e, t.e FROM dirty_roles r JOIN entity_codes s ON s.id = r.source
                                                     JOIN entity_codes t ON t.id = r.target;
    """)


def note_grown_pairs(db, into: str) -> None:
    """Makes ``grown_pairs`` (by ids): what the new articles add to a stored co-occurrence whose
    evidence they cannot change (``added_to``): three sentences already, or some sentences or three
    headlines and no new sentence naming both. Its evidence and the order of its article ids
    stay; its counts, ids and dates grow (:func:`apply_changes`)."""
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE new_sentences AS
            SELECT source, target, count(*) AS sentences
            FROM ({SENTENCE_PAIRS} WHERE x.a IN (SELECT a FROM new_codes)) GROUP BY ALL;
        CREATE OR REPLACE TEMP TABLE added_to AS
            SELECT DISTINCT source, target FROM new_pairs ANTI JOIN other_pairs USING (source, target);
        CREATE OR REPLACE TEMP TABLE added_to AS  -- stored as a co-occurrence: a first role link is in dirty_roles
            SELECT p.* FROM added_to p JOIN entity_codes s ON s.e = p.source JOIN entity_codes t ON t.e = p.target
            LEFT JOIN new_sentences n USING (source, target)
            SEMI JOIN {into} r ON r.source = s.id AND r.target = t.id AND r.kind = 'cooccurrence'
            AND (r.sentences >= {MAX_EVIDENCE} OR n.sentences IS NULL AND (r.sentences > 0 OR r.articles >= {MAX_EVIDENCE}));
        CREATE OR REPLACE TEMP TABLE added AS
            SELECT p.source, p.target, {OF_ARTICLES}
            FROM (SELECT * FROM new_pairs SEMI JOIN added_to USING (source, target)) p
            JOIN article_codes c USING (a) JOIN article_facts a ON a.id = c.id GROUP BY p.source, p.target;
        CREATE OR REPLACE TEMP TABLE added_sentences AS SELECT * FROM new_sentences SEMI JOIN added_to USING (source, target);
        CREATE OR REPLACE TEMP TABLE grown_pairs AS
            SELECT s.id AS source, t.id AS target, a.articles, coalesce(n.sentences, 0) AS sentences,
                   a.article_ids, a.first_seen, a.last_seen
            FROM added a LEFT JOIN added_sentences n USING (source, target)
            JOIN entity_codes s ON s.e = a.source JOIN entity_codes t ON t.e = a.target;
    """)


def narrow_to_dirty_pairs(db) -> None:
    """Makes ``dirty_pairs`` (the touched pairs not added to in place) and keeps of ``kept`` and
    ``in_sentences`` only their entities (``ends``)."""
    run_statements(db, """
        CREATE OR REPLACE TEMP TABLE dirty_pairs AS
            (SELECT source, target FROM new_pairs UNION SELECT * FROM other_pairs)
            EXCEPT SELECT source, target FROM added_to;
        CREATE OR REPLACE TEMP TABLE ends AS SELECT source AS e FROM dirty_pairs UNION SELECT target FROM dirty_pairs;
        CREATE OR REPLACE TEMP TABLE touched AS SELECT * FROM kept SEMI JOIN ends USING (e);
        DROP TABLE kept; ALTER TABLE touched RENAME TO kept;
        CREATE OR REPLACE TEMP TABLE touched AS SELECT * FROM in_sentences SEMI JOIN ends USING (e);
        DROP TABLE in_sentences; ALTER TABLE touched RENAME TO in_sentences;
    """)


def note_stale_pairs(db) -> None:
    """Makes ``stale_pairs`` (by ids: the pairs made again, whose stored rows go) and
    ``stale_entities`` (the moved entities, whose stored rows all go)."""
    run_statements(db, """
        CREATE OR REPLACE TEMP TABLE stale_pairs AS
            SELECT s.id AS source, t.id AS target FROM dirty_pairs p JOIN entity_codes s ON s.e = p.source
            JOIN entity_codes t ON t.e = p.target
            UNION SELECT source, target FROM dirty_roles;
        CREATE OR REPLACE TEMP TABLE stale_entities AS SELECT DISTINCT id FROM dirty_entities;
    """)


def apply_changes(db, made: str, stored: str = "relations") -> None:
    """Puts the incremental reduce's relations into ``stored`` (in the swap's transaction): what
    the new articles add to a pair in place (``grown_pairs``); the rows of the touched pairs and
    moved entities, and every part_of row, deleted; and the pairs made again, with the part_of
    rows, from the table ``made``, appended in its order."""
    run_statements(db, f"""
        UPDATE {stored} r SET articles = r.articles + d.articles, sentences = r.sentences + d.sentences,
                              weight = r.weight + d.articles + d.sentences,
                              article_ids = r.article_ids || '|' || d.article_ids,
                              first_seen = coalesce(least(nullif(r.first_seen, ''), nullif(d.first_seen, '')), ''),
                              last_seen = greatest(r.last_seen, d.last_seen)
            FROM grown_pairs d WHERE r.source = d.source AND r.target = d.target AND r.kind = 'cooccurrence';
        DELETE FROM {stored} WHERE kind = '{PART_OF}' OR source IN (SELECT id FROM stale_entities)
                                   OR target IN (SELECT id FROM stale_entities);
        DELETE FROM {stored} r USING stale_pairs s WHERE r.source = s.source AND r.target = s.target;
    """)
    with in_order(db):  # the rows made again follow the others, as the edges are read
        db.execute(f"INSERT INTO {stored} SELECT * FROM {made}")
    run_statements(db, f"DROP TABLE {made}; DROP TABLE grown_pairs; DROP TABLE stale_pairs; DROP TABLE stale_entities")
