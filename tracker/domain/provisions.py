"""The provisions of a negotiating text (issue 17): their kinds, their statuses, the rule
that a provision with brackets cannot be agreed, and the progress of a text per round.

A provision's text may be held in several languages side by side (``{"en": ..., "ru":
...}``); every language version counts. Pure: no Flask, no session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from tracker.domain import brackets, footnotes
from tracker.domain.messages import N_, Message, counted_message
from tracker.domain.refusals import ServiceError


class ProvisionKind(StrEnum):
    PREAMBLE = "preamble"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    ANNEX = "annex"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ProvisionStatus(StrEnum):
    """Open until both sides accept it. "Agreed ad referendum": accepted by the
    negotiators subject to confirmation by their principals; "confirmed": that reservation
    lifted; "agreed": accepted outright."""

    OPEN = "open"
    AGREED_AD_REFERENDUM = "agreed_ad_referendum"
    CONFIRMED = "confirmed"
    AGREED = "agreed"
    DELETED = "deleted"
    PARKED = "parked"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


#: the statuses that say both sides accept the text: none may hold a bracket
ACCEPTED = frozenset(
    {ProvisionStatus.AGREED_AD_REFERENDUM, ProvisionStatus.CONFIRMED, ProvisionStatus.AGREED}
)
#: still to negotiate
UNSETTLED = frozenset({ProvisionStatus.OPEN, ProvisionStatus.PARKED})

#: the languages a provision's text may be held in (ISO 639-1)
LANGUAGES = ("en", "ru", "kk")

#: what the name of a table's column may say for each language of LANGUAGES, in English,
#: Russian and Kazakh (lower case; the exports' own names among them)
LANGUAGE_NAMES = {
    "en": ("english", "английский", "английский язык", "ағылшын", "ағылшын тілі", "ағылшынша"),
    "ru": ("russian", "русский", "русский язык", "орыс", "орыс тілі", "орысша"),
    "kk": ("kazakh", "казахский", "казахский язык", "қазақ", "қазақ тілі", "қазақша"),
}
#: words a column's name may add to a language's ("English text", «Русский текст»)
_NAME_FILLERS = frozenset({"text", "version", "текст", "мәтін", "мәтіні"})


def language_named(name: str) -> str | None:
    """The language (of LANGUAGES) a column's name says ("English", «Русский», «Қазақ
    тілі», "Russian text", "RU"), or None for a name that is not a language's."""
    words = [w for w in name.casefold().replace(":", " ").replace(".", " ").split()]
    said = " ".join(w for w in words if w not in _NAME_FILLERS)
    for language, names in LANGUAGE_NAMES.items():
        if said == language or said in names:
            return language
    return None


def languages_held(texts: Iterable[Mapping[str, str]]) -> list[str]:
    """The languages (of LANGUAGES, in that order) in which any of `texts` (one mapping
    language -> text per provision) holds text."""
    held = {language for one in texts for language, text in one.items() if text.strip()}
    return [language for language in LANGUAGES if language in held]


def text_in(texts: Mapping[str, str], language: str) -> tuple[str | None, str]:
    """(the language given, its text): the provision's text in `language` if it holds
    any; else its text in the first other language that does (LANGUAGES order), so that
    an export in `language` says which text follows instead of leaving the provision
    empty; (None, "") when it holds no text at all."""
    if texts.get(language, "").strip():
        return language, texts[language]
    for other in LANGUAGES:
        if texts.get(other, "").strip():
            return other, texts[other]
    return None, ""


def bracket_count(texts: Mapping[str, str]) -> int:
    """A provision's bracketed passages: those of its text, counted once, as the largest
    count among its language versions (language code -> text). The versions are one text
    in several languages, so a translation carrying the same brackets is no new bracket
    (issue 17, re-check). The one rule of every count: the provision, the text's lead,
    the progress per round, the comparison, the weekly report, the API. Raises
    BracketError."""
    return max((brackets.count(text) for text in texts.values()), default=0)


def languages_with_brackets(texts: Mapping[str, str]) -> list[str]:
    """The languages (of LANGUAGES, in that order) whose version of the text holds a
    bracket; a version whose brackets cannot be read is left out (said on its field)."""
    held = []
    for language in LANGUAGES:
        try:
            if brackets.count(texts.get(language, "")):
                held.append(language)
        except brackets.BracketError:
            continue
    return held


#: a language's name in a sentence (translated where it is said)
LANGUAGE_WORDS = {"en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh")}

#: a list of one, two or three languages' names
_LISTED = (N_("%(a)s"), N_("%(a)s and %(b)s"), N_("%(a)s, %(b)s and %(c)s"))


