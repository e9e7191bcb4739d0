"""Dates: every source of an article's date, ISO everywhere, and articles without one kept."""

import json

import pytest

from kg import ingest, pipeline
from kg.cli import main
from kg.dates import dateline, iso_date, page_date
from kg.errors import KgError
from kg.options import Recognition

PAGE = "本报讯 4月26日上午，市委书记邓群策在衡阳市调研。\n\n市长朱健陪同。"


@pytest.mark.parametrize("written, iso", [
    ("2021/3/5", "2021-03-05"), ("2023年9月12日", "2023-09-12"), ("20230427", "2023-04-27"),
    ("2023-04-27T08:00:00+08:00", "2023-04-27"), ("2023.4.7", "2023-04-07"), ("2023年 4 月 7 日", "2023-04-07"),
    ("2023-13-01", ""), ("4月26日", ""), ("第20230版", ""), ("", ""),
])
def test_common_forms_become_iso_dates(written, iso):
    assert iso_date(written) == iso


def test_a_page_is_dated_by_the_option_then_its_name_then_its_dateline():
    assert page_date("2023-04-27_03.txt", PAGE, "2020-01-02") == ("2020-01-02", "--date")
    assert page_date("2023-04-27_03.txt", PAGE) == ("2023-04-27", "file name")
    assert page_date("20230427-3.txt", PAGE) == ("2023-04-27", "file name")
    assert page_date("page.txt", "衡阳日报\n2023年4月27日 星期四\n\n" + PAGE) == ("2023-04-27", "dateline")
    assert page_date("page.txt", PAGE + "\n\n" + "一" * 400 + "2019年1月1日") == ("", "")  # a story's date is no dateline


def test_dates_from_every_source_reach_the_articles(tmp_path, recognizer):
    (tmp_path / "20230427-3.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "j1", "text": "邓群策在衡阳调研。", "date": "2021/3/5"},
        {"id": "j2", "text": "邓群策在衡阳调研。", "date": "昨天"},
    ]), encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text,date\nc1,邓群策在衡阳调研。,2023年9月12日\n", encoding="utf-8")
    build = pipeline.build([tmp_path], recognition=Recognition(recognizer), dedup=0)  # the same text five times, on purpose
    dates = {a.id: a.date for a in build.articles}
    assert dates == {"20230427-3#1": "2023-04-27", "undated#1": "", "j1": "2021-03-05", "j2": "", "c1": "2023-09-12"}
    warnings = [w for f in build.files for w in f.warnings]
    assert any("a.jsonl:2: date '昨天' is no date kg can read" in w for w in warnings)
    dated = pipeline.build([tmp_path / "undated.txt"], recognition=Recognition(recognizer), date="2020/1/2")
    assert [a.date for a in dated.articles] == ["2020-01-02"]


def test_report_counts_the_articles_without_a_date_and_a_bad_option_is_refused(tmp_path, capsys):
    page = tmp_path / "undated.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["build", str(page), "-o", str(tmp_path / "out"), "-q"]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["articles_without_date"] == 1
    assert main(["build", str(page), "-o", str(tmp_path / "out"), "--date", "soon"]) == 2
    assert "--date 'soon' is no date kg can read" in capsys.readouterr().err
    with pytest.raises(KgError, match="no date kg can read"):
        pipeline.build([page], date="soon")


TENURE = [
    {"id": "a", "date": "2021-03-05", "text": "衡阳市副市长张小平出席会议。张小平强调，要抓好安全生产。"},
    {"id": "b", "date": "2022-06-01", "text": "衡阳市副市长张小平调研园区建设。"},
    {"id": "c", "date": "2023-01-10", "text": "衡阳市市长张小平主持召开市政府常务会议。"},
]


def test_a_timeline_shows_a_change_of_title_in_order(recognizer):
    import matplotlib

    import kg

    matplotlib.use("Agg")
    g = kg.build(TENURE, recognizer=recognizer)
    timeline = g.timeline("张小平")
    assert timeline[["title", "organization", "first_seen", "last_seen", "count"]].values.tolist() == [
        ["副市长", "衡阳市政府", "2021-03-05", "2022-06-01", 2], ["市长", "衡阳市政府", "2023-01-10", "2023-01-10", 1]]
    assert timeline["change"].tolist() == ["", "副市长 → 市长"]
    assert g.timeline("衡阳市政府")["person"].tolist() == ["张小平", "张小平"]  # an organization's people
    axes = g.plot_timeline("张小平")
    assert [t.get_text() for t in axes.get_yticklabels()] == ["副市长 @ 衡阳市政府", "市长 @ 衡阳市政府"]


