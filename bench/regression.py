"""Citations, units and deadlines gained and lost between a git revision and the working tree.

    python bench/regression.py [REV] [--corpus ../shared/corpus]

REV defaults to HEAD. The revision is exported with ``git archive`` into a temporary folder
and both trees run in their own subprocess over every file of the corpus (and the seeds), so
each uses its own code and data. A review aid (as eyecite posts on each pull request), not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

DUMP = r"""
import json, sys
from pathlib import Path
from analyzer import analyze
from analyzer.render import to_dict
out = {}
for path in sys.argv[1:]:
    try:
        data = to_dict(analyze(path))
    except Exception as exc:
        out[path] = {"error": str(exc)[:200]}
        continue
    cit = sorted({(c.get("symbol") or c.get("name") or "", c.get("issued_date") or "") for c in data.get("citations", [])
                  if not c.get("short_form")})
    units = sorted({(u["name"], r) for u in data.get("units", []) for r in (u.get("roles") or [""])})
    dls = sorted({(d["kind"], d.get("date") or "", d.get("start") or "", d.get("end") or "",
                   d.get("recurrence") or "", d.get("day_month") or "", d["text"]) for d in data.get("deadlines", [])})
    out[path] = {"citations": cit, "units": units, "deadlines": dls}
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def corpus_files(corpus: Path) -> list[str]:
    files = sorted(str(p) for p in (REPO / "corpora" / "seeds").glob("*.txt"))
    if corpus.is_dir():
        for sub in ("text", "docx", "pdf"):
            files += sorted(str(p) for p in (corpus / sub).iterdir()
                            if p.suffix.lower() in (".txt", ".docx", ".pdf") and "NQ-19" not in p.name)
    return files


def run(tree: Path, files: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    result = subprocess.run([sys.executable, "-c", DUMP, *files], cwd=tree, env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    with tempfile.TemporaryDirectory(prefix="kehoach-rev-") as tmp:
        archive = subprocess.run(["git", "archive", args.rev], cwd=REPO, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        before = run(Path(tmp), files)
    after = run(REPO, files)
    totals = {k: [0, 0] for k in ("citations", "units", "deadlines")}
    for path in files:
        old, new = before.get(path, {}), after.get(path, {})
        if "error" in new or "error" in old:
            print(f"{Path(path).name}: error before={old.get('error')} after={new.get('error')}")
            continue
        lines = []
        for kind in totals:
            o = {tuple(x) for x in old.get(kind, [])}
            n = {tuple(x) for x in new.get(kind, [])}
            gained, lost = sorted(n - o), sorted(o - n)
            totals[kind][0] += len(gained)
            totals[kind][1] += len(lost)
            lines += [f"  + {kind}: {' | '.join(map(str, g))}" for g in gained]
            lines += [f"  - {kind}: {' | '.join(map(str, l))}" for l in lost]
        if lines:
            print(Path(path).name)
            print("\n".join(lines))
    print(f"\n{len(files)} files, {args.rev} -> working tree:")
    for kind, (gained, lost) in totals.items():
        print(f"  {kind}: +{gained} gained, -{lost} lost")


if __name__ == "__main__":
    main()
