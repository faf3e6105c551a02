"""Run every benchmark and print its figures (`make bench`, i.e. `python -m bench.run`)."""

from __future__ import annotations

from bench import (
    camera,
    figures,
    plan_generation,
    run_import,
    running_week,
    set_logging,
    startup,
    web_load,
)

if __name__ == "__main__":
    for module in (
        startup,
        plan_generation,
        set_logging,
        figures,
        web_load,
        running_week,
        run_import,
        camera,
    ):
        module.main()
        print()
