#!/bin/bash
# Trains the NER configurations in parallel on the GPU for BUDGET seconds, scores each on MSRA test,
# brings back the logs and the KEEP best models (2 unless set) (packed as shipped, tar.xz in 15 MB parts). Inputs: bench/device/pack.sh.
# Run through the device tool: BUDGET=400 bash bench/device/ablation.sh [RUNS] (carry .dev), where RUNS
# (bench/device/ablation.runs unless given) holds one run a line: its name, then train_one.py's options.
BUDGET=${BUDGET:-420}
RUNS=${1:-bench/device/ablation.runs}
KEEP=${KEEP:-2}
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p /tmp/site /tmp/d /tmp/logs && cp -r .dev/site/* /tmp/site/
for f in .dev/data/*.xz; do xz -dc $f > /tmp/d/$(basename $f .xz); done
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi -L; python3 -c "import torch, hanlp, kg.training, kg.ner; print('cuda', torch.cuda.is_available(), torch.__version__)" || exit 1
W=/tmp/work; mkdir -p $W
run() { name=$1; shift; (timeout -s INT $BUDGET python3 .dev/train_one.py $W/$name "$@" < /dev/null > /tmp/logs/$name.log 2>&1; echo "$name exit $?" >> /tmp/logs/$name.log) & }
while read -r name options; do
    [ -n "$name" ] && [ "${name:0:1}" != "#" ] && run $name $options
done < "$RUNS"
sleep 90; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv; uptime; tail -qn 2 /tmp/logs/*.log
wait
for d in $W/*/; do [ -f $d/model.pt ] && CUDA_VISIBLE_DEVICES= python3 .dev/eval_one.py $d >> /tmp/logs/results.jsonl 2>>/tmp/logs/eval.err & done
wait
cp /tmp/logs/results.jsonl $OUT/
tar czf $OUT/logs.tar.gz -C /tmp logs
sort -t: -k3 -r /tmp/logs/results.jsonl
for f in /tmp/logs/*.log; do echo "== $f"; grep -h "dev F1\|trained in\|exit" $f | tail -3; done
KEEP=$KEEP python3 - <<'PY'
import json, os, torch, pathlib
from kg.hanlp_ext import load_state, pack_state
rows = sorted((json.loads(l) for l in open("/tmp/logs/results.jsonl")), key=lambda r: -r["f1"])
pathlib.Path("/tmp/best").write_text("\n".join(r["model"] for r in rows[:int(os.environ['KEEP'])]))
for r in rows[:int(os.environ['KEEP'])]:
    p = pathlib.Path("/tmp/work") / r["model"] / "model.pt"
    torch.save(pack_state(load_state(p)), p)  # as shipped: a run stopped by the budget saved float32
PY
for m in $(cat /tmp/best); do tar cf - -C $W $m/config.json $m/vocabs.json $m/lexicon.txt.gz $m/model.pt | xz -T16 -5 | split -b 15M - $OUT/$m.tar.xz.; done
ls -la $OUT
