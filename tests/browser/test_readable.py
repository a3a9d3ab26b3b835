"""Readable on every screen, in every language: no page type splits a word across two
lines or pushes the page wider than a phone, at 1366, 1024 and 390 px, in English,
Russian and Kazakh, with long Russian and Kazakh names (tests/browser/pages.py).

A word is a run of letters and digits (so "ЕС–Казахстан" may wrap at its dash). Text
inside an element marked ``breakable`` (addresses, tokens, feed URLs, file names) may
break anywhere: such boxes wrap long strings on purpose. Measured in the DOM: a word
whose client rectangles sit on more than one line is split."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.conftest import ARTIFACTS, log_in
from tests.browser.pages import LOGGED_OUT_PATHS, every_page_type
from tests.factories import PASSWORD
from tracker.orm import db

WIDTHS = (1366, 1024, 390)
LANGUAGES = ("en", "ru", "kk")

SPLIT_WORDS = r"""
() => {
  const split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const word = /[\p{L}\p{N}]{2,}/gu;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    const skipped = ".breakable, script, style, noscript, option, textarea, .visually-hidden";
    if (!element || element.closest(skipped)) {
      continue;
    }
    for (const match of node.textContent.matchAll(word)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = [...range.getClientRects()]
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => r.top);
      if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) {
        split.push(match[0]);
      }
    }
  }
  return split;
}
"""

#: how much wider than the window the page is (0 when it fits); tables that are meant to
#: scroll sideways sit in a .scroll box, which does not widen the page
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"

#: the innermost elements that reach past the window's right edge (to name the culprit)
WIDE_ELEMENTS = r"""
() => {
  const wide = (e) => e.getBoundingClientRect().right > window.innerWidth + 1;
  const name = (e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "");
  return [...document.querySelectorAll("body *")]
    .filter((e) => wide(e) && ![...e.children].some(wide))
    .slice(0, 4)
    .map((e) => name(e) + " «" + (e.textContent || "").trim().slice(0, 30) + "»");
}
"""


#: waits until the page has handled its resize (app.js marks the boxes that scroll then)
AFTER_RESIZE = "() => new Promise((done) => requestAnimationFrame(() => done()))"

#: the screenshots of every page type, by language and width (a CI artefact)
SCREENSHOTS = ARTIFACTS / "pages"


def screenshot_name(number: int, path: str) -> str:
    """`03-agreements-7-edit.png`: the page's place in the matrix, then its address."""
    slug = re.sub(r"[^0-9A-Za-z]+", "-", path).strip("-") or "dashboard"
    return f"{number:02d}-{slug[:80]}.png"


def look_at(page: Any, path: str, shot: Path) -> dict[str, Any]:
    """What is wrong with the page on the screen (split words, its width, axe's serious
    or critical violations), after its full-page screenshot is kept at `shot`."""
    page.screenshot(path=shot, full_page=True)
    found: dict[str, Any] = {}
    split = page.evaluate(SPLIT_WORDS)
    if split:
        found["split"] = sorted(set(split))[:8]
    overflow = page.evaluate(PAGE_OVERFLOW)
    if overflow > 0:
        found[f"wider by {overflow}px"] = page.evaluate(WIDE_ELEMENTS)
    problems = serious_violations(page)
    if problems:
        found["axe"] = problems
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_is_readable_accessible_and_kept_as_a_screenshot(
    app: Any, live_server: str, new_page: Any, admin: Any, make: Any, language: str
) -> None:
    """Issue 15 items 3 and 12: every page type (tests/browser/pages.py, checked against
    the URL map by test_page_types.py) at 1366, 1024 and 390 px in `language` splits no
    word, is no wider than the window, has no serious or critical axe-core violation,
    asks for nothing the Content-Security-Policy refuses, and leaves a full-page
    screenshot under tests/browser/artifacts/pages/<language>/<width>/. The login page
    is seen first, logged out, in the browser's language."""
    world = every_page_type(app, make, admin)
    admin.language = language
    db.session.commit()
    shutil.rmtree(SCREENSHOTS / language, ignore_errors=True)
    found: dict[str, Any] = {}

    def visit(page: Any, paths: list[str], start: int = 0) -> None:
        # What the Content-Security-Policy refuses (an inline style) silently changes
        # the page: each refusal is a fault of the page that asked for it.
        refused: list[str] = []
        page.on(
            "console",
            lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
        )
        # Each page is loaded once, then seen at each width (the window resized, as when
        # a tablet turns): three loads of every page would add minutes to CI.
        for number, path in enumerate(paths, start):
            refused.clear()
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(live_server + path)
            assert page.locator("html").get_attribute("lang") == language, path
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.evaluate(AFTER_RESIZE)
                folder = SCREENSHOTS / language / str(width)
                folder.mkdir(parents=True, exist_ok=True)
                shot = folder / screenshot_name(number, path)
                for what, details in look_at(page, path, shot).items():
                    found[f"{width}px {path} {what}"] = details
            if refused:
                found[f"{path} refused by the CSP"] = sorted(set(refused))[:2]

    visit(new_page(locale=language), LOGGED_OUT_PATHS)
    page = new_page()
    log_in(page, live_server, admin.email, PASSWORD)
    visit(page, world.paths, start=len(LOGGED_OUT_PATHS))
    assert not found, "\n".join(f"{where}: {what}" for where, what in found.items())


#: the header's height when its items sit on one line (its minimum is 3.25rem, 52 px)
ONE_LINE_HEADER = 60


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_administrators_header_fits_on_one_line_at_1366(
    live_server: str, new_page: Any, make: Any, language: str
) -> None:
    """Issue 15 item 3: the header with every link an administrator has (the main lists,
    administration, search, my work, account) on one line, in each language, with a
    long name."""
    admin = make.user(role="admin", language=language, name="Нұрлан Серікұлы Әбдірахманов")
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, admin.email, PASSWORD)
    height = page.evaluate("() => document.querySelector('.header-row').offsetHeight")
    assert height <= ONE_LINE_HEADER, f"{language}: the header is {height} px high"
    # The menus open and their links are reachable; open on a phone, they split no word
    # and do not widen the page.
    page.locator("details.menu summary").first.click()
    expect(page.locator(".menu-list a").first).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 900})
    for summary in page.locator("details.menu:not([open]) > summary").all():
        summary.click()
    assert page.locator("details.menu[open]").count() == 2
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.evaluate(PAGE_OVERFLOW) <= 0
