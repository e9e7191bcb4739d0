"""The corpus store: what the map found in each article, kept in DuckDB, so a build adds only new articles.

One file (``--store PATH``; a build without one keeps its store in a temporary folder and
writes it to ``kg.duckdb`` beside its other outputs) holds the articles (with a content hash and the MinHash
that finds reprints), their sentences with the model's spans, the mentions with their names
and the roles: everything :func:`kg.extract.extract` returns. The reduce reads them back; the
tables a build writes (``entities``, ``relations``…) are copied in too, for SQL::

    duckdb output/kg.duckdb "SELECT name, mentions FROM entities ORDER BY mentions DESC LIMIT 10"

``about`` records what the stored facts depend on (the model, the titles, aliases and stop
lists, the home city option), so a build with other options knows what to run again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import duckdb  # here, not when a store opens: a signal landing in the middle of importing it aborts Python
import pandas as pd

from kg.errors import KgError
from kg.extract import ArticleFacts
from kg.records import STORE_FILE, Article, Mention, Role, Sentence, Spans
from kg.schema import FACT_TABLES, REDUCE_TABLES, SCHEMA, STORE_TABLES, column_names

# What DuckDB may hold for the reduce's queries before it spills to disk; KG_STORE_MEMORY=2GB allows more.
MEMORY_LIMIT = os.environ.get("KG_STORE_MEMORY", "256MB")


class Query:
    """A table the store computes, read when asked for: whole (:meth:`df`) or a chunk of rows at a
    time (:meth:`chunks`), as the exports stream what grows with the corpus (mentions, relations).

    ``SELECT columns FROM table WHERE where ORDER BY order``; ``source`` names the store's table
    it reads whole, where it does. With ``width`` (SQL of a row's size) the rows are
    sorted a range at a time (:meth:`Store.ranges`): a table of wide rows, such as the relations
    with their evidence, is more than DuckDB can sort within its memory limit at 100,000 articles.
    """

    def __init__(self, store: Store, table: str, columns: str = "*", order: str = "", where: str = "TRUE",
                 source: str = "", width: str = "") -> None:
        self.store, self.table, self.columns, self.order, self.where = store, table, columns, order, where
        self.source, self.width = source, width  #: width: SQL of a row's bytes beyond 100, to sort it a range at a time

    @property
    def rows(self) -> str:
        """The query's SQL without its order (for a table, a view or a subquery)."""
        return f"SELECT {self.columns} FROM {self.table} WHERE {self.where}"

    def df(self) -> pd.DataFrame:
        return pd.concat(list(self.chunks()), ignore_index=True)

    def chunks(self, vectors: int = 5) -> Iterator[pd.DataFrame]:
        """The rows as DataFrames of ``vectors`` × 2,048 rows (10,240: 10 MB of relations with evidence); at
        least one (empty, with the columns)."""
        for n, sql in enumerate(self._pieces()):
            yield from _chunks(self.store.db.execute(sql), vectors, first=n == 0)

    def write(self, out: IO, select: str = "*", columns: str = "",
              options: str = "QUOTE '', DELIMITER '\x01'", header: bool = False) -> None:
        """Appends the rows to the open file ``out`` as DuckDB's CSV writer writes them: ``SELECT
        select`` over the query's ``columns`` (by default its own; ``_rank``, the row's place from
        1, where the query has a ``width``), with ``options`` (``COPY ... (FORMAT csv, options)``) and,
        with ``header``, the column names first. The default options write each row's one text
        column as it is, a line each: XML made in SQL.

        DuckDB writes the rows into a file beside ``out``, a range at a time, each then appended:
        no row passes through Python."""
        handle, name = tempfile.mkstemp(prefix=f"{Path(out.name).name}.", dir=rows_folder())
        os.close(handle)
        part = Path(name)
        quoted = str(part).replace("'", "''")
        out.flush()
        try:
            for n, sql in enumerate(self._pieces(columns)):
                self.store.db.execute(f"COPY (SELECT {select} FROM ({sql})) TO '{quoted}' "
                                      f"(FORMAT csv, HEADER {header and n == 0}, {options})")
                with open(part, "rb") as rows:
                    _append(rows.fileno(), out.fileno())
        finally:
            part.unlink(missing_ok=True)

    def types(self) -> dict[str, str]:
        """The DuckDB type of each column, by name."""
        return dict(self.store.db.execute(f"SELECT column_name, column_type FROM (DESCRIBE {self.rows})").fetchall())

    def _pieces(self, columns: str = "") -> Iterator[str]:
        """The SQL of the rows, in order: one query, or (with a ``width``) one per range of ranks; at least one."""
        columns = columns or self.columns
        if self.width:
            yield from self.store.ranges(self.table, columns, self.order, self.width, self.where)
        else:
            yield f"SELECT {columns} FROM {self.table} WHERE {self.where}" + (f" ORDER BY {self.order}" if self.order else "")


def _append(source: int, target: int) -> None:
    """All of the open file ``source`` appended to ``target`` (file descriptors) by the kernel, in
    one call or few: copied through Python a megabyte at a time, each of a thousand calls waited
    for the interpreter lock while the analytics ran beside it (relations.csv took twice as long)."""
    left = os.fstat(source).st_size
    while left > 0:
        left -= os.sendfile(target, source, None, left)


def _chunks(cursor, vectors: int, first: bool = True) -> Iterator[pd.DataFrame]:
    """A result's rows as DataFrames of ``vectors`` × 2,048 rows; with ``first``, at least one."""
    while not (chunk := cursor.fetch_df_chunk(vectors)).empty or first:
        yield chunk
        first = False


RANGE_BYTES = 16 << 20  # of a table's rows sorted at a time (Store.ranges), the same at 2,000 articles and 100,000:
# two files' ranges sorted at once fit DuckDB's 256 MB (two of 32 MB did not)


@contextmanager
def memory_said() -> Iterator[None]:
    """A store query that ran out of DuckDB's memory ends in one message saying how to allow more."""
    try:
        yield
    except duckdb.OutOfMemoryException as error:
        raise KgError(f"the store's database needed more than its {MEMORY_LIMIT} of memory ({str(error).splitlines()[0]}); "
                      "allow more with the environment variable KG_STORE_MEMORY (e.g. KG_STORE_MEMORY=2GB)") from None


@contextmanager
def store_said(store: Store) -> Iterator[None]:
    """A store that failed under a build (a full disk, a file gone bad) ends in one message naming
    it and saying what to do; the build's change to it was one transaction, so it holds what it did."""
    try:
        yield
    except (duckdb.IOException, duckdb.FatalException, duckdb.PermissionException, duckdb.TransactionException) as error:
        raise KgError(f"{store.path or 'the build' + chr(39) + 's store'}: {store_problem(error)}") from None


@contextmanager
def in_order(db) -> Iterator:
    """``db`` (a DuckDB connection of a store) keeping the order of what is inserted for a while:
    the relations table lies sorted by source and target, so a range of it read in that order
    (:meth:`Store.ranges`) reads little more than that range."""
    db.execute("SET preserve_insertion_order = true")
    try:
        yield db
    finally:
        db.execute("SET preserve_insertion_order = false")


def content_hash(article: Article) -> str:
    """What makes two articles one: the same text under the same headline and date."""
    text = f"{article.title}\0{article.date}\0{article.text}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


SQLITE_HEADER = b"SQLite format 3\0"


def check_store_path(path: Path) -> None:
    """Raises :class:`KgError`, saying what to do, where ``path`` cannot be a store: a folder, a
    device (``/dev/null``), a file of another kind (SQLite, text), a place that cannot be written.
    Reads the first bytes of the file only: nothing is written into it."""
    try:
        if path.is_dir():
            raise KgError(f"{path}: is a folder; --store takes a file (e.g. output/kg.duckdb)")
        if not path.exists():
            above = path.parent
            while not above.exists() and above != above.parent:
                above = above.parent
            if not above.is_dir():
                raise KgError(f"{path}: {above} is a file, so no store can be made under it; pass another --store")
            if not os.access(above, os.W_OK | os.X_OK):
                raise KgError(f"{path}: cannot make it: {above} cannot be written (permission denied or a read-only "
                              "disk); pass a --store where you can write")
            return
        if not path.is_file():
            raise KgError(f"{path}: is not a file (a device or a pipe); --store takes a database file")
        with open(path, "rb") as file:
            head = file.read(16)
    except OSError as error:
        raise KgError(f"{path}: cannot read it ({error.strerror or error}); pass another --store") from None
    if head.startswith(SQLITE_HEADER):
        raise KgError(f"{path}: a SQLite database, not kg's store (a DuckDB file); kg leaves it as it is: "
                      "pass another --store")
    if head and head[8:12] != b"DUCK":
        raise KgError(f"{path}: not a DuckDB database, so not kg's store; kg leaves it as it is: pass another --store")
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
        raise KgError(f"{path}: cannot write to it or beside it, where DuckDB keeps its log (permission denied or a "
                      "read-only disk); copy it where you can write and pass that --store")


def store_problem(error: Exception) -> str:
    """What went wrong with a store, in a user's words, and what to do, from DuckDB's error."""
    text = str(error)
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    if "lock" in text.lower():
        holder = re.search(r"PID (\d+)", text)
        return (f"another program has it open{f' (process {holder.group(1)})' if holder else ''}, a notebook perhaps: "
                "close it there (con.close()) or wait for it to end, then run again")
    if "No space left" in text:
        return "the disk is full; free some space and run again (a build's change to the store is kept whole or not at all)"
    if "Failed to commit" in text:
        return f"could not save this build's change ({first}); the store holds what it held before: run again"
    if "Permission denied" in text or "Read-only file system" in text:
        return "cannot write to it (permission denied or a read-only disk); copy it where you can write and pass that --store"
    return (f"cannot read it as kg's store ({first}); it may be damaged or cut short: restore it from a copy, "
            "or pass another --store to start a new one")


OUTPUT_MARK = "output"  # in the about table of a kg.duckdb a build wrote as its own output (kg.export.write_store)
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}  #: DuckDB's config, everywhere
SEALED = {**OFFLINE, "enable_external_access": False}  #: of a connection that needs no file but its database
_ROWS: list[Path] = []  # the folder Query.write has DuckDB write into: one for the process, made when first needed


