#!/bin/sh
# extract-json-diff.sh: `docindex extract --json` over every PDF of
# ../shared/corpus with two builds of docindex, and what differs.
#
#   extract/internal/sharedtest/extract-json-diff.sh BEFORE_REV [AFTER_REV]
#
# builds cmd/docindex at BEFORE_REV and AFTER_REV (default: the working
# tree) into a temporary directory, writes one pretty-printed JSON file per
# PDF for each, and prints per file the clause ids removed (-) and added (+),
# the clauses whose fields changed (~) and the other fields that changed.
# CORPUS overrides the corpus directory; OUT keeps the outputs there.
set -eu
root=$(git rev-parse --show-toplevel)
corpus=${CORPUS:-$root/../shared/corpus}
out=${OUT:-$(mktemp -d)}
before=$1
after=${2:-}
build() { # build REV DIR
	if [ -z "$1" ]; then
		(cd "$root" && go build -o "$2/docindex" ./cmd/docindex)
	else
		git -C "$root" worktree add --detach "$2/src" "$1" >/dev/null 2>&1
		(cd "$2/src" && go build -o "$2/docindex" ./cmd/docindex)
		git -C "$root" worktree remove --force "$2/src"
	fi
}
run() { # run DIR
	find "$corpus" -name '*.pdf' | sort | while read -r f; do
		name=$(echo "${f#"$corpus"/}" | tr / _)
		"$1/docindex" extract --json "$f" 2>/dev/null | python3 -m json.tool --no-ensure-ascii >"$1/$name.json" 2>/dev/null || true
	done
}
mkdir -p "$out/before" "$out/after"
build "$before" "$out/before"
build "$after" "$out/after"
run "$out/before"
run "$out/after"
echo "outputs in $out"
python3 - "$out/before" "$out/after" <<'PY'
import json, os, sys
a, b = sys.argv[1], sys.argv[2]
for f in sorted(x for x in os.listdir(a) if x.endswith('.json')):
    ta, tb = open(os.path.join(a, f)).read(), open(os.path.join(b, f)).read()
    if ta == tb:
        continue
    print("==", f)
    try:
        x, y = json.loads(ta), json.loads(tb)
    except ValueError:
        print("  output is not JSON in one build")
        continue
    for k in sorted(set(x) | set(y)):
        if k != 'clauses' and x.get(k) != y.get(k):
            print("  field", k)
    cx = {c['id']: c for c in x.get('clauses') or []}
    cy = {c['id']: c for c in y.get('clauses') or []}
    for i in cx:
        if i not in cy:
            print("  -", i, repr(cx[i]['text'][:100]))
    for i in cy:
        if i not in cx:
            print("  +", i, repr(cy[i]['text'][:100]))
    for i in cx:
        if i in cy and cx[i] != cy[i]:
            print("  ~", i, sorted(k for k in set(cx[i]) | set(cy[i]) if cx[i].get(k) != cy[i].get(k)))
PY
