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
#: word first: English, Russian (every case of статья, пункт, приложение)
_WORD_FIRST = re.compile(
    r"\b(?P<word>articles?|paragraphs?|annex(?:es)?"
    r"|стать(?:я|и|е|ю|ей|ёй|ям|ями|ях)|статей"
    r"|пункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?"
    r"|приложени(?:е|я|ю|ем|и|й|ям|ями|ях))\s+" + _NUMBER,
    re.IGNORECASE | re.UNICODE,
)
#: number first, Kazakh: «5-бап», «5-бабында», «5-баптың», «3-тармақ», «I-қосымша»
_NUMBER_FIRST = re.compile(
    _NUMBER.replace(r"\b", "") + r"-(?P<word>ба[пб]\w*|тармақ\w*|тармағ\w*|қосымша\w*)",
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


def find(text: str) -> list[Reference]:
    """The cross-references in `text`, in order."""
    found = []
    for pattern in (_WORD_FIRST, _NUMBER_FIRST):
        for match in pattern.finditer(text):
            number = next(g for g in match.groups() if g and g != match.group("word"))
            found.append(Reference(match.start(), match.end(), _kind(match.group("word")), number))
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
