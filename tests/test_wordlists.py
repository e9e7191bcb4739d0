"""The word lists kg ships: read without their comments, each a table of what kg knows."""

from kg import wordlists


def test_a_list_is_its_lines_without_comments_or_blanks():
    for name in ("companies.txt", "generic.txt", "people.txt", "titles.txt", "surnames.txt"):
        lines = wordlists.word_list(name)
        assert lines and all(line and line == line.strip() and not line.startswith("#") for line in lines)
    raw = (wordlists.DATA / "titles.txt").read_text(encoding="utf-8").splitlines()
    assert len(wordlists.word_list("titles.txt")) == sum(1 for line in raw if line.strip() and not line.startswith("#"))


def test_surnames_of_one_and_two_characters():
    assert {"王", "曾", "欧阳", "诸葛"} <= wordlists.surnames() and "王李" not in wordlists.surnames()


def test_short_names_and_one_character_places_map_to_full_names():
    assert wordlists.short_names()["建设银行"] == "中国建设银行"
    assert wordlists.abbreviations()["中"] == "中国" and "东" not in wordlists.abbreviations()


def test_known_names_carry_their_list_s_type_and_each_call_is_a_fresh_table():
    known = wordlists.known_names()
    assert set(known.values()) == {"company", "person"}
    assert all(known[name] == "company" for name in wordlists.word_list("companies.txt")
               if name not in wordlists.word_list("people.txt"))
    assert all(known[name] == "person" for name in wordlists.word_list("people.txt"))
    known["湘江实业"] = "company"  # each call a fresh table: a caller's additions stay its own
    assert "湘江实业" not in wordlists.known_names()
