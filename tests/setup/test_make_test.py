"""The set-up itself: `make test` in a fresh clone checks the system packages first.

A user who is not root (root would simply install them) gets the one apt-get command to
run, and no test starts; with everything present, the suite runs. The inner runs are
limited to a smoke subset and set TRACKER_SETUP_TEST, which skips this module, so they
never come back here. They reuse this run's virtual environment instead of installing.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

if os.environ.get("TRACKER_SETUP_TEST"):
    pytest.skip("inside the set-up test's own `make test`", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
SMOKE = "tests/domain"
VENV = Path(sys.prefix)
STAMP = VENV / ".installed-stamp"
SETPRIV = shutil.which("setpriv") or "setpriv"
#: what the outer run's make and CI put in the environment, which the inner make must not see
OUTER_ONLY = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "TRACKER_TEST_DATABASE_URL", "PYTEST_ADDOPTS")


def non_root() -> tuple[int, int] | None:
    """The user to run as: nobody when this test runs as root, else the current user."""
    if os.geteuid() != 0:
        return None
    if not Path(SETPRIV).is_absolute():
        pytest.skip("setpriv is needed to drop root for the check")
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


@pytest.fixture
def clone() -> Iterator[Path]:
    """A fresh clone of the committed HEAD, in a folder the non-root user may write to."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    folder = Path(tempfile.mkdtemp(prefix="accord-setup-"))
    target = folder / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(target)],
        check=True,
        timeout=60,
    )
    user = non_root()
    if user is not None:
        for path in [folder, *folder.rglob("*")]:
            os.lchown(path, *user)
    yield target
    shutil.rmtree(folder)


def make_test(clone: Path, env: dict[str, str], as_non_root: bool) -> subprocess.CompletedProcess:
    """`make test` on the smoke subset in the clone, with this run's virtual environment."""
    command = [
        "make",
        "--no-print-directory",
        "test",
        f"PYTEST_ARGS={SMOKE}",
        f"VENV={VENV}",
    ]
    if STAMP.exists():
        # Dated before our stamp, as in a checkout whose environment is installed: make then
        # takes this run's environment as it is (the system check still runs first).
        mtime = STAMP.stat().st_mtime - 60
        os.utime(clone / "pyproject.toml", (mtime, mtime))
    if as_non_root and (user := non_root()) is not None:
        uid, gid = user
        command = [SETPRIV, f"--reuid={uid}", f"--regid={gid}", "--clear-groups", *command]
    full_env = {k: v for k, v in os.environ.items() if k not in OUTER_ONLY}
    full_env.update({"TRACKER_SETUP_TEST": "1", "HOME": str(clone.parent), **env})
    return subprocess.run(
        command, cwd=clone, env=full_env, capture_output=True, text=True, timeout=300
    )


def assert_stopped_before_tests(result: subprocess.CompletedProcess, clone: Path) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "test session starts" not in output
    assert not (clone / ".pytest_cache").exists()
    assert "Installing Python packages" not in output
    return output


def test_missing_chromium_stops_with_the_one_command(clone: Path) -> None:
    missing = clone.parent / "no-chromium"
    result = make_test(clone, {"TRACKER_CHROMIUM": str(missing)}, as_non_root=True)
    output = assert_stopped_before_tests(result, clone)
    assert f"chromium: no browser at {missing} (TRACKER_CHROMIUM)" in output
    assert "  apt-get update && apt-get install -y chromium\n" in output


def test_each_missing_package_is_named(clone: Path) -> None:
    """python3-venv, Chromium, openssl and wrk all missing: one command installs all four."""
    tools = clone.parent / "bin"  # a PATH with only what make needs to reach the check
    tools.mkdir()
    system_python = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
    for name, found in {
        "make": shutil.which("make"),
        "bash": shutil.which("bash"),
        "python3": system_python,
    }.items():
        assert found, name
        (tools / name).symlink_to(found)
    no_venv = clone.parent / "no-venv"  # shadows the standard library's ensurepip, as on
    no_venv.mkdir()  # Debian without python3-venv
    (no_venv / "ensurepip.py").write_text("raise ImportError('python3-venv is missing')\n")
    for path in (tools, no_venv, no_venv / "ensurepip.py"):
        if (user := non_root()) is not None:
            os.lchown(path, *user)
    env = {
        "PATH": str(tools),
        "PYTHONPATH": str(no_venv),
        "TRACKER_CHROMIUM": str(clone.parent / "no-chromium"),
    }
    output = assert_stopped_before_tests(make_test(clone, env, as_non_root=True), clone)
    assert "python3-venv: python3 cannot create a virtual environment" in output
    assert "openssl: no openssl command on PATH" in output
    assert "wrk: no wrk command on PATH" in output
    assert "  apt-get update && apt-get install -y python3-venv chromium openssl wrk\n" in output


def test_with_chromium_present_the_suite_runs(clone: Path) -> None:
    if not STAMP.exists():
        pytest.skip(f"{VENV} was not installed by make: the clone would reinstall into it")
    chromium = os.environ.get("TRACKER_CHROMIUM") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip(f"no Chromium at {chromium}")
    result = make_test(clone, {"TRACKER_CHROMIUM": chromium}, as_non_root=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "test session starts" in output
    assert " passed" in output
