"""Form building blocks shared by the blueprints."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from flask import g, has_request_context
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import TextArea

from tracker.domain.workflow import IllegalMove
from tracker.i18n import translate
from tracker.schemas import Schema, SchemaRefusal, validate
from tracker.services.errors import ServiceError
from tracker.web.merging import ConflictReport, VersionField, clash_message, settle_clashes

__all__ = ["VersionField"]  # the version field lives with the merge it carries

F = TypeVar("F", bound=Callable[..., Any])


def takes_uploads(view: F) -> F:
    """Mark a view whose form carries a document: its request body may be as large as
    UPLOAD_MAX_BYTES (and the form around it), where other requests keep the global
    MAX_CONTENT_LENGTH. The limit is set before anything reads the body."""
    view.takes_uploads = True  # type: ignore[attr-defined]
    return view


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


#: the largest id the database's integer columns hold (as in URLs, DatabaseIdConverter)
MAX_ID = 2**31 - 1


def optional_int(value: Any) -> int | None:
    """A select's id, or None; a number no column can hold is refused like any bad choice
    (it would otherwise reach a query and fail there)."""
    if value in (None, "", "None"):
        return None
    number = int(value)
    if abs(number) > MAX_ID:
        raise ValueError("not a database id")
    return number


def options(pairs: Iterable[tuple[Any, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(str(value), label) for value, label in pairs]


_CHOOSE_OPTION = _l("Choose an option from the list.")
_CHOOSE_FROM_LIST = _l("Choose from the list.")


class ChoiceField(SelectField):
    """A select that says in words what to do when a value is not one of its choices."""

    def __init__(self, *args: Any, choose: Any = _CHOOSE_OPTION, **kw: Any):
        kw.setdefault("invalid_value_message", choose)
        kw.setdefault("invalid_choice_message", choose)
        if isinstance(kw.get("choices"), list):
            kw["choices"] = options(kw["choices"])
        super().__init__(*args, **kw)


class MultiChoiceField(SelectMultipleField):
    def __init__(self, *args: Any, choose: Any = _CHOOSE_FROM_LIST, **kw: Any):
        kw.setdefault("invalid_value_message", choose)
        # Called when the form is validated, so both halves are in the reader's language.
        kw.setdefault(
            "invalid_choice_message",
            lambda count: f"{choose} {gettext('(Not an option: %(value)s.)')}",
        )
        super().__init__(*args, **kw)


#: a line break typed into a single-line field (what an <input> cannot show)
TYPED_LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")

#: control characters no text field accepts (tab and line breaks are fine)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _field_of(path: str | None) -> str | None:
    """The form field a refusal's path is about ("areas.3" is the areas field)."""
    return path.split(".", 1)[0] if path else None


