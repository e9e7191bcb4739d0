"""Relations between entities: co-occurrence in a sentence or an article, and roles."""

from __future__ import annotations

MAX_EVIDENCE = 3  # evidence items kept per relation: sentences naming both, else the articles' headlines
MEMBER = "成员"  # the label of a role edge when the text names no title (南华医院感染科胡曦)
MAX_ARTICLE_ENTITIES = 100  # article co-occurrence links at most this many entities of one article


def link(db, byline_edges: bool = False) -> tuple[list[dict], dict[str, int]]:
    """Relations of every pair of entities named in one sentence or one article, and of every role,
    with counts, dates and evidence: SQL over the tables the caller made in ``db`` (DuckDB).

    ``linked_mentions(article_id, sentence, start, entity_id, byline)``: the mentions with their
    entities; ``role_links(article_id, sentence, person_id, organization_id, title)``: the roles
    whose person and organization are entities; ``article_facts(id, title, date, iso, url,
    sources)`` and ``sentence_texts(article_id, idx, text)``. Returns one dict per pair
    (``source`` < ``target``; ``weight``: shared sentences plus shared articles, a sentence counting
    twice; ``kind`` role when a role links them) and the articles naming more than
    :data:`MAX_ARTICLE_ENTITIES` entities, which link only their most named (ties: the first
    named), so one article gives at most 4,950 pairs however long it is.

    Evidence: up to :data:`MAX_EVIDENCE` sentences naming both, by article and sentence, then the
    sentences stating a role between them; a pair sharing no sentence gets its articles' headlines.
    The order of the articles read changes nothing.
    """
    bylines = "" if byline_edges else "WHERE NOT byline"
    db.execute(f"""
        CREATE OR REPLACE TEMP TABLE linkable AS SELECT * FROM linked_mentions {bylines};
        CREATE OR REPLACE TEMP TABLE ranked AS
            SELECT article_id, entity_id,
                   row_number() OVER (PARTITION BY article_id ORDER BY count(*) DESC, min(start), entity_id) AS rank
            FROM linkable GROUP BY article_id, entity_id;
        CREATE OR REPLACE TEMP TABLE kept AS SELECT article_id, entity_id FROM ranked WHERE rank <= {MAX_ARTICLE_ENTITIES};
        CREATE OR REPLACE TEMP TABLE pair_articles AS
            SELECT a.entity_id AS source, b.entity_id AS target, a.article_id
            FROM kept a JOIN kept b ON a.article_id = b.article_id AND a.entity_id < b.entity_id
            UNION
            SELECT least(person_id, organization_id), greatest(person_id, organization_id), article_id FROM role_links;
        CREATE OR REPLACE TEMP TABLE in_sentences AS
            SELECT DISTINCT m.article_id, m.sentence, m.entity_id FROM linkable m SEMI JOIN kept USING (article_id, entity_id);
        CREATE OR REPLACE TEMP TABLE pair_sentences AS
            SELECT source, target, article_id, sentence, min(role_only) AS role_only FROM (
                SELECT a.entity_id AS source, b.entity_id AS target, a.article_id, a.sentence, 0 AS role_only
                FROM in_sentences a JOIN in_sentences b
                  ON a.article_id = b.article_id AND a.sentence = b.sentence AND a.entity_id < b.entity_id
                UNION ALL
                SELECT least(person_id, organization_id), greatest(person_id, organization_id), article_id, sentence, 1
                FROM role_links)
            GROUP BY ALL;
    """)
    crowded = dict(db.execute(f"""SELECT article_id, count(*) FROM ranked GROUP BY article_id
                                  HAVING count(*) > {MAX_ARTICLE_ENTITIES}""").fetchall())
    item = ("struct_pack(article_id := a.id, title := a.title, date := a.date, url := a.url, sentence := {sentence}, "
            "sources := a.sources)")
    rows = db.execute(f"""
        WITH by_articles AS (
            SELECT p.source, p.target, count(*) AS articles,
                   string_agg(p.article_id, '|' ORDER BY p.article_id) AS article_ids,
                   coalesce(min(nullif(a.iso, '')), '') AS first_seen, coalesce(max(nullif(a.iso, '')), '') AS last_seen
            FROM pair_articles p JOIN article_facts a ON a.id = p.article_id GROUP BY p.source, p.target),
        headlines AS (  -- the first articles of each pair, as evidence where no sentence names both
            SELECT source, target, list({item.format(sentence="''")} ORDER BY a.id) AS items FROM (
                SELECT *, row_number() OVER (PARTITION BY source, target ORDER BY article_id) AS n FROM pair_articles)
            p JOIN article_facts a ON a.id = p.article_id WHERE n <= {MAX_EVIDENCE} GROUP BY source, target),
        by_sentences AS (
            SELECT source, target, count(*) AS sentences FROM pair_sentences GROUP BY source, target),
        quoted AS (
            SELECT source, target, list({item.format(sentence="s.text")} ORDER BY n) AS items FROM (
                SELECT *, row_number() OVER (PARTITION BY source, target ORDER BY role_only, article_id, sentence) AS n
                FROM pair_sentences) p
            JOIN article_facts a ON a.id = p.article_id
            JOIN sentence_texts s ON s.article_id = p.article_id AND s.idx = p.sentence
            WHERE n <= {MAX_EVIDENCE} GROUP BY source, target),
        by_roles AS (
            SELECT least(person_id, organization_id) AS source, greatest(person_id, organization_id) AS target,
                   string_agg(DISTINCT coalesce(nullif(title, ''), '{MEMBER}'), '|' ORDER BY coalesce(nullif(title, ''), '{MEMBER}'))
                       AS titles
            FROM role_links GROUP BY ALL)
        SELECT b.source, b.target, coalesce(s.sentences, 0) AS sentences, b.articles, b.article_ids,
               coalesce(r.titles, '') AS titles, b.first_seen, b.last_seen,
               to_json(coalesce(q.items, h.items)) AS evidence
        FROM by_articles b LEFT JOIN by_sentences s USING (source, target) LEFT JOIN quoted q USING (source, target)
        LEFT JOIN headlines h USING (source, target) LEFT JOIN by_roles r USING (source, target)
        ORDER BY b.source, b.target
    """).fetchall()
    db.execute("DROP TABLE linkable; DROP TABLE ranked; DROP TABLE kept; DROP TABLE pair_articles; "
               "DROP TABLE in_sentences; DROP TABLE pair_sentences")
    relations = [{"source": source, "target": target, "weight": float(sentences + articles),
                  "kind": "role" if titles else "cooccurrence", "sentences": sentences, "articles": articles,
                  "article_ids": article_ids, "titles": titles, "first_seen": first, "last_seen": last,
                  "evidence": evidence}
                 for source, target, sentences, articles, article_ids, titles, first, last, evidence in rows]
    return relations, crowded
