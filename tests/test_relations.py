"""The reduce's relations (kg.reduce.relations) on small hand-made tables, with the exact rows expected."""

import json

import duckdb
import pytest

from kg.reduce import relations

ARTICLES = [("a1", "会见", "2023-04-27", "2023-04-27", "", ["衡阳日报"]),
            ("a2", "调研", "2023-05-02", "2023-05-02", "", ["湘潭日报"])]
SENTENCES = [("a1", 0, "邓群策会见侯锋。"), ("a1", 1, "衡阳市召开会议。"), ("a2", 0, "侯锋到衡阳市调研。")]
MENTIONS = [("a1", 0, 0, "person:邓群策", False), ("a1", 0, 5, "person:侯锋", False),
            ("a1", 1, 9, "place:衡阳市", False), ("a2", 0, 0, "person:侯锋", False),
            ("a2", 0, 3, "place:衡阳市", False)]
ROLE_LINKS = "article_id VARCHAR, sentence BIGINT, person_id VARCHAR, organization_id VARCHAR, title VARCHAR"


def tables(mentions=MENTIONS, role_links=()) -> duckdb.DuckDBPyConnection:
    """An in-memory database holding the tables link reads."""
    db = duckdb.connect()
    db.execute("CREATE TABLE article_facts (id VARCHAR, title VARCHAR, date VARCHAR, iso VARCHAR, url VARCHAR, "
               "sources VARCHAR[])")
    db.execute("CREATE TABLE sentence_texts (article_id VARCHAR, idx INTEGER, text VARCHAR)")
    db.execute("CREATE TABLE linked_mentions (article_id VARCHAR, sentence INTEGER, start INTEGER, "
               "entity_id VARCHAR, byline BOOLEAN)")
    db.execute(f"CREATE TABLE role_links ({ROLE_LINKS})")
    for name, rows in [("article_facts", ARTICLES), ("sentence_texts", SENTENCES), ("linked_mentions", mentions),
                       ("role_links", role_links)]:
        if rows:
            db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    return db


def relations_of(db) -> list[tuple]:
    """The relations made, evidence read as its sentences (or '' for a headline) by article."""
    rows = db.execute("SELECT * FROM relations ORDER BY source, target").fetchall()
    return [(*row[:7], [(item["article_id"], item["sentence"]) for item in json.loads(row[7])], *row[8:])
            for row in rows]


def test_pairs_named_in_a_sentence_or_an_article_are_linked_with_counts_dates_and_evidence():
    db = tables()
    assert relations.link(db, into="relations", temporary=True)[0] == {}
    assert relations_of(db) == [
        ("person:侯锋", "person:邓群策", "cooccurrence", 2.0, 1, 1, "", [("a1", "邓群策会见侯锋。")],
         "a1", "2023-04-27", "2023-04-27"),
        ("person:侯锋", "place:衡阳市", "cooccurrence", 3.0, 1, 2, "", [("a2", "侯锋到衡阳市调研。")],
         "a1|a2", "2023-04-27", "2023-05-02"),
        ("person:邓群策", "place:衡阳市", "cooccurrence", 1.0, 0, 1, "", [("a1", "")],  # the headline: no shared sentence
         "a1", "2023-04-27", "2023-04-27"),
    ]


def test_a_role_links_its_pair_with_its_title_and_a_byline_links_nobody():
    byline = [("a1", 0, 0, "person:邓群策", True), ("a1", 0, 5, "person:侯锋", False)]
    db = tables(byline, [("a1", 0, "person:侯锋", "company:中国水环境集团", "董事长")])
    relations.link(db, into="relations", temporary=True)
    assert relations_of(db) == [
        ("company:中国水环境集团", "person:侯锋", "role", 2.0, 1, 1, "董事长", [("a1", "邓群策会见侯锋。")],
         "a1", "2023-04-27", "2023-04-27"),
    ]
    with_reporters = tables(byline)
    relations.link(with_reporters, byline_edges=True, into="relations", temporary=True)
    assert [row[:3] for row in relations_of(with_reporters)] == [("person:侯锋", "person:邓群策", "cooccurrence")]


def test_a_crowded_article_links_only_its_most_named_entities(monkeypatch):
    monkeypatch.setattr(relations, "MAX_ARTICLE_ENTITIES", 2)
    crowd = [("a1", 0, 0, "person:甲", False), ("a1", 0, 3, "person:乙", False), ("a1", 1, 0, "person:乙", False),
             ("a1", 1, 4, "person:丙", False)]
    db = tables(crowd)
    assert relations.link(db, into="relations", temporary=True)[0] == {"a1": 3}
    assert [row[:2] for row in relations_of(db)] == [("person:乙", "person:甲")]  # 乙 twice, then 甲 named first


@pytest.mark.parametrize("rows", [1, 2, 1000])
def test_pairs_aggregated_a_part_at_a_time_are_the_same(monkeypatch, rows):
    monkeypatch.setattr(relations, "PART_ROWS", rows)
    db = tables()
    relations.link(db, into="relations", temporary=True)
    whole = tables()
    monkeypatch.setattr(relations, "PART_ROWS", 250_000)
    relations.link(whole, into="relations", temporary=True)
    assert relations_of(db) == relations_of(whole)
