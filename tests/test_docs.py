"""The documentation: every command, option and public name documented; the README short; no diary."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import kg
from kg.cli import build_parser

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
PAGES = [*DOCS, *sorted((ROOT / "bench").glob("*.md")), ROOT / "CHANGELOG.md"]
# Files that must read as the current state: no dated runs, run names, commit hashes or private paths.
NO_DIARY = [*DOCS, *sorted((ROOT / "bench").iterdir()), *sorted((ROOT / "docs").glob("*.py"))]
HELP = {"-h", "--help"}  # argparse's own, documented once at the top of docs/cli.md


def prose(path: Path) -> str:
    """The text of a Markdown file without its fenced code blocks (shell comments there start with #)."""
    return re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)


def documented() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in DOCS)


def named(option: str, text: str) -> bool:
    """Whether ``option`` is written as itself: ``--dim`` is not found inside ``--bigram-dim``."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def commands() -> dict:
    return build_parser().commands


def test_every_command_and_option_is_in_the_readme_or_docs():
    parser, text = build_parser(), documented()
    options = {o for action in parser._actions for o in action.option_strings}
    options |= {o for sub in parser.commands.values() for action in sub._actions for o in action.option_strings}
    missing = sorted(o for o in options if not named(o, text))
    missing += sorted(f"kg {name}" for name in parser.commands if f"kg {name}" not in text)
    assert not missing, f"undocumented in README.md or docs/*.md: {missing}"


def cli_sections() -> dict[str, str]:
    """docs/cli.md's ``## kg COMMAND`` sections by command."""
    parts = re.split(r"^## kg (\S+)\s*$", (ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def test_each_command_has_a_section_in_the_cli_reference_naming_all_its_options():
    sections = cli_sections()
    assert set(sections) == set(commands()), "docs/cli.md has a '## kg COMMAND' section for each command, no other"
    missing = [f"kg {name} {option}" for name, sub in commands().items() for action in sub._actions
               for option in action.option_strings if option not in HELP and not named(option, sections[name])]
    assert not missing, f"options missing from their command's section of docs/cli.md: {missing}"


def test_the_option_check_finds_an_option_only_as_itself():
    assert named("--dim", "`--dim N`") and named("-o", "`-o`, `--output`")
    assert not named("--dim", "`--bigram-dim 64`") and not named("-o", "`--output`")


def public_members() -> list[str]:
    """The KnowledgeGraph class's public methods and properties, and the attributes its __init__ sets."""
    members = [name for name, _ in inspect.getmembers(kg.KnowledgeGraph) if not name.startswith("_")]
    init = ast.parse(inspect.getsource(kg.KnowledgeGraph.__init__).strip())
    members += [node.attr for node in ast.walk(init) if isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store) and not node.attr.startswith("_")]
    return sorted(set(members))


def test_every_public_name_is_documented():
    text = documented()
    missing = [name for name in kg.__all__ if not re.search(rf"\b{name}\b", text)]
    missing += [f"KnowledgeGraph.{name}" for name in public_members() if not re.search(rf"\.{name}\b", text)]
    assert not missing, f"undocumented in README.md or docs/*.md: {missing}"
    assert {"top", "entity", "sql", "graph", "entities"} <= set(public_members())  # the walk finds what it should


def test_the_readme_is_user_documentation_of_at_most_400_lines_and_35_kb():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400
    assert len(text.encode("utf-8")) <= 35_000


def test_the_readme_gives_the_test_command_ci_runs():
    quick_start = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make test" in quick_start
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.MULTILINE)
    assert re.search(r"^test:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)


DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def diary_lines(path: Path) -> list[str]:
    """Lines of ``path`` that read as a diary: a heading, table row or bold lead holding a date
    (dates in backticks are examples of input, not runs), a run's session, a commit hash, a /tmp/ path."""
    text = prose(path) if path.suffix == ".md" else path.read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        plain = re.sub(r"`[^`]*`", "", line)
        dated = DATE.search(plain) and (line.lstrip().startswith(("#", "|")) or re.search(r"\*\*[^*]*" + DATE.pattern, plain))
        if dated or "/tmp/" in line or re.search(r"\bsession \d+\b|\bcommit [0-9a-f]{7,40}\b", line, re.IGNORECASE):
            found.append(f"{path.name}: {line.strip()}")
    return found


def test_no_documentation_or_benchmark_reads_as_a_diary():
    assert NO_DIARY and not [line for path in NO_DIARY if path.is_file() for line in diary_lines(path)]


def test_the_diary_check_finds_dated_runs_and_private_paths(tmp_path):
    page = tmp_path / "x.md"
    page.write_text("# Runs of 2026-11-23\n| run | 2026-11-24 |\n**Session 7, 2026-11-24** (commit 8fdd356)\n"
                    "kept in /tmp/w9\n| `--date DAY` | a page's date (`2023-04-27`) |\n```\n# 2026-11-23\n```\n")
    found = diary_lines(page)
    assert len(found) == 4 and not any("--date" in line for line in found)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation but - dropped, spaces as -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", "")).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#+ (.+)$", prose(path), re.MULTILINE):
        base = slug(heading)
        seen[base if base not in seen else f"{base}-{seen[base]}"] = 0
        seen[base] = seen.get(base, 0) + 1
    return set(seen)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_between_the_pages_resolve(page):
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose(page)):
        if re.match(r"[a-z]+:", target):
            continue  # a web address: not checked here (no network)
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        if not path.exists() or (anchor and anchor not in anchors(path)):
            broken.append(target)
    assert not broken, f"{page.name}: links that lead nowhere: {broken}"


def test_the_anchor_of_a_heading_is_githubs():
    assert slug("Baidu LAC, the peer") == "baidu-lac-the-peer"
    assert slug("kg train-ner") == "kg-train-ner"
    assert slug("Entities, roles and places") == "entities-roles-and-places"
