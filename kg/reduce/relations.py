"""The reduce's relations: co-occurrence in a sentence or an article, and roles, as SQL steps.

Each step makes its temporary tables from those of the steps before; :func:`link` runs them in
order. Entities and articles go by numbers (``e``, ``a``), in the order of their ids, so what
grows with the corpus (a row per pair and article) is three integers; ids come back in the
last step. Each step is a table of its own, so DuckDB spills what does not fit its memory limit
to disk, step by step.
"""

from __future__ import annotations

from kg import schema
from kg.reduce import incremental
from kg.reduce.pairs import (
    ARTICLE_PAIRS,
    MAX_ARTICLE_ENTITIES,
    MAX_EVIDENCE,
    OF_ARTICLES,
    SENTENCE_PAIRS,
    run_statements,
)
from kg.store import in_order

MEMBER = "成员"  # the label of a role edge when the text names no title (南华医院感染科胡曦)
PART_ROWS = 250_000  # pair-article rows aggregated (and their pairs sorted) at a time, about 120 an article
EVIDENCE_ITEM = ("struct_pack(article_id := a.id, title := a.title, date := a.date, url := a.url, "
                 "sentence := {sentence}, sources := a.sources)")  # one evidence item: a sentence or a headline
WORKING_TABLES = ("entity_codes", "article_codes", "roles_coded", "pair_articles", "pair_sentences", "by_articles",
                  "these_sentences", "by_sentences", "quoted", "headlines", "by_roles")


def link(db, byline_edges: bool = False, into: str = "relations", temporary: bool = False, changed: bool = False,
         role_links: str = "role_links", stored: str = "relations") -> tuple[dict[str, int], bool]:
    """Relations of every pair of entities named in one sentence or one article, and of every role,
    with counts, dates and evidence: SQL over the tables the caller made in ``db`` (DuckDB), into
    the table ``into`` (``temporary``: for as long as ``db``), one row per pair, columns as
    :data:`kg.records.RELATION_COLUMNS`.

    ``linked_mentions(article_id, sentence, start, entity_id, byline)``: the mentions with their
    entities; the table ``role_links`` (article_id, sentence, person_id, organization_id, title): the roles
    whose person and organization are entities; ``article_facts(id, title, date, iso, url,
    sources)`` and ``sentence_texts(article_id, idx, text)``. A row per pair (``source`` <
    ``target``; ``weight``: shared sentences plus shared articles, a sentence counting twice;
    ``kind`` role when a role links them). Returns the articles naming more than
    :data:`MAX_ARTICLE_ENTITIES` entities, which link only their most named (ties: the first
    named), so one article gives at most 4,950 pairs however long it is; and whether only the
    pairs a change touched were made (see ``changed``).

    Evidence: up to :data:`MAX_EVIDENCE` sentences naming both, by article and sentence, then the
    sentences stating a role between them; a pair sharing no sentence gets its articles' headlines.
    The order of the articles read changes nothing. With ``changed``, the table ``stored`` holds
    the relations of an earlier reduce, and only the pairs a change touched are aggregated again,
    into ``into``, with the changes to the stored rows noted for
    :func:`kg.reduce.incremental.apply_changes` (see :mod:`kg.reduce.incremental`). The pairs are
    aggregated :data:`PART_ROWS` pair-article rows at a time.
    """
    code_entities_and_articles(db, byline_edges, role_links)
    rank_entities_of_articles(db)
    crowded = crowded_articles(db)
    if changed and incremental.crowded_article_moved(db):
        changed = False  # which entities a crowded article links may change with an entity's id: all again
    run_statements(db, "DROP TABLE linkable; DROP TABLE ranked;")
    if changed:
        incremental.make_touched_pairs(db, stored)
    schema.create(db, "relations", into, temporary)
    pair_rows(db, only_touched=changed)
    for low, high in _source_ranges(db):
        aggregate_part(db, into, f"source BETWEEN {low} AND {high}")
    run_statements(db, "".join(f"DROP TABLE IF EXISTS {name};" for name in WORKING_TABLES))
    return crowded, changed


