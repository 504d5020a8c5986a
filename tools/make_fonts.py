#!/usr/bin/env python3
"""Rebuild the bundled fonts in assets/fonts/ (run by hand; the results are committed).

Source: Noto Sans CJK SC (SIL OFL 1.1), Regular and Bold, from Debian's `fonts-noto-cjk`.
The subset keeps every character of GBK (all ~21,000 hanzi, rare name characters such as
玥喆堃彧昇镕珺犇赟祎旻瑄璟 included) plus the Latin, punctuation and symbol ranges the UI and the
documents use. Needs `pip install fonttools`.
"""
import pathlib

from fontTools import subset
from fontTools.ttLib import TTCollection

SRC = pathlib.Path("/usr/share/fonts/opentype/noto")
OUT = pathlib.Path(__file__).resolve().parent.parent / "assets" / "fonts"
FACE_SC = 2  # index of "Noto Sans CJK SC" inside the collection

RANGES = [
    (0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2150, 0x218F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),
    (0x2600, 0x26FF), (0x2700, 0x27BF), (0x3000, 0x303F), (0x3200, 0x32FF), (0x3300, 0x33FF),
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]


def gbk_chars():
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gbk")))
            except UnicodeDecodeError:
                pass
    return chars


def main():
    unicodes = gbk_chars()
    for lo, hi in RANGES:
        unicodes.update(range(lo, hi + 1))
    OUT.mkdir(parents=True, exist_ok=True)
    for weight in ("Regular", "Bold"):
        font = TTCollection(SRC / f"NotoSansCJK-{weight}.ttc").fonts[FACE_SC]
        options = subset.Options()
        options.hinting = False
        options.desubroutinize = False
        options.name_IDs = ["*"]
        options.layout_features = ["kern", "liga", "locl", "vert", "vrt2"]
        sub = subset.Subsetter(options)
        sub.populate(unicodes=sorted(unicodes))
        sub.subset(font)
        out = OUT / f"NotoSansSC-{weight}.otf"
        font.save(out)
        print(out, out.stat().st_size)


if __name__ == "__main__":
    main()
