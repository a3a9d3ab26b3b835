"""The web interface: one blueprint per feature, plus error pages and template helpers."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, render_template, request
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import IntegerConverter, Map

from tracker import audit_rows, audit_text, clock
from tracker.domain.workflow import ALL_STATUSES, TrackStatus
from tracker.extensions import csrf, limiter, login_manager
from tracker.mail.links import record_url
from tracker.models import Role
from tracker.services import gate, transaction
from tracker.services.spreadsheets.parsing import MAX_FILE_BYTES
from tracker.web import reasons, resubmit


def init_app(app: Flask) -> None:
    from tracker.web import (
        action_items,
        admin,
        agreements,
        auth,
        bodies,
        calendar,
        dashboard,
        documents,
        follows,
        health,
        milestones,
        my_work,
        preferences,
        reports,
        saved_filters,
        search,
        spreadsheets,
        texts,
        tidy,
        tracks,
    )

    # Before any route is registered: ids in URLs fit the database's integer columns.
    app.url_map.converters["int"] = DatabaseIdConverter
    # First of all, before anything reads the body (the login check may keep a form's
    # fields, the CSRF check reads its token): an upload view's own limit applies to it.
    app.before_request_funcs.setdefault(None, []).insert(0, _body_limit)
    login_manager.unauthorized_handler(resubmit.login_again)
    app.before_request(resubmit.restore_draft)
    app.before_request(reasons.restore_kept_reason)
    csrf.init_app(app)
    limiter.init_app(app)
    from tracker.api import bp as api_bp

    # The API authenticates with bearer tokens only (never the session cookie), so a
    # cross-site request cannot act for a logged-in user: CSRF tokens do not apply.
    csrf.exempt(api_bp)
    app.register_api(api_bp)  # type: ignore[attr-defined]  # the app is flask-openapi3's OpenAPI
    for module in (
        auth,
        health,
        dashboard,
        my_work,
        agreements,
        tracks,
        texts,
        milestones,
        action_items,
        bodies,
        documents,
        reports,
        preferences,
        calendar,
        follows,
        saved_filters,
        spreadsheets,
        search,
        tidy,
        admin,
    ):
        app.register_blueprint(module.bp)

    app.register_error_handler(gate.NotFound, _not_found)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.context_processor(_template_globals)
    # Pages and mail share the weekly report's body; its links are absolute in mail.
    app.jinja_env.globals["record_url"] = record_url
    # A refused cancel's or archive's reason, back in its form (tracker.web.reasons).
    app.jinja_env.globals["kept_reason"] = reasons.kept_reason
    # The audit log and the activity panels in the reader's language (tracker.audit_text).
    app.jinja_env.filters.update(
        action_label=audit_text.action_label,
        record_kind=audit_text.record_kind,
        field_label=audit_text.field_label,
    )
    app.jinja_env.globals.update(
        field_value=audit_text.field_value,
        change_rows=audit_rows.change_rows,
        event_record=audit_rows.event_record,
        RECORD_ENDPOINTS=audit_text.RECORD_ENDPOINTS,
        ID_FIELDS=audit_text.ID_FIELDS,
    )
    app.after_request(_security_headers)
    app.after_request(_commit_or_roll_back)


class DatabaseIdConverter(IntegerConverter):
    """<int:...> up to 2**31 - 1: a larger id is a 404, not a PostgreSQL range error."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _upload_view() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "takes_uploads", False))


def _body_limit() -> None:
    if _upload_view():
        # Room for the file and the few fields around it.
        request.max_content_length = current_app.config["UPLOAD_MAX_BYTES"] + 64 * 1024


def _template_globals() -> dict[str, Any]:
    return {
        "today": clock.today(),
        "TrackStatus": TrackStatus,
        "ALL_STATUSES": ALL_STATUSES,
        "Role": Role,
    }


def _security_headers(response: Any) -> Any:
    # A page's language may come from the browser's Accept-Language (before login).
    response.vary.add("Accept-Language")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    )
    return response


def _not_found(error: gate.NotFound) -> Any:
    """A record the reader may not see is answered exactly as a missing one."""
    return _http_error(NotFound())


def _commit_or_roll_back(response: Any) -> Any:
    """The request is the boundary of its transaction: the services only flush, and what
    they did (with the audit of what the gate saw read) is committed once, with a
    successful answer, or rolled back with a refusal. An exception rolls back too (the
    session is removed at the end of the request)."""
    reads = gate.reads_to_keep()
    if response.status_code < 400:
        transaction.commit()
    else:
        transaction.roll_back()
        if reads:  # an administrator's read of a restricted record stays on record
            gate.keep_reads(reads)
            transaction.commit()
    return response


def _csrf_error(error: CSRFError) -> Any:
    return resubmit.expired_form(_plain_csrf_refusal)


def _plain_csrf_refusal() -> tuple[str, int]:
    return render_template(
        "errors/error.html",
        code=400,
        title=_l("The form has expired"),
        message=_l(
            "The page was open too long or the session changed. Go back, reload the page "
            "and submit the form again."
        ),
    ), 400


_TITLES = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (
        _l("Not allowed"),
        _l("Your role does not allow this. Ask an administrator if you need it."),
    ),
    404: (_l("Not found"), _l("There is nothing at this address. It may have been removed.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Too large"), _l("What you sent is larger than the server accepts.")),
    429: (_l("Too many attempts"), _l("Wait a minute, then try again.")),
}


def _is_api_request() -> bool:
    return request.path.startswith("/api/")


def _http_error(error: HTTPException) -> Any:
    if error.code is None or error.code < 400:
        return error
    if _is_api_request():
        from tracker.api.views import api_error

        response = api_error(error.code, error.name, error.description or "")
        if error.code == 405 and error.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
        return response
    title, message = _TITLES.get(error.code, (error.name, error.description or ""))
    if error.code == 413 and _upload_view():
        message = _l(
            "The file is larger than %(mb)s MB, the largest document that can be attached. "
            "Nothing was saved.",
            mb=current_app.config["UPLOAD_MAX_BYTES"] // (1024 * 1024),
        )
    elif error.code == 413 and request.endpoint == "spreadsheets.upload":
        message = _l(
            "The file is larger than %(mb)s MB, the largest spreadsheet that can be imported. "
            "Split it into smaller files; nothing was imported.",
            mb=format_decimal(MAX_FILE_BYTES / 1_000_000),
        )
    return render_template(
        "errors/error.html", code=error.code, title=title, message=message
    ), error.code


def _unexpected_error(error: Exception) -> tuple[str, int]:
    # Never show a stack trace to a user; log it for the operator.
    transaction.roll_back()
    current_app.logger.exception("Unhandled error", exc_info=error)
    if _is_api_request():
        from tracker.api.views import api_error

        return api_error(500, "Internal Server Error", "The error has been logged.")  # type: ignore[return-value]
    return render_template(
        "errors/error.html",
        code=500,
        title=_l("Something went wrong"),
        message=_l(
            "The error has been logged. Nothing you saved before this was lost; please try again."
        ),
    ), 500