def rows_folder() -> Path:
    """The one folder a store's connection may write files into (:meth:`Query.write`); removed at exit."""
    if not _ROWS:
        import atexit

        _ROWS.append(Path(tempfile.mkdtemp(prefix="kg-rows-")))
        atexit.register(shutil.rmtree, _ROWS[0], ignore_errors=True)
    return _ROWS[0]


def _connect(file: Path) -> duckdb.DuckDBPyConnection:
    """A connection to the database ``file`` that reaches no other file but :func:`rows_folder`, and
    installs and loads no extension: an offline tool never reaches out (DuckDB would fetch one
    to read a SQLite file), and SQL typed in a notebook reads and writes no file of the machine."""
    db = duckdb.connect(str(file), config=OFFLINE)
    try:
        if db.execute("SELECT current_setting('enable_external_access')").fetchall()[0][0]:  # else: set by a store
            db.execute(f"SET allowed_directories = ['{rows_folder()}/']")           # of this file open already
            db.execute("SET enable_external_access = false")
    except BaseException:
        db.close()
        raise
    return db


class Store:
    """A DuckDB database of articles and their facts (a temporary file when ``path`` is None)."""

    def __init__(self, path: str | Path | None = None, memory_limit: str | None = None) -> None:
        self.memory_limit = memory_limit or MEMORY_LIMIT
        self.path = Path(path) if path else None  #: the file --store named; None for a build's own store
        self._depth = 0  # of the transactions open (:meth:`transaction`): only the outermost begins and commits
        # A build's own store lies in a temporary folder, not in memory: DuckDB keeps in memory
        # only what a query needs, up to memory_limit, and spills beyond it.
        self._temporary = None if self.path else tempfile.TemporaryDirectory(prefix="kg-store-",
                                                                            ignore_cleanup_errors=True)
        file = self._file = self.path or Path(self._temporary.name) / STORE_FILE
        if self.path:
            check_store_path(self.path)
            if self.path.is_file() and not self.path.stat().st_size:
                self.path.unlink()  # an empty file (touch archive.duckdb) holds nothing: DuckDB makes the store anew
        try:
            self._db, self._owner, self._threads = _connect(file), threading.get_ident(), threading.local()
            self.db.execute(f"SET memory_limit = '{self.memory_limit}'")
            self.db.execute("SET preserve_insertion_order = false")  # every read says its order
            with contextlib.suppress(duckdb.InvalidInputException):  # in Jupyter without ipywidgets it cannot be set
                self.db.execute("SET enable_progress_bar = false")  # kg says its own progress
            self._check_owner()  # before anything is written into it
            with self.transaction():
                for name, columns in STORE_TABLES.items():
                    self.db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
                if not self.get("schema"):
                    self.set("schema", str(SCHEMA))
                for name in (*FACT_TABLES, *REDUCE_TABLES):  # what a map run again or a reduce stopped left
                    self.db.execute(f"DROP TABLE IF EXISTS {name}_new")  # (Store.replace_facts, kg.reduce.swap_in)
                if self.path and self.get(OUTPUT_MARK):  # a build's output kept with --store lasts now:
                    self.db.execute("DELETE FROM about WHERE name = ?", [OUTPUT_MARK])  # no build replaces it
        except duckdb.OutOfMemoryException:
            raise  # memory_said says what to do
        except duckdb.Error as error:
            raise KgError(f"{self.path or file}: {store_problem(error)}") from None
        except KgError:
            self._db.close()
            raise

    def _check_owner(self) -> None:
        """Raises :class:`KgError` for a database kg did not write, or a store of a newer kg."""
        tables = self.table_names()
        if self.path and tables and "about" not in tables:
            raise KgError(f"{self.path}: a DuckDB database kg did not write (it holds {', '.join(sorted(tables)[:3])}); "
                          "kg leaves it as it is: pass another --store")
        written = self.get("schema") if "about" in tables else ""
        if written and written != str(SCHEMA):
            raise KgError(f"{self.path}: a store of a newer kg (store schema {written}; this kg reads schema {SCHEMA}): "
                          "upgrade kg (pip install -U kg) to use it, or pass another --store")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The block's changes to the store all kept, or, when it fails or is stopped (Ctrl-C, an
        error, a full disk), none: the store holds what it held before. kill -9 keeps none either:
        DuckDB writes a transaction to its log only when it commits. Nested blocks are part of
        the outermost one. DuckDB holds what a transaction adds in memory until it commits (784 MB
        for 30,000 articles in one, against 332 MB committed a batch at a time: bench/store_add.py),
        so a build's transactions are a batch of articles each, never the corpus."""
        self._depth += 1
        if self._depth == 1:
            self.db.execute("BEGIN TRANSACTION")
        try:
            yield
            if self._depth == 1:
                self.db.execute("COMMIT")
        except BaseException:
            if self._depth == 1:
                with contextlib.suppress(duckdb.Error):  # a transaction DuckDB already ended
                    self.db.execute("ROLLBACK")
            raise
        finally:
            self._depth -= 1

    @property
    def db(self) -> duckdb.DuckDBPyConnection:
        """The connection of the calling thread: a DuckDB connection is not to be used by two threads
        at once, so another thread (one of the export's writers) gets one of its own to the same
        database. A temporary table is its connection's own."""
        if threading.get_ident() == self._owner:
            return self._db
        if not hasattr(self._threads, "db"):
            self._threads.db = self._db.cursor()
        return self._threads.db

    def table_names(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT table_name FROM information_schema.tables").fetchall()}

    def _value(self, sql: str, parameters: list | None = None):
        """The first value of a query's one row, or None (reading every row: DuckDB wants results finished)."""
        rows = self.db.execute(sql, parameters or []).fetchall()
        return rows[0][0] if rows else None

    def release(self) -> None:
        """Hands the memory DuckDB keeps between queries back to the system: what its buffers and
        allocator hold grows with the store up to the memory limit (120 MB of 409 MB after the reduce of
        8,000 articles), and the next step's peak comes on top. Lowering the limit makes DuckDB
        let go of it; the limit is then set back."""
        try:
            self.db.execute("SET memory_limit = '1MB'")
        except duckdb.Error:  # what a temporary table holds in memory cannot go: the rest has
            pass
        finally:
            self.db.execute(f"SET memory_limit = '{self.memory_limit}'")

    def get(self, name: str) -> str:
        return self._value("SELECT value FROM about WHERE name = ?", [name]) or ""

    def set(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO about VALUES (?, ?)", [name, value])

    def clear(self) -> None:
        """Forgets every article (``--rebuild``)."""
        for name in ("articles", *FACT_TABLES):
            self.db.execute(f"DELETE FROM {name}")
        self.db.execute("DELETE FROM about WHERE name <> 'schema'")

    def close(self) -> None:
        self._db.close()
        if self._temporary is not None:
            self._temporary.cleanup()

    # ---- articles ---------------------------------------------------------------------------
    def count(self) -> int:
        return self._value("SELECT count(*) FROM articles")

    def originals(self) -> int:
        """The articles that copy none: those a graph counts (readable before any reduce)."""
        return self._value("SELECT count(*) FROM articles WHERE duplicate_of = ''")

    def counts(self) -> dict[str, int]:
        """Originals (and of them undated), copies, their sentences, and the mentions the last reduce kept."""
        articles, undated, copies = self.db.execute("""
            SELECT count(*) FILTER (duplicate_of = ''), count(*) FILTER (duplicate_of = '' AND date = ''),
                   count(*) FILTER (duplicate_of <> '') FROM articles""").fetchall()[0]
        return {"articles": articles, "articles_without_date": undated, "duplicates": copies,
                "sentences": self._value("SELECT count(*) FROM sentences"),
                "mentions": self._value("SELECT count(*) FROM mention_entities")}

    def hashes(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT hash FROM articles").fetchall()}

    def ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles").fetchall()}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """``(id, MinHash values)`` of the stored originals, in the order they were added."""
        yield from self.db.execute("SELECT id, signature FROM articles WHERE duplicate_of = '' AND signature "
                                   "IS NOT NULL ORDER BY seq").fetchall()

    def articles(self, copies: bool = False) -> list[Article]:
        """The originals (or, with ``copies``, the copies of earlier articles), in the order added."""
        rows = self.db.execute("SELECT id, text, source, title, date, url, duplicate_of, copies FROM articles "
                               f"WHERE duplicate_of {'<>' if copies else '='} '' ORDER BY seq").fetchall()
        return [Article(*row[:7], copies=tuple(row[7] or ())) for row in rows]

    def add(self, facts: list[ArticleFacts], spans: list[list[Spans]], signatures: list[bytes | None],
            copies: list[Article]) -> None:
        """Stores new originals with their facts, and copies of stored or new originals."""
        first = self._value("SELECT coalesce(max(seq) + 1, 0) FROM articles")
        rows = [(first + n, f.article.id, content_hash(f.article), f.article.source, f.article.title, f.article.date,
                 f.article.url, "", list(f.article.copies), f.article.text, signature)
                for n, (f, signature) in enumerate(zip(facts, signatures))]
        rows += [(first + len(rows) + n, a.id, content_hash(a), a.source, a.title, a.date, a.url, a.duplicate_of, [],
                  a.text, None) for n, a in enumerate(copies)]
        with self.transaction():  # an article is never stored without its facts, whenever a build stops
            self._insert("articles", rows)
            self.write_facts(facts, spans)
            for copy in copies:  # the original lists where else it was printed
                self.db.execute("UPDATE articles SET copies = list_append(copies, ?) WHERE id = ?",
                                [copy.source, copy.duplicate_of])

    def assign_copies(self, duplicate_of: dict[str, str], signatures: dict[str, bytes | None]) -> None:
        """Says anew which stored article copies which (``duplicate_of``: id to the original's id, ''
        for an original) and each original's MinHash values: a copy loses its facts, and each
        original lists its copies' sources again, in the order they were added."""
        frame = pd.DataFrame({"id": list(duplicate_of), "duplicate_of": list(duplicate_of.values()),
                              "signature": [signatures.get(i) for i in duplicate_of]})
        with self.tables({"_assigned": frame}) as db:
            db.execute("UPDATE articles SET duplicate_of = n.duplicate_of, signature = n.signature "
                       "FROM _assigned n WHERE articles.id = n.id")
        for name in FACT_TABLES:  # a copy's facts are its original's
            self.db.execute(f"DELETE FROM {name} WHERE article_id IN (SELECT id FROM articles WHERE duplicate_of <> '')")
        self.db.execute("""
            UPDATE articles SET copies = coalesce((SELECT list(c.source ORDER BY c.seq) FROM articles c
                                                   WHERE c.duplicate_of = articles.id), [])""")

    def write_facts(self, facts: list[ArticleFacts], spans: list[list[Spans]]) -> None:
        """The facts of articles already stored, replacing what was stored for them."""
        if not facts:
            return
        with self.tables({"_ids": pd.DataFrame({"id": [f.article.id for f in facts]})}) as db:
            for name in FACT_TABLES:
                db.execute(f"DELETE FROM {name} WHERE article_id IN (SELECT id FROM _ids)")
        self._insert_facts(facts, spans)

    def _insert_facts(self, facts: list[ArticleFacts], spans: list[list[Spans]], suffix: str = "") -> None:
        """``facts`` into the fact tables (of names ending in ``suffix``)."""
        self._insert("sentences", [(s.article_id, s.index, s.start, s.end, s.text, json.dumps(found))
                                   for f, article_spans in zip(facts, spans)
                                   for s, found in zip(f.sentences, article_spans)], suffix)
        self._insert("mentions", [(m.article_id, m.sentence, m.start, m.end, m.text, m.type, m.byline, name)
                                  for f in facts for m, name in zip(f.mentions, f.names)], suffix)
        self._insert("roles", [(r.article_id, n, r.sentence, r.person, r.title, r.organization, r.status, r.appointed)
                               for f in facts for n, r in enumerate(f.roles)], suffix)

    def replace_facts(self, facts: list[ArticleFacts], spans: list[list[Spans]], about: dict[str, str]) -> None:
        """Every stored article's facts replaced by ``facts`` (a map run again), and ``about``'s values
        set. The new facts are written into tables beside the old ones (``sentences_new``…), which
        they replace in one small transaction at the end: stopped before, the store keeps the old
        facts, and needs no memory for a transaction as big as the corpus."""
        for name in FACT_TABLES:
            self.db.execute(f"CREATE OR REPLACE TABLE {name}_new ({STORE_TABLES[name]})")
        self._insert_facts(facts, spans, suffix="_new")
        self.swap_in_facts(about)

    def swap_in_facts(self, about: dict[str, str]) -> None:
        """The facts of :meth:`replace_facts`, in their tables beside the old ones, put in their place."""
        with self.transaction():
            for name in FACT_TABLES:
                self.db.execute(f"DROP TABLE {name}")
                self.db.execute(f"ALTER TABLE {name}_new RENAME TO {name}")
            for name, value in about.items():
                self.set(name, value)

    def _insert(self, table: str, rows: list[tuple], suffix: str = "") -> None:
        if not rows:
            return
        columns = column_names(table)
        with self.tables({"_rows": pd.DataFrame(rows, columns=columns)}) as db:
            db.execute(f"INSERT INTO {table}{suffix} SELECT * FROM _rows")

    # ---- facts --------------------------------------------------------------------------------
    def facts(self) -> Iterator[tuple[ArticleFacts, list[Spans]]]:
        """Each stored original's facts and its sentences' spans, in the order added."""
        articles = self.articles()
        grouped = {name: self._by_article(name) for name in FACT_TABLES}
        for article in articles:
            sentences = [Sentence(article.id, i, start, end, text) for i, start, end, text, _ in
                         grouped["sentences"].get(article.id, [])]
            spans = [[tuple(span) for span in json.loads(found)] for *_, found in grouped["sentences"].get(article.id, [])]
            mentions = grouped["mentions"].get(article.id, [])
            yield ArticleFacts(
                article, sentences,
                [Mention(article.id, sentence, start, end, text, type_, byline)
                 for sentence, start, end, text, type_, byline, _ in mentions],
                [row[-1] for row in mentions],
                [Role(person, title, organization, article.id, sentence, status, appointed)
                 for _, sentence, person, title, organization, status, appointed in grouped["roles"].get(article.id, [])]
            ), spans

    def sentences(self) -> list[Sentence]:
        """The stored originals' sentences, in the order the articles were added."""
        return [Sentence(*row) for row in self.db.execute("""
            SELECT s.article_id, s.idx, s.start, s."end", s.text FROM sentences s JOIN articles a ON a.id = s.article_id
            ORDER BY a.seq, s.idx""").fetchall()]

    def mention_entities(self) -> list[tuple[Mention, str]]:
        """Each mention the last reduce kept, with its entity id, by article and offset."""
        return [(Mention(*row[:7]), row[7]) for row in self.db.execute("""
            SELECT article_id, sentence, start, "end", text, type, byline, entity_id FROM mention_entities
            ORDER BY article_id, start""").fetchall()]

    def _by_article(self, table: str) -> dict[str, list[tuple]]:
        order = {"sentences": "idx", "mentions": "start", "roles": "seq"}[table]
        rows = self.db.execute(f"SELECT * FROM {table} ORDER BY article_id, {order}").fetchall()
        grouped: dict[str, list[tuple]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(row[1:])
        return grouped

    @contextmanager
    def tables(self, frames: dict[str, pd.DataFrame], **views: str) -> Iterator:
        """The database with ``frames`` as tables of those names and ``views`` (name: SQL) for a
        while: the reduce's SQL runs over them."""
        for name, frame in frames.items():
            self.db.register(name, frame)
        for name, sql in views.items():
            self.db.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")
        try:
            yield self.db
        finally:
            for name in frames:
                self.db.unregister(name)
            for name in views:
                self.db.execute(f"DROP VIEW {name}")

    # ---- what a build wrote -----------------------------------------------------------------
    def write_tables(self, frames: dict[str, pd.DataFrame | Query], report: dict | None = None) -> None:
        """The reduce's tables (entities, relations, roles_summary, merges) under their own names,
        replaced, and the run's report in ``about``; the articles, mentions and roles the store
        holds already."""
        if report is not None:
            self.set("report", json.dumps(report, ensure_ascii=False))
        for name, frame in frames.items():
            if name in STORE_TABLES or (isinstance(frame, Query) and frame.source == name):
                continue  # stored already
            if isinstance(frame, Query) and frame.store is self:
                self.db.execute(f"CREATE OR REPLACE TABLE {name} AS {frame.rows}")
            else:
                self.put(name, frame.df() if isinstance(frame, Query) else frame)

    def ranges(self, table: str, columns: str, order: str, width: str = "0", where: str = "TRUE") -> Iterator[str]:
        """``SELECT columns FROM table WHERE where ORDER BY order`` as queries of about
        :data:`RANGE_BYTES` each, in order (at least one): the rows are ranked first, by their
        ``rowid``, and each query reads and sorts a range of ranks (``_rank`` from 1). A row counts
        ``width`` (SQL) and 100 bytes. DuckDB could not sort 500 MB of relations with evidence
        within 256 MB, nor the 100,000 heaviest of them (their article lists are long): this sorts
        only numbers at once. ``table`` is a table (a view has no rowid)."""
        self.db.execute(f"CREATE OR REPLACE TEMP TABLE _ranks AS SELECT _row, _width, row_number() OVER (ORDER BY {order}) "
                        f"AS _rank FROM (SELECT *, rowid AS _row, 100 + {width} AS _width FROM {table} WHERE {where})")
        widths = self.db.execute("SELECT _width FROM _ranks ORDER BY _rank").fetchnumpy()["_width"]
        import numpy as np

        piece = (np.cumsum(widths, dtype=np.int64) - 1) // RANGE_BYTES  # of each rank
        ends = list(np.flatnonzero(np.diff(piece)) + 1) + [len(piece)]  # the last rank of each piece
        for low, high in zip([0, *ends[:-1]], ends):
            yield (f"SELECT {columns} FROM (SELECT t.*, r._rank FROM {table} t JOIN _ranks r ON t.rowid = r._row "
                   f"WHERE r._rank > {low} AND r._rank <= {high}) ORDER BY _rank")
        self.db.execute("DROP TABLE _ranks")

    def put(self, name: str, frame: pd.DataFrame, temporary: bool = False) -> None:
        """``frame`` as the table ``name``, replacing any of that name (a temporary one lasts as long
        as this connection)."""
        with self.tables({"_frame": frame}) as db:
            db.execute(f"CREATE OR REPLACE {'TEMP ' if temporary else ''}TABLE {name} AS SELECT * FROM _frame")

    def copy_to(self, path: Path) -> None:
        """The whole store as a database file at ``path`` (which must not exist): its file, copied
        once checkpointed. (``COPY FROM DATABASE`` filled DuckDB's memory to its limit, the peak of
        a build of 8,000 articles.)"""
        self.db.execute("CHECKPOINT")
        shutil.copyfile(self._file, path)
