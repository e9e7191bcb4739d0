"""The command line: messages and exit codes."""

from conftest import DATA

from kg.cli import main


def test_build_writes_outputs_and_says_where(tmp_path, capsys):
    assert main(["build", str(DATA / "page.txt"), str(DATA / "articles.jsonl"), "-o", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert str(tmp_path / "graph.html") in captured.out
    assert "articles.jsonl:3" in captured.err
    assert (tmp_path / "graph.graphml").is_file() and (tmp_path / "roles.csv").is_file()


def test_missing_input_exits_non_zero_without_traceback(tmp_path, capsys):
    assert main(["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err


def test_nothing_readable_exits_non_zero(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "empty file" in capsys.readouterr().err
