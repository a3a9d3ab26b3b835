"""The headings of a negotiating text's provisions as drafts write them (issue 17 #6:
"articles found from headings or 'Article N' paragraphs"), in the three languages' usual
forms: "Article 5 — Title", "ARTICLE 5", "Article 5bis Title", «Статья 5. Заголовок»,
«Статья 5 Заголовок», «5-бап. Тақырып», «5-бап Тақырып», "Preamble", "Annex I".

Two readings:

- read(): a line the draft marks as a heading (a Word heading style, or a provision's
  bookmark): its kind, number and title, whatever follows the number (a separator such as
  "—", "–", "-", ":" or "." then the title, or a space then the title).
- on_its_own(): a plain paragraph on its own line, which is a heading only by the rule
  below, so that a sentence that starts with "Article 5" stays text.

The rule for a plain paragraph: it is a heading when it is

1. a provision's word in its heading form ("Article", «Статья», «бап» after the number as
   Kazakh writes it, "Paragraph"/«Пункт»/«тармақ», "Annex"/«Приложение»/«қосымша», any
   case) and its number (5, 5.2, 5bis, 5 bis, V); "Preamble"/«Преамбула» has none;
2. then nothing, or a title of at most TITLE_WORDS words that follows a separator ("—",
   "–", "-", ":", ".") or, after a mere space, starts with a capital letter;
3. with no full stop, semicolon, comma or colon at its end (a heading's number may be
   followed by a full stop alone: "Article 5.").

So "Article 2 Duration", «Статья 2 Сроки», «3-бап Қорытынды» and "Article 5." are
headings; "Article 5 of the Convention applies to visas." (a small word after the number,
and a full stop at the end), «Статья 5 Конвенции применяется.» (a full stop),
«5-бапта көрсетілген» (an inflected word: a reference, not a heading) and "Article 6.
Fees are waived." (a full stop) are text.

A line that is neither, but short and shaped like a heading with a word not known here
("Art. 8 Final", «7 бап. Соңғы», "Section 4"), is text that looks_like_heading(): the
import says so on the provision's row, so a heading misread is not lost in a text.

Pure: no Flask, no session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.domain.provisions import ProvisionKind

#: the words that head a provision, in their heading (nominative) form
KIND_WORDS = {
    "article": ProvisionKind.ARTICLE,
    "статья": ProvisionKind.ARTICLE,
    "бап": ProvisionKind.ARTICLE,
    "preamble": ProvisionKind.PREAMBLE,
    "преамбула": ProvisionKind.PREAMBLE,
    "paragraph": ProvisionKind.PARAGRAPH,
    "пункт": ProvisionKind.PARAGRAPH,
    "тармақ": ProvisionKind.PARAGRAPH,
    "annex": ProvisionKind.ANNEX,
    "приложение": ProvisionKind.ANNEX,
    "қосымша": ProvisionKind.ANNEX,
}
#: the longest title a plain paragraph may have and still be a heading (in words)
TITLE_WORDS = 12
#: the longest line a plain paragraph may be and still be a heading (characters)
LINE_CHARACTERS = 160

#: Latin ordinal adverbs that follow a number inserted between two ("Article 5bis")
_LATIN = r"bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies"
#: 5, 5.2, 5bis, 5 bis, 5a; or a Roman numeral in capitals (V, XII)
_NUMBER = rf"(?:\d+(?:\.\d+)*(?:[^\W\d_]+|\s(?:{_LATIN})\b)?|(?-i:[IVXLC]+)\b)"
#: "Article 5 ...", «Статья 5 ...», "Preamble ..."
_WORD_FIRST = re.compile(
    rf"^(?P<kind>[^\W\d_]+)\.?(?:\s+(?P<number>{_NUMBER}))?(?P<rest>.*)$", re.I | re.S
)
#: «5-бап ...», «I-қосымша ...» (Kazakh puts the number first)
_NUMBER_FIRST = re.compile(rf"^(?P<number>{_NUMBER})-(?P<kind>[^\W\d_]+)\.?(?P<rest>.*)$", re.I)
#: a title after a separator: "— Title", ". Title", ": Title"
_SEPARATED = re.compile(r"^\s*[—–:.-]\s*(?P<title>.*)$", re.S)
#: a title after a space: " Title"
_SPACED = re.compile(r"^\s+(?P<title>\S.*)$", re.S)
#: what ends a sentence or a clause, not a heading
_SENTENCE_END = (".", ";", ",", ":")


@dataclass(frozen=True)
class Heading:
    """A provision's heading: its kind, number ("" for a preamble, or a heading with no
    number) and title (""); `spaced` when the title followed the number after a mere
    space, not a separator."""

    kind: ProvisionKind
    number: str
    title: str
    spaced: bool = False


def _parsed(line: str) -> Heading | None:
    for pattern in (_NUMBER_FIRST, _WORD_FIRST):
        match = pattern.match(line)
        if not match:
            continue
        kind = KIND_WORDS.get(match.group("kind").lower())
        if kind is None:
            continue
        number = re.sub(r"\s+", " ", match.group("number") or "")
        rest = match.group("rest")
        if not number and kind is not ProvisionKind.PREAMBLE and not _SEPARATED.match(rest):
            continue  # "Article" alone, or "Articles are ..."
        if not rest.strip():
            return Heading(kind, number, "")
        separated = _SEPARATED.match(rest)
        if separated:
            return Heading(kind, number, separated.group("title").strip())
        spaced = _SPACED.match(rest)
        if spaced:
            return Heading(kind, number, spaced.group("title").strip(), spaced=True)
    return None


def read(line: str) -> Heading | None:
    """The kind, number and title of `line`, a line the draft marks as a heading (a Word
    heading style, a provision's bookmark); None if it does not start with a provision's
    word and number (or "Preamble"). Any title is taken."""
    return _parsed(line.strip())


def on_its_own(line: str) -> Heading | None:
    """The heading `line` is, a plain paragraph on its own line, by the rule in this
    module's docstring; None when it is text (a sentence that starts with "Article 5")."""
    line = line.strip()
    if len(line) > LINE_CHARACTERS:
        return None
    heading = _parsed(line)
    if heading is None or (not heading.number and heading.kind is not ProvisionKind.PREAMBLE):
        return None
    if not heading.title:
        return heading
    title = heading.title
    if title.endswith(_SENTENCE_END) or len(title.split()) > TITLE_WORDS:
        return None
    first = next((c for c in title if c.isalpha()), "")
    if heading.spaced and not first.isupper():
        return None
    return heading


#: the longest line that may look like a heading (characters)
LOOKS_LIKE_CHARACTERS = 80
#: a short word (perhaps cut short, "Art.") then a number, or a number then a word
#: («7 бап», "7-bap"), then perhaps a title
_LOOKS_LIKE = re.compile(
    rf"^(?:[^\W\d_]{{1,12}}\.?\s+{_NUMBER}|{_NUMBER}[\s-]+[^\W\d_]{{1,12}}\.?)"
    r"(?P<rest>(?:\s*[—–:.-]\s*|\s+)\S.*)?$",
    re.I | re.S,
)


def looks_like_heading(line: str) -> bool:
    """Whether `line`, which is not a heading (read() and on_its_own() say None), is
    shaped like one with a word not known here: a short line of a word and a number in
    either order ("Art. 8", «7 бап», "Section 4"), then nothing or a title of at most
    TITLE_WORDS words starting with a capital, with no full stop, semicolon, comma or
    colon at its end. "Article 5 of the Convention applies." and "Within 10 days" are
    not."""
    line = line.strip()
    if len(line) > LOOKS_LIKE_CHARACTERS or line.endswith(_SENTENCE_END):
        return False
    if on_its_own(line) is not None:
        return False
    match = _LOOKS_LIKE.match(line)
    if match is None:
        return False
    title = (match.group("rest") or "").strip(" —–:.-")
    if not title:
        return True
    first = next((c for c in title if c.isalpha()), "")
    return first.isupper() and len(title.split()) <= TITLE_WORDS
