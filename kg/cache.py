"""A cache of NER results in one SQLite file, keyed by sentence text and model.

A second build of the same corpus runs no NER; a build with one new article runs it on that
article's sentences only; another model (other weights), or the same one run at another
precision, finds none of the old entries (see ``NamedEntityRecognizer.identity``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from kg.errors import KgError


class NerCache:
    """Spans ``[(start, end, label), ...]`` of sentences already recognized by one model."""

    def __init__(self, path: str | Path, model_key: str) -> None:
        self.path = Path(path)
        self.model_key = model_key
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("CREATE TABLE IF NOT EXISTS spans (key TEXT PRIMARY KEY, spans TEXT NOT NULL)")
        except sqlite3.Error as error:
            raise KgError(f"{self.path}: cannot use it as the NER cache ({error}); pass another --cache") from error
        self.hits = self.misses = 0

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_key}\0{text}".encode()).hexdigest()

    def get_many(self, texts: list[str]) -> dict[str, list[tuple[int, int, str]]]:
        """The cached spans of those ``texts`` that are cached."""
        keys = {self._key(t): t for t in texts}
        found: dict[str, list[tuple[int, int, str]]] = {}
        items = list(keys)
        for begin in range(0, len(items), 500):
            part = items[begin:begin + 500]
            rows = self._db.execute(f"SELECT key, spans FROM spans WHERE key IN ({','.join('?' * len(part))})", part)
            for key, spans in rows:
                found[keys[key]] = [tuple(s) for s in json.loads(spans)]
        self.hits += len(found)
        self.misses += len(set(texts) - set(found))
        return found

    def put_many(self, results: dict[str, list[tuple[int, int, str]]]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO spans VALUES (?, ?)",
                                 [(self._key(t), json.dumps(s, ensure_ascii=False)) for t, s in results.items()])

    def close(self) -> None:
        self._db.close()


def model_key(model_ref: str) -> str:
    """What identifies a model's predictions: a hash of a local model's files, or the identifier."""
    path = Path(model_ref)
    if not path.is_dir():
        return model_ref
    digest = hashlib.sha256()
    for file in sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".json", ".pt", ".bin")):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
