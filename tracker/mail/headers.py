"""Header fields from user text, built so that what a reader decodes is what was stored.

Text reaches a header on one line (tracker.domain.text) and is encoded with the standard
library's RFC 2047 encoder, email.header.Header, rather than left to the folding of
email.policy.default/SMTP. On Python 3.11 that folder puts the space between two words at
the boundary of two encoded words (or before a folded first word), where RFC 2047
section 6.2 has every reader drop it: "ЕС–Казахстан по EPCA в Астане, 2-й раунд" arrived
as "... в Астане,2-й раунд", and a long English subject with a dash gained a space.
Header keeps each space inside an encoded word. Lines stay within 78 characters, so the
policy writes them out as they are (refold_source="long") instead of folding them again.
"""

from __future__ import annotations

from email import policy
from email.header import Header
from email.message import EmailMessage
from email.utils import formataddr

from tracker.domain.text import one_line_text

#: RFC 5322 section 2.1.1: lines SHOULD be no more than 78 characters
MAX_LINE = 78


def _fits(encoded: str) -> bool:
    return all(len(line) <= MAX_LINE for line in encoded.splitlines())


def encoded_text(name: str, value: str) -> str:
    """`value` (unstructured text: a subject) as the encoded, folded value of header
    `name`: plain ASCII where it folds within the line limit between words, RFC 2047
    encoded words otherwise (and for ASCII that looks like an encoded word, "=?")."""
    value = one_line_text(value)
    if value.isascii() and "=?" not in value:
        plain = Header(value, "us-ascii", header_name=name).encode()
        # Unfolding (RFC 5322 section 2.2.3) only removes the line breaks: it must give
        # the text back (a fold before the first word would add a space).
        if _fits(f"{name}: {plain}") and plain.replace("\n", "") == value:
            return plain
    # Header's count of the first line is a few characters short of the policy's: leave room.
    return Header(value, "utf-8", header_name=name).encode(maxlinelen=MAX_LINE - 6)


def encoded_address(name: str, value: str) -> str:
    """The addresses in `value` ("Трекер <tracker@example.org>") as the value of header
    `name` (From, To): each display name encoded as text, each address as the email
    package parsed it.

    Raises what the email package raises for an address it cannot parse (it is parsed here,
    so the message fails as it is built rather than halfway through sending)."""
    parsed = policy.default.header_factory(name, one_line_text(value))
    return ", ".join(
        formataddr((one_line_text(a.display_name), a.addr_spec), charset="utf-8")
        for a in parsed.addresses
    )


def put_text(email: EmailMessage, name: str, value: str) -> None:
    """Add header `name` with the unstructured text `value`, encoded by encoded_text."""
    email.set_raw(name, encoded_text(name, value))


def put_address(email: EmailMessage, name: str, value: str) -> None:
    """Add the address header `name` (From, To), encoded by encoded_address."""
    email.set_raw(name, encoded_address(name, value))
