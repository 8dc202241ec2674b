"""Keep criteria: each one alone, ordered tie-breaking, copy-name detection, bad input."""

import pytest
from hypothesis import given, strategies as st

from cleanup_desktop.core.disk import keep_rules
from cleanup_desktop.core.disk.keep_rules import KeepRuleError, choose_keep, has_copy_suffix, parse_criteria, rank


def f(path, mtime=0, allocated=4096):
    return {"path": path, "mtime_ns": mtime, "allocated": allocated}


FILES = [
    f("/h/docs/report.pdf", mtime=300, allocated=8192),
    f("/h/Downloads/report (1).pdf", mtime=100),
    f("/h/archive/2020/old/report - Copie.pdf", mtime=200),
]


@pytest.mark.parametrize("criterion, expected", [
    ("newest", "/h/docs/report.pdf"),
    ("oldest", "/h/Downloads/report (1).pdf"),
    ("shortest-path", "/h/docs/report.pdf"),
    ("longest-path", "/h/archive/2020/old/report - Copie.pdf"),
    ("least-nested", "/h/Downloads/report (1).pdf"),  # tie on depth with docs: path order breaks it
    ("most-nested", "/h/archive/2020/old/report - Copie.pdf"),
    ("no-copy-suffix", "/h/docs/report.pdf"),
    ("largest-allocated", "/h/docs/report.pdf"),
    ("reference:/h/archive", "/h/archive/2020/old/report - Copie.pdf"),
])
def test_each_criterion_alone(criterion, expected):
    assert choose_keep(FILES, parse_criteria([criterion]))["path"] == expected


def test_criteria_apply_in_order_as_tie_breakers():
    files = [f("/a/x (1).txt", mtime=1), f("/a/b/x.txt", mtime=5), f("/a/x.txt", mtime=5)]
    # no-copy-suffix leaves two; oldest ties them; shortest-path decides
    assert choose_keep(files, parse_criteria(["no-copy-suffix", "oldest", "shortest-path"]))["path"] == "/a/x.txt"
    # oldest first picks the copy-named one
    assert choose_keep(files, parse_criteria(["oldest", "no-copy-suffix"]))["path"] == "/a/x (1).txt"
    assert [x["path"] for x in rank(files, parse_criteria(["newest", "longest-path"]))] == \
        ["/a/b/x.txt", "/a/x.txt", "/a/x (1).txt"]


def test_default_order_is_no_copy_suffix_then_oldest_then_shortest():
    assert [c.name for c in parse_criteria(None)] == ["no-copy-suffix", "oldest", "shortest-path"]
    files = [f("/a/photo (2).jpg", mtime=1), f("/a/z/photo.jpg", mtime=9), f("/a/photo.jpg", mtime=9)]
    assert choose_keep(files, parse_criteria([]))["path"] == "/a/photo.jpg"


@pytest.mark.parametrize("name", ["report (1).pdf", "report(2).pdf", "report - Copy.docx", "rapport - Copie (3).docx",
                                  "Copy of notes.txt", "Copie de notes.txt", "notes_copy.txt", "notes copy 2.txt",
                                  "photo (copy).jpg", "photo (autre copie).jpg", "photo (3rd copy).jpg",
                                  "Bericht - Kopie.odt", "slides-copy1.pptx"])
def test_copy_names_are_recognised(name):
    assert has_copy_suffix("/x/" + name)


@pytest.mark.parametrize("name", ["report.pdf", "report 2021.pdf", "copyright.txt", "scopy.txt", "budget (final).xlsx",
                                  "Copying.md", "photocopy.pdf"])
def test_ordinary_names_are_not_copies(name):
    assert not has_copy_suffix("/x/" + name)


def test_reference_folder_is_a_folder_not_a_name_prefix():
    files = [f("/data/photos-old/a.jpg", mtime=1), f("/data/photos/a.jpg", mtime=2)]
    assert choose_keep(files, parse_criteria(["reference:/data/photos", "oldest"]))["path"] == "/data/photos/a.jpg"
    assert keep_rules.reference_dirs(parse_criteria(["reference:/data/photos"])) == ["/data/photos"]


@pytest.mark.parametrize("bad", ["biggest", "reference:", "", "newest;rm"])
def test_unknown_criteria_are_refused_with_the_list(bad):
    with pytest.raises(KeepRuleError) as exc:
        parse_criteria([bad])
    assert "newest" in str(exc.value) or "reference" in str(exc.value)


def test_shipped_copy_patterns_are_validated_against_their_examples():
    assert len(keep_rules.copy_name_patterns()) >= 5


names = st.text(alphabet="abcxyz (1)-_.", min_size=1, max_size=12)
file_st = st.builds(lambda n, d, m, a: f(f"/r/{d}/{n}", m, a), names, st.sampled_from(["a", "a/b", "c"]),
                    st.integers(0, 5), st.integers(0, 3))


@given(st.lists(file_st, min_size=1, max_size=6, unique_by=lambda x: x["path"]),
       st.lists(st.sampled_from(sorted(keep_rules._SIMPLE)), max_size=4))
def test_choice_is_one_of_the_group_and_independent_of_input_order(files, criteria):
    crit = parse_criteria(criteria)
    kept = choose_keep(files, crit)
    assert kept in files
    assert choose_keep(list(reversed(files)), crit) is kept or choose_keep(list(reversed(files)), crit) == kept
