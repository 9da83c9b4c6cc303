"""Stage: pure text repairs (clean.py): markup, bullets, gaps, split and cut words."""
from __future__ import annotations

import pytest

from actionplan_ingest.clean import (
    Vocabulary,
    clean_text,
    close_gaps,
    collapse_spaces,
    join_cut_cells,
    join_fragments,
    rejoin_split_words,
    starts_with_bullet,
    strip_bullets,
    strip_markup,
)

BULLET = "\uf0b7"  # the private-use glyph Word's Symbol font uses for list bullets


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<i>Microsoft Teams</i> , the", "Microsoft Teams, the"),
        ("(' <i>Your Views Matter</i> ')", "('Your Views Matter')"),
        ("on <i>blended supervision</i> . This", "on blended supervision. This"),
        ("A <b>bold</b> and <I>upper</I> tag", "A bold and upper tag"),
    ],
)
def test_strip_markup(raw, clean):
    assert strip_markup(raw) == clean


@pytest.mark.parametrize("text", ["fewer than <5 people", "a -> b", "x < y and y > z"])
def test_strip_markup_leaves_angle_brackets_that_are_not_tags(text):
    assert strip_markup(text) == text


def test_private_use_bullet_removed():
    assert BULLET not in strip_bullets(f"{BULLET} An Alternative Delivery Format")
    assert clean_text(f"{BULLET} An Alternative Delivery Format") == "An Alternative Delivery Format"
    assert clean_text("\u2022 one \u25aa two") == "one two"


def test_starts_with_bullet():
    assert starts_with_bullet(f"  {BULLET} item")
    assert not starts_with_bullet("item")
    assert not starts_with_bullet("")


def test_collapse_spaces():
    assert collapse_spaces("  a\t b\n\nc  ") == "a b c"


@pytest.mark.parametrize(
    ("raw", "closed"),
    [
        ("decision- making", "decision-making"),
        ("co- ordinated", "co-ordinated"),
        ("telephone- based", "telephone-based"),
        ("one-to- one", "one-to-one"),
        ("10 th December", "10th December"),
        ("the 1 st of May", "the 1st of May"),
        ("18- 25 year olds", "18-25 year olds"),
    ],
)
def test_close_gaps(raw, closed):
    assert close_gaps(raw) == closed


@pytest.mark.parametrize(
    "text",
    [
        "short- and long-term",
        "pre- or post-release",
        "2021 - 2022",  # a spaced dash is punctuation, not a gap
        "Deputy Director - Probation",
        "the 10 things",
    ],
)
def test_close_gaps_leaves_real_spacing(text):
    assert close_gaps(text) == text


def test_rejoin_split_word_known_to_the_document():
    vocabulary = Vocabulary.from_texts(["There must be an explanation of why we cannot agree."])
    assert rejoin_split_words("There mus t be an explanation", vocabulary) == "There must be an explanation"


def test_rejoin_split_word_left_alone_when_the_document_never_uses_the_word():
    vocabulary = Vocabulary.from_texts(["Nothing in this document uses the joined word."])
    assert rejoin_split_words("There mus t be", vocabulary) == "There mus t be"


def test_rejoin_does_not_swallow_a_real_short_word():
    # "to" is a word, so "in to" is not rejoined even though "into" is known.
    vocabulary = Vocabulary.from_texts(["They went into the office."])
    assert rejoin_split_words("went in to the office", vocabulary) == "went in to the office"


def test_clean_text_applies_every_repair():
    vocabulary = Vocabulary.from_texts(["There must be a decision."])
    raw = f"{BULLET} There mus t  be a <i>decision- making</i> , process on 10 th May"
    assert clean_text(raw, vocabulary) == "There must be a decision-making, process on 10th May"


def test_join_fragments_hyphen_joins_without_a_space():
    assert join_fragments("gender-", "specific services") == ("gender-specific services", None)


def test_join_fragments_spaced_dash_keeps_the_space():
    assert join_fragments("2021 -", "2022") == ("2021 - 2022", None)


def test_join_fragments_drops_a_repeated_seam_and_reports_it():
    text, repeated = join_fragments("Evaluate the effectiveness of", "effectiveness of alternative delivery arrangements")
    assert text == "Evaluate the effectiveness of alternative delivery arrangements"
    assert repeated == "effectiveness of"


def test_join_fragments_keeps_a_single_repeated_word():
    # One word repeated at a seam may be real text; only longer repeats are artifacts.
    assert join_fragments("the number of", "of people") == ("the number of of people", None)


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [("", "right", "right"), ("left", "", "left"), ("left  ", "  right", "left right")],
)
def test_join_fragments_edges(left, right, joined):
    assert join_fragments(left, right) == (joined, None)


ADDRESSEE = "Her Majesty's Prison and Probation Service, together with the Community Rehabilitation Companies, should:"


def test_join_cut_cells_repairs_a_cut_spanning_row():
    vocabulary = Vocabulary.from_texts([f"Recommendations to {ADDRESSEE}"])
    text, guesses = join_cut_cells(["Her N", "Majesty's Prison and Pro", "bation Ser", "vice"], vocabulary)
    assert text == "Her Majesty's Prison and Probation Service"
    assert len(guesses) == 1  # dropping the stray "N" is a guess, and is reported
    assert "N" in guesses[0]


def test_join_cut_cells_drops_a_doubled_character():
    vocabulary = Vocabulary.from_texts(["The Community Rehabilitation Companies have agreed."])
    text, guesses = join_cut_cells(["Com", "munity Rehabilitation Co", "ompanies"], vocabulary)
    assert text == "Community Rehabilitation Companies"
    assert len(guesses) == 1


def test_join_cut_cells_without_a_guess_reports_none():
    vocabulary = Vocabulary.from_texts(["Her Majesty's Prison and Probation Service"])
    text, guesses = join_cut_cells(["Her Majesty's Prison and Pro", "bation Service"], vocabulary)
    assert text == "Her Majesty's Prison and Probation Service"
    assert guesses == []


def test_join_cut_cells_keeps_a_word_boundary_between_known_words():
    vocabulary = Vocabulary.from_texts(["Main recommendations to the Governor"])
    text, _ = join_cut_cells(["Main", "Recommendations to the Governor"], vocabulary)
    assert text == "Main Recommendations to the Governor"


def test_vocabulary_knows_words_and_pairs():
    vocabulary = Vocabulary.from_texts(["Deputy Director, Probation Business Recovery Programme"])
    assert vocabulary.knows("Probation")
    assert vocabulary.knows("probation,")
    assert not vocabulary.knows("Psychology")
    assert vocabulary.knows("Ministry")  # the bodies plans are addressed to are always known
    assert vocabulary.knows_pair("Probation", "Business")
    assert not vocabulary.knows_pair("Business", "Probation")


@pytest.mark.parametrize(
    ("text", "closed"),
    [("Pre- Sentence Report", "Pre-Sentence Report"), ("face- to-face", "face-to-face"),
     ("Skype-for- Business", "Skype-for-Business"), ("short- to medium-term", "short- to medium-term")],
)
def test_hyphen_gaps_before_capitals_and_compounds(text, closed):
    assert close_gaps(text) == closed


def test_cut_seam_repair_prefers_the_reading_the_document_uses_most():
    vocabulary = Vocabulary.from_texts(["and and and add"])
    text, guesses = join_cut_cells(["Prison an", "dd Probation"], vocabulary)
    assert text == "Prison and Probation"
    assert guesses
