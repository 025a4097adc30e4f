"""Draw the application icon: a page with a folded corner and a round red seal bearing 惠.

    .venv/bin/python build/make_icon.py

Writes resources/icons/icon.png (256 px, the window icon) and icon.ico (16-256 px, the Windows
executable). Both outputs are committed, so a build never needs to draw anything; run this only
when the design changes. The character is drawn with the bundled WenQuanYi Micro Hei, so the
result does not depend on the fonts installed on the machine.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"

# Drawn large and scaled down: Pillow does not antialias shapes, downsampling does.
CANVAS = 1024
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

PAGE = (250, 250, 246, 255)
PAGE_EDGE = (84, 110, 138, 255)  # slate blue: calm, reads as "official document"
FOLD = (214, 222, 230, 255)
LINES = (160, 176, 194, 255)
SEAL = (192, 57, 43, 255)  # vermilion of a Chinese seal, slightly muted
SEAL_TEXT = (255, 250, 245, 255)


def draw_page(draw: ImageDraw.ImageDraw) -> None:
    left, top, right, bottom = 170, 90, 760, 930
    fold = 170
    edge = 26
    outline = [
        (left, top),
        (right - fold, top),
        (right, top + fold),
        (right, bottom),
        (left, bottom),
    ]
    draw.polygon(outline, fill=PAGE)
    draw.line([*outline, outline[0]], fill=PAGE_EDGE, width=edge, joint="curve")
    corner = [(right - fold, top), (right - fold, top + fold), (right, top + fold)]
    draw.polygon(corner, fill=FOLD)
    draw.line([*corner], fill=PAGE_EDGE, width=edge, joint="curve")
    # Text lines on the page; they stop short where the seal will sit.
    for i, y in enumerate(range(330, 720, 95)):
        end = right - 90 if i < 2 else right - 290
        draw.rounded_rectangle((left + 80, y, end, y + 34), radius=17, fill=LINES)


def draw_seal(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    cx, cy, r = 700, 720, 255
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=SEAL)
    inner = r - 34
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=SEAL_TEXT, width=14)
    font = ImageFont.truetype(str(FONT), 300, index=0)
    draw.text((cx, cy + 6), "惠", font=font, fill=SEAL_TEXT, anchor="mm")


def render() -> Image.Image:
    image = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    draw_page(ImageDraw.Draw(image))
    draw_seal(image)
    return image


def main() -> None:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    big = render()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICON_DIR / "icon.png", optimize=True)
    # Each .ico size is resampled from the large drawing, not from the 256 px PNG.
    big.save(ICON_DIR / "icon.ico", sizes=ICO_SIZES)
    print(f"written: {ICON_DIR / 'icon.png'}, {ICON_DIR / 'icon.ico'}")


if __name__ == "__main__":
    main()
