"""Similar photos (``scan --similar-images``): the same picture resized, re-compressed by a
messaging app or saved twice, which exact matching misses.

Each photo gets two perceptual hashes from the imagehash library (a DCT hash, ``phash``, and
a gradient hash, ``dhash``, 64 bits each) computed on a small grey version decoded by Pillow
(JPEG decoders scale while decoding through ``draft``), after the EXIF orientation is
applied. HEIC/HEIF photos are read through pillow-heif when it is installed.

Rule for a group: every photo is within PHASH_MAX and DHASH_MAX bits of the group's kept photo
on both hashes and has the same aspect ratio (within 3 %); grouping is around the kept photo
(the largest resolution, then the largest file), never by chains of near matches, so two
unrelated pictures are never pulled together through a third one. Exact copies are left to the
duplicate finder: of a group of identical files only one is compared here.

The perceptual hashes, size and EXIF facts live in the hash cache (same key and freshness
rule as content digests): a photo unchanged since the last scan is not decoded again.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.run.accounting import allocated_bytes

IMAGE_EXTS = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff", ".heic", ".heif"})
MIN_BYTES = 4096  # icons and thumbnails are not photos
MIN_SIDE = 64
PHASH_MAX = 10
DHASH_MAX = 12
ASPECT_TOLERANCE = 0.03

_heif_checked = False


def _register_heif() -> bool:
    global _heif_checked
    if not _heif_checked:
        _heif_checked = True
        try:
            import pillow_heif  # noqa: PLC0415 - optional plugin

            pillow_heif.register_heif_opener()
        except Exception:  # not installed or no native library: HEIC photos are skipped
            return False
    return True


def is_image_name(name: str) -> bool:
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in IMAGE_EXTS


def _exif_facts(img: Any) -> tuple[str, str]:
    try:
        exif = img.getexif()
    except Exception:
        return "", ""
    taken = ""
    try:
        sub = exif.get_ifd(0x8769)
        raw = sub.get(0x9003) or sub.get(0x9004) or exif.get(0x0132) or ""
        if raw:
            taken = datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S").isoformat()
    except (ValueError, TypeError, KeyError, AttributeError):
        taken = ""
    make = str(exif.get(0x010F) or "").strip("\x00 ")
    model = str(exif.get(0x0110) or "").strip("\x00 ")
    camera = model if model.lower().startswith(make.lower()) else " ".join(p for p in (make, model) if p)
    return taken, camera


def image_facts(path: str) -> Optional[tuple[int, int, int, int, str, str]]:
    """(phash, dhash, width, height, taken ISO date or "", camera or "") or None if not a picture."""
    from PIL import Image  # noqa: PLC0415 - only with --similar-images
    import imagehash  # noqa: PLC0415

    _register_heif()
    try:
        with Image.open(fileid.io_path(path)) as img:
            width, height = img.size
            if min(width, height) < MIN_SIDE:
                return None
            taken, camera = _exif_facts(img)
            orientation = img.getexif().get(0x0112, 1) if hasattr(img, "getexif") else 1
            img.draft("RGB", (256, 256))  # JPEG: decode at a fraction of the size
            small = img.convert("RGB")
            small.thumbnail((256, 256))
            if orientation in (5, 6, 7, 8):
                width, height = height, width
            if orientation != 1:
                small = _orient(small, orientation)
            grey = small.convert("L")
            ph = int(str(imagehash.phash(grey)), 16)
            dh = int(str(imagehash.dhash(grey)), 16)
    except Exception:  # not a picture Pillow can read, truncated, unsupported: not compared
        return None
    return ph, dh, width, height, taken, camera


def _orient(img: Any, orientation: int) -> Any:
    """EXIF orientation applied to an image that lost its EXIF block while being converted."""
    from PIL import Image  # noqa: PLC0415

    ops = {2: [Image.Transpose.FLIP_LEFT_RIGHT], 3: [Image.Transpose.ROTATE_180],
           4: [Image.Transpose.FLIP_TOP_BOTTOM], 5: [Image.Transpose.TRANSPOSE],
           6: [Image.Transpose.ROTATE_270], 7: [Image.Transpose.TRANSVERSE], 8: [Image.Transpose.ROTATE_90]}
    for op in ops.get(orientation, []):
        img = img.transpose(op)
    return img


def facts_for(candidates: list[tuple[Any, ...]], cache: Any, workers: int = 2, reporter: Any = None) -> tuple[list[tuple[Any, ...]], int]:
    """candidates: (path, size, dev, ino, mtime_ns, root). Returns (candidate + facts) rows and
    how many came from the cache."""
    rows: list[tuple[Any, ...]] = []
    todo: list[tuple[Any, ...]] = []
    cached = cache.lookup_images(candidates) if cache is not None else {}
    for c in candidates:
        hit = cached.get((c[2], c[3]))
        if hit is not None:
            if hit[0] is not None:
                rows.append(c + hit)
        else:
            todo.append(c)
    hits = len(candidates) - len(todo)
    if todo:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for i, (c, facts) in enumerate(zip(todo, pool.map(lambda c: image_facts(c[0]), todo))):
                if cache is not None and fileid.known(c[2], c[3]) is not None:
                    cache.store_image(c[2], c[3], c[1], c[4], facts)
                if facts is not None:
                    rows.append(c + facts)
                if reporter is not None and not i & 63:
                    from cleanup_desktop.core.progress import ProgressEvent  # noqa: PLC0415

                    reporter.update(ProgressEvent("images", i, len(todo), detail=c[0]))
    return rows, hits


def group_similar(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Groups of similar photos, around the largest resolution (see the module rule)."""
    import numpy as np  # noqa: PLC0415

    if len(rows) < 2:
        return []
    rows = sorted(rows, key=lambda r: (-(r[8] * r[9]), -r[1], r[0]))
    mask = (1 << 64) - 1
    ph = np.array([r[6] & mask for r in rows], dtype=np.uint64)
    dh = np.array([r[7] & mask for r in rows], dtype=np.uint64)
    aspect = np.array([r[8] / r[9] for r in rows], dtype=np.float64)
    free = np.ones(len(rows), dtype=bool)
    groups = []
    for i in range(len(rows)):
        if not free[i]:
            continue
        d1 = np.bitwise_count(ph ^ ph[i])
        d2 = np.bitwise_count(dh ^ dh[i])
        close = free & (d1 <= PHASH_MAX) & (d2 <= DHASH_MAX) & (np.abs(aspect / aspect[i] - 1) <= ASPECT_TOLERANCE)
        idx = np.flatnonzero(close)
        free[i] = False
        if len(idx) < 2:
            continue
        free[idx] = False
        groups.append(_group_dict([rows[j] for j in idx if j != i], rows[i], d1, d2, idx, i))
    groups.sort(key=lambda g: (-g["wasted"], g["keep"]))
    return groups


