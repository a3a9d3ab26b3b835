"""The one way a view saves a form: validate, call one service, and on a refusal roll
back and show it on the form (on a conflict, with the record as it now stands)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tracker.domain.workflow import IllegalMove
from tracker.services import transaction
from tracker.services.audit import last_saved
from tracker.services.errors import ConflictError, ServiceError
from tracker.web.forms import TrackerForm
from tracker.web.merging import ConflictReport, merge_into, saved_when

T = TypeVar("T")


@dataclass
class Submission(Generic[T]):
    """What came of a form: `saved` is what the service returned, when it saved."""

    form: TrackerForm
    saved: T | None = None
    done: bool = False
    #: refused because someone else saved first; `record` is the record as it now stands
    conflict: bool = False
    record: Any = None
    #: after a conflict: who saved meanwhile, when, and what they changed
    report: ConflictReport | None = None

    @property
    def status(self) -> int:
        """The HTTP status to re-render the form with: 422 when it shows refusals."""
        return 422 if self.form.has_errors else 200


def _version_to(form: TrackerForm, record: Any) -> None:
    version = getattr(form, "version", None)
    if version is not None:
        version.data = record.version


def submit_form(
    form: TrackerForm,
    save: Callable[[], T],
    *,
    reload: Callable[[], Any] | None = None,
    resync: Callable[[TrackerForm, Any], None] = _version_to,
) -> Submission[T]:
    """Validate `form` (a POST with a valid CSRF token) and, if it is valid, call `save`.

    A ServiceError or IllegalMove from `save` rolls the session back and is shown on the
    form, in the reader's language. On a ConflictError the record is read again with
    `reload` and `resync` points the form at it (by default: its version), so the user's
    input is kept and a deliberate second save can win.
    """
    submission: Submission[T] = Submission(form)
    if not form.validate_on_submit():
        return submission
    try:
        submission.saved = save()
    except (ServiceError, IllegalMove) as error:
        transaction.roll_back()
        form.add_error(error)
        if isinstance(error, ConflictError) and reload is not None:
            submission.conflict = True
            submission.record = reload()
            resync(form, submission.record)
            report = merge_into(form, submission.record)
            saved = last_saved(submission.record)
            if saved is not None:
                report.saved_by, report.saved_at = saved[0], saved_when(saved[1])
            submission.report = form.conflict_report = report
        return submission
    submission.done = True
    return submission
