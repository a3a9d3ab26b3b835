"""The architecture contracts in pyproject.toml ([tool.importlinter]), checked by import-linter:
the domain imports neither Flask nor SQLAlchemy, services know nothing of the front doors,
and blueprints do not import each other."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_services_never_commit() -> None:
    """Services flush; the request, the job runner and the CLI command commit (STYLE.md,
    "Commit at the boundary"), so a change made of several service calls is all or nothing."""
    import ast

    found = []
    for path in sorted((ROOT / "tracker" / "services").rglob("*.py")):
        if path.name == "transaction.py":  # the boundary's own word, called only by boundaries
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "commit"
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
