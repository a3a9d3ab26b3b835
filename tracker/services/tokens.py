"""Bearer secrets (calendar feed URLs, API tokens): random, shown once, stored hashed.

A SHA-256 is enough here, unlike for passwords: the tokens are 256 random bits, so there
is nothing to guess or to look up, and the hash only keeps a database dump from being a
list of working keys.
"""

from __future__ import annotations

import hashlib
import secrets


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
