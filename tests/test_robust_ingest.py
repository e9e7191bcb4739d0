"""One folder of every realistic input problem: all that is readable is read, every skip is named."""

import json
import os
import random

import pytest

from kg import export, pipeline
from kg.errors import KgError
from kg.ingest import SAMPLES
from kg.options import Recognition

PAGES = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    texts = [p.read_text(encoding="utf-8") for p in PAGES]
    (folder / "gb18030.txt").write_bytes(texts[0].encode("gb18030"))
    (folder / "utf16.txt").write_bytes(texts[1].encode("utf-16"))
    (folder / "bom_crlf.md").write_bytes(texts[2].replace("\n", "\r\n").encode("utf-8-sig"))
    records = [{"id": "r1", "text": texts[3][:1500], "title": "甲"}, "{not json", {"id": "r2", "title": "no text"},
               {"id": "r3", "text": texts[4][:1500], "source": "衡阳日报"}]
    (folder / "records.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    (folder / "random.txt").write_bytes(random.Random(7).randbytes(4000))
    (folder / "empty.txt").write_text("\n  \n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + os.urandom(100))
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(100))
    return folder, {"gb18030.txt": texts[0], "utf16.txt": texts[1], "bom_crlf.md": texts[2]}


def names(build):
    return {alias for e in build.entities.values() for alias in e.aliases}


def test_everything_readable_is_read_and_every_skip_is_named(messy_folder, recognizer, tmp_path):
    folder, originals = messy_folder
    build = pipeline.build([folder], recognition=Recognition(recognizer))
    reports = {os.path.basename(f.path): f for f in build.files}
    for name in ("random.txt", "empty.txt", "notes.docx", "photo.png"):
        assert reports[name].status == "skipped" and reports[name].reason, name
    assert "binary" in reports["random.txt"].reason and "unsupported" in reports["notes.docx"].reason
    warnings = " ".join(reports["records.jsonl"].warnings)
    assert "records.jsonl:2" in warnings and "records.jsonl:3" in warnings
    assert {a.id for a in build.articles} >= {"r1", "r3"}
    for name, text in originals.items():  # each re-encoded page gives what the UTF-8 page gives alone
        page = tmp_path / f"{name}.txt"
        page.write_text(text, encoding="utf-8")
        alone = pipeline.build([page], recognition=Recognition(recognizer))
        assert {e.name for e in alone.entities.values() if e.mentions} <= names(build), name
        assert reports[name].articles == len(alone.articles) and reports[name].mentions > 0
    report = export.report(build)
    assert report["counts"]["files_skipped"] == 4 and report["counts"]["files_read"] == 4


def test_a_long_single_line_is_processed(recognizer, tmp_path):
    line = "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in PAGES)
    path = tmp_path / "long.txt"
    path.write_text(line * (600_000 // len(line.encode("utf-8")) + 1), encoding="utf-8")
    assert path.stat().st_size >= 600_000
    build = pipeline.build([path], recognition=Recognition(recognizer))
    assert max(len(s.text) for s in build.sentences) <= 200
    assert "邓群策" in names(build)


def test_nothing_readable_is_one_error(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG")
    with pytest.raises(KgError, match="nothing readable.*a.png"):
        pipeline.build([tmp_path])


def test_files_stream_through_ner(monkeypatch, recognizer):
    """NER starts before the last file is read: nothing waits for the whole corpus."""
    events = []
    iter_articles = pipeline.ingest.iter_articles

    def logged_read(path, report, date="", read=None):
        events.append("read")
        return iter_articles(path, report, date, read)

    class LoggedRecognizer(type(recognizer)):
        def recognize(self, texts):
            events.append("ner")
            return super().recognize(texts)

    monkeypatch.setattr(pipeline.ingest, "iter_articles", logged_read)
    monkeypatch.setattr(pipeline, "STREAM_SENTENCES", 50)
    streamed = pipeline.build(PAGES, recognition=Recognition(LoggedRecognizer()))
    assert events.index("ner") < len(events) - 1 - events[::-1].index("read")
    whole = pipeline.build(PAGES, recognition=Recognition(recognizer))
    assert dict(streamed.graph.nodes(data=True)) == dict(whole.graph.nodes(data=True))


def test_a_big_file_is_handed_on_in_batches_with_one_report(tmp_path, monkeypatch):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{n}", "text": f"衡阳市第{n}次会议召开。"}, ensure_ascii=False) + "\n"
                            for n in range(7)) + "not json\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "FILE_BATCH", 3)
    batches = list(pipeline.iter_files([path]))
    assert [len(articles) for _, articles in batches] == [3, 3, 1]
    assert len({id(report) for report, _ in batches}) == 1
    report = batches[0][0]
    assert report.articles == 7 and report.warnings == ["many.jsonl:8: not valid JSON (Expecting value)"]


def test_progress_shows_the_whole_inputs_share_and_time_left(tmp_path, monkeypatch, recognizer):
    import gzip
    import io
    import re

    from kg.progress import Progress

    lines = []

    class Shown(Progress):
        def __init__(self, *args, **options):
            super().__init__(*args, **{**options, "stream": io.StringIO(), "enabled": True})

        def update(self, done):
            super().update(done)
            lines.append(self.line())

    monkeypatch.setattr(pipeline, "Progress", Shown)
    monkeypatch.setattr(pipeline, "STREAM_SENTENCES", 100)
    monkeypatch.setattr(pipeline, "FILE_BATCH", 100)
    records = "".join(json.dumps({"id": f"a{n}", "text": f"衡阳市第{n % 5}次会议召开。", "url": f"http://x/{n}/" + "a" * 600})
                      + "\n" for n in range(1000))
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(records.encode(), compresslevel=0))  # as big as the text
    (tmp_path / "b.jsonl").write_text(records.replace('"a', '"b'), encoding="utf-8")
    total = sum(p.stat().st_size for p in tmp_path.iterdir()) / 2**20
    pipeline.build([tmp_path], recognition=Recognition(recognizer), dedup=0)
    shares = [re.search(r"of this batch .* input ([\d.]+) of ([\d.]+) MB \((\d+)%\)", line) for line in lines]
    assert shares and all(shares), lines[:3]
    assert {float(m.group(2)) for m in shares} == {round(total, 1)}  # the whole input, not the batch
    percents = [int(m.group(3)) for m in shares]
    assert percents == sorted(percents) and percents[-1] == 100 and len(set(percents)) >= 5
    assert all(" left" in line for line in lines if not line.split("(")[-1].startswith("0%"))


def test_one_huge_record_is_read_and_mapped_in_parts(tmp_path, monkeypatch, recognizer):
    from kg import ingest

    paragraph = "衡阳市委书记邓群策到祁东县调研产业项目。他强调，要抓好安全生产。\n\n"
    text = paragraph * 9_000  # 297,000 characters: three parts
    (tmp_path / "huge.jsonl").write_text(json.dumps({"id": "huge", "text": text}, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    (tmp_path / "long.csv").write_text(f'id,text\nlong,"{text}"\n', encoding="utf-8")  # one quoted field
    (tmp_path / "page.txt").write_text("本报讯 " + text, encoding="utf-8")
    squeeze = lambda t: "".join(t.split())
    for name in ("huge.jsonl", "long.csv", "page.txt"):
        report = ingest.FileReport(name)
        parts = ingest.read_file(tmp_path / name, report)
        assert len(parts) >= 3 and all(len(p.text) <= ingest.MAX_ARTICLE for p in parts), name
        assert squeeze("".join(p.text for p in parts)).removeprefix("本报讯") == squeeze(text)  # nothing lost
        assert any(f"mapped in {len(parts)} parts of at most 100,000" in w for w in report.warnings), name
    batches = []
    spans = pipeline._Recognition.spans

    def counted(self, sentences):
        batches.append(len(sentences))
        return spans(self, sentences)

    monkeypatch.setattr(pipeline._Recognition, "spans", counted)
    monkeypatch.setattr(pipeline, "STREAM_SENTENCES", 1_000)
    build = pipeline.build([tmp_path / "huge.jsonl"], recognition=Recognition(recognizer))
    assert [a.id for a in build.articles] == [f"huge#part{n}" for n in range(1, 5)]  # parts are no reprints
    assert build.counts()["sentences"] == 18_000 and max(batches) < 18_000 / 2
