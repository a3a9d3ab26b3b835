"""Cross-references between provisions of a negotiating text (issue 17): "as referred to
in Article 5", «статьёй 5», «5-бапта». Each is found in a provision's text with the kind
and number it names; when a provision is saved, each reference is tied to the stable key
of the provision that bore that number then, so a later renumbering that leaves the text
saying "Article 5" of what is now Article 6 is flagged rather than silently pointing
elsewhere. Pure: no Flask, no session.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tracker.domain.provisions import ProvisionKind

_NUMBER = r"(\d+(?:\.\d+)*|[IVXLC]+\b)"
_BARE_NUMBER = r"(?:\d+(?:\.\d+)*|[IVXLC]+)"
#: between the numbers of a list: "5, 6 and 7", «5, 6 и 7», «5, 6 және 7», "5 or 6"
_SEPARATOR = r"(?:\s*,\s*(?:(?:and|or|и|или|және|немесе)\s+)?|\s+(?:and|or|и|или|және|немесе)\s+)"
#: word first: English, Russian (every case of статья, пункт, приложение); a plural word
#: may be followed by a list of numbers, each a reference of its own
_WORD_FIRST = re.compile(
    r"\b(?P<word>articles?|paragraphs?|annex(?:es)?"
    r"|стать(?:я|и|е|ю|ей|ёй|ям|ями|ях)|статей"
    r"|пункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?"
    r"|приложени(?:е|я|ю|ем|и|й|ям|ями|ях))\s+"
    + _NUMBER
    + r"(?P<more>(?:"
    + _SEPARATOR
    + _BARE_NUMBER
    + r"(?![\w-]|\.\d))*)",
    re.IGNORECASE | re.UNICODE,
)
#: number first, Kazakh: «5-бап», «5-бабында», «5-баптың», «3-тармақ», «I-қосымша»; a
#: plural word («5 және 6-баптарында») may have a list of numbers before it
_NUMBER_FIRST = re.compile(
    r"(?P<before>(?<![\w.])(?:"
    + _BARE_NUMBER
    + _SEPARATOR
    + r")*)"
    + _NUMBER.replace(r"\b", "")
    + r"-(?P<word>ба[пб]\w*|тармақ\w*|тармағ\w*|қосымша\w*)",
    re.IGNORECASE | re.UNICODE,
)
_LISTED = re.compile(_BARE_NUMBER, re.UNICODE)
#: the plural words that may name a list ("Articles", «статьи», «баптар»)
_PLURAL = re.compile(
    r"^(?:articles|paragraphs|annexes|стать(?:и|ям|ями|ях)|статей|пункт(?:ы|ов|ам|ами|ах)"
    r"|приложени(?:я|й|ям|ями|ях)|.*(?:тар|тер|лар|лер).*)$",
    re.IGNORECASE | re.UNICODE,
)
#: after a reference, another treaty named: "of the Vienna Convention", «Венской конвенции»
#: (a capitalised word right after it, "this"/«настоящего» aside)
_FOREIGN_AFTER = re.compile(
    r"^(?:\s+of\s+the\s+(?P<en>[A-Z][\w-]*)(?P<en_more>\s+[A-Z][\w-]*)?"
    r"|\s+(?P<ru>[А-ЯЁ][а-яё-]*)(?P<ru_more>\s+[А-ЯЁа-яё][а-яё-]*)?)",
    re.UNICODE,
)
#: the stems of the names of instruments, in Russian and Kazakh: a capitalised word after a
#: reference names another treaty only with one of them («Венской конвенции», «Устава
#: ООН»), not «Стороны принимают» (the Parties, a new clause)
_INSTRUMENT_STEMS = (
    "конвенц",
    "соглашени",
    "договор",
    "протокол",
    "кодекс",
    "устав",
    "пакт",
    "хартии",
    "регламент",
    "директив",
    "конвенция",
    "келісім",
    "шарт",
    "хаттама",
    "жарғы",
)
#: before a Kazakh reference, another treaty named in the genitive: «Вена конвенциясының»
#: («Осы Келісімнің», this Agreement, is ours)
_FOREIGN_BEFORE = re.compile(
    r"(?P<name>(?:[^\W\d_]+\s+){0,3})(?P<owner>[^\W\d_]+(?:ның|нің|дың|дің|тың|тің))\s+$",
    re.UNICODE,
)
#: the words by which a text names itself: "the Agreement" is this one, not another
_OWN_TITLES = frozenset(
    {
        "agreement",
        "convention",
        "treaty",
        "protocol",
        "annex",
        "соглашения",
        "договора",
        "конвенции",
        "протокола",
        "приложения",
        "келісімнің",
        "шарттың",
        "конвенцияның",
        "хаттаманың",
    }
)
#: after a number, a unit: the number counts days, months, years or per cent, it names no
#: provision ("Articles 5 and 10 days", «статьи 5 и 10 дней», «5 және 10 күн»); the
#: adjectives that come before such a unit ("10 calendar days", «10 рабочих дней») too
_UNIT = re.compile(
    r"^\s*(?:%|(?:"
    r"days?|weeks?|months?|years?|hours?|per\s*cent|percent|calendar|working|business"
    r"|д(?:ень|ня|ней|ням|нями|нях)|сут(?:ки|ок|кам|ках)|недел\w*|месяц\w*"
    r"|год(?:а|у|ом|ы|ов|ам|ах)?|лет|час(?:а|ов|ам|ах)?|процент\w*|календарн\w*|рабоч\w*"
    r"|күн\w*|апта\w*|ай(?:дан|да|ға|ы|лық)?|жыл\w*|сағат\w*|пайыз\w*|жұмыс"
    r")\b)",
    re.IGNORECASE | re.UNICODE,
)
_KINDS = (
    (("article", "стат", "бап", "баб"), ProvisionKind.ARTICLE),
    (("paragraph", "пункт", "тармақ", "тармағ"), ProvisionKind.PARAGRAPH),
    (("annex", "приложени", "қосымша"), ProvisionKind.ANNEX),
)


@dataclass(frozen=True)
class Reference:
    """A reference in a text: `start`/`end` its characters, the kind and number named."""

    start: int
    end: int
    kind: ProvisionKind
    number: str

    @property
    def label(self) -> str:
        """The stored name of the reference: "article 5"."""
        return label(self.kind, self.number)


def label(kind: ProvisionKind, number: str) -> str:
    return f"{kind.value} {number}"


def _kind(word: str) -> ProvisionKind:
    lowered = word.lower()
    for stems, kind in _KINDS:
        if lowered.startswith(stems):
            return kind
    raise ValueError(word)  # pragma: no cover - the patterns admit only these words


def _foreign(text: str, start: int, end: int) -> bool:
    """Whether the reference (or list) at text[start:end] names an article of another
    treaty: "of the Vienna Convention", «Венской конвенции», «Вена конвенциясының 5-бабы».
    The text's own title alone ("of the Agreement", «Осы Келісімнің») is this treaty."""
    after = _FOREIGN_AFTER.match(text[end:])
    if after and after.group("en"):
        first, more = after.group("en"), after.group("en_more")
        if more or first.lower() not in _OWN_TITLES:
            return not first.lower().startswith("this")
    elif after:
        first, more = after.group("ru"), (after.group("ru_more") or "").strip()
        if first.lower() in _OWN_TITLES:  # «Соглашения» alone is this one
            return bool(more) and more[:1].isupper()
        return any(w.lower().startswith(_INSTRUMENT_STEMS) for w in (first, more))
    before = _FOREIGN_BEFORE.search(text[max(0, start - 80) : start])
    if before:
        words = before.group("name").split()
        owner = before.group("owner")
        if words and words[0].lower() == "осы":
            return False
        named = [*words, owner]
        if any(w[:1].isupper() for w in named) and owner.lower().startswith(_INSTRUMENT_STEMS):
            return not (len(named) == 1 and owner.lower() in _OWN_TITLES)
    return False


