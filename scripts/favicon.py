"""Draw the theme's favicon: templates/static/favicon.svg and favicon.ico (16, 32 px).

One drawing (a brief: a red card with a headline and two lines of text) written as
SVG and rasterized here, with 8x8 supersampling, into the PNG images of an ICO file,
with the standard library only. Run it again after changing the drawing:

    python scripts/favicon.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "templates" / "static"
SIZE = 32  # the drawing's grid
RADIUS = 6
CARD = (0xA3, 0x26, 0x2A)  # the theme's accent
INK = (0xFF, 0xFF, 0xFF)
# (x, y, width, height) on the 32-unit grid: a headline and two lines of text
BARS = ((7, 7, 18, 5), (7, 15.5, 18, 3), (7, 21.5, 12, 3))


def svg() -> str:
    bars = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="1"/>'
        for x, y, w, h in BARS
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{RADIUS}" fill="#a3262a"/>'
        f'<g fill="#fff">{bars}</g></svg>\n'
    )


def _inside_card(x: float, y: float) -> bool:
    """Whether (x, y) is inside the rounded square."""
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def _ink(x: float, y: float) -> bool:
    return any(bx <= x < bx + w and by <= y < by + h for bx, by, w, h in BARS)


def pixels(size: int, samples: int = 8) -> bytes:
    """RGBA rows of the drawing at ``size`` pixels, each pixel the mean of
    ``samples``² points."""
    scale = SIZE / size
    rows = bytearray()
    for row in range(size):
        rows.append(0)  # PNG filter: none
        for column in range(size):
            card = ink = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (column + (sx + 0.5) / samples) * scale
                    y = (row + (sy + 0.5) / samples) * scale
                    if _inside_card(x, y):
                        card += 1
                        ink += _ink(x, y)
            total = samples * samples
            colour = [
                round((c * (card - ink) + i * ink) / card) if card else 0
                for c, i in zip(CARD, INK, strict=True)
            ]
            rows += bytes([*colour, round(255 * card / total)])
    return bytes(rows)


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels(size), 9))
        + chunk(b"IEND", b"")
    )


def ico(sizes: tuple[int, ...] = (16, 32)) -> bytes:
    """An ICO file holding one PNG image per size."""
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        entries += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + entries + b"".join(images)


def main() -> None:
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    (STATIC / "favicon.ico").write_bytes(ico())


if __name__ == "__main__":
    main()
