"""Parties added to an agreement from a pasted list (one per line, or separated by
semicolons), optionally as the members of a group (e.g. "EU Member States").

Services flush and raise ServiceError / ConflictError; the boundary commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm.attributes import flag_modified

from tracker.domain.agreements import bilateral_refusal
from tracker.domain.messages import Message, counted_message
from tracker.domain.messages import Names as NameList
from tracker.domain.names import fold
from tracker.domain.party_names import name_key, named, tidy_name
from tracker.models import Agreement, Party, PartyGroup, Ratification, User
from tracker.orm import db
from tracker.schemas.base import Refusal, SchemaRefusal, validate
from tracker.schemas.party_actions import PastedParties
from tracker.services.errors import ServiceError
from tracker.services.records import check_version, detects_conflicts, record_audit
from tracker.services.spreadsheets.parsing import Names


@dataclass(frozen=True)
class PasteOutcome:
    """What a paste did, for the page to say: the Parties added to the agreement; with a
    group, its name, the Parties put in it (those already Parties to the agreement too)
    and those already in it, in the order pasted (h16j)."""

    added: list[Party]
    group_name: str = ""
    grouped: list[Party] = field(default_factory=list)
    already_grouped: list[Party] = field(default_factory=list)

    @property
    def sentences(self) -> list[Message]:
        """What the page says of the group (h16j), as Messages the interface says in the
        reader's language: "Japan, Korea added to the group Observer States.", "Mongolia
        already in the group Observer States."; the Parties a NameList, each named in the
        reader's language (tracker.i18n.localise: its PartyName) and joined as a list of
        names is there (h19g1 #1: they were joined with ", " in the view)."""
        said = []
        if self.grouped:
            said.append(
                counted_message(
                    "%(names)s added to the group %(group)s.",
                    "%(names)s added to the group %(group)s.",
                    num=len(self.grouped),
                    names=NameList(p.named for p in self.grouped),
                    group=self.group_name,
                )
            )
        if self.already_grouped:
            said.append(
                counted_message(
                    "%(names)s already in the group %(group)s.",
                    "%(names)s already in the group %(group)s.",
                    num=len(self.already_grouped),
                    names=NameList(p.named for p in self.already_grouped),
                    group=self.group_name,
                )
            )
        return said


def pasted_names(text: str) -> list[str]:
    """The names of a pasted list: one per line (a spreadsheet column pastes so) or
    separated by semicolons ("Switzerland; Iceland"), blank ones and repeats (in any case
    or script) left out, order kept."""
    seen: set[str] = set()
    names = []
    for line in text.splitlines():
        for part in line.split(";"):
            name = tidy_name(part)
            if name and name_key(name) not in seen:
                seen.add(name_key(name))
                names.append(name)
    return names


def repeated_names(text: str) -> list[str]:
    """The names of a pasted list that pasted_names leaves out as repeats of one before
    them (in any case or script), as pasted and in order, for the page to say which
    (h16d #4: "2 repeated names skipped: Kazakhstan, kazakhstan")."""
    seen: set[str] = set()
    repeats = []
    for line in text.splitlines():
        for part in line.split(";"):
            name = tidy_name(part)
            if name and name_key(name) in seen:
                repeats.append(name)
            seen.add(name_key(name))
    return repeats


def already_parties(agreement: Agreement, text: str) -> list[str]:
    """The names of a pasted list (pasted_names) that are already Parties to the
    agreement by any of their names (tracker.domain.party_names), as pasted, in order,
    for the page to say which were not added (h16e #3)."""
    return [
        name
        for name in pasted_names(text)
        if named(agreement.ratifications, name, lambda r: r.party) is not None
    ]


def already_parties_said(agreement: Agreement, text: str) -> Message | None:
    """ "2 names already parties to this agreement: Mongolia, Japan" (already_parties, the
    names as pasted, a NameList), for the page to say before the paste adds any; None
    when there is none (h16e #3; built here, not in the view: h19g1 #1)."""
    names = already_parties(agreement, text)
    if not names:
        return None
    return counted_message(
        "%(num)s name already a party to this agreement: %(names)s",
        "%(num)s names already parties to this agreement: %(names)s",
        num=len(names),
        names=NameList(names),
    )


def repeats_said(text: str) -> Message | None:
    """ "2 repeated names skipped: Kazakhstan, kazakhstan" (repeated_names, a NameList);
    None when nothing was repeated (h16d #4)."""
    repeats = repeated_names(text)
    if not repeats:
        return None
    return counted_message(
        "%(num)s repeated name skipped: %(names)s",
        "%(num)s repeated names skipped: %(names)s",
        num=len(repeats),
        names=NameList(repeats),
    )


def split_lines(text: str) -> list[str]:
    """The lines of a pasted list that pasted_names split at their semicolons (each
    stripped), for the page to say what it did."""
    return [
        line.strip()
        for line in text.splitlines()
        if ";" in line and len([p for p in line.split(";") if p.strip()]) > 1
    ]


#: how many of a too long line's first words the refusal quotes, and at most how many
#: characters of them (h19g2 #2: enough to find the line in what was pasted)
FIRST_WORDS, FIRST_CHARACTERS = 5, 40


def first_words(name: str) -> str:
    """The first words of `name` (FIRST_WORDS, at most FIRST_CHARACTERS characters), with
    an ellipsis where the name goes on."""
    words = name.split()
    start = " ".join(words[:FIRST_WORDS])
    if len(start) > FIRST_CHARACTERS:
        start = start[:FIRST_CHARACTERS].rstrip()
    return start if start == name else f"{start}…"


def long_line_refusals(text: str) -> list[Refusal]:
    """One refusal (at the field "names") per line of a pasted list holding a name longer
    than a Party's name may be (Party.name's length, 200 characters): its number (from 1,
    as the pasted text's lines) and its first words, so the officer can find it (h19g2 #2:
    "At most 200 characters." said which line it was of none)."""
    longest = Party.name.type.length
    refusals = []
    for number, line in enumerate(text.splitlines(), start=1):
        long = next((n for n in map(tidy_name, line.split(";")) if len(n) > longest), None)
        if long is not None:
            refusals.append(
                Refusal(
                    "names",
                    Message(
                        "Line %(line)s is too long (at most %(max)s characters): “%(start)s”",
                        line=number,
                        max=longest,
                        start=first_words(long),
                    ),
                )
            )
    return refusals


@detects_conflicts("agreement")
def add_pasted_parties(
    agreement: Agreement,
    text: str,
    *,
    group_name: str = "",
    actor: User,
    expected_version: int | None,
) -> PasteOutcome:
    """Add the Parties of a pasted list (pasted_names) to the agreement: a name is
    the agreement's Party of that name, or the known Party of that name (its name, short
    name, Russian or Kazakh name, in any case or script, runs of spaces as one:
    tracker.domain.party_names), else a new Party (a state). With
    `group_name`, they are also the members of that group of the agreement's own (made on
    it if new: a group belongs to its agreement, h16j), those already Parties too. Parties
    already under the agreement stay as they are. Returns what it did (PasteOutcome).
    Raises ServiceError (an empty or too long list, more than two Parties on a bilateral
    agreement), SchemaRefusal (a refusal per line with a name too long:
    long_line_refusals), ConflictError."""
    check_version(agreement, expected_version, "agreement")
    too_long = long_line_refusals(text)
    if too_long:
        raise SchemaRefusal(too_long)
    pasted = validate(PastedParties, {"names": pasted_names(text)}).names
    group_name = group_name.strip()
    if len(group_name) > PartyGroup.name.type.length:
        raise ServiceError("This group name is too long.", field="group_name")
    known = Names(
        Party, Party.name_key, pasted, also=(Party.short_name, Party.name_ru, Party.name_kk)
    )
    parties = []
    for name in pasted:
        row = named(agreement.ratifications, name, lambda r: r.party)
        party = row.party if row is not None else known.found.get(fold(name))
        if party is None:
            party = Party(name=name)
            db.session.add(party)
        parties.append(party)
    have = {r.party_id for r in agreement.ratifications}
    db.session.flush()
    # one Party pasted under two of its names ("European Union", «Еуропалық Одақ») is one
    added = list({p.id: p for p in parties if p.id not in have}.values())
    too_many = bilateral_refusal(agreement.kind.value, len(have) + len(added))
    if too_many is not None:
        raise ServiceError(too_many, field="names")
    for party in added:
        agreement.ratifications.append(Ratification(party=party))
    outcome = PasteOutcome(added)
    if group_name:
        outcome = _put_in_group(agreement, group_name, parties, added)
    flag_modified(agreement, "title")
    db.session.flush()
    record_audit(
        actor,
        "agreement.parties_added",
        agreement,
        f"Added {len(added)} parties to {agreement.display_title}",
        after={"party_ids": [p.id for p in added], "group": group_name or None},
    )
    db.session.flush()
    return outcome


def _put_in_group(
    agreement: Agreement, group_name: str, parties: list[Party], added: list[Party]
) -> PasteOutcome:
    """Put `parties` (as pasted, a Party possibly twice) in the agreement's own group
    `group_name` (the one of that name in any case or script, else a new one on it)."""
    group = next((g for g in agreement.party_groups if fold(g.name) == fold(group_name)), None)
    if group is None:
        group = PartyGroup(name=group_name)
        agreement.party_groups.append(group)
    unique = list({p.id: p for p in parties}.values())
    had = {p.id for p in group.members}
    group.members = [*group.members, *(p for p in unique if p.id not in had)]
    return PasteOutcome(
        added,
        group.name,
        [p for p in unique if p.id not in had],
        [p for p in unique if p.id in had],
    )