def _counts(text: str, end: int) -> bool:
    """Whether the number that ends at text[end] counts something (a unit follows it)."""
    return bool(_UNIT.match(text[end : end + 40]))


def _listed(text: str, start: int, end: int, kind: ProvisionKind) -> list[Reference]:
    """The numbers of a list in text[start:end], up to the first that counts something
    («статьи 5 и 10 дней»: ten days, not Article 10)."""
    found = []
    for m in _LISTED.finditer(text[start:end]):
        if _counts(text, start + m.end()):
            break
        found.append(Reference(start + m.start(), start + m.end(), kind, m.group(0)))
    return found


def find(text: str) -> list[Reference]:
    """The cross-references in `text`, in order: each number of a list ("Articles 5 and
    6") one of its own; an article of another treaty ("Article 5 of the Vienna
    Convention") none, nor a number followed by a unit ("статьи 5 и 10 дней": ten days,
    not Article 10; days, weeks, months, years, hours, per cent in en/ru/kk)."""
    found: list[Reference] = []
    for match in _WORD_FIRST.finditer(text):
        kind, word = _kind(match.group("word")), match.group("word")
        more = match.group("more") if _PLURAL.match(word) else ""
        end = match.end(2) + len(more)
        if _foreign(text, match.start(), end) or _counts(text, match.end(2)):
            continue
        found.append(Reference(match.start(), match.end(2), kind, match.group(2)))
        found.extend(_listed(text, match.end(2), end, kind))
    for match in _NUMBER_FIRST.finditer(text):
        kind, word = _kind(match.group("word")), match.group("word")
        listed = bool(match.group("before")) and bool(_PLURAL.match(word))
        start = match.start() if listed else match.start(2)
        if _foreign(text, start, match.end()):
            continue
        if listed:
            found.extend(_listed(text, start, match.end("before"), kind))
        found.append(Reference(match.start(2), match.end(), kind, match.group(2)))
    found.sort(key=lambda r: r.start)
    kept: list[Reference] = []
    for reference in found:  # no overlap between the two patterns
        if not kept or reference.start >= kept[-1].end:
            kept.append(reference)
    return kept


