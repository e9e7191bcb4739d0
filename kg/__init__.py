"""kg: Chinese news to a knowledge graph of people, organizations, places and companies.

>>> import kg
>>> g = kg.build()            # the bundled sample pages   # doctest: +SKIP
>>> g.top(5, type="person")   # doctest: +SKIP
"""

from kg.errors import KgError

__all__ = ["KgError", "KnowledgeGraph", "add", "build"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The API (pandas, DuckDB, networkx, and HanLP behind them) is imported when first asked for,
    # so that `kg --help` and `kg --version`, which import this package, answer at once.
    if name in ("KnowledgeGraph", "add", "build"):
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
