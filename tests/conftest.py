"""Shared fixtures: the real shipped model and one build of the bundled sample pages."""

import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg import pipeline
from kg.ner import NamedEntityRecognizer
from kg.options import Recognition

DATA = Path(__file__).parent / "data"
GOLD = Path(__file__).parents[1].parent / "shared" / "gold"


@pytest.fixture(scope="session")
def recognizer():
    return NamedEntityRecognizer()


@pytest.fixture(scope="session")
def sample_build(recognizer):
    return pipeline.build(recognition=Recognition(recognizer))


# Root writes anywhere, so a read-only file or folder is tested as the user nobody (setpriv, util-linux).
as_nobody_only = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                                    reason="needs root, to run a check as the user nobody")


@contextmanager
def read_only_folder(prefix: str):
    """A folder in /tmp (which anyone may enter) that the block makes read-only; removed after."""
    base = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield base
    finally:
        os.chmod(base, 0o755)
        shutil.rmtree(base)


def run_as_nobody(code: str) -> subprocess.CompletedProcess:
    """Python ``code`` run with kg importable, as the user nobody."""
    command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c", code]
    return subprocess.run(command, check=False, capture_output=True, text=True, cwd="/", timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})


def pytest_collection_modifyitems(config, items):
    """kg.lac's doctests need Baidu LAC's model, which is not part of kg (../shared/data/lac)."""
    from kg import lac

    if lac.available():
        return
    skip = pytest.mark.skip(reason=f"LAC's model is not at {lac.default_dir()} (set {lac.ENV_VAR})")
    for item in items:
        if item.nodeid.startswith("kg/lac.py"):
            item.add_marker(skip)
