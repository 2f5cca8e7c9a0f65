"""clean: the spec's normalisation, and offsets back to the original text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.text.normalize import Normalized, normalize, normalize_with_map

# (original, normalised)
NORMALISE = [
    ("“Quoted” and ‘single’ and it’s", '"Quoted" and \'single\' and it\'s'),
    ("2024–25 — a − b ‒ c ‑ d", "2024-25 - a - b - c - d"),
    ("a\u00a0b\u2009c\u202fd", "a b c d"),
    ("line one\r\nline\ttwo\n\n  three", "line one line two three"),
    ("ﬁnance ﬂow", "finance flow"),                        # NFKC ligatures
    ("Cafe\u0301 e\u0301te\u0301", "Café été"),            # combining accents compose
    ("５％ and ²", "5% and 2"),                              # full-width and superscript digits
    ("Case Stays", "Case Stays"),
]


@pytest.mark.parametrize("original,expected", NORMALISE)
def test_normalize(original: str, expected: str) -> None:
    assert normalize(original) == expected
    assert normalize_with_map(original).text == expected


# (original, a word of the normalised text, where that word starts in the original)
OFFSETS = [
    ("He said “yes” today", "today", 14),
    ("“Quoted” word", "word", 9),
    ("a — b target", "target", 6),
    ("x\u00a0\u00a0\u00a0target", "target", 4),
    ("ﬁnance target", "target", 7),
    ("Cafe\u0301 target", "target", 6),
    ("one\r\n\r\n  two target", "target", 13),
    ("e\u0301e\u0301e\u0301 target", "target", 7),
    ("plain ascii target", "target", 12),
]


@pytest.mark.parametrize("original,word,offset", OFFSETS)
def test_offsets_lead_back_to_the_original(original: str, word: str, offset: int) -> None:
    norm = normalize_with_map(original)
    index = norm.text.index(word)
    assert norm.to_original(index) == offset
    assert original[offset:offset + len(word)] == word


def test_offset_of_a_folded_character_is_its_start() -> None:
    original = "say “hi”"
    norm = normalize_with_map(original)
    assert norm.to_original(norm.text.index('"')) == original.index("“")


_TEXT = st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0“”‘’–—ﬁé\u0301\u200b.5%$")), max_size=60)
# Spaces and line feeds only: the common case, folded by literal searches (no other white space in the text).
_PLAIN = st.text(alphabet=st.sampled_from(list("ab \n.")), max_size=60)


def _marker_found_at_its_offset(prefix: str, suffix: str) -> tuple[str, Normalized]:
    original = prefix + " MARK " + suffix
    norm = normalize_with_map(original)
    assert norm.text == normalize(original)
    assert original[norm.to_original(norm.text.index("MARK")):].startswith("MARK")
    return original, norm


@settings(max_examples=150, deadline=None)
@given(prefix=_TEXT, suffix=_TEXT)
def test_a_marker_word_is_always_found_at_its_original_offset(prefix: str, suffix: str) -> None:
    _marker_found_at_its_offset(prefix, suffix)


@settings(max_examples=150, deadline=None)
@given(prefix=_PLAIN, suffix=_PLAIN)
def test_spaces_and_line_feeds_alone_fold_and_map_back_the_same_way(prefix: str, suffix: str) -> None:
    original, norm = _marker_found_at_its_offset(prefix, suffix)
    for index, char in enumerate(norm.text):      # every character leads back to one it came from
        back = original[norm.to_original(index)]
        assert back == char or (char == " " and back.isspace())
