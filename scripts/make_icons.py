"""Draw the app icon (a runner in a hip bridge) once, as SVG and as PNGs for the web manifest.

Run `python scripts/make_icons.py` after changing the drawing; the files are committed, so
nothing is drawn or downloaded at run time.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "src" / "hipstride" / "web" / "static"
GREEN, WHITE = "#0b6e4f", "#ffffff"
SIZE = 100  # the drawing's own units
HEAD = (22, 66, 8)  # centre x, centre y, radius
BODY = [(30, 68), (56, 44), (74, 66), (74, 82)]  # shoulder, hip, knee, foot
FLOOR = [(12, 82), (88, 82)]
STROKE = 9


def svg() -> str:
    body = " ".join(f"{x},{y}" for x, y in BODY)
    floor = " ".join(f"{x},{y}" for x, y in FLOOR)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f"<title>hipstride</title>"
        f'<rect width="{SIZE}" height="{SIZE}" rx="22" fill="{GREEN}"/>'
        f'<polyline points="{floor}" fill="none" stroke="{WHITE}" stroke-width="3" '
        f'stroke-linecap="round" opacity="0.6"/>'
        f'<polyline points="{body}" fill="none" stroke="{WHITE}" stroke-width="{STROKE}" '
        f'stroke-linecap="round" stroke-linejoin="round"/>'
        f'<circle cx="{HEAD[0]}" cy="{HEAD[1]}" r="{HEAD[2]}" fill="{WHITE}"/></svg>\n'
    )


def png(pixels: int) -> Image.Image:
    """The same drawing with Pillow, at 4x then scaled down for smooth edges."""
    big = pixels * 4
    k = big / SIZE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=22 * k, fill=GREEN)
    draw.line([(x * k, y * k) for x, y in FLOOR], fill=(255, 255, 255, 153), width=round(3 * k))
    points = [(x * k, y * k) for x, y in BODY]
    draw.line(points, fill=WHITE, width=round(STROKE * k), joint="curve")
    r = STROKE * k / 2
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=WHITE)
    cx, cy, radius = (v * k for v in HEAD)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=WHITE)
    return image.resize((pixels, pixels), Image.Resampling.LANCZOS)


def main() -> None:
    (STATIC / "icon.svg").write_text(svg(), encoding="utf-8")
    for pixels in (192, 512):
        png(pixels).save(STATIC / f"icon-{pixels}.png", optimize=True)


if __name__ == "__main__":
    main()
