"""Shared fixtures: the real shipped model and one build of the bundled sample pages."""

from pathlib import Path

import pytest

from kg import pipeline
from kg.ner import NamedEntityRecognizer

DATA = Path(__file__).parent / "data"
GOLD = Path(__file__).parents[1].parent / "shared" / "gold"


@pytest.fixture(scope="session")
def recognizer():
    return NamedEntityRecognizer()


@pytest.fixture(scope="session")
def sample_build(recognizer):
    return pipeline.build(recognizer=recognizer)
