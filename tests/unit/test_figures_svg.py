"""Every illustration is well-formed, accessible SVG that stays inside its picture."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from hipstride.figures.render import (
    NoFigure,
    UnknownStill,
    keyframe_names,
    self_test_illustration,
    step_illustration,
    step_svg,
)
from hipstride.knowledge.catalog import load_catalog

NS = {"svg": "http://www.w3.org/2000/svg"}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
COORDINATES = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "width", "height")


def every_svg() -> list[tuple[str, str, str]]:
    """(item id, still or 'animated', svg) for every step and self-test."""
    catalog = load_catalog()
    out = []
    for step in catalog.steps.values():
        out.append((step.name, "animated", step_illustration(catalog, step.id)))
        for name in keyframe_names(step):
            out.append((step.name, name, step_illustration(catalog, step.id, still=name)))
    for test in catalog.self_tests.values():
        out.append((test.name, "animated", self_test_illustration(catalog, test.id)))
        for name in keyframe_names(test):
            out.append((test.name, name, self_test_illustration(catalog, test.id, still=name)))
    return out


SVGS = every_svg()


def numbers(element: ET.Element) -> list[float]:
    found = [float(element.attrib[a]) for a in COORDINATES if a in element.attrib]
    for attribute in ("points", "d"):
        found += [float(v) for v in NUMBER.findall(element.attrib.get(attribute, ""))]
    return found


def test_every_illustration_is_xml_with_a_title_and_description_naming_it():
    assert len(SVGS) > 60
    for name, still, svg in SVGS:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.attrib["role"] == "img"
        title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
        assert title is not None and desc is not None, (name, still)
        assert name in (title.text or "") and name in (desc.text or "")
        labelled = root.attrib["aria-labelledby"].split()
        assert labelled == [title.attrib["id"], desc.attrib["id"]]


def test_every_illustration_follows_the_pages_dark_mode():
    for _, _, svg in SVGS:
        assert "@media (prefers-color-scheme: dark)" in svg
        assert "<script" not in svg


def test_every_coordinate_is_finite_and_inside_the_view_box():
    for name, still, svg in SVGS:
        root = ET.fromstring(svg)
        x0, y0, w, h = (float(v) for v in root.attrib["viewBox"].split())
        for element in root.iter():
            if element.tag.endswith(("svg", "style", "title", "desc", "g")):
                continue
            values = numbers(element)
            assert all(math.isfinite(v) for v in values), (name, still)
            if "points" in element.attrib or element.tag.endswith("line"):
                xs, ys = values[0::2], values[1::2]
                assert all(x0 <= x <= x0 + w for x in xs), (name, still, element.attrib)
                assert all(y0 <= y <= y0 + h for y in ys), (name, still, element.attrib)
            if element.tag.endswith("circle"):
                cx, cy, r = (float(element.attrib[k]) for k in ("cx", "cy", "r"))
                assert x0 <= cx - r and cx + r <= x0 + w, (name, still)
                assert y0 <= cy - r and cy + r <= y0 + h, (name, still)


def test_the_animation_is_css_only_and_reduced_motion_shows_the_first_frame():
    catalog = load_catalog()
    svg = step_illustration(catalog, "glute-bridge")
    root = ET.fromstring(svg)
    frames = [
        g for g in root.iter("{http://www.w3.org/2000/svg}g") if "hs-frame" in g.get("class", "")
    ]
    assert len(frames) > 2
    assert [g for g in frames if "hs-still" in g.attrib["class"]] == [frames[0]]
    assert "@keyframes hs-glute-bridge-f1" in svg
    assert (
        "@media (prefers-reduced-motion: reduce){.hs-glute-bridge .hs-frame{animation:none}}" in svg
    )


def band_of(svg: str) -> ET.Element | None:
    root = ET.fromstring(svg)
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("class") == "hs-band":
            return group
    return None


def test_a_banded_step_draws_its_band_and_an_unbanded_one_does_not():
    catalog = load_catalog()
    for step in catalog.steps.values():
        for name in keyframe_names(step):
            band = band_of(step_illustration(catalog, step.id, still=name))
            assert (band is not None) == (step.band_position is not None), step.id
            if band is not None:
                assert band.attrib["data-position"] == step.band_position


def test_a_band_round_the_feet_sits_lower_than_one_above_the_knees():
    catalog = load_catalog()

    def band_height(step_id: str) -> float:
        band = band_of(step_illustration(catalog, step_id, still="start"))
        assert band is not None
        strap = band.find("svg:line", NS)
        assert strap is not None
        return (float(strap.attrib["y1"]) + float(strap.attrib["y2"])) / 2

    feet, ankles = band_height("banded-side-step-feet"), band_height("banded-side-step-ankles")
    knees = band_height("banded-side-step")
    assert feet > ankles > knees  # SVG y grows downwards


def test_one_sided_steps_highlight_the_working_side_only():
    catalog = load_catalog()
    one = step_illustration(catalog, "clamshell", still="open")
    both = step_illustration(catalog, "bodyweight-squat", still="end")
    assert 0 < one.count('class="hs-muscle"') < both.count('class="hs-muscle"')


def test_an_unknown_still_lists_the_keyframe_names():
    catalog = load_catalog()
    with pytest.raises(UnknownStill, match="use one of: start, top"):
        step_illustration(catalog, "glute-bridge", still="middle")


def test_a_step_without_keyframes_says_so():
    step = load_catalog().step("glute-bridge").model_copy(update={"figure": None})
    with pytest.raises(NoFigure, match="glute-bridge"):
        step_svg(step)
