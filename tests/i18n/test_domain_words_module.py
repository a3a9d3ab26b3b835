"""h19g1 #3: tracker/i18n.py had grown past the ~400 lines a module keeps to (405): the
words of the domain (anniversary, meeting and milestone titles) are their own module,
tracker.domain_words, which registers its own Jinja filters; tracker.i18n does not import
it (no cycle), and every caller reads the titles from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_i18n_keeps_under_400_lines_and_the_words_have_their_module(app) -> None:
    assert len((ROOT / "tracker" / "i18n.py").read_text().splitlines()) <= 400
    from tracker import domain_words

    for name in ("anniversary_title", "meeting_title", "milestone_title"):
        assert app.jinja_env.filters[name] is not None
        assert hasattr(domain_words, name)
    # each imports on its own, in either order: no cycle
    for first in ("tracker.domain_words", "tracker.i18n"):
        done = subprocess.run(
            [sys.executable, "-c", f"import {first}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr


def test_the_titles_read_the_same_on_a_page(app) -> None:
    """The filters still say a round left untitled in the reader's language."""
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("ru"):
        template = app.jinja_env.from_string("{{ m|milestone_title }}")
        shown = template.render(m={"title": "Vienna round"})
    assert shown == "Vienna round"
