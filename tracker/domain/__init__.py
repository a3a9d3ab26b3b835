"""Pure domain rules: no Flask, no database session. "Now" is always an argument."""
