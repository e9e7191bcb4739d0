"""What the whole and the incremental reduce share: the pairs of entities, and how SQL scripts run."""

from __future__ import annotations

MAX_EVIDENCE = 3  # evidence items kept per relation: sentences naming both, else the articles' headlines
MAX_ARTICLE_ENTITIES = 100  # article co-occurrence links at most this many entities of one article
# The pairs of entities an article links (``kept``: its entities) and a sentence names (``in_sentences``),
# a row per pair and article or sentence; and what a pair's articles (``a``, of ``article_facts``) come to.
ARTICLE_PAIRS = "SELECT x.e AS source, y.e AS target, x.a FROM kept x JOIN kept y ON x.a = y.a AND x.e < y.e"
SENTENCE_PAIRS = ("SELECT x.e AS source, y.e AS target, x.a, x.sentence FROM in_sentences x "
                  "JOIN in_sentences y ON x.a = y.a AND x.sentence = y.sentence AND x.e < y.e")
OF_ARTICLES = ("count(*) AS articles, array_to_string(list_sort(list(a.id)), '|') AS article_ids, "  # no per-pair sort
               "coalesce(min(nullif(a.iso, '')), '') AS first_seen, coalesce(max(nullif(a.iso, '')), '') AS last_seen")


def run_statements(db, script: str) -> None:
    """Runs the statements of ``script`` one at a time (each a step DuckDB can spill to disk)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
