"""How long Markdown rendering takes on pathological inputs, in milliseconds per KB.

    python bench/markdown_inputs.py [--sizes 8,40,200] [--repeat 3]

Each input is built at each size (KB) and rendered with ``events.rendering.render_markdown``
(the parser and the sanitiser, as on save) and checked by ``unsupported_syntax`` (as on
validation); the best of ``--repeat`` runs is reported. Linear rendering shows as a flat
ms/KB column as the size grows; a quadratic parser's ms/KB grows with the size.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def repeated(unit, size):
    return (unit * (size // len(unit) + 1))[:size]


def nested(opening, closing, size):
    depth = size // (len(opening) + len(closing))
    return opening * depth + "x" + closing * depth


INPUTS = {
    "opening brackets [[[": lambda size: repeated("[", size),
    "brackets then one ]": lambda size: repeated("[", size - 1) + "]",
    "unclosed links [a](": lambda size: repeated("[a](", size),
    "nested links [[[x]]]": lambda size: nested("[", "](u)", size),
    "backticks ` `` ```": lambda size: repeated("`a``b```c", size),
    "emphasis markers *_": lambda size: repeated("*_", size),
    "nested emphasis **_*": lambda size: nested("*_", "_*", size),
    "deep block quotes >>>": lambda size: repeated(">", size - 2) + " x",
    "deep lists": lambda size: "".join(
        "  " * depth + "- x\n" for depth in range(int((size / 2) ** 0.5))
    ),
    "autolinks <http://": lambda size: repeated("<http://a", size),
    "table cells |": lambda size: "a|b\n-|-\n" + repeated("|", size),
    "footnote refs [^": lambda size: repeated("[^a", size),
    "ordinary prose": lambda size: repeated(
        'The *treaty* was "signed" -- at last -- by [both](https://example.org) sides. ', size
    ),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="8,40,200", help="comma-separated sizes in KB")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from events import rendering
    from events.rendering import render_markdown, unsupported_syntax

    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'input':<26}" + "".join(f"{f'{size} KB ms/KB':>16}" for size in sizes))
    for name, build in INPUTS.items():
        cells = []
        for size in sizes:
            source = build(size * 1024)
            best = min(
                _timed(rendering, render_markdown, unsupported_syntax, source)
                for _ in range(args.repeat)
            )
            cells.append(f"{best / (len(source.encode()) / 1024):>16.3f}")
        print(f"{name:<26}" + "".join(cells))


def _timed(rendering, render, check, source):
    rendering._cmark.cache_clear()
    start = time.perf_counter()
    render(source)
    check(source)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
