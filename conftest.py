"""Doctests of kg.lac need Baidu LAC's model, which is not part of kg (../shared/data/lac)."""

import pytest


def pytest_collection_modifyitems(config, items):
    from kg import lac

    if lac.available():
        return
    skip = pytest.mark.skip(reason=f"LAC's model is not at {lac.default_dir()} (set {lac.ENV_VAR})")
    for item in items:
        if item.nodeid.startswith("kg/lac.py"):
            item.add_marker(skip)
