"""Near-duplicate articles: a reprint counts once and is listed; a story sharing a paragraph is not one."""

import json

from kg import pipeline
from kg.cli import main
from kg.duplicates import Duplicates
from kg.options import Recognition
from kg.records import Article

STORY = ("本报讯 4月26日上午，市委书记邓群策在衡阳市调研产业园区建设。他强调，要坚持项目为王，"
         "狠抓招商引资，推动园区高质量发展。市长朱健陪同调研。\n\n"
         "邓群策一行先后来到白沙洲工业园和松木经开区，详细了解企业生产经营情况，"
         "与企业负责人深入交流，现场协调解决用地、用工、融资等方面的困难和问题。\n\n"
         "邓群策指出，园区是经济发展的主阵地，要优化营商环境，为企业提供全方位服务。")
SHARED = STORY.split("\n\n")[1]
OTHER = ("本报讯 5月8日，中国水环境集团董事长侯锋一行来衡考察。侯锋表示，将加大在衡投资力度。\n\n" + SHARED +
         "\n\n双方就污水处理、水环境综合治理等项目合作进行了深入洽谈，并签署了战略合作协议。")


def edits(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        text = text.replace(old, new, 1)
    return text


RECORDS = [
    {"id": "paper-a", "source": "衡阳日报", "text": STORY},
    {"id": "paper-b", "source": "湖南日报", "text": edits(STORY, ("本报讯", "据衡阳日报消息"), ("陪同调研", "陪同"))},
    {"id": "web", "source": "衡阳新闻网", "url": "https://example.cn/1", "text": edits(STORY, ("4月26日上午", "26日上午"))},
    {"id": "other", "source": "衡阳晚报", "text": OTHER},
]


def test_a_reprint_is_found_and_a_story_sharing_a_paragraph_is_not():
    finder = Duplicates()
    found = [finder.original_of(Article(r["id"], r["text"], r["source"])) for r in RECORDS]
    assert found == [None, "paper-a", "paper-a", None]


def test_copies_count_once_and_are_listed_with_their_sources(tmp_path, recognizer):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    build = pipeline.build([path], recognition=Recognition(recognizer))
    once = pipeline.build([path], recognition=Recognition(recognizer), dedup=0)
    assert [a.id for a in build.articles] == ["paper-a", "other"]
    assert [(a.id, a.duplicate_of) for a in build.duplicates] == [("paper-b", "paper-a"), ("web", "paper-a")]
    edge = build.graph.edges["person:邓群策", "person:朱健"]
    assert edge["articles"] == 1 and once.graph.edges["person:邓群策", "person:朱健"]["articles"] == 3
    sources = json.loads(edge["evidence"])[0]["sources"]
    assert sources == ["衡阳日报", "湖南日报", "衡阳新闻网"]
    assert build.files[0].duplicates == 2


def test_articles_csv_lists_every_copy(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "-q", "--dedup", "0.8"]) == 0
    import pandas as pd

    articles = pd.read_csv(tmp_path / "out" / "articles.csv", keep_default_na=False).set_index("id")
    assert articles["duplicate_of"].to_dict() == {"paper-a": "", "other": "", "paper-b": "paper-a", "web": "paper-a"}
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["duplicates"] == 2


def test_a_reprint_with_its_own_dateline_and_an_edited_clause_is_found():
    lead = "新华社长沙6月3日电（记者 李明）"
    story = lead + ("湖南省今年新建农村公路三千公里，惠及沿线群众百万人。省交通运输厅表示，将继续推进城乡交通一体化，"
                    "让农村群众出行更便捷。据介绍，全省已有九成以上的建制村通了客车，农村物流网点覆盖所有乡镇，"
                    "农产品进城、工业品下乡的通道更加畅通。")
    reprint = edits(story, (lead, "本报讯 "), ("将继续推进", "今后将加快推进"))
    finder = Duplicates()
    assert finder.original_of(Article("a", story, "x")) is None
    assert finder.original_of(Article("b", reprint, "y")) == "a"


def test_a_reprint_cut_to_part_of_the_story_is_found_by_containment():
    finder = Duplicates()
    assert finder.original_of(Article("a", STORY, "x")) is None
    cut = "\n\n".join(STORY.split("\n\n")[:2])  # the last paragraph left out
    assert finder.original_of(Article("b", cut, "y")) == "a"
    stored = Duplicates()
    stored.remember("a", finder.values("a"))  # the runs' number travels with the stored values
    assert stored.original_of(Article("c", cut, "y")) == "a"
