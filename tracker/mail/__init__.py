"""Mail: every message is queued in the outbox first, then sent by the sender."""
