"""The reduce: entities, roles and the graph of every article the store holds."""

import pandas as pd
import pytest

from kg import pipeline, schema
from kg.extract import MapOptions
from kg.options import Recognition, ReduceOptions, map_options
from kg.records import Article
from kg.reduce import incremental, reduce, reduce_slice, steps, swap_in
from kg.roles import TitleLexicon
from kg.store import Store


def test_a_city_written_bare_and_implied_by_a_role_is_one_node(recognizer):
    articles = [Article("a", "株洲召开工业大会。市领导刘志强、陈建国出席会议。", "x"),
                Article("b", "株洲的制造业发展很快。", "x")]
    build = pipeline.build_articles(articles, map_options=map_options(home_city="株洲"), recognition=Recognition(recognizer))
    places = [e for e in build.entities.values() if e.type == "place" and e.name.startswith("株洲")]
    assert len(places) == 1 and {"株洲", "株洲市"} <= places[0].aliases


# ---- the steps, one at a time, on small hand-made tables ----------------------------------------

# article, sentence, start, end, text, type, byline, name
MENTIONS = [("a1", 0, 0, 2, "衡阳", "place", False, "衡阳"), ("a1", 0, 2, 4, "市委", "organization", False, "市委"),
            ("a1", 0, 6, 9, "邓群策", "person", False, "邓群策"), ("a1", 1, 12, 14, "长沙", "place", False, "长沙"),
            ("a2", 0, 0, 2, "衡阳", "place", False, "衡阳"), ("a2", 0, 3, 5, "本报", "organization", True, "本报"),
            ("a2", 0, 7, 10, "邓书记", "person", False, "邓群策")]


@pytest.fixture
def store():
    made = Store()
    made.db.executemany("INSERT INTO articles (seq, id, duplicate_of, date, source, copies) VALUES (?, ?, '', ?, ?, [])",
                        [(0, "a1", "2023-04-27", "衡阳日报"), (1, "a2", "2023-05-02", "衡阳日报")])
    made.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", MENTIONS)
    made.db.execute("INSERT INTO roles VALUES ('a1', 0, 0, '邓群策', '书记', '市委', 'current', false), "
                    "('a2', 0, 0, '邓书记', '书记', '市委', 'current', false)")
    yield made
    made.close()


def options(home_city: str = "", stop: frozenset[str] = frozenset(), aliases: dict | None = None) -> MapOptions:
    return MapOptions(TitleLexicon.load(), aliases or {}, stop, home_city)


def test_the_home_city_is_the_users_else_the_place_named_most(store):
    assert steps.home_city(store, options()) == "衡阳"  # named twice, 长沙 once
    assert steps.home_city(store, options(home_city="株洲")) == "株洲"


def test_names_are_settled_in_the_home_city_without_stop_words_and_with_aliases(store):
    steps.settle_names(store, options(stop=frozenset({"长沙"}), aliases={"邓群策": "邓群策同志"}), "衡阳")
    assert store.db.execute("SELECT * FROM settled ORDER BY ALL").fetchall() == [
        ("市委", "organization", "衡阳市委"), ("衡阳", "place", "衡阳"), ("邓群策", "person", "邓群策同志")]
    # 本报 is a generic word: left out; 长沙 is on the stop list


def test_each_mention_gets_its_entity_and_roles_their_ids(store):
    steps.settle_names(store, options(), "衡阳", "_new")
    entities, entity_of = steps.merge_names(store, options(), "_new")
    steps.write_entity_of(store, entity_of, "_new")
    assert store.db.execute("SELECT text, entity_id FROM mention_entities_new ORDER BY article_id, start").fetchall() == [
        ("衡阳", "place:衡阳"), ("市委", "organization:衡阳市委"), ("邓群策", "person:邓群策"), ("长沙", "place:长沙"),
        ("衡阳", "place:衡阳"), ("邓书记", "person:邓群策")]
    found = steps.read_roles(store, "衡阳", options())
    assert [(r.person, r.title, r.organization) for r in found] == [("邓群策", "书记", "衡阳市委"),
                                                                    ("邓书记", "书记", "衡阳市委")]
    ids = steps.role_ids(store, entities, found, "_new")
    assert ids == [("person:邓群策", "organization:衡阳市委")] * 2
    assert steps.role_links(found, ids).values.tolist() == [["a1", 0, "person:邓群策", "organization:衡阳市委", "书记"],
                                                            ["a2", 0, "person:邓群策", "organization:衡阳市委", "书记"]]


def test_a_reduce_swaps_its_tables_in_whole_and_a_slice_writes_none(store):
    whole = reduce(store, options(), ReduceOptions())
    names = store.table_names()
    assert set(schema.REDUCE_TABLES) <= names and not any(name.endswith("_new") for name in names)
    assert store.db.execute("SELECT source, target, kind, titles FROM relations WHERE kind = 'role'").fetchall() == [
        ("organization:衡阳市委", "person:邓群策", "role", "书记")]
    before = store.db.execute("SELECT * FROM relations ORDER BY ALL").fetchall()
    sliced = reduce_slice(store, whole, {"a2"})
    assert sliced.relations.startswith("slice_") and sliced.entities["person:邓群策"].aliases == {"邓群策", "邓书记"}
    assert store.db.execute("SELECT * FROM relations ORDER BY ALL").fetchall() == before


def test_a_swap_that_fails_leaves_the_stored_tables_as_they_were(store):
    for name in schema.REDUCE_TABLES:
        steps.write_table(store, name, pd.DataFrame(columns=schema.column_names(name)))
    store.db.execute("INSERT INTO relations VALUES ('a', 'b', 'cooccurrence', 1, 0, 1, '', '[]', 'a1', '', '')")
    schema.create(store.db, "relations", "relations_new")  # the other new tables are missing: the swap fails
    with pytest.raises(Exception, match="settled_new"):
        swap_in(store, {"reduced": "x"})
    assert store.db.execute("SELECT source FROM relations").fetchall() == [("a",)] and store.get("reduced") == ""


def test_what_changed_since_the_last_reduce_is_noted(store):
    for name, rows in [("entity_of", [("衡钢", "company", "company:衡钢")]),
                       ("entity_of_new", [("衡钢", "company", "company:华菱衡钢")]),
                       ("role_links", [("a1", 0, "person:甲", "company:衡钢", "董事长")]),
                       ("role_links_new", [("a1", 0, "person:甲", "company:华菱衡钢", "董事长")])]:
        steps.write_table(store, name.removesuffix("_new"), pd.DataFrame(rows, columns=schema.column_names(
            name.removesuffix("_new"))), "_new" if name.endswith("_new") else "")
    store.db.execute("INSERT INTO articles (seq, id, duplicate_of) VALUES (2, 'a3', ''), (3, 'a4', 'a1')")
    incremental.note_changes(store.db, 1)
    table = lambda name: store.db.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
    assert table("new_articles") == [("a3",)] and table("dirty_articles") == [("a1",), ("a3",)]
    assert table("dirty_entities") == [("company:华菱衡钢",), ("company:衡钢",)]
    assert table("dirty_roles") == [("company:华菱衡钢", "person:甲"), ("company:衡钢", "person:甲")]
