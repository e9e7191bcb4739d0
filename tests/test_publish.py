"""Output folders: all outputs of one build or none, one build at a time, leftovers of killed runs cleared."""

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import as_nobody_only, read_only_folder, run_as_nobody

from kg import export
from kg.errors import KgError
from kg.export import publish
from kg.options import Recognition

OUTPUTS = sorted(publish.OUTPUT_FILES)
KG = [sys.executable, "-m", "kg.cli"]
PAGE = "本报讯 市委书记邓群策会见中国水环境集团董事长侯锋一行。市委副书记、市长朱健参加会见。"


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name in publish.OUTPUT_FILES}


def run_kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], check=False, capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "b.txt").write_text(PAGE.replace("邓群策", "王建国").replace("侯锋", "李明"), encoding="utf-8")
    return folder


def test_a_build_replaces_every_output_and_keeps_other_files(corpus, tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", str(corpus / "a.txt"), "-o", str(out)).returncode == 0
    (out / "mine.txt").write_text("notes", encoding="utf-8")
    (out / "people").mkdir()
    (out / ".entities.csv.abc.tmp").write_text("left by an old kg", encoding="utf-8")
    first = contents(out)
    assert sorted(first) == OUTPUTS
    assert run_kg("build", str(corpus / "b.txt"), "-o", str(out)).returncode == 0
    second = contents(out)
    assert sorted(second) == OUTPUTS and second["entities.csv"] != first["entities.csv"]
    assert (out / "mine.txt").read_text(encoding="utf-8") == "notes" and (out / "people").is_dir()
    assert (out / ".kg-cache.sqlite").is_file() and not (out / ".entities.csv.abc.tmp").exists()
    assert not list(tmp_path.glob(".out.kg-*"))


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"),
                                     duckdb.IOException('IO Error: Could not write file "x": No space left on device')])
def test_a_failed_write_changes_nothing(corpus, tmp_path, monkeypatch, sample_graph_build, failure):
    out = tmp_path / "out"
    export.save(sample_graph_build, out)
    before = contents(out)

    def disk_full(*args, **kwargs):
        raise failure  # an exporter's own write, or the store's copy of a table, on a full disk

    monkeypatch.setattr(export, "write_gexf", disk_full)
    with pytest.raises(KgError, match="the disk is full; free some space and run again"):
        export.save(sample_graph_build, out)
    assert contents(out) == before and not list(tmp_path.glob(".out.kg-*"))


def test_kill_9_while_writing_leaves_the_old_outputs_whole(corpus, tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", str(corpus / "a.txt"), "-o", str(out)).returncode == 0
    before = contents(out)
    process = subprocess.Popen([*KG, "build", str(corpus), "-o", str(out), "--no-cache"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not list(tmp_path.glob(".out.kg-new-*/entities.csv")) and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert contents(out) == before  # the killed run's files never mixed in
    assert list(tmp_path.glob(".out.kg-new-*"))  # it left its staging folder
    assert run_kg("build", str(corpus / "b.txt"), "-o", str(out)).returncode == 0
    assert not list(tmp_path.glob(".out.kg-*")) and sorted(contents(out)) == OUTPUTS


def test_a_run_killed_between_swap_and_carry_over_is_mended(tmp_path, sample_graph_build):
    out = tmp_path / "out"
    export.save(sample_graph_build, out)
    (out / "mine.txt").write_text("notes", encoding="utf-8")
    staging = tmp_path / ".out.kg-new-x"
    staging.mkdir()
    (staging / "report.json").write_text('{"generator": "kg"}', encoding="utf-8")
    assert publish._exchange(staging, out)  # the new outputs are in; the old folder, with mine.txt, is aside
    export.save(sample_graph_build, out)  # the next run carries mine.txt back and clears the rest
    assert (out / "mine.txt").read_text(encoding="utf-8") == "notes" and not staging.exists()


def test_two_builds_into_one_folder_the_second_is_told(corpus, tmp_path):
    out = tmp_path / "out"
    with export.output_lock(out):
        result = run_kg("build", str(corpus), "-o", str(out))
    assert result.returncode == 2 and "another kg build is writing into this folder" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_sigterm_ends_a_build_like_ctrl_c(corpus, tmp_path):
    out = tmp_path / "out"
    process = subprocess.Popen([*KG, "build", str(corpus), "-o", str(out), "--no-cache"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / publish.LOCK_NAME).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stderr == "kg: interrupted\n"
    assert not contents(out) and not list(tmp_path.glob(".out.kg-*"))


@pytest.fixture(scope="module")
def sample_graph_build(recognizer):
    from kg import pipeline

    return pipeline.build_articles([pipeline.Article("a", PAGE, "a.txt")], recognition=Recognition(recognizer))


def test_an_output_that_is_a_file_is_refused_before_any_work(tmp_path):
    target = tmp_path / "graph.txt"
    target.write_text("x", encoding="utf-8")
    for output in (target, target / "out"):
        with pytest.raises(KgError, match="is a file"):
            publish.check_output(output)
    result = run_kg("build", "-o", str(target), "--no-cache")
    assert result.returncode == 2 and result.stderr.startswith(f"kg: error: {target}: is a file")


@as_nobody_only
def test_a_read_only_output_is_refused_before_any_work():
    with read_only_folder("kg-readonly-") as base:
        (base / "out").mkdir()
        os.chmod(base, 0o555)
        os.chmod(base / "out", 0o555)
        for output in (base / "out", base / "new"):
            result = run_as_nobody(f"from kg.export.publish import check_output; check_output({str(output)!r})")
            assert "KgError" in result.stderr and "permission denied" in result.stderr, result.stderr


def test_an_output_behind_a_link_stays_behind_the_link(tmp_path, sample_graph_build):
    real = tmp_path / "real"
    real.mkdir()
    (real / "mine.txt").write_text("notes", encoding="utf-8")
    (tmp_path / "link").symlink_to(real)
    export.save(sample_graph_build, tmp_path / "link")
    export.save(sample_graph_build, tmp_path / "link")
    assert (tmp_path / "link").is_symlink() and sorted(contents(real)) == OUTPUTS
    assert (real / "mine.txt").read_text(encoding="utf-8") == "notes"
