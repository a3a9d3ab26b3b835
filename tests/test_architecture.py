"""The architecture contracts in pyproject.toml ([tool.importlinter]), checked by import-linter:
the domain imports neither Flask nor SQLAlchemy, services know nothing of the front doors,
blueprints do not import each other, and the front doors (tracker.web, tracker.api) import
neither the session nor SQLAlchemy."""

from __future__ import annotations

import ast
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
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_services_never_commit() -> None:
    """Services flush; the request, the job runner and the CLI command commit (STYLE.md,
    "Commit at the boundary"), so a change made of several service calls is all or nothing."""
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


def _session_or_query_uses(path: Path) -> list[str]:
    """Where a module reaches for the session (`db.session`, `<anything>.session.execute`)
    or a model's legacy `.query` (`User.query`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        if (
            node.attr == "session"
            and isinstance(owner, ast.Name)
            and owner.id == "db"
            or node.attr == "query"
            and isinstance(owner, ast.Name)
            and owner.id[:1].isupper()
        ):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_check_for_session_uses_finds_them(tmp_path: Path) -> None:
    module = tmp_path / "view.py"
    module.write_text(
        "def view():\n    db.session.get(User, 1)\n    return User.query.all(), query_int('x')\n"
    )
    found = [line.split(": ", 1)[1] for line in _session_or_query_uses(module)]
    assert found == ["db.session", "User.query"]


def test_front_doors_never_touch_the_session() -> None:
    """Views load through the gate and call services (STYLE.md, "One gate per record"):
    no module of tracker/web or tracker/api calls `db.session` or a model's `.query`, even
    through a handle the import contract cannot see (an attribute of another module)."""
    found = []
    for package in ("web", "api"):
        for path in sorted((ROOT / "tracker" / package).rglob("*.py")):
            found.extend(_session_or_query_uses(path))
    assert found == []
