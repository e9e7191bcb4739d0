"""The notebook API: ``kg.build(...)`` returns a :class:`KnowledgeGraph` to explore, show and save."""

from __future__ import annotations

import datetime
import difflib
import html
import json
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd

from kg import export, ingest, pipeline
from kg.dates import date_option
from kg.errors import KgError
from kg.export.html import article_dates, json_for_script, render, trim, vis_source
from kg.graph import part_of_edges
from kg.ingest.files import COMPRESSIONS
from kg.normalize import clean_text
from kg.options import from_keywords
from kg.records import ENTITY_TYPES, FORMER, PART_OF, Article
from kg.store import Query


class KnowledgeGraph:
    """A graph of who is who, with its tables.

    Attributes
    ----------
    graph : networkx.Graph
        Nodes are entity ids (``person:邓群策``) with ``label``, ``type``, ``aliases``, ``titles``,
        counts, analytics, a position (``x``, ``y``), a place's ``code``, ``province`` and ``city``,
        and ``part_of`` (the id of the whole it is part of); edges are co-occurrences and roles and
        carry ``weight``, ``kind``, ``titles``, ``article_ids``, first and last seen, and ``evidence``.
        The part_of links are in :attr:`hierarchy`, not among the edges.
    entities, mentions, relations, roles, roles_summary, articles, merges : pandas.DataFrame
        The tables ``kg build`` writes, limited to this graph's entities.
    """

    def __init__(self, graph: nx.Graph, tables: dict[str, pd.DataFrame], build: pipeline.Build | None = None,
                 center: str | None = None):
        self.graph = graph
        self._tables = tables
        self.build_result = build
        self.center = center  #: the entity an ego graph is about: selected when it is drawn

    def __repr__(self) -> str:
        return f"<KnowledgeGraph: {self.graph.number_of_nodes()} entities, {self.graph.number_of_edges()} relations>"

    def _table(self, name: str) -> pd.DataFrame:
        """A table as a DataFrame: one the store computes (:class:`kg.store.Query`) is read when first asked for."""
        frame = self._tables[name]
        if isinstance(frame, Query):
            frame = self._tables[name] = frame.df()
        return frame

    entities = property(lambda self: self._table("entities"))
    mentions = property(lambda self: self._table("mentions"))
    relations = property(lambda self: self._table("relations"))
    roles = property(lambda self: self._table("roles"))
    roles_summary = property(lambda self: self._table("roles_summary"))
    articles = property(lambda self: self._table("articles"))
    merges = property(lambda self: self._table("merges"))

    # ---- look-ups -------------------------------------------------------------------------
    def node_id(self, name: str) -> str:
        """The node id of an entity given by id, name or any alias; a clear error otherwise."""
        if not isinstance(name, str) or not name.strip():
            raise KgError(f"give an entity's name (a non-empty string), not {name!r}")
        if name in self.graph:
            return name
        for node, data in self.graph.nodes(data=True):
            if name == data["label"] or name in data.get("aliases", "").split("|"):
                return node
        labels = [data["label"] for _, data in self.graph.nodes(data=True)]
        close = difflib.get_close_matches(name, labels, n=5, cutoff=0.3) or [x for x in labels if name in x][:5]
        hint = f"; close matches: {', '.join(close)}" if close else ""
        raise KgError(f"no entity named {name!r} in this graph{hint}")

    def entity(self, name: str, neighbours: int = 10) -> dict:
        """Everything the graph holds about one entity (found by any alias): its attributes, and
        ``roles`` (every row of :attr:`roles` it is the person or organization of, all columns),
        ``neighbours`` (its ``neighbours`` strongest relations: who, kind, weight, sentences,
        articles, titles) and ``in_articles`` (the :attr:`articles` that name it, by date).

        >>> g = build(["市委书记邓群策会见中国水环境集团董事长侯锋。"])
        >>> found = g.entity("侯锋")
        >>> found["type"], found["roles"]["title"].tolist(), found["neighbours"]["label"].tolist()[:1]
        ('person', ['董事长'], ['中国水环境集团'])
        """
        node = self.node_id(name)
        roles = self.roles
        ties = sorted(self.graph[node].items(), key=lambda item: (-item[1]["weight"], item[0]))[:neighbours]
        columns = ["kind", "weight", "sentences", "articles", "titles"]
        near = pd.DataFrame([{"id": other, "label": self.graph.nodes[other]["label"],
                              "type": self.graph.nodes[other]["type"], **{k: data.get(k) for k in columns}}
                             for other, data in ties], columns=["id", "label", "type", *columns])
        named_in = self._rows_where("mentions", "entity_id", [node])["article_id"].unique().tolist()
        articles = self._rows_where("articles", "id", named_in).sort_values(["date", "id"], kind="stable")
        own = roles[(roles["person_id"] == node) | (roles["organization_id"] == node)]
        return {"id": node, **self.graph.nodes[node], "roles": own.reset_index(drop=True), "neighbours": near,
                "in_articles": articles.reset_index(drop=True)}

    def _rows_where(self, name: str, column: str, values: list[str]) -> pd.DataFrame:
        """The rows of table ``name`` whose ``column`` is one of ``values``; from the store where it computes the table
        (a build's mentions may be millions of rows: not read whole for one entity)."""
        frame = self._tables[name]
        if not isinstance(frame, Query):
            return frame[frame[column].isin(values)]
        listed = ", ".join("'" + value.replace("'", "''") + "'" for value in values) or "NULL"
        return frame.store.db.execute(f'SELECT * FROM ({frame.rows}) WHERE "{column}" IN ({listed})').df()

    # ---- analytics ------------------------------------------------------------------------
    def top(self, n: int = 10, type: str | None = None, by: str = "importance") -> pd.DataFrame:
        """The ``n`` entities ranking highest ``by`` importance, degree, betweenness, mentions, core…"""
        if not isinstance(n, int) or n < 0:
            raise KgError(f"n is how many entities to list: 0 or more, not {n!r}")
        if type is not None and type not in ENTITY_TYPES:
            raise KgError(f"type must be one of {', '.join(ENTITY_TYPES)}, not {type!r}")
        rows = [{"id": node, **data} for node, data in self.graph.nodes(data=True)
                if type is None or data["type"] == type]
        frame = pd.DataFrame(rows)
        if frame.empty:
            return frame
        if by not in frame:
            raise KgError(f"cannot rank by {by!r}; choose one of {', '.join(sorted(frame.columns))}")
        return frame.sort_values([by, "label"], ascending=[False, True]).head(n).reset_index(drop=True)

    def timeline(self, name: str) -> pd.DataFrame:
        """Who held what, when: ``roles_summary`` rows of a person (or of an organization's people),
        in the order first seen (undated rows last; a past post, ``status`` former, before a post
        stated alike as held now), with ``change``: the row's title differs from the title of the
        row before it for the same person and organization (副市长 → 市长)."""
        node = self.node_id(name)
        summary = self._tables["roles_summary"]
        rows = summary[(summary["person_id"] == node) | (summary["organization_id"] == node)].copy()
        rows["_undated"] = rows["first_seen"] == ""
        rows["_now"] = rows["status"] != FORMER  # a past post before the post held now, when stated alike
        rows = rows.sort_values(["_undated", "first_seen", "_now", "last_seen", "person", "title"], kind="stable")
        previous = rows.groupby(["person", "organization"], sort=False)["title"].shift()
        rows["change"] = [f"{before} → {title}" if isinstance(before, str) and before != title else ""
                          for before, title in zip(previous, rows["title"])]
        return rows.drop(columns=["_undated", "_now"]).reset_index(drop=True)

    def plot_timeline(self, name: str):
        """A Gantt chart of :meth:`timeline`: one bar a (title, organization), first to last seen."""
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt

        rows = self.timeline(name)
        rows = rows[rows["first_seen"] != ""]
        if rows.empty:
            raise KgError(f"no dated roles for {name} (articles need dates: see --date)")
        use_cjk_fonts()
        start, end = pd.to_datetime(rows["first_seen"]), pd.to_datetime(rows["last_seen"])
        labels = [f"{p} {t} @ {o}" if p != name else f"{t} @ {o}"
                  for p, t, o in zip(rows["person"], rows["title"], rows["organization"])]
        figure, axes = plt.subplots(figsize=(8, 0.4 * len(rows) + 1.2))
        axes.barh(labels, (end - start).dt.days + 1, left=mdates.date2num(start), height=0.5)
        axes.xaxis_date()
        axes.invert_yaxis()
        axes.set_title(f"{name}: roles first to last seen")
        figure.autofmt_xdate()
        figure.tight_layout()
        return axes

    def part_of(self, name: str) -> list[str]:
        """What an entity is part of, the nearest whole first: places by China's divisions, bodies
        and branches by their names.

        >>> g = build(["湖南省衡阳市祁东县召开会议，衡阳市委宣传部出席。"])
        >>> g.part_of("祁东县"), g.part_of("衡阳市委宣传部")
        (['衡阳市', '湖南省'], ['衡阳市', '湖南省'])
        """
        chain, node = [], self.node_id(name)
        while (node := self.graph.nodes[node].get("part_of")) in self.graph and len(chain) < 10:
            chain.append(self.graph.nodes[node]["label"])
        return chain

    def parts(self, name: str) -> list[str]:
        """The entities directly part of ``name`` (衡阳市: its counties, districts and bodies)."""
        node = self.node_id(name)
        return sorted(data["label"] for _, data in self.graph.nodes(data=True) if data.get("part_of") == node)

    @property
    def hierarchy(self) -> nx.DiGraph:
        """The part_of links as a directed graph, part -> whole, each with its ``evidence``; nodes
        carry ``label`` and ``type``. ``nx.descendants(h, node)`` is everything the node lies in,
        ``nx.ancestors(h, node)`` all its parts."""
        tree = nx.DiGraph()
        for part, whole, data in part_of_edges(self.graph):
            for node in (part, whole):
                tree.add_node(node, label=self.graph.nodes[node]["label"], type=self.graph.nodes[node]["type"])
            tree.add_edge(part, whole, evidence=json.loads(data["evidence"])[0]["reason"])
        return tree

    def communities(self) -> pd.DataFrame:
        """Each community (Leiden: see :func:`kg.graph.communities`) with its size and most important members."""
        frame = self.top(self.graph.number_of_nodes())
        if frame.empty:
            return frame
        return (frame.groupby("community")
                .agg(size=("label", "size"), members=("label", lambda names: "、".join(list(names)[:8])))
                .sort_values("size", ascending=False))

    def path(self, a: str, b: str) -> list[dict]:
        """The strongest chain of relations from ``a`` to ``b``, each step with its evidence."""
        source, target = self.node_id(a), self.node_id(b)
        lengths = {(u, v): 1.0 / (d["weight"] or 1.0) for u, v, d in self.graph.edges(data=True)}
        try:
            nodes = nx.shortest_path(self.graph, source, target,
                                     weight=lambda u, v, d: lengths.get((u, v), lengths.get((v, u))))
        except nx.NetworkXNoPath:
            raise KgError(f"{a} and {b} are not connected in this graph") from None
        steps = []
        for u, v in pairwise(nodes):
            data = self.graph.edges[u, v]
            steps.append({"from": self.graph.nodes[u]["label"], "to": self.graph.nodes[v]["label"],
                          "kind": data["kind"], "titles": data["titles"], "weight": data["weight"],
                          "evidence": json.loads(data["evidence"] or "[]")})
        return steps

    def sql(self, query: str, write: bool = False) -> pd.DataFrame:
        """A DuckDB query over the corpus store and this graph's tables, as ``kg.duckdb`` holds them:
        ``articles``, ``sentences``, ``mentions`` (with ``name``), ``roles`` from the store, and
        ``entities``, ``relations``, ``roles_summary``, ``merges`` of this graph.

        Read-only unless ``write=True``: only queries (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN)
        run, and whatever they did is rolled back. No query reads or writes a file of the
        machine, installs or loads an extension (the store's connection reaches no file but its own).

        >>> g = build(["市委书记邓群策会见侯锋。", "衡阳市市长朱健会见侯锋。"])
        >>> g.sql("SELECT name, mentions FROM entities WHERE type = 'person' ORDER BY mentions DESC, name LIMIT 1").values.tolist()
        [['侯锋', 2]]
        """
        if self.build_result is None:
            raise KgError("this graph keeps no store to query (it was not made by kg.build)")
        store = self.build_result.store
        try:
            kinds = {str(statement.type).rsplit(".", 1)[-1] for statement in store.db.extract_statements(query)}
        except duckdb.Error as error:
            raise KgError(f"the query failed: {error}") from None
        if not write and not kinds <= READ_STATEMENTS:
            raise KgError(f"g.sql reads only; this query would {'/'.join(sorted(kinds - READ_STATEMENTS))}: "
                          "pass write=True to change the store")
        frames = {name: self._tables[name] for name in ("entities", "relations", "roles_summary", "merges")}
        views = {name: frame.rows for name, frame in frames.items() if isinstance(frame, Query) and frame.source != name}
        frames = {name: frame for name, frame in frames.items() if not isinstance(frame, Query)}
        try:
            with store.tables(frames, **views) as db:
                if write:
                    return db.execute(query).df()
                db.execute("BEGIN TRANSACTION")
                try:
                    return db.execute(query).df()
                finally:
                    db.execute("ROLLBACK")  # a query changes nothing, whatever it calls
        except duckdb.Error as error:
            raise KgError(f"the query failed: {error}") from None

    # ---- subgraphs ------------------------------------------------------------------------
    def ego(self, name: str, radius: int = 1) -> KnowledgeGraph:
        """The entity, its neighbours within ``radius`` steps, and the relations among them."""
        node = self.node_id(name)
        return self._sub(nx.ego_graph(self.graph, node, radius=radius), center=node)

    def between(self, start: str | datetime.date | None = "", end: str | datetime.date | None = "") -> KnowledgeGraph:
        """The graph of the articles dated from ``start`` to ``end`` (inclusive; either may be
        left out): the same entities, counted, linked and laid out within the span, with its
        tables; nothing is read or recognized again, and nothing is written into the store.
        ``g.between("2023-01-01", "2023-06-30")``; dates and datetimes serve too."""
        if self.build_result is None:
            raise KgError("this graph keeps no articles to slice (it was not made by kg.build)")
        sliced = pipeline.slice_by_dates(self.build_result, _day(start, "start"), _day(end, "end"))
        return KnowledgeGraph(sliced.graph, export.tables(sliced), sliced)

    def subgraph(self, types: list[str] | None = None, min_weight: float = 0.0) -> KnowledgeGraph:
        """Only entities of ``types`` and relations of at least ``min_weight``."""
        keep = [n for n, t in self.graph.nodes(data="type") if types is None or t in types]
        sub = self.graph.subgraph(keep).copy()
        sub.remove_edges_from([(u, v) for u, v, w in sub.edges(data="weight") if w < min_weight])
        return self._sub(sub)

    def _sub(self, sub: nx.Graph, center: str | None = None) -> KnowledgeGraph:
        sub = sub.copy()
        nodes = set(sub)
        pairs = {(u, v) for u, v in sub.edges} | {(v, u) for u, v in sub.edges}
        t = {name: self._table(name) for name in self._tables}
        relations = t["relations"]
        tables = {
            "entities": t["entities"][t["entities"]["id"].isin(nodes)],
            "mentions": t["mentions"][t["mentions"]["entity_id"].isin(nodes)],
            "relations": relations[[(a, b) in pairs or (kind == PART_OF and a in nodes and b in nodes)
                                    for a, b, kind in zip(relations["source"], relations["target"], relations["kind"])]],
            "merges": t["merges"][t["merges"]["entity_id"].isin(nodes)],
        }
        articles = set(tables["mentions"]["article_id"])
        tables["articles"] = t["articles"][t["articles"]["id"].isin(articles)]
        labels = {d["label"] for _, d in sub.nodes(data=True)}
        tables["roles"] = t["roles"][t["roles"]["person"].isin(labels)]
        tables["roles_summary"] = t["roles_summary"][t["roles_summary"]["person"].isin(labels)]
        return KnowledgeGraph(sub, {k: v.reset_index(drop=True) for k, v in tables.items()}, self.build_result,
                              center=center)

    # ---- output ---------------------------------------------------------------------------
    def html(self, top: int | None = None, min_weight: float = 0.0, library: str = "inline") -> str:
        """The interactive page as a string (what ``graph.html`` holds); an ego graph opens on its centre."""
        shown = trim(self.graph, top, min_weight)
        return render(shown, total_nodes=self.graph.number_of_nodes(), total_edges=self.graph.number_of_edges(),
                      focus=self.center, library=library, dates=article_dates(self._tables.get("articles")),
                      tenure=self._tables.get("roles_summary"))

    def show(self, height: int = 650, top: int | None = None, min_weight: float = 0.0, library: bool | None = None,
             inline: bool | None = None):
        """Displays the interactive graph inline (JupyterLab, Notebook, VS Code): an iframe with ``srcdoc``.

        vis-network (470 KB) goes into the notebook once: the first ``show()`` of a session puts
        it on the notebook's page and every view takes it from there. Where outputs cannot share
        a page (Google Colab) or with ``library=True``, the view carries its own copy.

        Outside a notebook (a script, a terminal; ``inline=False``) the page is written to a
        temporary file and opened in the browser, and its path returned (and printed where no
        browser opens). ``inline``: None decides by whether a notebook kernel runs this.
        """
        if not (_in_notebook() if inline is None else inline):
            return _open_page(self.html(top=top, min_weight=min_weight))
        try:
            from IPython.display import HTML
        except ImportError as error:
            raise KgError("show() needs IPython: pip install 'kg[notebook]'") from error
        import sys
        import warnings

        share = not library and "google.colab" not in sys.modules
        page = html.escape(self.html(top=top, min_weight=min_weight, library="parent" if share else "inline"),
                           quote=True)
        prefix = ""
        if share and not _SHARED_LIBRARY:
            prefix = f"<script>window.kgVisSource = {json_for_script(vis_source())};</script>"
            _SHARED_LIBRARY.append(True)
        warnings.filterwarnings("ignore", message="Consider using IPython.display.IFrame")
        return HTML(f'{prefix}<iframe srcdoc="{page}" style="width:100%;height:{int(height)}px;border:0" '
                    f'sandbox="allow-scripts allow-same-origin allow-downloads"></iframe>')

    def _repr_html_(self) -> str:
        return html.escape(repr(self))

    def plot_top(self, n: int = 15, type: str | None = None, by: str = "degree"):
        """A bar chart of the top entities, with a Chinese font chosen from those installed."""
        import matplotlib.pyplot as plt

        fonts = use_cjk_fonts()
        frame = self.top(n, type=type, by=by).iloc[::-1]
        if frame.empty:
            raise KgError(f"no {type or 'entities'} in this graph to plot")
        figure, axes = plt.subplots(figsize=(7, 0.3 * len(frame) + 1))
        axes.barh(frame["label"], frame[by])
        axes.set_xlabel(by)
        axes.set_title(f"top {n} {type or 'entities'} by {by}" + ("" if fonts else " (no CJK font installed)"))
        figure.tight_layout()
        return axes

    def save(self, directory: str | Path = "output", top: int | None = None, min_weight: float = 0.0
             ) -> dict[str, Path]:
        """Writes every output file (tables, graph.graphml, graph.gexf, graph.html, report.json) into ``directory``."""
        if self.build_result is not None and self.graph is self.build_result.graph:  # the whole build
            return export.save(self.build_result, directory, top=top, min_weight=min_weight)
        return export.write_all(self.graph, self._tables, directory, build=self.build_result, top=top,
                                min_weight=min_weight)


