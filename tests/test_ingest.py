"""Ingest: decoding, page cleaning, article and sentence splitting, JSONL/CSV records."""

from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st

from kg import ingest
from kg.records import Article


def read(path):
    report = ingest.FileReport(str(path))
    return ingest.read_file(path, report), report


def test_page_mends_column_breaks_and_byline_spaces():
    articles, report = read(DATA / "page.txt")
    assert report.status == "read" and len(articles) == 1
    text = articles[0].text
    assert "和曾胜一样" in text and "■本报记者 陈润" in text
    assert articles[0].title == "市委书记到祁东调研"


def test_sample_page_splits_into_its_articles():
    articles, _ = read(ingest.SAMPLES / "000_27b6279cfec71fec.txt")
    assert [a.id for a in articles] == [f"000_27b6279cfec71fec#{n}" for n in (1, 2, 3)]
    assert "团结拼搏" in articles[0].text and "白沙洲消防救援站曾胜" in articles[0].text
    assert articles[2].title.startswith("以“小切口”")


def test_headlines_stay_apart():
    text = ingest.clean_page("在雁城大地奏响新时代主旋律\n\n朱健主持\n\n■本报记者 陈 润")
    assert text.split("\n\n") == ["在雁城大地奏响新时代主旋律", "朱健主持", "■本报记者 陈润"]


def test_byline_names_split_by_spaces():
    assert ingest.join_spaced_names("■本报记者 敖文景 周 围") == "■本报记者 敖文景 周围"


def test_jsonl_keeps_good_records_and_reports_bad_lines():
    articles, report = read(DATA / "articles.jsonl")
    assert [a.id for a in articles] == ["n1", "n3"]
    assert articles[0].title == "会见" and articles[0].date == "2021-04-26"
    assert any("articles.jsonl:2" in w and "text" in w for w in report.warnings)
    assert any("articles.jsonl:3" in w and "JSON" in w for w in report.warnings)


def test_csv_records_and_missing_text():
    articles, report = read(DATA / "articles.csv")
    assert [a.id for a in articles] == ["c1"]
    assert any("articles.csv:3" in w for w in report.warnings)


def test_encodings_are_detected(tmp_path):
    page = (DATA / "page.txt").read_text(encoding="utf-8")
    for name, data in [("gbk.txt", page.encode("gb18030")), ("utf16.txt", page.encode("utf-16")),
                       ("bom.txt", page.encode("utf-8-sig")), ("crlf.txt", page.replace("\n", "\r\n").encode())]:
        (tmp_path / name).write_bytes(data)
        articles, report = read(tmp_path / name)
        assert report.status == "read", name
        assert "邓群策" in articles[0].text, name


def test_unreadable_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert read(tmp_path / "empty.txt")[1].reason == "empty file"
    assert "unsupported" in read(tmp_path / "photo.jpg")[1].reason


@given(st.text(alphabet=st.sampled_from(list("衡阳市委书记邓群策。！？，、\n ")), max_size=400))
def test_sentences_point_into_their_article(text):
    article = Article("a", text, "x")
    for sentence in ingest.split_sentences(article):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() and len(sentence.text) <= ingest.MAX_SENTENCE


def test_a_headline_set_off_by_one_line_break_is_the_title_alone(tmp_path):
    page = tmp_path / "one_break.txt"
    page.write_text("湘江新区召开招商推介会\n本报讯 昨日上午，湘江新区在长沙召开招商推介会，二十家企业签约落户。", encoding="utf-8")
    articles, _ = read(page)
    assert [a.title for a in articles] == ["湘江新区召开招商推介会"]
    labelled = ingest.split_page("2023-05-02 08:30，正文：原标题：蓝山县举办油茶节\n油茶节昨日开幕，游客络绎不绝。",
                                 source="x", stem="x")
    assert labelled[0].title == "蓝山县举办油茶节"  # the crawl's and the reprint's labels are no headline
    story = ingest.split_page("昨日上午，湘江新区在长沙召开招商推介会，二十家企业签约落户。\n会上，新区负责人介绍了情况。",
                              source="x", stem="x")
    assert story[0].title == "昨日上午，湘江新区在长沙召开招商推介会，二十家企业签约落户。"[:40]
