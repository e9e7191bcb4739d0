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
from kg.records import Span, Spans


class NerCache:
    """The spans (:class:`kg.records.Span`) of sentences already recognized by one model.

    Opening checks that the file is an SQLite database kg can write (a clear :class:`KgError`
    naming it otherwise, before any NER runs). Afterwards the cache never stops a build: a row
    that does not fit its sentence, or a part of the file that cannot be read, is a miss, and a
    write that fails (a full disk) turns the cache off with a note in ``problems``.
    """

    def __init__(self, path: str | Path, model_key: str) -> None:
        self.path = Path(path)
        self.model_key = model_key
        self.hits = self.misses = 0
        self.problems: list[str] = []
        self._writable = True
        if self.path.is_dir():
            raise KgError(f"{self.path}: is a folder; --cache takes a file (or use --no-cache)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            with self._db:
                self._db.execute("CREATE TABLE IF NOT EXISTS spans (key TEXT PRIMARY KEY, spans TEXT NOT NULL)")
                self._db.execute("CREATE TABLE IF NOT EXISTS about (name TEXT PRIMARY KEY, value TEXT)")
                self._db.execute("INSERT OR REPLACE INTO about VALUES ('written_by', 'kg')")  # proves it writable
        except (sqlite3.Error, OSError) as error:
            raise KgError(f"{self.path}: cannot use it as the NER cache ({error}); "
                          "delete it, pass another --cache, or --no-cache") from error

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_key}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, texts: list[str]) -> dict[str, Spans]:
        """The cached spans of those ``texts`` that are cached."""
        keys = {self._key(t): t for t in texts}
        found: dict[str, Spans] = {}
        items = list(keys)
        for begin in range(0, len(items), 500):
            part = items[begin:begin + 500]
            try:
                rows = self._db.execute(f"SELECT key, spans FROM spans WHERE key IN ({','.join('?' * len(part))})",
                                        part).fetchall()
            except sqlite3.Error as error:
                self._problem(f"part of it cannot be read ({error}); those sentences run through the model")
                continue
            for key, spans in rows:
                text = keys[key]
                if (checked := _checked_spans(spans, len(text))) is not None:
                    found[text] = checked
        self.hits += len(found)
        self.misses += len(set(texts) - set(found))
        return found

    def put_many(self, results: dict[str, Spans]) -> None:
        if not self._writable:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO spans VALUES (?, ?)",
                                     [(self._key(t), json.dumps(s, ensure_ascii=False)) for t, s in results.items()])
        except sqlite3.Error as error:
            self._writable = False
            self._problem(f"cannot write to it ({error}); the rest of this build is not cached")

    def _problem(self, text: str) -> None:
        if len(self.problems) < 5:
            self.problems.append(f"{self.path}: NER cache: {text}")

    def close(self) -> None:
        self._db.close()


def _checked_spans(spans: str, length: int) -> Spans | None:
    """A cached row's spans if they fit a sentence of ``length`` characters, else None (a miss)."""
    try:
        rows = [Span(int(s), int(e), str(label)) for s, e, label in json.loads(spans)]
    except (ValueError, TypeError, RecursionError):
        return None
    return rows if all(0 <= s < e <= length for s, e, _ in rows) else None


def model_key(model_ref: str) -> str:
    """What identifies a model's predictions: a hash of a local model's files (its lexicon too), or the identifier."""
    path = Path(model_ref)
    if not path.is_dir():
        return model_ref
    digest = hashlib.sha256()
    for file in sorted(p for p in path.iterdir()
                       if p.is_file() and p.suffix in (".json", ".pt", ".bin", ".gz") and not p.name.startswith(".")):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