def languages_said(languages: list[str]) -> Message:
    """The names of `languages` (codes of LANGUAGES, one to three) as a list in a
    sentence ("English and Russian"), each translated where it is said."""
    names = [Message(LANGUAGE_WORDS[code]) for code in languages]
    return Message(_LISTED[len(names) - 1], **dict(zip("abc", names, strict=False)))


#: a bracket problem in one language's column of a side-by-side Word file, said with the
#: column's language ("Russian text: a bracket is opened inside another bracket (line 2,
#: column 5) ...")
IN_COLUMN = {
    "en": N_("English text: %(problem)s"),
    "ru": N_("Russian text: %(problem)s"),
    "kk": N_("Kazakh text: %(problem)s"),
}


def read_count(text: str, columns: Mapping[str, str] | None) -> tuple[int, Message | None]:
    """(bracketed passages, None) of a provision read from a file: its `text` (the
    language the import is in) and `columns` (a side-by-side file: language of
    LANGUAGES -> its column's text), or (0, why) for the first text whose brackets
    cannot be read; a column's problem names its language (IN_COLUMN), its line and
    column counted in that column's text. The count is bracket_count's rule: the largest
    among the texts."""
    total = 0
    for language, one in [*(columns or {}).items(), ("", text)]:
        try:
            total = max(total, brackets.count(one))
        except brackets.BracketError as error:
            if language in IN_COLUMN:
                return 0, Message(IN_COLUMN[language], problem=error.message)
            return 0, error.message
    return total, None


def check_texts(texts: Mapping[str, str]) -> int:
    """The bracket count of `texts` (bracket_count's rule: the largest among the language
    versions), or a ServiceError naming the language version whose brackets (nested, never
    closed...) or footnotes (a marker without its note, a note without its marker) cannot
    be read, on the field of that language."""
    total = 0
    for language, text in texts.items():
        try:
            total = max(total, brackets.count(text))
            footnotes.check(text)
        except (brackets.BracketError, footnotes.FootnoteError) as error:
            raise ServiceError(
                N_("Text (%(language)s): %(problem)s"),
                field=f"text_{language}",
                language=language,
                problem=error.message,
            ) from error
    return total


def check_status(status: ProvisionStatus, texts: Mapping[str, str]) -> None:
    """Refuse an accepted status (agreed ad referendum, confirmed, agreed) while any
    language version holds a bracket. Raises ServiceError on the field "status"."""
    if status not in ACCEPTED:
        return
    remaining = check_texts(texts)  # bracket_count's rule: a translation adds none
    if remaining:  # any language version with a bracket is refused
        raise ServiceError(
            counted_message(
                "A provision with bracketed text cannot be agreed: %(num)s bracketed "
                "passage remains. Settle or remove the brackets first, in every language "
                "(language versions with brackets: %(languages)s).",
                "A provision with bracketed text cannot be agreed: %(num)s bracketed "
                "passages remain. Settle or remove the brackets first, in every language "
                "(language versions with brackets: %(languages)s).",
                num=remaining,
                languages=languages_said(languages_with_brackets(texts)),
            ),
            field="status",
        )


def check_move(before: ProvisionStatus | None, after: ProvisionStatus) -> None:
    """Refuse "confirmed" unless the provision was agreed ad referendum (or confirmed
    already): confirming lifts the ad referendum reservation, so there must be one.
    `before` is None for a new provision. Raises ServiceError on the field "status"."""
    if after is ProvisionStatus.CONFIRMED and before not in (
        ProvisionStatus.AGREED_AD_REFERENDUM,
        ProvisionStatus.CONFIRMED,
    ):
        raise ServiceError(
            N_(
                "Only a provision agreed ad referendum can be confirmed: mark it agreed ad "
                "referendum first."
            ),
            field="status",
        )


@dataclass(frozen=True)
class Progress:
    """A text as it stood after a round: provisions agreed (any accepted status), open
    (open or parked), and bracketed passages remaining."""

    label: str
    agreed: int
    open: int
    brackets: int


def brackets_remaining(states: Iterable[tuple[ProvisionStatus, int]]) -> int:
    """The bracketed passages remaining in one state of the text, from its (status,
    bracket count) pairs: a deleted provision's brackets are not remaining (the one rule
    of the text's page, its progress per round and the API)."""
    return sum(count for status, count in states if status is not ProvisionStatus.DELETED)


def progress(label: str, states: Iterable[tuple[ProvisionStatus, int]]) -> Progress:
    """Count (status, bracket count) pairs of one state of the text; deleted ones are left
    out."""
    agreed = open_ = remaining = 0
    for status, count in states:
        if status is ProvisionStatus.DELETED:
            continue
        agreed += status in ACCEPTED
        open_ += status in UNSETTLED
        remaining += brackets_remaining([(status, count)])
    return Progress(label, agreed, open_, remaining)


