"""Relations between entities: co-occurrence in a sentence or an article, and roles."""

from __future__ import annotations

from kg.records import PART_OF
from kg.store import in_order

MAX_EVIDENCE = 3  # evidence items kept per relation: sentences naming both, else the articles' headlines
MEMBER = "成员"  # the label of a role edge when the text names no title (南华医院感染科胡曦)
MAX_ARTICLE_ENTITIES = 100  # article co-occurrence links at most this many entities of one article
# The pairs of entities an article links (``kept``: its entities) and a sentence names (``in_sentences``),
# a row per pair and article or sentence; and what a pair's articles (``a``, of ``article_facts``) come to.
ARTICLE_PAIRS = "SELECT x.e AS source, y.e AS target, x.a FROM kept x JOIN kept y ON x.a = y.a AND x.e < y.e"
SENTENCE_PAIRS = ("SELECT x.e AS source, y.e AS target, x.a, x.sentence FROM in_sentences x "
                  "JOIN in_sentences y ON x.a = y.a AND x.sentence = y.sentence AND x.e < y.e")
OF_ARTICLES = ("count(*) AS articles, array_to_string(list_sort(list(a.id)), '|') AS article_ids, "  # no per-pair sort state
               "coalesce(min(nullif(a.iso, '')), '') AS first_seen, coalesce(max(nullif(a.iso, '')), '') AS last_seen")