READ_STATEMENTS = {"SELECT", "EXPLAIN"}  #: what g.sql runs without write=True (DESCRIBE, SHOW, WITH are SELECT)


def _in_notebook() -> bool:
    """Whether this runs in a notebook kernel (Jupyter, VS Code), whose outputs show HTML."""
    import sys

    shell = sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def _open_page(page: str) -> Path:
    """``page`` written to a new temporary file, opened in the browser; its path (printed when no browser opens)."""
    import tempfile
    import webbrowser

    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".html", prefix="kg-graph-", delete=False) as out:
        out.write(page)
    path = Path(out.name)
    if not webbrowser.open(path.as_uri()):
        print(f"kg: no browser to open; the page is {path}")
    return path


_SHARED_LIBRARY: list[bool] = []  # holds True once a show() of this session has put vis-network on the notebook page
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "Arial Unicode MS",
             "Droid Sans Fallback"]  # most wanted first
_CJK_FILE = re.compile(r"cjk|wqy|wenquanyi|simhei|msyh|yahei|pingfang|sourcehan|droidsansfallback|heiti", re.IGNORECASE)


def _day(value, name: str) -> str:
    """A day given as text (any form :func:`kg.dates.iso_date` reads), a date or a datetime, as text;
    '' for none. Anything else is a :class:`TypeError` naming ``name``."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):  # a pandas Timestamp is one too
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"between(): {name} is a date ('2023-01-01', datetime.date(2023, 1, 1)) or None, "
                    f"not {type(value).__name__} {value!r}")


def use_cjk_fonts() -> list[str]:
    """Puts the installed CJK fonts (:func:`cjk_fonts`) first in matplotlib's choice, and returns them."""
    import matplotlib.pyplot as plt

    fonts = cjk_fonts()
    if fonts:
        plt.rcParams["font.sans-serif"] = fonts + [f for f in plt.rcParams["font.sans-serif"] if f not in fonts]
    plt.rcParams["axes.unicode_minus"] = False  # the ASCII minus: CJK fonts may lack U+2212
    return fonts


