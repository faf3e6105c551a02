"""Illustrations from the command line: the installed script writes a valid SVG file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.e2e.test_cli_library import hipstride

SVG = "{http://www.w3.org/2000/svg}"


def test_exercise_svg_writes_the_animated_illustration(tmp_path: Path):
    out = tmp_path / "out.svg"
    result = hipstride("exercise", "glute-bridge", "--svg", str(out))
    assert result.returncode == 0, result.stderr
    assert "Glute bridge" in result.stdout
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Glute bridge"
    assert "@keyframes" in out.read_text(encoding="utf-8")


def test_a_still_of_a_self_test_and_an_unknown_still_name(tmp_path: Path):
    out = tmp_path / "lift.svg"
    result = hipstride("test", "single-leg-bridge", "--svg", str(out), "--still", "lift")
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Single-leg hip bridge test: lift position"
    wrong = hipstride("exercise", "glute-bridge", "--svg", str(tmp_path / "x.svg"), "--still", "up")
    assert wrong.returncode == 2
    assert "use one of: start, top" in " ".join(wrong.stderr.split())
    assert not (tmp_path / "x.svg").exists()
