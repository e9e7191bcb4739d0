#!/bin/bash
# Trains the NER configurations in parallel on the GPU for BUDGET seconds, scores each on MSRA test,
# brings back the logs and the two best models (fp16, tar.xz in 15 MB parts). Inputs: bench/device/pack.sh.
# Run through the device tool: BUDGET=400 bash bench/device/ablation.sh (carry .dev).
BUDGET=${BUDGET:-420}
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p /tmp/site /tmp/d /tmp/logs && cp -r .dev/site/* /tmp/site/
for f in .dev/data/*.xz; do xz -dc $f > /tmp/d/$(basename $f .xz); done
export PYTHONPATH=/tmp/site:$PWD
nvidia-smi -L; python3 -c "import torch, hanlp, kg.training, kg.ner; print('cuda', torch.cuda.is_available(), torch.__version__)" || exit 1
W=/tmp/work; mkdir -p $W
run() { name=$1; shift; (timeout -s INT $BUDGET python3 .dev/train_one.py $W/$name "$@" > /tmp/logs/$name.log 2>&1; echo "$name exit $?" >> /tmp/logs/$name.log) & }
run shipped
run no-boson --train msra cluener
run no-cluener --train msra boson
run msra-only --train msra
run no-bigrams --no-bigrams
run no-chars --no-chars
run no-pretrained --no-chars --no-bigrams
run h128 --hidden 128
run bigrams100k --max-bigrams 100000
run msra-only-h128 --train msra --hidden 128
sleep 90; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv; uptime; grep -h "Epoch\|dev F1" /tmp/logs/shipped.log | tail -3
wait
for d in $W/*/; do [ -f $d/model.pt ] && CUDA_VISIBLE_DEVICES= python3 .dev/eval_one.py $d >> /tmp/logs/results.jsonl 2>>/tmp/logs/eval.err & done
wait
cp /tmp/logs/results.jsonl $OUT/
tar czf $OUT/logs.tar.gz -C /tmp logs
sort -t: -k3 -r /tmp/logs/results.jsonl
for f in /tmp/logs/*.log; do echo "== $f"; grep -h "dev F1\|trained in\|exit" $f | tail -3; done
python3 - <<'PY'
import json, torch, pathlib
rows = sorted((json.loads(l) for l in open("/tmp/logs/results.jsonl")), key=lambda r: -r["f1"])
pathlib.Path("/tmp/best").write_text("\n".join(r["model"] for r in rows[:2]))
for r in rows[:2]:
    p = pathlib.Path("/tmp/work") / r["model"] / "model.pt"
    s = torch.load(p, map_location="cpu")
    torch.save({k: v.half() if v.is_floating_point() else v for k, v in s.items()}, p)
PY
for m in $(cat /tmp/best); do tar cf - -C $W $m/config.json $m/vocabs.json $m/lexicon.txt.gz $m/model.pt | xz -T16 -5 | split -b 15M - $OUT/$m.tar.xz.; done
ls -la $OUT