def link(db, byline_edges: bool = False, into: str = "relations", temporary: bool = False, changed: bool = False
         ) -> dict[str, int]:
    """Relations of every pair of entities named in one sentence or one article, and of every role,
    with counts, dates and evidence: SQL over the tables the caller made in ``db`` (DuckDB), into
    the table ``into`` (``temporary``: for as long as ``db``), one row per pair, columns as
    :data:`kg.records.RELATION_COLUMNS`.

    ``linked_mentions(article_id, sentence, start, entity_id, byline)``: the mentions with their
    entities; ``role_links(article_id, sentence, person_id, organization_id, title)``: the roles
    whose person and organization are entities; ``article_facts(id, title, date, iso, url,
    sources)`` and ``sentence_texts(article_id, idx, text)``. A row per pair (``source`` <
    ``target``; ``weight``: shared sentences plus shared articles, a sentence counting twice;
    ``kind`` role when a role links them). Returns the articles naming more than
    :data:`MAX_ARTICLE_ENTITIES` entities, which link only their most named (ties: the first
    named), so one article gives at most 4,950 pairs however long it is.

    Evidence: up to :data:`MAX_EVIDENCE` sentences naming both, by article and sentence, then the
    sentences stating a role between them; a pair sharing no sentence gets its articles' headlines.
    The order of the articles read changes nothing. With ``changed``, ``into`` holds the relations
    of an earlier reduce, and only the pairs a change touched are aggregated again: those named
    in the articles of ``dirty_articles(id)`` (new articles, and originals a new copy adds a
    source to), those of an entity of ``dirty_entities(id)`` (whose names went to another
    entity id), and those of ``dirty_roles(source, target)`` (ids of role links that came or
    went); the others' rows stay as they are, and a touched pair that the new articles of
    ``new_articles(id)`` can only add to is added to in place (see :func:`_touched`). Each step
    is a table of its own, so DuckDB spills what does not fit its memory limit to disk, step by
    step; the pairs are aggregated :data:`PART_ROWS` pair-article rows at a time.
    """
    bylines = "" if byline_edges else "WHERE NOT byline"
    item = ("struct_pack(article_id := a.id, title := a.title, date := a.date, url := a.url, sentence := {sentence}, "
            "sources := a.sources)")
    # Entities and articles go by numbers, in the order of their ids, so what grows with the
    # corpus (a row per pair and article) is three integers; ids come back in the last step.
    run_statements(db, f"""
        CREATE OR REPLACE TEMP TABLE entity_codes AS
            SELECT id, row_number() OVER (ORDER BY id) AS e FROM (
                SELECT entity_id AS id FROM linked_mentions UNION SELECT person_id FROM role_links
                UNION SELECT organization_id FROM role_links);
        CREATE OR REPLACE TEMP TABLE article_codes AS SELECT id, row_number() OVER (ORDER BY id) AS a FROM article_facts;
        CREATE OR REPLACE TEMP TABLE roles_coded AS
            SELECT a.a, r.sentence, least(p.e, o.e) AS source, greatest(p.e, o.e) AS target, r.title
            FROM role_links r JOIN article_codes a ON a.id = r.article_id
            JOIN entity_codes p ON p.id = r.person_id JOIN entity_codes o ON o.id = r.organization_id;
        CREATE OR REPLACE TEMP TABLE linkable AS
            SELECT a.a, m.sentence, m.start, e.e FROM (SELECT * FROM linked_mentions {bylines}) m
            JOIN article_codes a ON a.id = m.article_id JOIN entity_codes e ON e.id = m.entity_id;
        CREATE OR REPLACE TEMP TABLE ranked AS
            SELECT a, e, row_number() OVER (PARTITION BY a ORDER BY count(*) DESC, min(start), e) AS rank
            FROM linkable GROUP BY a, e;
        CREATE OR REPLACE TEMP TABLE kept AS SELECT a, e FROM ranked WHERE rank <= {MAX_ARTICLE_ENTITIES};
        CREATE OR REPLACE TEMP TABLE role_pairs AS  -- a role's pair, where its article does not link the two anyway
            SELECT DISTINCT source, target, a FROM roles_coded r
            WHERE NOT (EXISTS (SELECT 1 FROM kept k WHERE k.a = r.a AND k.e = r.source)
                       AND EXISTS (SELECT 1 FROM kept k WHERE k.a = r.a AND k.e = r.target));
        CREATE OR REPLACE TEMP TABLE in_sentences AS
            SELECT DISTINCT m.a, m.sentence, m.e FROM linkable m SEMI JOIN kept USING (a, e);
    """)
    crowded = dict(db.execute(f"""
        SELECT c.id, n FROM (SELECT a, count(*) AS n FROM ranked GROUP BY a HAVING count(*) > {MAX_ARTICLE_ENTITIES})
        JOIN article_codes c USING (a)""").fetchall())
    if changed and db.execute(f"""
            SELECT count(*) FROM linkable l JOIN entity_codes e USING (e) SEMI JOIN dirty_entities d USING (id)
            WHERE a IN (SELECT a FROM ranked GROUP BY a HAVING count(*) > {MAX_ARTICLE_ENTITIES})""").fetchall()[0][0]:
        changed = False  # which entities a crowded article links may change with an entity's id: all again
    run_statements(db, "DROP TABLE linkable; DROP TABLE ranked;" + (_touched(into) if changed else f"""
        CREATE OR REPLACE {"TEMP " if temporary else ""}TABLE {into} (
            source VARCHAR, target VARCHAR, kind VARCHAR, weight DOUBLE, sentences BIGINT, articles BIGINT,
            titles VARCHAR, evidence VARCHAR, article_ids VARCHAR, first_seen VARCHAR, last_seen VARCHAR);
    """))

    def only(pairs: str) -> str:
        """The touched pairs' rows of ``pairs`` (all, when nothing is incremental). Each step is filtered
        on its own: one statement filtering a union of them ran out of 256 MB at 100,000 articles."""
        return f"SELECT * FROM ({pairs}) SEMI JOIN dirty_pairs USING (source, target)" if changed else pairs

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
    # The pairs a part at a time (a range of their sources' numbers), each part's aggregates
    # within memory, inserted in order: the table lies sorted by source and target.
    for low, high in _source_ranges(db):
        mine = f"source BETWEEN {low} AND {high}"
        run_statements(db, f"""
            CREATE OR REPLACE TEMP TABLE by_articles AS
                SELECT p.source, p.target, {OF_ARTICLES},
                       min(p.a, {MAX_EVIDENCE}) AS first_articles  -- the headlines of a pair no sentence names both in
                FROM (SELECT * FROM pair_articles WHERE {mine}) p JOIN article_codes c USING (a)
                JOIN article_facts a ON a.id = c.id GROUP BY p.source, p.target;
            CREATE OR REPLACE TEMP TABLE these_sentences AS SELECT * FROM pair_sentences WHERE {mine};
            CREATE OR REPLACE TEMP TABLE by_sentences AS
                SELECT source, target, count(*) AS sentences FROM these_sentences GROUP BY source, target;
            CREATE OR REPLACE TEMP TABLE quoted AS  -- the first sentences naming both (min(x, 3): no window)
                SELECT p.source, p.target, p.n, {item.format(sentence="s.text")} AS item FROM (
                    SELECT source, target, unnest(min({{'r': role_only, 'a': a, 's': sentence}}, {MAX_EVIDENCE})) AS n
                    FROM these_sentences GROUP BY source, target) p
                JOIN article_codes c ON c.a = p.n.a JOIN article_facts a ON a.id = c.id
                JOIN sentence_texts s ON s.article_id = c.id AND s.idx = p.n.s;
            CREATE OR REPLACE TEMP TABLE headlines AS  -- the first articles of a pair no sentence names both in
                SELECT p.source, p.target, {{'r': 0, 'a': p.a, 's': 0}} AS n, {item.format(sentence="''")} AS item FROM (
                    SELECT source, target, unnest(first_articles) AS a
                    FROM by_articles ANTI JOIN by_sentences USING (source, target)) p
                JOIN article_codes c USING (a) JOIN article_facts a ON a.id = c.id;
            CREATE OR REPLACE TEMP TABLE by_roles AS
                SELECT source, target,
                       string_agg(DISTINCT coalesce(nullif(title, ''), '{MEMBER}'), '|'
                                  ORDER BY coalesce(nullif(title, ''), '{MEMBER}')) AS titles
                FROM roles_coded WHERE {mine} GROUP BY ALL;
        """)
        with in_order(db):  # the table lies sorted by source and target
            db.execute(f"""
                INSERT INTO {into}
                SELECT s.id, t.id, CASE WHEN r.titles IS NULL THEN 'cooccurrence' ELSE 'role' END,
                       (coalesce(n.sentences, 0) + b.articles)::DOUBLE, coalesce(n.sentences, 0), b.articles,
                       coalesce(r.titles, ''), e.evidence, b.article_ids, b.first_seen, b.last_seen
                FROM by_articles b LEFT JOIN by_sentences n USING (source, target)
                LEFT JOIN (SELECT source, target, to_json(list_transform(list_sort(list((n, item))), lambda x: x[2]))::VARCHAR
                                  AS evidence FROM
                               (SELECT * FROM quoted UNION ALL SELECT * FROM headlines) GROUP BY source, target) e
                    USING (source, target)
                LEFT JOIN by_roles r USING (source, target)
                JOIN entity_codes s ON s.e = b.source JOIN entity_codes t ON t.e = b.target
                ORDER BY b.source, b.target""")
    run_statements(db, "".join(f"DROP TABLE IF EXISTS {name};" for name in (
        "entity_codes", "article_codes", "roles_coded", "pair_articles", "pair_sentences", "by_articles", "these_sentences", "by_sentences", "quoted", "headlines", "by_roles")))
    return crowded


