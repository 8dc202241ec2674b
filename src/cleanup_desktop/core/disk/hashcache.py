"""Persistent hash cache: an unchanged file is never hashed twice.

SQLite in the user cache folder. A row is keyed by (device, inode) and is valid only while the
file keeps the same size and mtime_ns: any change of the four makes the row stale, and it is
replaced on the next hash. Keying by inode (like fclones) lets the cache survive renames.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence


from cleanup_desktop.core import paths

if TYPE_CHECKING:
    import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS hashes_v2 (
    dev INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    partial BLOB,
    full BLOB,
    PRIMARY KEY (dev, ino)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS images_v1 (
    dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    phash INTEGER, dhash INTEGER, width INTEGER, height INTEGER, taken TEXT, camera TEXT,
    PRIMARY KEY (dev, ino)
) WITHOUT ROWID;
"""
U64 = (1 << 64) - 1


BUSY_TIMEOUT = 30.0  # seconds


def _sql(n: int) -> Optional[int]:
    """A device or file number as SQLite's signed 64-bit INTEGER (NTFS file ids may use the
    top bit); None for wider ones (ReFS: 128-bit), which are then never cached."""
    if 0 <= n < 1 << 63:
        return n
    if n < 1 << 64:
        return n - (1 << 64)
    return None


def default_cache_path() -> str:
    return os.path.join(paths.cache_dir(), "hashes.sqlite3")


class HashCache:
    """Lookups and stores in batches; used from the scan's coordinating thread only."""

    def __init__(self, path: Optional[str] = None) -> None:
        self.path = path or default_cache_path()
        import sqlite3  # here, not at import: the scan opens the cache only after its walk

        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        try:
            self._db = self._open_shared()
        except sqlite3.OperationalError:
            raise  # busy or unwritable: never a reason to throw another scan's cache away
        except sqlite3.DatabaseError:
            # A damaged cache is only a cache: start a new one.
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.remove(self.path + suffix)
                except FileNotFoundError:
                    pass
            self._db = self._open()
        self._pending: list[tuple[Any, ...]] = []

    def _open_shared(self) -> "sqlite3.Connection":
        """Open, waiting out another scan that is creating or switching the same cache (its
        "database is locked" is an OperationalError, not damage: deleting the file then would
        pull the tables from under the other scan)."""
        import sqlite3
        import time

        for attempt in range(20):
            try:
                return self._open()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == 19:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _open(self) -> "sqlite3.Connection":
        import sqlite3

        # timeout: another scan (or the GUI) writing at the same moment is waited for, not an error
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        db.execute("SELECT count(*) FROM hashes_v2 LIMIT 1").fetchone()
        return db

    def lookup(self, dev: int, keys: Iterable[tuple[int, int, int]]) -> dict[int, tuple[Optional[bytes], Optional[bytes]]]:
        """keys: (ino, size, mtime_ns) on device ``dev``; returns {ino: (partial, full)} for fresh rows.

        The wanted keys go into a temporary table joined on the primary key: one query
        whatever the count, and only rows whose size and mtime still match come back.
        """
        db = self._db
        sdev = _sql(dev)
        if sdev is None:
            return {}
        keys = keys if isinstance(keys, list) else list(keys)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (ino INTEGER PRIMARY KEY, size INTEGER, mtime_ns INTEGER)")
        db.execute("DELETE FROM wanted")
        try:
            db.executemany("INSERT OR REPLACE INTO wanted VALUES (?,?,?)", keys)
        except OverflowError:  # file numbers beyond signed 64 bits (NTFS, ReFS): the slow way
            db.execute("DELETE FROM wanted")
            db.executemany("INSERT OR REPLACE INTO wanted VALUES (?,?,?)",
                           [(i, size, mtime) for ino, size, mtime in keys for i in (_sql(ino),) if i is not None])
        rows = db.execute(
            "SELECT h.ino, h.partial, h.full FROM wanted w JOIN hashes_v2 h "
            "ON h.dev = ? AND h.ino = w.ino AND h.size = w.size AND h.mtime_ns = w.mtime_ns",
            (sdev,),
        )
        wrap = 1 << 64
        found = {ino + wrap if ino < 0 else ino: (partial, full) for ino, partial, full in rows}
        # The TEMP-table writes opened a transaction: end it now. Left open until flush(), its
        # read snapshot would be too old to write once another scan committed (SQLITE_BUSY_SNAPSHOT,
        # which no busy timeout retries): two scans at once would fail with "database is locked".
        db.commit()
        return found

    def store(self, dev: int, ino: int, size: int, mtime_ns: int, partial: Optional[bytes], full: Optional[bytes]) -> None:
        if (dev | ino) >> 63:
            dev, ino = _sql(dev), _sql(ino)  # type: ignore[assignment]
            if dev is None or ino is None:
                return
        self._pending.append((dev, ino, size, mtime_ns, partial, full))
        if len(self._pending) >= 5000:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            # Keep a full digest already known for the same file version when only a partial is stored now.
            self._db.executemany(
                "INSERT INTO hashes_v2 (dev, ino, size, mtime_ns, partial, full) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(dev, ino) DO UPDATE SET "
                "full = CASE WHEN excluded.full IS NULL AND hashes_v2.size = excluded.size "
                "AND hashes_v2.mtime_ns = excluded.mtime_ns THEN hashes_v2.full ELSE excluded.full END, "
                "size = excluded.size, mtime_ns = excluded.mtime_ns, partial = excluded.partial",
                self._pending,
            )
            self._db.commit()
            self._pending.clear()

    # ---- perceptual hashes of photos (scan --similar-images), same key and freshness rule ----
    def lookup_images(self, candidates: Iterable[Sequence[Any]]) -> dict[tuple[int, int], tuple[Any, ...]]:
        """candidates: (path, size, dev, ino, mtime_ns, ...); {(dev, ino): facts} for fresh rows,
        facts being (phash, dhash, width, height, taken, camera), all None for a known non-picture."""
        out: dict[tuple[int, int], tuple[Any, ...]] = {}
        query = ("SELECT phash, dhash, width, height, taken, camera FROM images_v1 "
                 "WHERE dev=? AND ino=? AND size=? AND mtime_ns=?")
        for c in candidates:
            row = self._db.execute(query, (c[2], c[3], c[1], c[4])).fetchone()
            if row is not None:
                ph, dh, w, h, taken, camera = row
                out[(c[2], c[3])] = (None,) * 6 if ph is None else (ph & U64, dh & U64, w, h, taken or "", camera or "")
        return out

    def store_image(self, dev: int, ino: int, size: int, mtime_ns: int, facts: Optional[Sequence[Any]]) -> None:
        ph, dh, w, h, taken, camera = facts if facts is not None else (None,) * 6

        def signed(v: Optional[int]) -> Optional[int]:  # SQLite integers are signed 64-bit
            return None if v is None else (v - (1 << 64) if v >= 1 << 63 else v)

        self._db.execute("INSERT OR REPLACE INTO images_v1 VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (dev, ino, size, mtime_ns, signed(ph), signed(dh), w, h, taken, camera))

    def close(self) -> None:
        self.flush()
        self._db.commit()
        self._db.close()