def code_entities_and_articles(db, byline_edges: bool, role_links: str = "role_links") -> None:
    """Makes ``entity_codes(id, e)`` and ``article_codes(id, a)`` (numbers in id order),
    ``roles_coded(a, sentence, source, target, title)`` (each role link's pair) and
    ``linkable(a, sentence, start, e)`` (the mentions that link: no byline, unless ``byline_edges``)."""
    bylines = "" if byline_edges else "WHERE NOT byline"
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE entity_codes AS
            SELECT id, row_number() OVER (ORDER BY id) AS e FROM (
                SELECT entity_id AS id FROM linked_mentions UNION SELECT person_id FROM {role_links}
                UNION SELECT organization_id FROM {role_links});
        CREATE OR REPLACE TEMP TABLE article_codes AS SELECT id, row_number() OVER (ORDER BY id) AS a FROM article_facts;
        CREATE OR REPLACE TEMP TABLE roles_coded AS
            SELECT a.a, r.sentence, least(p.e, o.e) AS source, greatest(p.e, o.e) AS target, r.title
            FROM {role_links} r JOIN article_codes a ON a.id = r.article_id
            JOIN entity_codes p ON p.id = r.person_id JOIN entity_codes o ON o.id = r.organization_id;
        CREATE OR REPLACE TEMP TABLE linkable AS
            SELECT a.a, m.sentence, m.start, e.e FROM (SELECT * FROM linked_mentions {bylines}) m
            JOIN article_codes a ON a.id = m.article_id JOIN entity_codes e ON e.id = m.entity_id;
    """)


def rank_entities_of_articles(db) -> None:
    """Makes ``ranked(a, e, rank)`` (an article's entities, the most named first), ``kept(a, e)``
    (the :data:`MAX_ARTICLE_ENTITIES` an article links), ``role_pairs(source, target, a)`` (a
    role's pair its article does not link anyway) and ``in_sentences(a, sentence, e)``."""
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE ranked AS
            SELECT a, e, row_number() OVER (PARTITION BY a ORDER BY count(*) DESC, min(start), e) AS rank
            FROM linkable GROUP BY a, e;
        CREATE OR REPLACE TEMP TABLE kept AS SELECT a, e FROM ranked WHERE rank <= {MAX_ARTICLE_ENTITIES};
        CREATE OR REPLACE TEMP TABLE role_pairs AS
            SELECT DISTINCT source, target, a FROM roles_coded r
            WHERE NOT (EXISTS (SELECT 1 FROM kept k WHERE k.a = r.a AND k.e = r.source)
                       AND EXISTS (SELECT 1 FROM kept k WHERE k.a = r.a AND k.e = r.target));
        CREATE OR REPLACE TEMP TABLE in_sentences AS
            SELECT DISTINCT m.a, m.sentence, m.e FROM linkable m SEMI JOIN kept USING (a, e);
    """)


def crowded_articles(db) -> dict[str, int]:
    """The articles naming more entities than they link (id: how many), from ``ranked``."""
    return dict(db.execute(f"""
        SELECT c.id, n FROM (SELECT a, count(*) AS n FROM ranked GROUP BY a HAVING count(*) > {MAX_ARTICLE_ENTITIES})
        JOIN article_codes c USING (a)""").fetchall())


def pair_rows(db, only_touched: bool = False) -> None:
    """Makes ``pair_articles(source, target, a)`` and ``pair_sentences(source, target, a,
    sentence, role_only)``, sorted by source: a row per pair and article, and per pair and
    sentence naming both (or stating their role). ``only_touched``: of ``dirty_pairs`` only."""

    def only(pairs: str) -> str:
        """The touched pairs' rows of ``pairs`` (all, when nothing is incremental). Each step is filtered
        on its own: one statement filtering a union of them ran out of 256 MB at 100,000 articles."""
        return f"SELECT * FROM ({pairs}) SEMI JOIN dirty_pairs USING (source, target)" if only_touched else pairs

    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE unsorted_articles AS
            {only(ARTICLE_PAIRS)}
            UNION ALL {only("SELECT * FROM role_pairs")};
        CREATE OR REPLACE TEMP TABLE named_together AS {only(SENTENCE_PAIRS)};
        CREATE OR REPLACE TEMP TABLE unsorted_sentences AS
            SELECT source, target, a, sentence, min(role_only) AS role_only FROM (
                SELECT *, 0 AS role_only FROM named_together
                UNION ALL SELECT *, 1 FROM ({only("SELECT source, target, a, sentence FROM roles_coded")}))
            GROUP BY ALL;
        DROP TABLE named_together; DROP TABLE in_sentences; DROP TABLE kept; DROP TABLE role_pairs;
        DROP TABLE IF EXISTS dirty_pairs;
    """)
    with in_order(db):  # by source: each part below reads its own rows only, not the whole table again
        run_statements(db, """
            CREATE OR REPLACE TEMP TABLE pair_articles AS SELECT * FROM unsorted_articles ORDER BY source;
            CREATE OR REPLACE TEMP TABLE pair_sentences AS SELECT * FROM unsorted_sentences ORDER BY source;
            DROP TABLE unsorted_articles; DROP TABLE unsorted_sentences;
        """)


def aggregate_part(db, into: str, mine: str) -> None:
    """The relations of the pairs whose source ``mine`` (SQL) holds, inserted into ``into`` in
    order: the parts together leave the table sorted by source and target."""
    count_part(db, mine)
    quote_part(db)
    with in_order(db):
        db.execute(f"""
            INSERT INTO {into}
            SELECT s.id, t.id, CASE WHEN r.titles IS NULL THEN 'cooccurrence' ELSE 'role' END,
                   (coalesce(n.sentences, 0) + b.articles)::DOUBLE, coalesce(n.sentences, 0), b.articles,
                   coalesce(r.titles, ''), e.evidence, b.article_ids, b.first_seen, b.last_seen
            FROM by_articles b LEFT JOIN by_sentences n USING (source, target)
            LEFT JOIN ({EVIDENCE}) e USING (source, target)
            LEFT JOIN by_roles r USING (source, target)
            JOIN entity_codes s ON s.e = b.source JOIN entity_codes t ON t.e = b.target
            ORDER BY b.source, b.target""")


# A pair's evidence: its quoted sentences, then its headlines, in order, as one JSON array.
EVIDENCE = """SELECT source, target, to_json(list_transform(list_sort(list((n, item))), lambda x: x[2]))::VARCHAR
                     AS evidence
              FROM (SELECT * FROM quoted UNION ALL SELECT * FROM headlines) GROUP BY source, target"""


def count_part(db, mine: str) -> None:
    """Makes, for the pairs whose source ``mine`` holds: ``by_articles`` (articles, their ids,
    first and last seen, the first articles), ``these_sentences``, ``by_sentences`` (how many
    sentences name both) and ``by_roles`` (the titles of their roles)."""
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE by_articles AS
            SELECT p.source, p.target, {OF_ARTICLES},
                   min(p.a, {MAX_EVIDENCE}) AS first_articles  -- the headlines of a pair no sentence names both in
            FROM (SELECT * FROM pair_articles WHERE {mine}) p JOIN article_codes c USING (a)
            JOIN article_facts a ON a.id = c.id GROUP BY p.source, p.target;
        CREATE OR REPLACE TEMP TABLE these_sentences AS SELECT * FROM pair_sentences WHERE {mine};
        CREATE OR REPLACE TEMP TABLE by_sentences AS
            SELECT source, target, count(*) AS sentences FROM these_sentences GROUP BY source, target;
        CREATE OR REPLACE TEMP TABLE by_roles AS
            SELECT source, target,
                   string_agg(DISTINCT coalesce(nullif(title, ''), '{MEMBER}'), '|'
                              ORDER BY coalesce(nullif(title, ''), '{MEMBER}')) AS titles
            FROM roles_coded WHERE {mine} GROUP BY ALL;
    """)


def quote_part(db) -> None:
    """Makes ``quoted`` (the first :data:`MAX_EVIDENCE` sentences naming a pair of the part) and
    ``headlines`` (the first articles of a pair no sentence names both in), each with its order ``n``."""
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE quoted AS  -- min(x, 3): no window
            SELECT p.source, p.target, p.n, {EVIDENCE_ITEM.format(sentence="s.text")} AS item FROM (
                SELECT source, target, unnest(min({{'r': role_only, 'a': a, 's': sentence}}, {MAX_EVIDENCE})) AS n
                FROM these_sentences GROUP BY source, target) p
            JOIN article_codes c ON c.a = p.n.a JOIN article_facts a ON a.id = c.id
            JOIN sentence_texts s ON s.article_id = c.id AND s.idx = p.n.s;
        CREATE OR REPLACE TEMP TABLE headlines AS
            SELECT p.source, p.target, {{'r': 0, 'a': p.a, 's': 0}} AS n, {EVIDENCE_ITEM.format(sentence="''")} AS item
            FROM (SELECT source, target, unnest(first_articles) AS a
                  FROM by_articles ANTI JOIN by_sentences USING (source, target)) p
            JOIN article_codes c USING (a) JOIN article_facts a ON a.id = c.id;
    """)


def _source_ranges(db) -> list[tuple[int, int]]:
    """Ranges of source numbers, in order, of about :data:`PART_ROWS` pair-article rows each (a
    source with more is a range of its own)."""
    ranges: list[list[int]] = []  # [low, high, rows]
    for source, count in db.execute("SELECT source, count(*) FROM pair_articles GROUP BY source ORDER BY source"
                                    ).fetchall():
        if ranges and ranges[-1][2] + count <= PART_ROWS:
            ranges[-1][1:] = [source, ranges[-1][2] + count]
        else:
            ranges.append([source, source, count])
    return [(low, high) for low, high, _ in ranges]
