"""Readable on every screen, in every language: no page type splits a word across two
lines or pushes the page wider than a phone, at 1366, 1024 and 390 px, in English,
Russian and Kazakh, with long Russian and Kazakh names (tests/browser/pages.py).

A word is a run of letters and digits (so "ЕС–Казахстан" may wrap at its dash). Text
inside an element marked ``breakable`` (addresses, tokens, feed URLs, file names) may
break anywhere: such boxes wrap long strings on purpose. Measured in the DOM: a word
whose client rectangles sit on more than one line is split."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.pages import every_page_type
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_splits_a_word_or_is_wider_than_the_screen(
    app: Any, live_server: str, new_page: Any, admin: Any, make: Any, language: str
) -> None:
    world = every_page_type(app, make, admin)
    admin.language = language
    db.session.commit()
    page = new_page()
    log_in(page, live_server, admin.email, PASSWORD)
    found: dict[str, Any] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in world.paths:
            page.goto(live_server + path)
            split = page.evaluate(SPLIT_WORDS)
            if split:
                found[f"{width}px {path} split"] = sorted(set(split))[:8]
            overflow = page.evaluate(PAGE_OVERFLOW)
            if overflow > 0:
                found[f"{width}px {path} wider by {overflow}px"] = page.evaluate(WIDE_ELEMENTS)
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
