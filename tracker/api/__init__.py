"""The JSON API under /api/v1 on flask-openapi3: token-authenticated, its OpenAPI 3.1
description generated from the same pydantic schemas that validate its requests."""

from tracker.api import (
    texts,  # noqa: F401  (registers the negotiating text's routes)
    tidy,  # noqa: F401  (registers cancelling and archiving)
    treaty,  # noqa: F401  (registers the treaty-law writes)
)
from tracker.api.views import api

bp = api

__all__ = ["api", "bp"]
