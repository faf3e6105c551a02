"""Run every benchmark and print its figures (`make bench`, i.e. `python -m bench.run`)."""

from __future__ import annotations

from bench import camera, figures, plan_generation, set_logging, startup

if __name__ == "__main__":
    for module in (startup, plan_generation, set_logging, figures, camera):
        module.main()
        print()
