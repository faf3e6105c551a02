"""Run every benchmark and print its figures (`make bench`, i.e. `python -m bench.run`)."""

from __future__ import annotations

from bench import startup

if __name__ == "__main__":
    for module in (startup,):
        module.main()
        print()