def tie(
    texts: Iterable[str],
    kept: Mapping[str, str],
    key_of: Mapping[str, str],
    own_key: str,
) -> dict[str, str]:
    """The references of a provision's texts tied to provision keys: a reference tied
    before (`kept`) stays tied to the same provision, whatever its number now; a new one
    is tied to the provision that bears that kind and number now (`key_of`: label ->
    key). A reference to nothing known, or to the provision itself, is left untied."""
    tied: dict[str, str] = {}
    for text in texts:
        for reference in find(text):
            name = reference.label
            if name in tied:
                continue
            if name in kept:
                tied[name] = kept[name]
            elif key_of.get(name) and key_of[name] != own_key:
                tied[name] = key_of[name]
    return tied


@dataclass(frozen=True)
class Target:
    """What a reference points to: the provision (`key`), and its kind and number now
    (None: no longer in the text). `stale` when the number in the text is not its
    number any more."""

    reference: Reference
    key: str | None
    number: str | None

    @property
    def stale(self) -> bool:
        return self.key is not None and self.number != self.reference.number


def resolve(
    text: str,
    tied: Mapping[str, str],
    numbers: Mapping[str, tuple[ProvisionKind, str]],
    key_of: Mapping[str, str],
) -> list[Target]:
    """Each reference of `text` with its target: the provision it was tied to (`tied`),
    else the one bearing that kind and number now (`key_of`); `numbers` gives each key's
    kind and number now. A tied target no longer in the text, or of another kind, counts
    as renumbered (stale, number None)."""
    targets = []
    for reference in find(text):
        key = tied.get(reference.label) or key_of.get(reference.label)
        now = numbers.get(key) if key else None
        if key and (now is None or now[0] is not reference.kind):
            targets.append(Target(reference, key, None))
        else:
            targets.append(Target(reference, key, now[1] if now else None))
    return targets
