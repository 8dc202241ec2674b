#!/usr/bin/env python3
"""Generate a seeded, workstation-like file tree for the disk-scan benchmark.

The same seed and options always give the same tree (names, sizes, contents, mtimes, links).
What it holds, on purpose:

- many small files (source trees, node_modules-like packages, config and cache files),
  documents, photos, some music and a few videos of tens of MB;
- duplicate groups of 2-5 copies spread over other folders (Downloads, backups, Desktop...);
- same-size "near duplicates" that differ only in the middle byte or only in the last byte
  (they defeat head/tail sampling and must be told apart by a full comparison);
- hard links (to singletons and to members of duplicate groups), symlinks (to files, to
  directories, dangling, and a loop), empty files by the thousand;
- names with spaces, accents, emoji and non-UTF-8 bytes (Latin-1 names as old archives have).

Next to the tree it writes ``manifest.json``: the options, counts and the expected duplicate
groups (non-empty regular files with the same content, one path per inode), computed from
the bytes the generator wrote. Paths in the manifest are ``os.fsdecode`` strings.

Usage:
    python bench/gen_tree.py OUTDIR [--seed 42] [--files 50000] [--size-scale 1.0] [--tiny]
The tree goes to OUTDIR/tree (OUTDIR must not exist or be empty, unless --force).
``--files 1000000 --tiny`` makes a million small files (0-4 KiB) for memory measurements.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass, field

POOL_SIZE = 64 << 20  # random bytes every file's content is cut from
EPOCH_2014 = 1388534400
EPOCH_2026 = 1767225600

# A common leading block per file type: real files of one type share their first bytes,
# so "differs in the first byte" is not what tells most same-size files apart.
TYPE_HEADERS = {
    "photo": b"\xff\xd8\xff\xe1\x10\x00Exif\x00\x00MM\x00*" + bytes(range(256)) * 2,
    "video": b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + bytes(200),
    "music": b"ID3\x04\x00\x00\x00\x00\x10\x00TIT2" + bytes(300),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "office": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml" + bytes(64),
}


@dataclass
class Plan:
    """Counts derived from --files (and --tiny)."""

    files: int
    tiny: bool
    size_scale: float
    empties: int = 0
    dup_extra: int = 0
    near_sets: int = 0
    hardlinks: int = 0
    symlinks: int = 0
    photos: int = 0
    videos: int = 0
    music: int = 0
    docs: int = 0
    weird: int = 0
    small: int = 0

    def __post_init__(self) -> None:
        f = self.files
        self.empties = max(5, round(f * (0.03 if self.tiny else 0.04)))
        self.dup_extra = max(8, round(f * 0.13))
        self.near_sets = max(3, round(f * 0.006))
        self.hardlinks = max(4, round(f * 0.02))
        self.symlinks = max(6, round(f * 0.01))
        self.weird = max(12, min(400, round(f * 0.004)))
        if self.tiny:
            self.photos = self.videos = self.music = 0
            self.docs = round(f * 0.10)
        else:
            self.photos = max(2, round(f * 0.009))
            self.videos = max(1, round(f * 0.00024))
            self.music = max(1, round(f * 0.0012))
            self.docs = max(4, round(f * 0.10))
        near_files = self.near_sets * 4  # about 4 files per near-duplicate set
        rest = f - (self.empties + self.dup_extra + near_files + self.weird + self.photos
                    + self.videos + self.music + self.docs)
        self.small = max(10, rest)


@dataclass
class Tree:
    root: bytes
    rng: random.Random
    pool: bytes
    next_id: int = 0
    # content digest -> list of (path, inode key) for expected groups
    by_digest: dict = field(default_factory=dict)
    regular: list = field(default_factory=list)  # non-empty regular files (bytes paths)
    dirs: list = field(default_factory=list)
    n_regular: int = 0
    n_bytes: int = 0
    n_empty: int = 0
    n_hardlinks: int = 0
    n_symlinks: int = 0
    mtime_range: tuple = (EPOCH_2014, EPOCH_2026)

    def content(self, size: int, kind: str | None) -> bytes:
        """Unique content of ``size`` bytes: type header, a unique id, then pool bytes."""
        self.next_id += 1
        head = TYPE_HEADERS.get(kind, b"") + self.next_id.to_bytes(8, "little")
        if size <= 8 and not kind:
            off = self.rng.randrange(POOL_SIZE - 16)
            return self.pool[off:off + size]
        body = size - len(head)
        if body <= 0:
            return head[:size]
        off = self.rng.randrange(POOL_SIZE - min(body, POOL_SIZE - 1))
        if body <= POOL_SIZE - off:
            return head + self.pool[off:off + body]
        reps = body // POOL_SIZE + 1  # only for files larger than the pool
        return head + (self.pool * reps)[off:off + body]

    def write(self, path: bytes, data: bytes, mtime: int | None = None) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        if mtime is None:
            mtime = self.rng.randrange(*self.mtime_range)
        os.utime(path, ns=(mtime * 1_000_000_000, mtime * 1_000_000_000 + 123))
        if data:
            digest = hashlib.blake2b(data, digest_size=16).digest()
            self.by_digest.setdefault(digest, []).append(path)
            self.regular.append(path)
            self.n_regular += 1
            self.n_bytes += len(data)
        else:
            self.n_empty += 1

    def mkdir(self, *parts: bytes) -> bytes:
        path = os.path.join(self.root, *parts)
        os.makedirs(path, exist_ok=True)
        self.dirs.append(path)
        return path

    def unique_name(self, directory: bytes, name: bytes) -> bytes:
        path = os.path.join(directory, name)
        if not os.path.lexists(path):
            return path
        stem, ext = os.path.splitext(name)
        n = 2
        while True:
            path = os.path.join(directory, b"%s (%d)%s" % (stem, n, ext))
            if not os.path.lexists(path):
                return path
            n += 1


def lognormal_size(rng: random.Random, median: float, sigma: float, lo: int, hi: int) -> int:
    return int(min(hi, max(lo, rng.lognormvariate(0.0, sigma) * median)))


WORDS = [b"rapport", b"budget", b"notes", b"projet", b"compte-rendu", b"facture", b"devis",
         b"planning", b"presentation", b"contrat", b"draft", b"minutes", b"invoice", b"report",
         b"bilan", b"reunion", b"specs", b"export", b"archive", b"old", b"final", b"v2"]
CODE_EXT = [b".py", b".js", b".json", b".md", b".txt", b".css", b".html", b".ts", b".yml",
            b".c", b".h", b".map", b".d.ts", b".cfg", b".xml", b".svg", b".lock"]


def make_dirs(t: Tree, plan: Plan) -> dict[str, list[bytes]]:
    rng = t.rng
    d: dict[str, list[bytes]] = {}
    years = list(range(2014, 2026))
    d["photos"] = [t.mkdir(b"Pictures", str(y).encode(), b"%02d" % m)
                   for y in years for m in (1, 4, 7, 8, 12)]
    d["videos"] = [t.mkdir(b"Videos"), t.mkdir(b"Videos", b"Vacances 2023")]
    d["music"] = [t.mkdir(b"Music", a, b) for a, b in
                  ((b"Artiste", b"Album 1"), (b"Band", b"Live"), (b"Compil", b"Best of"))]
    n_doc_dirs = max(4, plan.docs // 40)
    d["docs"] = [t.mkdir(b"Documents", rng.choice([b"Projets", b"Rapports", b"Factures",
                                                    b"Administratif", b"Clients"]),
                         b"%s %d" % (rng.choice(WORDS), i)) for i in range(n_doc_dirs)]
    n_code_dirs = max(6, plan.small // 45)
    code: list[bytes] = []
    for i in range(n_code_dirs):
        repo = b"repo%02d" % (i % 23)
        if i % 3 == 0:
            parts = (b"src", repo, b"node_modules", b"pkg-%d" % (i // 3), b"lib")
        elif i % 3 == 1:
            parts = (b"src", repo, b"src", b"module%d" % i)
        else:
            parts = (b".cache", b"app%d" % (i % 7), b"%02x" % (i % 256), b"%d" % i)
        code.append(t.mkdir(*parts))
    d["small"] = code
    d["dup_targets"] = [t.mkdir(b"Downloads"), t.mkdir(b"Desktop"),
                        t.mkdir(b"Backup", b"Copie de Documents"),
                        t.mkdir(b"Backup", b"old laptop", b"Pictures"),
                        t.mkdir(b"Documents", b"A trier"),
                        t.mkdir(b"src", b"vendor-copy", b"node_modules")]
    d["weird"] = [t.mkdir(b"Documents", "Divers \u00e9t\u00e9 \U0001f4c1".encode()),
                  t.mkdir(b"Archives", b"Ancien syst\xe8me")]  # Latin-1 directory name
    return d


def gen_files(t: Tree, plan: Plan, dirs: dict[str, list[bytes]]) -> None:
    rng = t.rng
    s = plan.size_scale
    mb = 1 << 20
    if plan.tiny:
        small_sz = lambda: lognormal_size(rng, 600, 1.1, 1, 4096)  # noqa: E731
        doc_sz = small_sz
    else:
        small_sz = lambda: lognormal_size(rng, 1800, 1.3, 1, 256 << 10)  # noqa: E731
        doc_sz = lambda: lognormal_size(rng, 30_000 * s, 1.2, 200, int(6 * mb * s) + 300)  # noqa: E731

    for i in range(plan.photos):
        folder = rng.choice(dirs["photos"])
        year = int(os.path.basename(os.path.dirname(folder)))
        size = int(rng.uniform(1.0, 4.5) * mb * s) + 700
        mtime = rng.randrange(EPOCH_2014 + (year - 2014) * 31_536_000,
                              EPOCH_2014 + (year - 2013) * 31_536_000)
        ext = b".jpg" if i % 5 else b".JPG"
        t.write(t.unique_name(folder, b"IMG_%04d%s" % (1000 + i, ext)),
                t.content(size, "photo"), mtime)
    for i in range(plan.videos):
        size = int(rng.uniform(10, 50) * mb * s) + 300
        t.write(t.unique_name(rng.choice(dirs["videos"]), b"VID_%04d.mp4" % i),
                t.content(size, "video"))
    for i in range(plan.music):
        size = int(rng.uniform(3, 8) * mb * s) + 400
        t.write(t.unique_name(rng.choice(dirs["music"]), b"%02d - Piste %d.mp3" % (i % 20, i)),
                t.content(size, "music"))
    for i in range(plan.docs):
        kind = rng.choice(["pdf", "office", "office", None])
        ext = {"pdf": b".pdf", "office": rng.choice([b".docx", b".xlsx", b".pptx"]),
               None: rng.choice([b".txt", b".csv", b".md"])}[kind]
        name = b"%s %s%s" % (rng.choice(WORDS), str(2014 + i % 12).encode() + b"-%03d" % i, ext)
        t.write(t.unique_name(rng.choice(dirs["docs"]), name), t.content(doc_sz(), kind))
    code_dirs = dirs["small"]
    per_dir = max(1, plan.small // len(code_dirs))
    for i in range(plan.small):
        folder = code_dirs[min(len(code_dirs) - 1, i // per_dir)]
        name = b"f%d_%s%s" % (i, rng.choice(WORDS), rng.choice(CODE_EXT))
        t.write(t.unique_name(folder, name), t.content(small_sz(), None))
    # Names a workstation really has: spaces, accents, emoji, Latin-1 bytes, quotes, dashes.
    names = [b"caf\xe9.txt", b"R\xe9sum\xe9 (copie).doc", b"\xc9t\xe9 2019.jpg",
             b"\xff\xfe\xfdbinary.dat", b"na\xefve \x80\x81.bin",
             "d\u00e9j\u00e0 vu.txt".encode(), "\u65e5\u672c\u8a9e.md".encode(),
             "\U0001f600 smile.png".encode(), b"it's \"quoted\".txt", b"-dash-first.txt",
             b"tab\there.txt", b"trailing space .txt", b" leading space.txt", b"#hash%pct&amp.txt"]
    for i in range(plan.weird):
        base = names[i % len(names)]
        name = base if i < len(names) else b"%d %s" % (i, base)
        t.write(t.unique_name(rng.choice(dirs["weird"]), name), t.content(small_sz(), None))


def gen_duplicates(t: Tree, plan: Plan, dirs: dict[str, list[bytes]]) -> None:
    """Extra copies (1 to 4) of existing files, so groups have 2 to 5 members."""
    rng = t.rng
    sources = list(t.regular)
    rng.shuffle(sources)  # each source is copied at most once: groups stay within 2-5
    by_kind_big = sorted((p for p in sources if os.path.getsize(p) >= (1 << 20)),
                         key=lambda p: -os.path.getsize(p))
    targets = dirs["dup_targets"] + dirs["small"][: max(1, len(dirs["small"]) // 4)]
    made = 0
    big_groups = 0
    while made < plan.dup_extra:
        copies = rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0]
        # Big files (photos, a video, music) are copied now and then, small files mostly.
        if by_kind_big and big_groups < max(1, len(by_kind_big) // 12) and rng.random() < 0.04:
            # The first big group is the largest file (a video when there is one).
            src = by_kind_big.pop(rng.randrange(len(by_kind_big)) if big_groups else 0)
            big_groups += 1
            if src in sources:
                sources.remove(src)
        elif sources:
            src = sources.pop()
        else:
            break
        with open(src, "rb") as fh:
            data = fh.read()
        mtime = int(os.stat(src).st_mtime)
        name = os.path.basename(src)
        for _ in range(copies):
            folder = rng.choice(targets)
            copy_name = name if rng.random() < 0.6 else b"Copie de " + name
            t.write(t.unique_name(folder, copy_name), data, mtime + rng.randrange(0, 86400 * 30))
            made += 1


def gen_near_duplicates(t: Tree, plan: Plan, dirs: dict[str, list[bytes]]) -> None:
    """Same-size files differing only in the middle byte or only in the last byte."""
    rng = t.rng
    folders = dirs["docs"] + dirs["dup_targets"]
    for i in range(plan.near_sets):
        if plan.tiny:
            size = rng.randrange(3, 4096)
        else:
            size = rng.choice([rng.randrange(3, 4096), rng.randrange(4096, 64 << 10),
                               rng.randrange(64 << 10, 1 << 20)])
            size = max(3, int(size * min(1.0, plan.size_scale * 4)))
        base = bytearray(t.content(size, None))
        mid = bytearray(base)
        mid[size // 2] ^= 0xFF
        last = bytearray(base)
        last[-1] ^= 0x01
        variants = [(b"base", bytes(base)), (b"mid", bytes(mid)), (b"last", bytes(last))]
        # Some variants exist twice, so a correct tool reports them as a pair.
        extra = rng.choice([0, 1, 2])
        members = variants + [variants[j] for j in rng.sample(range(3), extra)]
        for tag, data in members:
            folder = rng.choice(folders)
            t.write(t.unique_name(folder, b"near%d-%s.bin" % (i, tag)), data)


def gen_empties(t: Tree, plan: Plan, dirs: dict[str, list[bytes]]) -> None:
    rng = t.rng
    folders = dirs["small"] + dirs["docs"]
    for i in range(plan.empties):
        name = rng.choice([b"__init__.py", b".gitkeep", b"empty%d.txt" % i, b"lock", b".keep"])
        t.write(t.unique_name(rng.choice(folders), name), b"")


def gen_links(t: Tree, plan: Plan, dirs: dict[str, list[bytes]]) -> None:
    rng = t.rng
    folders = dirs["small"] + dirs["docs"] + dirs["dup_targets"]
    for i in range(plan.hardlinks):
        src = rng.choice(t.regular)
        dst = t.unique_name(rng.choice(folders), b"hardlink%d-%s" % (i, os.path.basename(src)))
        os.link(src, dst)
        t.n_hardlinks += 1
    special = [
        (b"dangling-link", b"does/not/exist"),
        (b"loop-a", b"loop-b"),
        (b"loop-b", b"loop-a"),
        (b"link-to-root", t.root),
        (b"link-to-pictures", os.path.join(t.root, b"Pictures")),
        (b"link-to-parent", b".."),
    ]
    home_links = t.mkdir(b"Links")
    for name, target in special:
        os.symlink(target, os.path.join(home_links, name))
        t.n_symlinks += 1
    for i in range(plan.symlinks - len(special)):
        src = rng.choice(t.regular)
        folder = rng.choice(folders)
        target = src if i % 2 else os.path.relpath(src, folder)
        os.symlink(target, t.unique_name(folder, b"symlink%d-%s" % (i, os.path.basename(src))))
        t.n_symlinks += 1


def expected_groups(t: Tree) -> list[list[str]]:
    """Groups of same-content non-empty files, one path per inode (first name seen)."""
    groups = []
    for paths in t.by_digest.values():
        if len(paths) > 1:
            groups.append(sorted(os.fsdecode(p) for p in paths))
    groups.sort()
    return groups


def generate(outdir: str, seed: int = 42, files: int = 50_000, size_scale: float = 1.0,
             tiny: bool = False, force: bool = False, quiet: bool = False) -> dict:
    """Build OUTDIR/tree and OUTDIR/manifest.json; return the manifest."""
    out = os.fsencode(os.path.abspath(outdir))
    root = os.path.join(out, b"tree")
    if os.path.lexists(root):
        if not force:
            raise SystemExit(f"{os.fsdecode(root)} exists (use --force to replace it)")
        shutil.rmtree(root)
    os.makedirs(root)
    started = time.monotonic()
    rng = random.Random(seed)
    pool = random.Random(seed * 7919 + 1).randbytes(POOL_SIZE)
    plan = Plan(files=files, tiny=tiny, size_scale=size_scale)
    t = Tree(root=root, rng=rng, pool=pool)
    dirs = make_dirs(t, plan)
    for step in (gen_files, gen_duplicates, gen_near_duplicates, gen_empties, gen_links):
        step(t, plan, dirs)
        if not quiet:
            print(f"  {step.__name__}: {t.n_regular + t.n_empty} files, "
                  f"{t.n_bytes / 1e9:.2f} GB, {time.monotonic() - started:.1f} s", file=sys.stderr)
    groups = expected_groups(t)
    manifest = {
        "schema": "cleanup-desktop/bench-tree/1",
        "params": {"seed": seed, "files": files, "size_scale": size_scale, "tiny": tiny},
        "root": os.fsdecode(root),
        "counts": {
            "regular_files": t.n_regular, "empty_files": t.n_empty, "bytes": t.n_bytes,
            "hardlinks": t.n_hardlinks, "symlinks": t.n_symlinks, "dirs": len(t.dirs),
            "entries": t.n_regular + t.n_empty + t.n_hardlinks + t.n_symlinks,
            "duplicate_groups": len(groups),
            "duplicate_files": sum(len(g) for g in groups),
        },
        "seconds": round(time.monotonic() - started, 2),
        "expected_groups": groups,
    }
    with open(os.path.join(out, b"manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=True)
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("outdir", help="directory for tree/ and manifest.json")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--files", type=int, default=50_000, help="regular files (default 50000)")
    p.add_argument("--size-scale", type=float, default=1.0,
                   help="multiply sizes of documents, photos, music, videos (default 1.0, ~3 GB)")
    p.add_argument("--tiny", action="store_true", help="only small files (0-4 KiB), for RSS runs")
    p.add_argument("--force", action="store_true", help="replace an existing tree")
    args = p.parse_args(argv)
    m = generate(args.outdir, args.seed, args.files, args.size_scale, args.tiny, args.force)
    print(json.dumps({"root": m["root"], **m["counts"], "seconds": m["seconds"]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