#: what followers are told of a provision's new status, by kind and status: "Article 5
#: agreed ad referendum" (issue 17 #5). One sentence each, so that each language says it in
#: its own form: «Статья 5 согласована ad referendum» (the status agreeing with the
#: provision's gender), «5-бап ad referendum келісілді» (the number first).
STATUS_NOTICES: dict[tuple[ProvisionKind, ProvisionStatus], str] = {
    (ProvisionKind.ARTICLE, ProvisionStatus.OPEN): N_("Article %(number)s reopened"),
    (ProvisionKind.ARTICLE, ProvisionStatus.AGREED_AD_REFERENDUM): N_(
        "Article %(number)s agreed ad referendum"
    ),
    (ProvisionKind.ARTICLE, ProvisionStatus.CONFIRMED): N_("Article %(number)s confirmed"),
    (ProvisionKind.ARTICLE, ProvisionStatus.AGREED): N_("Article %(number)s agreed"),
    (ProvisionKind.ARTICLE, ProvisionStatus.DELETED): N_("Article %(number)s deleted"),
    (ProvisionKind.ARTICLE, ProvisionStatus.PARKED): N_("Article %(number)s parked"),
    (ProvisionKind.PARAGRAPH, ProvisionStatus.OPEN): N_("Paragraph %(number)s reopened"),
    (ProvisionKind.PARAGRAPH, ProvisionStatus.AGREED_AD_REFERENDUM): N_(
        "Paragraph %(number)s agreed ad referendum"
    ),
    (ProvisionKind.PARAGRAPH, ProvisionStatus.CONFIRMED): N_("Paragraph %(number)s confirmed"),
    (ProvisionKind.PARAGRAPH, ProvisionStatus.AGREED): N_("Paragraph %(number)s agreed"),
    (ProvisionKind.PARAGRAPH, ProvisionStatus.DELETED): N_("Paragraph %(number)s deleted"),
    (ProvisionKind.PARAGRAPH, ProvisionStatus.PARKED): N_("Paragraph %(number)s parked"),
    (ProvisionKind.ANNEX, ProvisionStatus.OPEN): N_("Annex %(number)s reopened"),
    (ProvisionKind.ANNEX, ProvisionStatus.AGREED_AD_REFERENDUM): N_(
        "Annex %(number)s agreed ad referendum"
    ),
    (ProvisionKind.ANNEX, ProvisionStatus.CONFIRMED): N_("Annex %(number)s confirmed"),
    (ProvisionKind.ANNEX, ProvisionStatus.AGREED): N_("Annex %(number)s agreed"),
    (ProvisionKind.ANNEX, ProvisionStatus.DELETED): N_("Annex %(number)s deleted"),
    (ProvisionKind.ANNEX, ProvisionStatus.PARKED): N_("Annex %(number)s parked"),
    (ProvisionKind.PREAMBLE, ProvisionStatus.OPEN): N_("Preamble reopened"),
    (ProvisionKind.PREAMBLE, ProvisionStatus.AGREED_AD_REFERENDUM): N_(
        "Preamble agreed ad referendum"
    ),
    (ProvisionKind.PREAMBLE, ProvisionStatus.CONFIRMED): N_("Preamble confirmed"),
    (ProvisionKind.PREAMBLE, ProvisionStatus.AGREED): N_("Preamble agreed"),
    (ProvisionKind.PREAMBLE, ProvisionStatus.DELETED): N_("Preamble deleted"),
    (ProvisionKind.PREAMBLE, ProvisionStatus.PARKED): N_("Preamble parked"),
}


def status_notice(kind: ProvisionKind, number: str, status: ProvisionStatus) -> Message:
    """ "Article 5 agreed ad referendum": a provision's new status, as its followers are
    told it (STATUS_NOTICES; translated where shown). `number`: as displayed (a provision
    with none may be named by its title instead); a preamble's is not said."""
    return Message(STATUS_NOTICES[(kind, status)], number=number)


#: the refusal of a change of texts that would leave a provision with none
NO_TEXT_LEFT = N_("This would leave the provision with no text in any language: keep or give one.")


def merge_texts(current: Mapping[str, str], patch: Mapping[str, str | None]) -> dict[str, str]:
    """A provision's texts after a change given as a JSON Merge Patch (RFC 7396, the API's
    PATCH; issue 17, faults from the re-check, part 2): a language given replaces that
    language's text, a language given as null (or as blank text: no version, as the forms
    say it) removes it, a language not given is kept. `current`, `patch`: language code
    -> text (codes of LANGUAGES, checked by the schema). Raises ServiceError (field
    "texts") when a provision that had a text would be left with none; an empty patch
    changes nothing."""
    merged = dict(current)
    for language, text in patch.items():
        if text is None or not text.strip():
            merged.pop(language, None)
        else:
            merged[language] = text
    if current and not merged:
        raise ServiceError(NO_TEXT_LEFT, field="texts")
    return merged
