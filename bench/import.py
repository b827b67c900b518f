"""Import speed: the whole `parse FILE --json` command against a peer that only extracts text.

    .venv/bin/python bench/import.py [FILE.docx ...]

For each file (default: ../shared/samples/real-docx/*.docx, else the project's
fixtures) it spawns, nine times each and alternating, our full parse
(structure and fields included) and docx2python's bare text extraction, and
prints both medians and their ratio.  It also prints, in this process, how
many paragraphs the .docx reader gives and how long read_draft takes.
Figures only; nothing is asserted.

Both sides run with compiled bytecode, as an installed program does: the
children may write .pyc files (into a temporary PYTHONPYCACHEPREFIX, never
the source tree) and one untimed warm-up run of each comes first.

Ours runs as the installed program runs it.  The bundle's bootloader
(PyInstaller, build.spec) executes main.py's compiled code as ``__main__``
directly: no ``runpy``, no compiling.  ``python main.py`` would compile its
500 lines afresh on every run (about 5 % of a parse), and ``python -m main``
would load runpy and importlib.util first, neither of which the bundle loads.
So ours is ``python -c "import gc; gc.disable(); import main; main.run_program()"``,
which does what main.py's ``__main__`` block does, step for step: the cycle
collector paused before main.py's own imports, then ``run_program()`` (the
command with ``sys.argv[1:]``, the exit).  Its ``__name__`` is ``main``
rather than ``__main__``, which only that block reads; ``sys.argv[0]`` is
``-c`` where the bundle has its own path, and nothing reads it (the parser's
prog is fixed).  The peer runs as a plain ``python -c`` of its documented
call, unchanged.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 9


def sample_files(argv: list[str]) -> list[Path]:
    if argv:
        return [Path(a) for a in argv]
    real = sorted((ROOT.parent / "shared" / "samples" / "real-docx").glob("*.docx"))
    if real:
        return real
    print("../shared is missing: timing the project's own fixtures instead")
    return sorted((ROOT / "tests" / "fixtures").glob("*.docx"))


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def in_process(path: Path) -> tuple[int, float]:
    """Paragraphs read and the median time of read_draft (modules already imported)."""
    from model.draft import read_draft
    from model.draft.docx_reader import read_docx

    paragraphs = len(read_docx(path))
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        read_draft(path)
        times.append(time.perf_counter() - start)
    return paragraphs, statistics.median(times)


def main(argv: list[str]) -> None:
    files = sample_files(argv)
    with tempfile.TemporaryDirectory(prefix="reportdesk-bench-") as data:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(data) / "pycache")
        program = "import gc; gc.disable(); import main; main.run_program()"  # main.py's __main__ block
        ours_cmd = [sys.executable, "-c", program, "--data-dir", data, "parse", "{}", "--json"]
        peer_cmd = [sys.executable, "-c", "import sys; from docx2python import docx2python; "
                    "docx2python(sys.argv[1]).text", "{}"]
        print(f"{'file':28} {'paras':>5} {'read_draft':>10} {'ours':>8} {'peer':>8} {'ratio':>6}")
        ratios = []
        for path in files:
            ours_args, peer_args = [a.format(path) for a in ours_cmd], [a.format(path) for a in peer_cmd]
            timed(ours_args, env), timed(peer_args, env)  # warm-up: bytecode written, files cached
            ours, peer = [], []
            for _ in range(RUNS):
                ours.append(timed(ours_args, env))
                peer.append(timed(peer_args, env))
            paragraphs, inside = in_process(path)
            ours_m, peer_m = statistics.median(ours), statistics.median(peer)
            ratios.append(ours_m / peer_m)
            print(f"{path.name:28} {paragraphs:5d} {inside * 1000:8.1f}ms {ours_m * 1000:6.0f}ms "
                  f"{peer_m * 1000:6.0f}ms {ours_m / peer_m:6.2f}")
    print(f"median ratio (ours / docx2python, whole process): {statistics.median(ratios):.2f}"
          f"  ({RUNS} alternating runs each, medians; ours run as the installed program runs main.py,"
          f" from its cached bytecode)")


if __name__ == "__main__":
    main(sys.argv[1:])
