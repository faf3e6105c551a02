"""The printable handout, rendered to pictures and read back as text, as a person would."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageOps

from tests.conftest import system_tool
from tests.e2e.runner_setup import planned_runner, profile_args
from tests.e2e.test_cli_library import hipstride

A4 = 297 / 210
LETTER = 279.4 / 215.9


def pages(pdf: Path, folder: Path) -> list[Image.Image]:
    subprocess.run(
        [system_tool("pdftoppm", "poppler-utils"), "-r", "40", "-png", str(pdf), str(folder / "p")],
        check=True,
    )
    return [Image.open(p).convert("L") for p in sorted(folder.glob("p-*.png"))]


def text_of(pdf: Path) -> str:
    out = subprocess.run(
        [system_tool("pdftotext", "poppler-utils"), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return " ".join(out.stdout.split())


def check_pages(images: list[Image.Image], ratio: float) -> None:
    """Every page is the right shape, has ink on it, and keeps its ink inside the margins."""
    for image in images:
        assert abs(image.height / image.width - ratio) < 0.01
        ink = ImageOps.invert(image).point(lambda v: 255 if v > 40 else 0).getbbox()
        assert ink is not None, "a blank page"
        left, top, right, bottom = ink
        margin = image.width * 10 / 210  # at least 10 mm clear of every edge
        assert left >= margin and top >= margin
        assert right <= image.width - margin and bottom <= image.height - margin


def test_the_handout_prints_the_plan_on_a4_and_letter(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    planned_runner(db)
    env = {"HIPSTRIDE_DATABASE_URL": db}
    a4 = tmp_path / "plan.pdf"
    made = hipstride("handout", "--out", str(a4), "--as-of", "2026-11-30", env=env)
    assert made.returncode == 0, made.stderr
    images = pages(a4, tmp_path)
    assert len(images) >= 4
    check_pages(images, A4)
    text = text_of(a4)
    for expected in (
        "Your hip-strength plan",
        "physical therapist",
        "Standing deep squat test: 3/3",
        "Clamshell",
        "Tick each session",
        "Mon 30 Nov",
        "10.2519/jospt.2013.4116",
    ):
        assert expected in text, expected
    letter = tmp_path / "letter" / "plan.pdf"
    assert hipstride("handout", "--out", str(letter), "--paper", "letter", env=env).returncode == 0
    (tmp_path / "letter" / "png").mkdir()
    check_pages(pages(letter, tmp_path / "letter" / "png"), LETTER)


def test_no_plan_means_no_handout_and_a_hint(tmp_path):
    db = {"HIPSTRIDE_DATABASE_URL": f"sqlite:///{tmp_path / 'hs.db'}"}
    nobody = hipstride("handout", "--out", str(tmp_path / "x.pdf"), env=db)
    assert nobody.returncode == 1 and "Start with `hipstride profile`" in nobody.stderr
    assert hipstride(*profile_args(), env=db).returncode == 0
    result = hipstride(
        "handout",
        "--out",
        str(tmp_path / "x.pdf"),
        env={"HIPSTRIDE_DATABASE_URL": f"sqlite:///{tmp_path / 'hs.db'}"},
    )
    assert result.returncode == 1
    assert "No plan to print yet. Run `hipstride plan` first." in result.stderr
    bad = hipstride("handout", "--out", str(tmp_path / "x.pdf"), "--paper", "A5")
    assert bad.returncode == 2 and "--paper: 'A5' is not A4 or Letter" in bad.stderr