def cjk_fonts() -> list[str]:
    """Installed fonts with Chinese glyphs, most wanted first, as matplotlib names them.

    matplotlib caches the fonts it finds once; fonts installed after that (a Debian package, a
    conda env made before them) are missing from its list. When none of the list is CJK, the
    system font folders are scanned afresh and the CJK files found are added.
    """
    from matplotlib import font_manager

    def known() -> list[str]:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return [name for name in CJK_FONTS if name in names]

    if not known():
        for path in font_manager.findSystemFonts():
            if _CJK_FILE.search(Path(path).name):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # a font matplotlib cannot read
    return known()


def build(inputs=None, **options) -> KnowledgeGraph:
    """Builds the graph of ``inputs``: paths (files, folders), or texts, or dicts with ``text``.

    ``inputs`` is one of these or any iterable of them (a list, a generator); bytes are read as a
    file's content would be. Options are those of ``kg build`` (:func:`kg.options.from_keywords`
    maps them): ``model``, ``home_city``, ``titles_file``, ``aliases_file``, ``stop_file``,
    ``cache``, ``store``… (and ``recognizer`` to reuse a loaded model).
    No inputs (None): the bundled samples.

    >>> g = build(["市委书记、市长朱健会见侯锋。"], home_city="衡阳")
    >>> g.roles[["person", "title", "organization"]].values.tolist()
    [['朱健', '书记', '衡阳市委'], ['朱健', '市长', '衡阳市政府']]
    """
    kind, items = _inputs(inputs)
    if kind == "text":
        articles = _articles(items, options.pop("date", None))
        result = pipeline.build_articles(articles, **from_keywords(**options))
    else:
        result = pipeline.build(items, **from_keywords(**options))
    return KnowledgeGraph(result.graph, export.tables(result), result)


