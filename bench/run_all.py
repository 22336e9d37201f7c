"""Run every benchmark in bench/, one after the other, against one PostgreSQL server.

    GUONG_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python \
        bench/run_all.py

Each script (bench/*.py but this one: import_members.py, scale_queries.py, …) creates its own
database on that server and writes its figures to bench/results/. The run fails when any
script fails; the others still run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(path for path in HERE.glob("*.py") if path.name != Path(__file__).name)
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        returncode = subprocess.call([sys.executable, str(script)])
        print(
            f"== {script.name}: exit {returncode} after {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if returncode:
            failed.append(script.name)
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"All {len(scripts)} benchmarks ran; figures in {HERE / 'results'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
