"""Every word a user reads goes through the translation functions, and every catalogue
translates every message.

The template scan reads each template with Jinja's own lexer: the text outside `{{ }}`,
`{% %}` and `{% trans %}` blocks must have no letters, in HTML text and in the attributes
people read (title, alt, placeholder, aria-label). The catalogue check extracts the
messages with Babel, as `make` does, and compares them with each .po file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.checkers import checkers
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import Environment, nodes

from tracker import ROOT

TEMPLATES = ROOT / "templates"
TRANSLATIONS = ROOT / "tracker" / "translations"
LANGUAGES = ("ru", "kk")
#: a letter in any script
LETTER = re.compile(r"[^\W\d_]")
#: attributes whose value is read by people (or read out by screen readers)
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}
#: stands for a {{ }} or {% %} construct in the text left to check
HOLE = "\x00"
#: words that are the same in every language
UNTRANSLATED = {"Accord Tracker"}


def literal_text(source: str) -> str:
    """The template with every Jinja construct and every {% trans %} block made a HOLE."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    out: list[str] = []
    depth_trans = 0
    in_block = False
    block_words: list[str] = []
    for _line, kind, value in env.lex(source):
        if kind == "block_begin":
            in_block, block_words = True, []
            continue
        if in_block:
            if kind == "block_end":
                in_block = False
                if block_words[:1] == ["trans"]:
                    depth_trans += 1
                elif block_words[:1] == ["endtrans"]:
                    depth_trans -= 1
                out.append(HOLE)
            elif kind == "name":
                block_words.append(value)
            continue
        if kind == "data" and not depth_trans:
            out.append(value)
        elif kind in ("variable_end", "comment_end") or (kind == "data" and depth_trans):
            out.append(HOLE)
    return "".join(out)


def _has_words(text: str) -> bool:
    text = text.replace(HOLE, " ")
    for allowed in UNTRANSLATED:
        text = text.replace(allowed, "")
    return bool(LETTER.search(text))


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name, value in attrs:
            readable = name in READ_ATTRIBUTES or (
                name == "value" and values.get("type") in ("submit", "button", "reset")
            )
            if readable and value and _has_words(value):
                self.found.append(f'{name}="{value.replace(HOLE, "{…}")}"')

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and _has_words(data):
            self.found.append(" ".join(data.replace(HOLE, "{…}").split()))


#: calls whose string arguments are not shown to people (names, endpoints, formats)
_NOT_SHOWN_CALLS = {"url_for", "startswith", "strftime", "get", "pagination", "watch_actions"}
#: a sentence (letters and a space) or a capitalised word
_LOOKS_LIKE_WORDS = re.compile(r"[^\W\d_]+ [^\W\d_]|^[A-Z][a-z]+")


def _is_gettext_call(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name in ("_", "gettext", "ngettext")
    )


def _shown_strings(node: nodes.Node, parents: tuple[nodes.Node, ...] = ()) -> list[str]:
    """String constants in expressions that read like words and are not translated."""
    found = []
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        parent = parents[-1] if parents else None
        # the call a string is given to, as a positional or a keyword argument
        call = parents[-2] if isinstance(parent, nodes.Keyword) and len(parents) > 1 else parent
        ignored = (
            any(_is_gettext_call(p) for p in parents)
            or any(isinstance(p, nodes.Compare) for p in parents)
            or isinstance(parent, nodes.Pair)
            or isinstance(parents[0] if parents else None, nodes.Extends | nodes.Include)
            or (
                isinstance(call, nodes.Call)
                and getattr(call.node, "name", getattr(call.node, "attr", None)) in _NOT_SHOWN_CALLS
            )
            or (isinstance(parent, nodes.Keyword) and parent.key in ("autocomplete", "filename"))
            or "style=" in node.value
        )
        if not ignored and _LOOKS_LIKE_WORDS.search(node.value):
            found.append(node.value)
    for child in node.iter_child_nodes():
        if isinstance(node, nodes.Extends | nodes.Include | nodes.FromImport | nodes.Import):
            continue
        found.extend(_shown_strings(child, (*parents, node)))
    return found


def untranslated_text(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    strings = _shown_strings(Environment(extensions=["jinja2.ext.i18n"]).parse(source))
    text = literal_text(source)
    if path.suffix == ".txt":
        return strings + [line.strip() for line in text.splitlines() if _has_words(line)]
    finder = _TextFinder()
    finder.feed(text)
    finder.close()
    return strings + finder.found


ALL_TEMPLATES = sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt"))


def test_the_scan_finds_literal_text_and_passes_translated_text() -> None:
    # The scan itself must be able to fail, or the test below proves nothing.
    sample = (
        '<h1>{{ _("Agreements") }}</h1><p title="Help">Loose words {{ n }}</p>'
        "{% trans %}Inside a block{% endtrans %}<td>{{ x }} · {{ y }}</td>"
        '<input type="submit" value="Save"><svg><text>{{ label }}</text></svg>'
    )
    finder = _TextFinder()
    finder.feed(literal_text(sample))
    assert finder.found == ['title="Help"', "Loose words {…}", 'value="Save"']
    expressions = (
        "{{ x if y else 'Add a user' }}{{ field(f, hint='Hold Ctrl') }}"
        "{{ _('Kept') }}{{ url_for('a.b', kind='Some Kind') }}{{ 'overdue' if late }}"
    )
    found = _shown_strings(Environment(extensions=["jinja2.ext.i18n"]).parse(expressions))
    assert found == ["Add a user", "Hold Ctrl"]


@pytest.mark.parametrize("path", ALL_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_untranslated_text(path: Path) -> None:
    assert untranslated_text(path) == []


def _keywords() -> dict[str, tuple[int, ...] | None]:
    """The Makefile's BABEL_KEYWORDS, as `make messages` passes them to pybabel."""
    makefile = (ROOT / "Makefile").read_text().splitlines()
    line = next(line for line in makefile if line.startswith("BABEL_KEYWORDS"))
    keywords: dict[str, tuple[int, ...] | None] = {}
    for word in line.split("=", 1)[1].split():
        name, _, spec = word.partition(":")
        keywords[name] = tuple(int(i) for i in spec.split(",")) if spec else None
    return keywords


def _extracted_messages() -> set[str]:
    """Every message in the code and templates, read the way `make messages` reads them."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[str] = set()
    for source in (ROOT / "tracker", TEMPLATES):
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(source), method_map=method_map, options_map=options_map, keywords=_keywords()
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_extraction_finds_the_messages_of_code_and_templates() -> None:
    found = _extracted_messages()
    assert "Where everything stands" in found  # a template
    assert "Enter the agreement's title." in found  # a form (lazy_gettext)
    assert "The track is already %(current)s." in found  # the workflow (IllegalMove)
    assert "in %(num)s day" in found  # a plural (ngettext)
    assert "No activity for %(num)s day: %(track)s" in found  # a plural (Plural)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=language)

    def translated(msgid: str) -> bool:
        message = catalogue.get(msgid)
        if message is None or message.fuzzy:
            return False
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return all(strings)

    assert sorted(msgid for msgid in _extracted_messages() if not translated(msgid)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        for checker in checkers:
            try:
                checker(catalogue, message)
            except Exception as error:  # babel raises TranslationError
                problems.append(f"{message.id!r}: {error}")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {name for i in ids for name in re.findall(r"%\((\w+)\)s", i)}
        for s in strings:
            if s and set(re.findall(r"%\((\w+)\)s", s)) - wanted:
                problems.append(f"{message.id!r}: unknown placeholder in {s!r}")
    assert problems == []
