"""One NER training run on a GPU machine: kg's recipe (kg.training.train) on inputs packed by pack.sh.

The machine has torch but not gensim: the bigram vectors travel as an npz, read by ``Vectors``, which
gives what kg.hanlp_ext.Pretrained reads of a gensim KeyedVectors.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, "/tmp/site")
from kg import lexicon as lexicons
from kg import training
from kg.hanlp_ext import Pretrained

DATA = Path(".dev/data")


class Vectors:
    """What kg.hanlp_ext.Pretrained reads of a gensim KeyedVectors."""

    def __init__(self, path):
        packed = np.load(path)
        self.index_to_key = [str(k) for k in packed["keys"]]
        self._rows = {k: i for i, k in enumerate(self.index_to_key)}
        self._vectors = packed["vectors"].astype(np.float32)
        self.vector_size = self._vectors.shape[1]

    def __contains__(self, key):
        return key in self._rows

    def __getitem__(self, key):
        return self._vectors[self._rows[key]]

    def __bool__(self):
        return True


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--train", nargs="+", default=["msra", "cluener", "boson"])
    p.add_argument("--hidden", type=int, default=96)
    p.add_argument("--no-chars", action="store_true")
    p.add_argument("--no-bigrams", action="store_true")
    p.add_argument("--max-bigrams", type=int, default=200_000)
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--lr", type=float, default=0.005)
    p.add_argument("--token-drop", type=float, default=0.0)
    p.add_argument("--batch", type=int, default=96)
    p.add_argument("--limit", type=int)
    p.add_argument("--patience", type=int, default=4)
    p.add_argument("--init-from", help="a model folder to continue from (its vocabularies, lexicon, weights)")
    args = p.parse_args()
    files = {"msra": "/tmp/d/msra_train.txt", "cluener": "/tmp/d/train.json", "boson": "/tmp/d/origindata.txt"}
    recipe = training.Recipe(rnn_hidden=args.hidden, lexicon_dim=32, epochs=args.epochs, patience=args.patience, lr=args.lr,
                             token_drop=args.token_drop, batch_size=args.batch, max_bigrams=args.max_bigrams,
                             char_vectors="" if args.no_chars else "lac",
                             bigram_vectors="" if args.no_bigrams else "v")

    def pretrained(recipe):
        if args.no_chars and args.no_bigrams:
            return None
        chars = None
        if not args.no_chars:
            packed = np.load(DATA / "chars.npz")
            chars = {str(k): v for k, v in zip(packed["keys"], packed["vectors"], strict=True)}
        bigrams = None if args.no_bigrams else Vectors(DATA / "bigrams.npz")
        return Pretrained(chars=chars, bigrams=bigrams, max_bigrams=recipe.max_bigrams)

    training.pretrained = pretrained
    start = time.time()
    training.train([files[t] for t in args.train], args.out, recipe, limit=args.limit, init_from=args.init_from,
                   lexicon=None if args.init_from else lexicons.Lexicon.load(DATA / "lexicon.txt.gz"))
    print(f"{args.out}: trained in {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
