"""`cleanup-desktop scan`: find duplicates, temp/cache files and large/old files."""

from __future__ import annotations

import argparse
import os
import sys

from cleanup_desktop.cli.common import EXIT_ARGS, fail, number
from cleanup_desktop.cli.progress_bar import ProgressBar, human_bytes
from cleanup_desktop.core.disk.scan import ScanOptions, scan
from cleanup_desktop.core.paths import printable


positive_int = number(int, 1, bad="expected a whole number of bytes, got {text!r}",
                      low="must be at least 1, got {value}")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "scan",
        help="scan folders for duplicates, temp/cache files and large or old files (changes nothing)",
        description="Scan folders for duplicate files, temp/cache files and large or old files. "
        "Nothing is changed: use `plan` and `clean` to act on the result.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="folders to scan")
    p.add_argument("--json", action="store_true", help="print one JSON object (schema cleanup-desktop/scan/1) on stdout")
    p.add_argument("--min-size", type=positive_int, default=1024, metavar="BYTES",
                   help="smallest file considered for duplicates (default 1024; 1 includes every non-empty file)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the hash cache")
    p.add_argument("--paranoid", action="store_true", help="confirm duplicates byte by byte after hashing")
    p.add_argument("--no-temp", action="store_true", help="do not look for temp/cache files")
    p.add_argument("--no-large", action="store_true", help="do not list large and old files")
    p.add_argument("--one-file-system", action="store_true", help="do not cross into other file systems")
    p.add_argument("--exclude", action="append", default=[], metavar="DIR", help="folder to leave out (repeatable)")
    p.add_argument("--system-temp", action="store_true",
                   help="also scan this system's temp and cache locations (user temp, browser caches...)")
    p.add_argument("--large-top", type=positive_int, default=50, metavar="N", help="how many large files to list (default 50)")
    p.add_argument("--large-min", type=positive_int, default=1_000_000, metavar="BYTES",
                   help="smallest size for the large-file list (default 1 MB = 1,000,000 bytes)")
    p.add_argument("--old-days", type=positive_int, default=730, metavar="DAYS",
                   help="files not modified for this many days are listed as old (default 730)")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N", help="reading threads (default: 2-4)")
    p.add_argument("--similar-images", action="store_true",
                   help="also group similar photos (resized, re-compressed copies) by a perceptual hash")
    p.add_argument("--no-folders", action="store_true",
                   help="do not look for empty folders and files, broken links and duplicate folders")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    roots = [os.path.abspath(os.path.expanduser(p)) for p in args.paths]
    if not any(os.path.isdir(root) for root in roots):
        # Nothing at all to scan is a bad argument; a missing folder among others is listed
        # in the result's errors and the scan goes on.
        for root in roots:
            what = "no such folder" if not os.path.exists(root) else "not a folder"
            fail("scan", printable(f"error: {what}: {root}"))
        return EXIT_ARGS
    temp_roots = []
    if args.system_temp and not args.no_temp:
        from cleanup_desktop.core.disk.rules import default_temp_locations

        temp_roots = [path for _rule, path in default_temp_locations() if path not in roots]
    opts = ScanOptions(
        min_size=args.min_size,
        use_cache=not args.no_cache,
        paranoid=args.paranoid,
        temp=not args.no_temp,
        large=not args.no_large,
        old=not args.no_large,
        one_file_system=args.one_file_system,
        extra_excludes=args.exclude,
        large_top=args.large_top,
        large_min_size=args.large_min,
        old_days=args.old_days,
        workers=args.workers,
        temp_roots=temp_roots,
        folders=not args.no_folders,
        similar_images=args.similar_images,
    )
    bar = ProgressBar()
    try:
        result = scan(roots, opts, progress=bar)
    finally:
        bar.close()
    if args.json:
        result.write_json(sys.stdout)
    else:
        print_summary(result.to_dict())
    return 0


class _PrintableOut:
    """stdout where every line is escaped (core.paths.printable): names cannot rewrite the screen."""

    def write(self, text: str) -> None:
        sys.stdout.write("\n".join(printable(line) for line in text.split("\n")))


def print_summary(d: dict) -> None:
    s = d["stats"]
    out = _PrintableOut()
    out.write(f"Scanned {s['files']:,} files ({human_bytes(s['bytes'])}) in {s['seconds']:.1f} s"
              f" - sizes in decimal units (1 GB = 10^9 bytes)\n")
    out.write(f"Duplicates: {len(d['duplicates']):,} groups, {human_bytes(s['wasted'])} could be freed\n")
    for g in d["duplicates"][:10]:
        out.write(f"  {len(g['paths'])} x {human_bytes(g['size'])}: {g['paths'][0]!s}\n")
    temp_bytes = sum(t["allocated"] for t in d["temp"])
    out.write(f"Temp and cache files: {len(d['temp']):,} ({human_bytes(temp_bytes)})\n")
    if d["large"]:
        out.write("Largest files:\n")
        for f in d["large"][:10]:
            out.write(f"  {human_bytes(f['size']):>9}  {f['path']}\n")
    if d["old"]:
        out.write(f"Old files (not modified for a long time): {len(d['old'])}\n")
    for key, label in (("duplicate_folders", "Duplicate folders (groups)"), ("similar_images", "Similar photos (groups)"),
                       ("empty_folders", "Empty folders"), ("empty_files", "Empty files"), ("broken_links", "Broken links")):
        if d.get(key):
            out.write(f"{label}: {len(d[key]):,}\n")
            for item in d[key][:5]:
                out.write(f"  {', '.join(item['paths']) if 'paths' in item else item['path']}\n")
    if d["errors"]:
        out.write(f"{len(d['errors'])} path(s) could not be read:\n")
        for e in d["errors"][:10]:
            out.write(f"  {e['path']}: {e['error']}\n")
    if d.get("cancelled"):
        out.write("The scan was cancelled: these results are partial.\n")
