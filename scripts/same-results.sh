#!/bin/sh
# Are two builds' results byte-identical? Runs `ccsim run --json` of every bundled scenario (its own
# replications, one thread; performance figures stripped), a two-thread run of the DR scenario, and
# two call-by-call traces, in checkout A and in checkout B, then diffs them. Prints nothing and
# exits 0 when identical.
#   scripts/same-results.sh <checkout A> <checkout B>
set -e
[ $# -eq 2 ] || { echo "usage: scripts/same-results.sh <checkout A> <checkout B>" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
strip='let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);delete j.performance;process.stdout.write(JSON.stringify(j,null,1))})'
for side in A B; do
  if [ $side = A ]; then root=$1; else root=$2; fi
  mkdir -p "$out/$side"
  # From inside the checkout, with relative paths: the JSON names the scenario file as given.
  (
    cd "$root"
    for f in scenarios/*.yaml; do
      node bin/ccsim.js run "$f" --json --no-report -q --threads 1 | node -e "$strip" > "$out/$side/$(basename "$f").json"
    done
    node bin/ccsim.js run scenarios/two-site-bank-dr.yaml --json --no-report -q --threads 2 --reps 12 |
      node -e "$strip" > "$out/$side/dr-two-threads.json"
    node bin/ccsim.js run scenarios/retail-bank.yaml --reps 2 --no-report -q --threads 1 --trace "$out/$side/retail-trace.csv" > /dev/null
    node bin/ccsim.js run scenarios/anonymous-bank.yaml --reps 2 --no-report -q --threads 1 --trace "$out/$side/bank-trace.csv" > /dev/null
  )
done
diff -r "$out/A" "$out/B"