def add(inputs, *, store, **options) -> dict[str, int]:
    """Adds the new articles of ``inputs`` (as for :func:`build`) and their facts to ``store`` and
    makes no graph, as ``kg build --add-only`` does: in time in proportion to the inputs. A later
    ``build(store=store)`` makes the graph of all the store holds. Returns how many articles
    were added, were stored already, and the store now holds: ``add(["today.jsonl"],
    store="news.duckdb")`` gives ``{'added': 120, 'already_there': 3, 'articles': 4051}``, say.
    """
    kind, items = _inputs(inputs)
    if not items:
        raise KgError("an add without inputs adds nothing: give the articles to add")
    articles = _articles(items, options.pop("date", None)) if kind == "text" else []
    keywords = from_keywords(store=store, **options)
    keywords.pop("reduce_options")
    added = pipeline.add_articles(articles, **keywords) if kind == "text" else pipeline.add(items, **keywords)
    try:
        return added.counts()
    finally:
        added.store.close()


def _inputs(inputs) -> tuple[str, list]:
    """``text`` or ``path``, and the inputs as a list: one of them or any iterable of them."""
    if inputs is None:
        return "path", []
    if isinstance(inputs, (str, bytes, dict, Path)):
        items = [inputs]
    else:
        try:
            items = list(inputs)
        except TypeError:
            raise KgError(f"inputs must be paths, texts, dicts with 'text' or a list of them, not "
                          f"{type(inputs).__name__}") from None
        if not items:
            raise KgError("no inputs given (an empty list); pass None for the bundled samples")
    kinds = {_kind(item, n) for n, item in enumerate(items, 1)}
    if len(kinds) > 1:
        raise KgError("give either paths or texts, not both in one call")
    return kinds.pop(), items


