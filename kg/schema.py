"""Every table kg keeps in its DuckDB store, in one place: the facts the map writes, the tables
the reduce makes of them, and the view that joins the two.

The map's tables (:data:`STORE_TABLES`) last from build to build; the reduce's (:data:`REDUCE_TABLES`)
are made anew by each build's reduce, written beside the old ones (``entity_of_new``…) and put
in their place in one transaction (:func:`kg.reduce.swap_in`). The reduce's working tables
(``entity_codes``, ``pair_articles``…) are temporary and described where they are made.
"""

from __future__ import annotations

SCHEMA = 2  # 2: roles carry status and appointed

STORE_TABLES = {
    "about": "name VARCHAR PRIMARY KEY, value VARCHAR",  # what the store's facts and relations are of
    "articles": ("seq BIGINT, id VARCHAR PRIMARY KEY, hash VARCHAR, source VARCHAR, title VARCHAR, date VARCHAR, "
                 "url VARCHAR, duplicate_of VARCHAR, copies VARCHAR[], text VARCHAR, signature BLOB"),
    "sentences": 'article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, spans VARCHAR',
    "mentions": ('article_id VARCHAR, sentence INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR, '
                 "byline BOOLEAN, name VARCHAR"),
    "roles": ("article_id VARCHAR, seq INTEGER, sentence INTEGER, person VARCHAR, title VARCHAR, organization VARCHAR, "
              "status VARCHAR, appointed BOOLEAN"),
}
FACT_TABLES = ("sentences", "mentions", "roles")  #: an article's facts: replaced together when the map runs again

REDUCE_TABLES = {
    "settled": "name VARCHAR, type VARCHAR, settled VARCHAR",  # each stored name, its bare words settled
    "entity_of": "settled VARCHAR, type VARCHAR, entity_id VARCHAR",  # each settled name's entity
    "role_links": ("article_id VARCHAR, sentence BIGINT, person_id VARCHAR, organization_id VARCHAR, "
                   "title VARCHAR"),  # the current roles whose person and organization are entities
    "relations": ("source VARCHAR, target VARCHAR, kind VARCHAR, weight DOUBLE, sentences BIGINT, articles BIGINT, "
                  "titles VARCHAR, evidence VARCHAR, article_ids VARCHAR, first_seen VARCHAR, last_seen VARCHAR"),
}

MENTION_ENTITIES = "mention_entities"  #: the view of each stored mention with its entity


def mention_entities_sql(suffix: str = "") -> str:
    """The view of each stored mention with its entity id, over the reduce's tables of names ending in ``suffix``."""
    return f"""
        SELECT m.article_id, m.sentence, m.start, m."end", m.text, m.type, m.byline, e.entity_id
        FROM mentions m JOIN settled{suffix} s USING (name, type)
        JOIN entity_of{suffix} e ON e.settled = s.settled AND e.type = m.type"""


def create(db, name: str, as_name: str = "", temporary: bool = False) -> None:
    """Makes (empty, replacing any) the table ``name`` of the schema, under ``as_name`` where given."""
    columns = {**STORE_TABLES, **REDUCE_TABLES}[name]
    db.execute(f"CREATE OR REPLACE {'TEMP ' if temporary else ''}TABLE {as_name or name} ({columns})")


def column_names(name: str) -> list[str]:
    """The columns of the table ``name``, in order."""
    return [c.split()[0].strip('"') for c in {**STORE_TABLES, **REDUCE_TABLES}[name].split(", ")]
