#!/usr/bin/env python3
"""Rebuild the bundled fonts in assets/fonts/ (run by hand; the results are committed).

Source: Noto Sans CJK SC (SIL OFL 1.1), Regular and Bold, from Debian's `fonts-noto-cjk`.
The Regular subset keeps every character of GBK (all ~21,000 hanzi, rare name characters such as
玥喆堃彧昇镕珺犇赟祎旻瑄璟 included) plus the Latin, punctuation and symbol ranges the UI and the
documents use: every name is drawn in it.
The Bold face sets only headings and titles, so it keeps what they need: every character of the
program's own strings (read from src/), the 3,755 common hanzi of GB2312 level 1 (a unit's name in
a title), and the same Latin, punctuation and symbol ranges. A character it lacks is drawn in the
Regular face (the window's bold family and the PDF writer both fall back), never as a box.
Needs `pip install fonttools`.
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
    (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    # GB18030-2005 maps these GBK positions to real characters (Python's codec still
    # decodes them as private use): CJK components and ḿ.
    (0x9FB4, 0x9FBB), (0x1E3F, 0x1E3F),
]


def gbk_chars():
    """Every two-byte GBK character, as both the GBK and the GB18030 tables decode it
    (GB18030 maps some former private-use positions to real Ext-A characters), without the
    user-defined private-use area, which has no standard glyphs."""
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
            for codec in ("gbk", "gb18030"):
                try:
                    text = bytes([lead, trail]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(text) == 1 and not 0xE000 <= ord(text) <= 0xF8FF:
                    chars.add(ord(text))
    return chars


def add_format12_cmap(font):
    """Add a (3, 10) format-12 cmap beside the format-4 ones.

    Some readers (ttf-parser among them) miss entries in fontTools' large format-4 subtable;
    format 12 maps every code point plainly, and readers prefer it when present.
    """
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    best = font.getBestCmap()
    table = CmapSubtable.newSubtable(12)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = dict(best)
    font["cmap"].tables.append(table)


def gb2312_level1():
    """The 3,755 common hanzi of GB2312 level 1 (rows 16-55)."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def program_chars():
    """Every non-ASCII character in the program's sources (its own strings)."""
    src = pathlib.Path(__file__).resolve().parent.parent / "src"
    chars = set()
    for path in src.rglob("*.rs"):
        chars.update(ord(c) for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F)
    return chars


def main():
    ranges = set()
    for lo, hi in RANGES:
        ranges.update(range(lo, hi + 1))
    wanted = {
        "Regular": gbk_chars() | ranges,
        "Bold": gb2312_level1() | program_chars() | ranges,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for weight, unicodes in wanted.items():
        font = TTCollection(SRC / f"NotoSansCJK-{weight}.ttc").fonts[FACE_SC]
        options = subset.Options()
        options.hinting = False
        options.desubroutinize = False
        options.name_IDs = ["*"]
        options.layout_features = ["kern", "liga"]
        sub = subset.Subsetter(options)
        sub.populate(unicodes=sorted(unicodes))
        sub.subset(font)
        add_format12_cmap(font)
        out = OUT / f"NotoSansSC-{weight}.otf"
        font.save(out)
        print(out, out.stat().st_size)


if __name__ == "__main__":
    main()
