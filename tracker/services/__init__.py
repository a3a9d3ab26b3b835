"""Service functions: the verbs. They load, ask the domain, write, audit and commit."""
