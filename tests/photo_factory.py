"""Photo-like test pictures made on the spot (no data set to download): smooth random
scenes with shapes and texture, and the copies a phone or a messaging app makes of them."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter


def scene(seed: int, width: int = 1200, height: int = 900) -> Image.Image:
    """A picture whose content depends only on ``seed``: two pictures of different seeds are
    as unrelated as two photos of different things."""
    rnd = random.Random(seed)
    base = Image.new("RGB", (6, 5))
    base.putdata([tuple(rnd.randrange(256) for _ in range(3)) for _ in range(30)])
    img = base.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rnd.randrange(width), rnd.randrange(height)
        r = rnd.randrange(width // 20, width // 5)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        if rnd.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    return Image.blend(img.filter(ImageFilter.GaussianBlur(2)), noise, 0.08)


def jpeg_bytes(img: Image.Image, quality: int = 92, exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, **({"exif": exif} if exif else {}))
    return out.getvalue()


def camera_exif(make: str = "Canon", model: str = "Canon EOS 80D", taken: str = "2019:07:14 10:32:05") -> bytes:
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif.get_ifd(0x8769)[0x9003] = taken
    return exif.tobytes()


def write_family(folder, seed: int, stem: str = "IMG") -> dict:
    """An original (with camera EXIF), a resized copy and a re-compressed copy; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    img = scene(seed)
    original = folder / f"{stem}_{seed}.jpg"
    original.write_bytes(jpeg_bytes(img, 95, camera_exif()))
    resized = folder / f"{stem}_{seed}_small.jpg"
    resized.write_bytes(jpeg_bytes(img.resize((600, 450), Image.Resampling.LANCZOS), 90))
    recompressed = folder / f"{stem}_{seed}_whatsapp.jpg"
    recompressed.write_bytes(jpeg_bytes(img.resize((1000, 750), Image.Resampling.BILINEAR), 35))
    return {"original": original, "resized": resized, "recompressed": recompressed}