def _group_dict(others: list[tuple[Any, ...]], kept: tuple[Any, ...], d1: Any, d2: Any, idx: Any, i: int) -> dict[str, Any]:
    dist = {int(j): int(d1[j]) + int(d2[j]) for j in idx}
    images = []
    for j, row in zip([int(j) for j in idx if j != i], others):
        images.append(_image(row, round(100 * (1 - dist[j] / 128))))
    keep_img = _image(kept, 100)
    images.sort(key=lambda im: im["path"])
    everything = [keep_img] + images
    total = sum(im["allocated"] for im in everything)
    return {"paths": [im["path"] for im in everything], "bytes": total, "wasted": total - keep_img["allocated"],
            "pixels": keep_img["pixels"], "similarity": min(im["similarity"] for im in images),
            "keep": keep_img["path"], "images": everything}


def _image(row: tuple[Any, ...], similarity: int) -> dict[str, Any]:
    path, size, dev, ino, mtime_ns, root, _ph, _dh, width, height, taken, camera = row
    try:
        alloc = allocated_bytes(fileid.lstat(path))
    except OSError:
        alloc = size
    return {"path": path, "size": size, "allocated": alloc, "mtime_ns": mtime_ns, "dev": dev, "ino": ino,
            "root": root, "width": width, "height": height, "pixels": width * height, "taken": taken,
            "camera": camera, "similarity": similarity}


def find_similar(candidates: list[tuple[Any, ...]], cache: Any, workers: int = 2, reporter: Any = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows, hits = facts_for(candidates, cache, workers, reporter)
    groups = group_similar(rows)
    return groups, {"images": len(candidates), "images_hashed": len(candidates) - hits, "image_cache_hits": hits}


def candidate(path: str, st: os.stat_result, root: str) -> tuple[Any, ...]:
    return (path, st.st_size, st.st_dev, st.st_ino, st.st_mtime_ns, root)