class TrackerForm(FlaskForm):
    """A FlaskForm that refuses control characters and can carry errors raised by a service.

    With `schema` set, the form only parses (types, choices, presence) and the schema holds
    the limits: its refusals are shown at their fields with the form's own, all at once.
    """

    #: the input schema whose limits apply to the fields of the same name
    schema: ClassVar[type[Schema] | None] = None
    #: an edit form of a record's fields: after a conflict, the other officer's changes
    #: are merged into it (tracker.web.merging)
    merges: ClassVar[bool] = False
    #: fields not merged (what they hold is not the record's own value)
    not_merged: ClassVar[frozenset[str]] = frozenset()
    #: text fields holding a list, one item a line, merged item by item
    line_lists: ClassVar[frozenset[str]] = frozenset()
    #: after a conflict: who saved meanwhile, when, and what they changed (set by
    #: tracker.web.saving.submit_form)
    conflict_report: ConflictReport | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # What was typed before the session ended, back on its page after the login
        # (tracker.web.resubmit): it fills a form that has one of its fields.
        draft = g.get("form_draft") if has_request_context() else None
        if draft is not None and not args:
            prefix = kwargs.get("prefix", "")
            names = {prefix + name for name, _ in self._unbound_fields if name != "csrf_token"}
            if names & set(draft):
                kwargs["formdata"] = draft
        super().__init__(*args, **kwargs)
        for field in self:
            if (
                field.type == "StringField"
                and isinstance(field.data, str)
                and TYPED_LINE_BREAK.search(field.data)
            ):
                # A browser strips line breaks from an <input>'s value, so the refused
                # title would come back silently changed; a text area shows it as typed
                # (the field is refused: single-line text takes no line break).
                field.widget = TextArea()

    def validate_on_submit(self, extra_validators: Any = None) -> bool:
        """As FlaskForm's; False, with a message, for a form posted after its CSRF token
        expired, which is shown again as typed (tracker.web.resubmit)."""
        if has_request_context() and g.get("resubmit"):
            from tracker.web.resubmit import EXPIRED_MESSAGE

            self.form_errors.append(str(EXPIRED_MESSAGE))
            return False
        return super().validate_on_submit(extra_validators)

    def validate(self, extra_validators: Any = None) -> bool:
        unsettled = settle_clashes(self)
        ok = super().validate(extra_validators)
        for field in unsettled:
            field.errors = [*field.errors, clash_message()]
            ok = False
        checked = self.schema.model_fields if self.schema is not None else {}
        if self.schema is not None:
            ok = self._check_schema(self.schema) and ok
        for field in self:
            if field.short_name in checked:
                continue  # the schema refuses control characters in its own fields
            if isinstance(field.data, str) and CONTROL_CHARACTERS.search(field.data):
                # PostgreSQL cannot store NUL, and none of these belongs in a treaty record.
                field.errors = [
                    *field.errors,
                    gettext("Remove the control characters from this text."),
                ]
                ok = False
        return ok

    def schema_input(self) -> dict[str, Any]:
        """The parsed values the schema checks: each field the form parsed without error
        (a form whose field holds another shape, such as lines of text for a list, says so
        by overriding this)."""
        wanted = self.schema.model_fields if self.schema is not None else {}
        return {
            name: field.data
            for name, field in self._fields.items()
            if name in wanted and not field.errors and field.data is not None
        }

    def _check_schema(self, schema: type[Schema]) -> bool:
        """The schema's refusals of the fields the form parsed without error."""
        parsed = self.schema_input()
        try:
            validate(schema, parsed)
        except SchemaRefusal as refusal:
            fresh = [r for r in refusal.refusals if _field_of(r.field) in parsed]
            for r in fresh:
                self._add_message(r.field, translate(r.message))
            return not fresh
        return True

    def add_error(self, error: ServiceError | IllegalMove) -> None:
        """Show a refusal at its field (every field's, for a schema's), in the reader's
        language; a refusal without a field, or of a field the form lacks, at the top."""
        if isinstance(error, SchemaRefusal):
            for refusal in error.refusals:
                self._add_message(refusal.field, translate(refusal.message))
            return
        message = translate(error.reason if isinstance(error, IllegalMove) else error.message)
        self._add_message(error.field, message)

    def _add_message(self, name: str | None, message: str) -> None:
        name = _field_of(name)
        field = self._fields.get(name) if name else None
        if field is not None and name != "csrf_token":
            field.errors = [*field.errors, message]
        else:
            self.form_errors.append(message)

    def values_of(self, record: Any) -> dict[str, Any]:
        """The values this form shows for `record` (as when it is first opened), by field
        name: each field the record has an attribute of. A form whose fields are not the
        record's attributes (ids of a relationship, lines of names) adds them."""
        return {
            field.short_name: getattr(record, field.short_name)
            for field in self
            if field.short_name not in ("version", "csrf_token")
            and hasattr(record, field.short_name)
        }

    @property
    def has_errors(self) -> bool:
        return bool(self.form_errors) or any(f.errors for f in self)
