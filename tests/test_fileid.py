"""core.fileid's rules, stated for every input (hypothesis), per OS semantics."""

from __future__ import annotations

import contextlib
import errno
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.walk import describe_error
from fake_os import FakeStat

numbers = st.integers(min_value=0, max_value=2**64 - 1)
tags = st.one_of(st.sampled_from([0, fileid.IO_REPARSE_TAG_MOUNT_POINT, fileid.IO_REPARSE_TAG_SYMLINK,
                                  fileid.IO_REPARSE_TAG_CLOUD, 0x9000F01A, 0x80000013, 0x8000001B]),
                 st.integers(min_value=0, max_value=2**32 - 1))


@contextlib.contextmanager
def semantics(name: str):
    previous = fileid.use(name)
    try:
        yield
    finally:
        fileid.use(previous.name)


def fake_stat(mode=stat.S_IFREG | 0o644, dev=1, ino=1, attrs=0, tag=0) -> FakeStat:
    st = FakeStat(os.stat(__file__), st_mode=mode, st_dev=dev, st_ino=ino, st_file_attributes=attrs,
                  st_reparse_tag=tag)
    return st


@given(numbers, numbers, numbers, numbers)
def test_a_zero_is_never_an_identity(dev, ino, dev2, ino2):
    a = fileid.identity(fake_stat(dev=dev, ino=ino))
    b = fileid.known(dev2, ino2)
    assert (a is None) == (dev == 0 or ino == 0)
    assert (b is None) == (dev2 == 0 or ino2 == 0)
    assert fileid.same_file(a, b) == (a is not None and (dev, ino) == (dev2, ino2))
    assert fileid.distinct(a, b) == (a is not None and b is not None and (dev, ino) != (dev2, ino2))
    assert not fileid.same_file(None, None) and not fileid.distinct(None, b) and not fileid.distinct(a, None)


def test_recorded_identities_must_be_integers():
    assert fileid.known(True, 5) is None and fileid.known("1", 5) is None and fileid.known(1.0, 5) is None
    assert fileid.known(1, 5) == (1, 5)


@given(st.integers(min_value=0, max_value=0xFFFFFFFF), tags, st.booleans())
def test_links_are_name_surrogates_or_unknown_reparse_points(attrs, tag, symlink):
    mode = (stat.S_IFLNK if symlink else stat.S_IFDIR) | 0o755
    s = fake_stat(mode=mode, attrs=attrs, tag=tag)
    reparse = bool(attrs & fileid.FILE_ATTRIBUTE_REPARSE_POINT)
    expected = symlink or (reparse and (tag == 0 or bool(tag & 0x20000000)))
    assert fileid.is_link(s) == expected
    if reparse and (tag & 0xFFFF0FFF) == fileid.IO_REPARSE_TAG_CLOUD and not symlink:
        assert not fileid.is_link(s)  # OneDrive folders are walked
    hidden_system = fileid.FILE_ATTRIBUTE_HIDDEN | fileid.FILE_ATTRIBUTE_SYSTEM
    assert fileid.skip_dir(s) == (expected or attrs & hidden_system == hidden_system)


def test_junctions_and_symlinks_are_links_cloud_and_dedup_files_are_not():
    reparse = fileid.FILE_ATTRIBUTE_REPARSE_POINT | fileid.FILE_ATTRIBUTE_DIRECTORY
    assert fileid.is_link(fake_stat(stat.S_IFDIR, attrs=reparse, tag=fileid.IO_REPARSE_TAG_MOUNT_POINT))
    assert fileid.is_link(fake_stat(stat.S_IFDIR, attrs=reparse, tag=fileid.IO_REPARSE_TAG_SYMLINK))
    assert not fileid.is_link(fake_stat(stat.S_IFDIR, attrs=reparse, tag=0x9000101A))
    assert fileid.not_offered(fake_stat(attrs=fileid.FILE_ATTRIBUTE_REPARSE_POINT, tag=0x80000013)) is None
    assert fileid.not_offered(fake_stat(attrs=fileid.FILE_ATTRIBUTE_SYSTEM | 0x2)) == "system file"
    assert "online-only" in fileid.not_offered(fake_stat(attrs=fileid.FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS))
    assert fileid.not_offered(fake_stat(attrs=fileid.FILE_ATTRIBUTE_HIDDEN)) is None
    assert fileid.not_offered(os.stat(__file__)) is None  # Linux stat: no attributes


paths = st.lists(st.text(alphabet="abcXYZ é_-.", min_size=1, max_size=40), min_size=1, max_size=12).map(
    lambda parts: "/" + "/".join(parts))


@settings(max_examples=200)
@given(paths)
def test_long_windows_paths_use_the_extended_form(path):
    with semantics("windows"):
        out = fileid.io_path(path)
        if len(path) < fileid.LONG_PATH:
            assert out == path
        else:
            assert out.startswith("\\\\?\\") and fileid.plain_path(out) == os.path.abspath(path)
            assert fileid.io_path(out) == out  # idempotent
            assert fileid.io_path(os.fsencode(path)) == os.fsencode(out)
    with semantics("linux"):
        assert fileid.io_path(path) == path


def test_unc_paths_use_the_unc_extended_form(monkeypatch):
    monkeypatch.setattr(os.path, "abspath", lambda p: p)
    unc = "\\\\server\\share\\" + "d" * 300
    with semantics("windows"):
        assert fileid.io_path(unc) == "\\\\?\\UNC\\server\\share\\" + "d" * 300
        assert fileid.plain_path(fileid.io_path(unc)) == unc


@given(paths)
def test_case_folds_only_where_the_os_ignores_case(path):
    for name in ("windows", "macos"):
        with semantics(name):
            assert fileid.fold(path) == fileid.fold(path.upper()) == fileid.fold(path.lower())
    with semantics("macos"):
        assert fileid.fold(path.replace("é", "e\u0301")) == fileid.fold(path)
    with semantics("linux"):
        assert fileid.fold(path) == path


def test_locked_files_are_named_as_such():
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    assert not fileid.is_locked(exc) and describe_error(exc) == "Permission denied"
    for code in (fileid.ERROR_SHARING_VIOLATION, fileid.ERROR_LOCK_VIOLATION):
        exc.winerror = code
        assert fileid.is_locked(exc) and describe_error(exc) == fileid.LOCKED


def test_with_identity_reads_only_when_missing(tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"x")
    real = os.lstat(f)
    assert fileid.with_identity(real, str(f)) is real
    zeros = FakeStat(real, st_ino=0, st_dev=0, st_nlink=0)
    assert fileid.identity(fileid.with_identity(zeros, str(f))) == (real.st_dev, real.st_ino)


def test_hash_cache_takes_every_file_number(tmp_path):
    """NTFS file ids may have the top bit set (beyond SQLite's signed 64-bit integers) and ReFS
    ids are 128-bit: the cache keeps the first exactly and leaves the second uncached."""
    from cleanup_desktop.core.disk.hashcache import HashCache

    cache = HashCache(str(tmp_path / "c.sqlite3"))
    dev, big, huge = 0xDEADBEEF, (1 << 64) - 5, 1 << 100
    cache.store(dev, big, 10, 123, b"p", b"f")
    cache.store(dev, 7, 10, 123, b"p7", b"f7")
    cache.store(dev, huge, 10, 123, b"ph", b"fh")
    cache.flush()
    assert cache.lookup(dev, [(big, 10, 123), (7, 10, 123), (huge, 10, 123)]) == {big: (b"p", b"f"), 7: (b"p7", b"f7")}
    assert cache.lookup(1 << 70, [(7, 10, 123)]) == {}
    cache.close()