PART_ROWS = 250_000  # pair-article rows aggregated (and their pairs sorted) at a time, about 120 an article


def _source_ranges(db) -> list[tuple[int, int]]:
    """Ranges of source numbers, in order, of about :data:`PART_ROWS` pair-article rows each (a
    source with more is a range of its own)."""
    ranges: list[list[int]] = []  # [low, high, rows]
    for source, count in db.execute("SELECT source, count(*) FROM pair_articles GROUP BY source ORDER BY source").fetchall():
        if ranges and ranges[-1][2] + count <= PART_ROWS:
            ranges[-1][1:] = [source, ranges[-1][2] + count]
        else:
            ranges.append([source, source, count])
    return [(low, high) for low, high, _ in ranges]


def _touched(into: str) -> str:
    """SQL that finds the pairs a change touched (see :func:`link`), ``dirty_pairs``; adds in place
    what the new articles add to a stored pair whose evidence they cannot change; keeps of ``kept``
    and ``in_sentences`` only the other pairs' entities; and deletes those pairs' rows (and every
    part_of row) from ``into``. The untouched pairs are never made: adding 1,000 articles to
    100,000 touched 46,000 of 1.9M pairs (the most named, though: 9.2M of the 12.7M pair-article
    rows), of which 25,500 are made again (0.9M pair-article rows) and the others added to.

    Added in place: a pair named in new articles (no moved entity, no role link old or new, no
    evidence from a stored story a reprint adds a source to), stored as a co-occurrence whose
    evidence the new articles cannot change, when every new article's id sorts after every
    stored one's: three sentences already, or some sentences or three headlines and no new
    sentence naming both. Its evidence (the first sentences, or headlines, by article) and the
    order of its article ids stay; its counts, ids and dates grow. A reprint touches only the
    pairs whose evidence quotes its story (the sources listed there grow)."""
    return f"""
        CREATE OR REPLACE TEMP TABLE dirty_codes AS SELECT e FROM entity_codes SEMI JOIN dirty_entities USING (id);
        CREATE OR REPLACE TEMP TABLE dirty_codes_a AS SELECT a FROM article_codes SEMI JOIN dirty_articles USING (id);
        CREATE OR REPLACE TEMP TABLE added_codes AS SELECT a FROM article_codes SEMI JOIN new_articles USING (id);
        CREATE OR REPLACE TEMP TABLE new_codes AS SELECT a FROM added_codes  -- none, unless all sort after the stored
            WHERE (SELECT min(id) FROM new_articles) > (SELECT max(id) FROM article_facts ANTI JOIN new_articles USING (id));
        CREATE OR REPLACE TEMP TABLE dirty_article_pairs AS {ARTICLE_PAIRS} WHERE x.a IN (SELECT a FROM dirty_codes_a);
        CREATE OR REPLACE TEMP TABLE new_pairs AS SELECT * FROM dirty_article_pairs WHERE a IN (SELECT a FROM new_codes);
        CREATE OR REPLACE TEMP TABLE reprinted AS  -- a stored story's pairs, and how their evidence quotes it
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
        UPDATE {into} r SET articles = r.articles + d.articles, sentences = r.sentences + d.sentences,
                            weight = r.weight + d.articles + d.sentences, article_ids = r.article_ids || '|' || d.article_ids,
                            first_seen = coalesce(least(nullif(r.first_seen, ''), nullif(d.first_seen, '')), ''),
                            last_seen = greatest(r.last_seen, d.last_seen)
            FROM (SELECT s.id AS source, t.id AS target, a.articles, coalesce(n.sentences, 0) AS sentences,
                         a.article_ids, a.first_seen, a.last_seen
                  FROM added a LEFT JOIN added_sentences n USING (source, target)
                  JOIN entity_codes s ON s.e = a.source JOIN entity_codes t ON t.e = a.target) d
            WHERE r.source = d.source AND r.target = d.target AND r.kind = 'cooccurrence';
        CREATE OR REPLACE TEMP TABLE dirty_pairs AS
            (SELECT source, target FROM new_pairs UNION SELECT * FROM other_pairs)
            EXCEPT SELECT source, target FROM added_to;
        CREATE OR REPLACE TEMP TABLE ends AS SELECT source AS e FROM dirty_pairs UNION SELECT target FROM dirty_pairs;
        CREATE OR REPLACE TEMP TABLE touched AS SELECT * FROM kept SEMI JOIN ends USING (e);
        DROP TABLE kept; ALTER TABLE touched RENAME TO kept;
        CREATE OR REPLACE TEMP TABLE touched AS SELECT * FROM in_sentences SEMI JOIN ends USING (e);
        DROP TABLE in_sentences; ALTER TABLE touched RENAME TO in_sentences;
        CREATE OR REPLACE TEMP TABLE stale AS
            SELECT s.id AS source, t.id AS target FROM dirty_pairs p JOIN entity_codes s ON s.e = p.source
            JOIN entity_codes t ON t.e = p.target
            UNION SELECT source, target FROM dirty_roles;
        DELETE FROM {into} WHERE kind = '{PART_OF}' OR source IN (SELECT id FROM dirty_entities)
                                 OR target IN (SELECT id FROM dirty_entities);
        DELETE FROM {into} r USING stale s WHERE r.source = s.source AND r.target = s.target;
        DROP TABLE dirty_codes; DROP TABLE dirty_codes_a; DROP TABLE added_codes; DROP TABLE new_codes; DROP TABLE dirty_article_pairs; DROP TABLE new_pairs; DROP TABLE other_pairs;
        DROP TABLE reprinted; DROP TABLE new_sentences; DROP TABLE added_to; DROP TABLE added; DROP TABLE added_sentences;
        DROP TABLE ends; DROP TABLE stale;
    """


def run_statements(db, script: str) -> None:
    """Runs the statements of ``script`` one at a time (each a step DuckDB can spill to disk)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