def test_since_and_until_keep_the_articles_of_a_slice(tmp_path, recognizer):
    path = tmp_path / "tenure.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in TENURE + [
        {"id": "undated", "text": "衡阳市市长张小平会见客人。"}]), encoding="utf-8")
    build = pipeline.build([path], recognition=Recognition(recognizer), since="2022/1/1", until="2022年12月31日")
    assert [a.id for a in build.articles] == ["b"] and build.files[0].outside_dates == 3
    assert {(r.person, r.title) for r in build.roles} == {("张小平", "副市长")}
    with pytest.raises(KgError, match="--since 2023-01-01 is after --until 2022-01-01"):
        pipeline.build([path], since="2023-01-01", until="2022-01-01")


def test_between_gives_the_graph_of_a_span_without_running_the_model_again(recognizer):
    import kg

    g = kg.build(TENURE + [{"id": "d", "date": "2023-02-01", "text": "衡阳市市长张小平会见侯锋。"}],
                 recognizer=recognizer)
    early, late = g.between("2021-01-01", "2022-12-31"), g.between("2023年1月1日")
    assert set(early.articles["id"]) == {"a", "b"} and set(late.articles["id"]) == {"c", "d"}
    assert early.timeline("张小平")["title"].tolist() == ["副市长"] and late.timeline("张小平")["title"].tolist() == ["市长"]
    assert "person:侯锋" in late.graph and "person:侯锋" not in early.graph
    assert late.entity("张小平")["mentions"] == 2 and g.entity("张小平")["mentions"] == 5
    assert late.graph.edges["person:张小平", "person:侯锋"]["first_seen"] == "2023-02-01"
    with pytest.raises(KgError, match="no dated article between"):
        g.between("2030-01-01")


@pytest.mark.parametrize("written, iso", [
    ("二〇二三年四月二十七日", "2023-04-27"), ("二○二三年十二月三十一日", "2023-12-31"), ("二〇一九年十月一日", "2019-10-01"),
    ("二○二三年4月7日", "2023-04-07"), ("二〇二三年二月三十日", ""), ("十二月三十一日", ""),
])
def test_dates_in_chinese_numerals_are_read(written, iso):
    assert iso_date(written) == iso


def test_a_month_and_day_in_chinese_numerals_take_the_year_of_the_dateline():
    assert dateline("本报讯（记者 王芳）十二月三十一日，县里召开总结会。", "2022") == "2022-12-31"
    assert dateline("湘潭日报\n二○二三年五月四日 星期四\n\n本报讯 昨日，县里开会。") == "2023-05-04"


@pytest.mark.parametrize("head, iso", [
    ("新华社长沙6月3日电 省里召开防汛会议。", "2023-06-03"),
    ("本报讯（记者 王芳 通讯员 李强）6月3日，县里召开防汛会议。", "2023-06-03"),
    ("6月3日上午，县里召开防汛会议。", "2023-06-03"),
    ("湘潭日报 2022年6月3日 星期五\n\n本报讯 县里召开防汛会议。", "2022-06-03"),
    ("来源：湘潭日报 | 2022-06-03 09:30\n\n县里召开防汛会议。", "2022-06-03"),
    ("某公司成立于本月，营业期限为2018年10月19日至2048年10月18日。", ""),
    ("县里召开防汛会议。据悉，2013年7月1日，县防汛办成立。", ""),
    ("营业期限为2018年10月19日，公司经营范围包括软件开发。", ""),
    ("据外媒6月3日报道，县里召开防汛会议。", ""),
])
def test_only_a_dateline_dates_a_page(head, iso):
    assert dateline(head, "2023") == iso


def test_a_page_is_not_dated_by_a_date_its_story_tells_of(tmp_path):
    folder = tmp_path / "2023"
    folder.mkdir()
    story = "云上数据公司注册成立\n\n本报讯 近日，云上数据公司注册成立，营业期限为2018年10月19日至长期。据悉，2013年7月1日，公司前身成立。"
    (folder / "company.txt").write_text(story, encoding="utf-8")
    (folder / "flood.txt").write_text("本报讯（记者 王芳）6月3日，县里召开防汛会议。", encoding="utf-8")
    report = ingest.FileReport("x")
    assert [a.date for a in ingest.read_file(folder / "company.txt", report)] == [""]
    assert [a.date for a in ingest.read_file(folder / "flood.txt", report)] == ["2023-06-03"]  # the folder's year


def test_a_record_without_a_full_date_takes_its_dateline(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "year", "date": "2022", "text": "本报讯（记者 王芳）6月3日，县里召开防汛会议。"},
        {"id": "none", "text": "新华社长沙2021年9月1日电 省里召开会议。"},
        {"id": "story", "date": "2022年", "text": "县里开会。据悉，2013年7月1日，县防汛办成立。"},
    ]), encoding="utf-8")
    report = ingest.FileReport("r.jsonl")
    assert {a.id: a.date for a in ingest.read_file(path, report)} == {"year": "2022-06-03", "none": "2021-09-01",
                                                                      "story": ""}
    assert report.warnings == []  # a year is no unreadable date