def _articles(items: list, date=None) -> list[Article]:
    """The articles of texts and dicts, dated ``date`` where they give none."""
    day = date_option("date", date)
    articles = [_article(item, n) for n, item in enumerate(items, 1)]
    return [a if a.date or not day else replace(a, date=day) for a in articles]


_COMPRESSED = "|".join(re.escape(suffix) for suffix in COMPRESSIONS)  # x.jsonl.gz names a file as x.jsonl does
_PATH_LIKE = re.compile(rf"\.(txt|md|jsonl|csv|html?)({_COMPRESSED})?$|^[^\u3400-\u9fff]*[/\\][^\u3400-\u9fff]*$",
                        re.IGNORECASE)


def _kind(item, n: int) -> str:
    """``path`` or ``text``; a string that looks like a path but names nothing is an error, not a text."""
    if isinstance(item, Path):
        return "path"
    if isinstance(item, (bytes, dict)):
        return "text"
    if not isinstance(item, str):
        raise KgError(f"input {n} is {type(item).__name__}; give a path, a text or a dict with 'text'")
    if not item.strip():
        raise KgError(f"input {n} is an empty string (for the current folder, give '.')")
    if "\n" in item or len(item) > 400:
        return "text"
    if Path(item).exists():
        return "path"
    if _PATH_LIKE.search(item.strip()):
        raise KgError(f"{item}: no such file or folder")
    return "text"


def _article(item: str | bytes | dict, n: int) -> Article:
    if isinstance(item, bytes):
        try:
            item = ingest.decode(item)
        except ingest.UndecodableError as error:
            raise KgError(f"input {n}: {error}") from None
    if isinstance(item, str):
        return Article(id=f"text-{n}", text=ingest.clean_page(clean_text(item)), source="(text)")
    warnings: list[str] = []
    article = ingest.record_article(item, Path("(records)"), n, warnings)
    if article is None:
        raise KgError(warnings[-1].replace("(records):", "article ", 1))
    return article
