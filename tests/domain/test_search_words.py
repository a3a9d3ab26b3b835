"""The words a search matches and the full-text queries built from them (issue 15 #1)."""

from __future__ import annotations

from tracker.domain.search import (
    MAX_QUERY_WORDS,
    MAX_WORD_LENGTH,
    document,
    fts5_match,
    query_words,
    tsquery,
    words,
)

KAZAKH_CAPITALS = "ӘҒҚҢӨҰҮҺІ"
KAZAKH_SMALL = "әғқңөұүһі"


def test_words_are_folded_runs_of_letters_and_digits() -> None:
    assert words("EU–Kazakhstan EPCA (2015)") == ["eu", "kazakhstan", "epca", "2015"]
    assert words("Соглашение о ПАРТНЁРСТВЕ, раунд №3") == [
        "соглашение",
        "о",
        "партнёрстве",
        "раунд",
        "no3",  # NFKC spells the numero sign "No", as names are folded
    ]
    assert words("“Round” 3/4; e-mail@x") == ["round", "3", "4", "e", "mail", "x"]
    assert words("") == [] and words(" — ") == []


def test_kazakh_letters_fold_to_their_own_small_letters_never_to_russian_ones() -> None:
    assert words(KAZAKH_CAPITALS) == [KAZAKH_SMALL]
    assert words("ҚАЗАҚСТАН Республикасы") == ["қазақстан", "республикасы"]
    # no accent stripping: Қ is not К, Ә is not А, Ү is not У, І is not И
    assert words("Қ Ә Ү І") == ["қ", "ә", "ү", "і"]
    assert words("Қазақстан") != words("Казахстан")


def test_dotted_and_dotless_i_fold_as_in_names() -> None:
    assert words("İSTANBUL ıs") == ["istanbul", "is"]


def test_combining_marks_stay_inside_their_word() -> None:
    # NFKC composes what it can; a mark with no precomposed letter stays in the word
    assert words("Ә") == ["ә"] and words("А\u0308дам") == ["ӓдам"]
    assert words("q\u0307x y") == ["q\u0307x", "y"]


def test_a_document_keeps_each_word_once_in_order() -> None:
    assert document("EPCA visa", None, "", "Visa facilitation (EPCA)") == "epca visa facilitation"
    assert document(None, "") == ""


def test_overlong_words_are_cut_alike_in_index_and_query() -> None:
    long = "ж" * (MAX_WORD_LENGTH + 50)
    assert words(long) == ["ж" * MAX_WORD_LENGTH]
    assert query_words(long) == words(document(long))


def test_a_query_keeps_distinct_words_up_to_the_limit() -> None:
    assert query_words("Visa visa VISA agreement") == ["visa", "agreement"]
    many = " ".join(f"w{i}" for i in range(MAX_QUERY_WORDS + 5))
    assert query_words(many) == [f"w{i}" for i in range(MAX_QUERY_WORDS)]
    assert query_words("*** ' \" ( )") == []


def test_match_expressions_quote_every_word_as_a_prefix() -> None:
    assert fts5_match(["epca", "тре"]) == '"epca"* "тре"*'
    # operators of either syntax are words once quoted
    assert fts5_match(query_words("visa OR NOT near")) == '"visa"* "or"* "not"* "near"*'
    assert tsquery(["epca", "қаз"]) == "'epca':* & 'қаз':*"
    assert tsquery(query_words("a & b | !c <-> 'd'")) == "'a':* & 'b':* & 'c':* & 'd':*"
