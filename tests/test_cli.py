"""The command line: messages and exit codes."""

import pytest
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


def test_bare_kg_prints_help_and_version_is_there(capsys):
    from kg import __version__

    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: kg") and "examples:" in out and "build" in out
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"kg {__version__}"


@pytest.mark.parametrize("argv, usage, hint", [
    (["buidl"], "usage: kg [", "unknown command 'buidl' (did you mean 'build'?)"),
    (["build", "--tpo", "5"], "usage: kg build", "unrecognized arguments: --tpo (did you mean '--top'?)"),
    (["eval-gold", "g", "--model-onyl"], "usage: kg eval-gold", "(did you mean '--model-only'?)"),
])
def test_mistakes_get_the_commands_own_usage_and_a_suggestion(argv, usage, hint, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith(usage) and hint in err


# What each answer imported, in a fresh interpreter: sys.modules says, not the clock.
_IMPORTED = """import sys
from kg.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("heavy:", sorted(m for m in ("torch", "hanlp", "pandas", "duckdb", "networkx") if m in sys.modules))
"""


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["-V"], ["build", "--help"], ["train-ner", "--help"],
                                  ["buidl"], ["build", "--tpo", "5"]])
def test_help_version_and_usage_errors_import_no_model(argv):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", _IMPORTED, *argv], capture_output=True, text=True, env=env,
                          timeout=120, check=False)  # usage errors exit 2 inside; the script itself exits 0
    assert done.stdout.strip().splitlines()[-1] == "heavy: []", done.stdout + done.stderr
    assert ("usage: kg" in done.stdout + done.stderr) or done.stdout.startswith("kg ")


def test_short_v_prints_the_version(capsys):
    from kg import __version__

    with pytest.raises(SystemExit) as exit_:
        main(["-V"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"kg {__version__}"

def test_help_shows_defaults_and_examples(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    assert "(default: output/)" in out and "(default: auto)" in out and "examples:" in out


def test_quiet_prints_nothing_but_problems(tmp_path, capsys):
    assert main(["build", str(DATA / "page.txt"), "-o", str(tmp_path), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_open_hands_the_page_to_the_browser(tmp_path, capsys, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)  # no browser on a CI machine
    assert main(["build", str(DATA / "page.txt"), "-o", str(tmp_path), "--open", "-q"]) == 0
    assert opened == [(tmp_path / "graph.html").resolve().as_uri()]
