"""Single-line text at the doors that do not go through a record's schema: account names
and addresses (the admin form, `flask create-user`), refused with the form's message."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import String, Text, func, select

from tracker.models import ActionItem, Agreement, Body, Milestone, NegotiationTrack, User
from tracker.orm import db
from tracker.schemas import SchemaRefusal
from tracker.schemas.action_items import ActionItemInput
from tracker.schemas.agreements import AgreementInput, BodyInput
from tracker.schemas.milestones import MilestoneChanges, MilestoneInput
from tracker.schemas.tracks import TrackInput
from tracker.schemas.users import UserInput

TWO_LINES = "Round 4\nBrussels, technical level"
ONE_LINE = "Keep this on one line: no line breaks."


def accounts() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


@pytest.mark.parametrize("name", ["Aigerim\nNurlanovna", "Aigerim\u2028Nurlanovna"])
def test_the_admin_form_refuses_a_name_on_two_lines(client, admin, name) -> None:
    client.login(admin)
    before = accounts()
    response = client.submit(
        "/admin/users/new",
        {
            "name": name,
            "email": "aigerim@example.org",
            "role": "officer",
            "active": "y",
            "password": "a long enough password",
        },
    )
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert ONE_LINE in page
    assert accounts() == before

    officer = db.session.scalar(select(User).where(User.id != admin.id)) or admin
    edited = client.submit(
        f"/admin/users/{officer.id}/edit",
        {
            "name": name,
            "email": officer.email,
            "role": officer.role.value,
            "active": "y",
            "version": str(officer.version),
        },
    )
    assert edited.status_code == 422
    db.session.refresh(officer)
    assert officer.name != name


@pytest.mark.parametrize(
    ("email", "name", "refusal"),
    [
        ("aigerim@example.org", "Aigerim\nNurlanovna", ONE_LINE),
        ("aigerim@example.org\nBcc: all@example.org", "Aigerim", ONE_LINE),
        ("aigerim@[10.0.0", "Aigerim", "Enter an email address like name@example.org."),
    ],
)
def test_create_user_refuses_what_no_mail_header_can_carry(runner, email, name, refusal) -> None:
    result = runner.invoke(
        args=["create-user", email, "--name", name, "--password-stdin"],
        input="a long enough password\n",
    )
    assert result.exit_code != 0
    assert refusal in result.output
    assert accounts() == 0


def test_a_document_stored_with_a_line_break_in_its_name_still_downloads(
    client, make, officer
) -> None:
    track = make.track(lead=officer)
    document = make.document(officer, track_id=track.id)
    document.filename = "Mandate\nround 4.pdf"  # as an older version could store it
    db.session.commit()
    client.login(officer)
    response = client.get(f"/documents/{document.id}")
    response.close()
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="Mandate round 4.pdf"'


SCHEMAS_AND_MODELS = [
    (TrackInput, NegotiationTrack),
    (AgreementInput, Agreement),
    (BodyInput, Body),
    (MilestoneInput, Milestone),
    (MilestoneChanges, Milestone),
    (ActionItemInput, ActionItem),
    (UserInput, User),
]


@pytest.mark.parametrize(
    ("schema", "name"),
    [
        (schema, name)
        for schema, model in SCHEMAS_AND_MODELS
        for name, field in schema.model_fields.items()
        if field.annotation is str
        and isinstance(getattr(getattr(model, name, None), "type", None), String)
        and not isinstance(getattr(model, name).type, Text)
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
@pytest.mark.parametrize("breaking", ["\n", "\r", "\u2028", "\x0b", "\x1b"])
def test_every_single_line_field_of_every_schema_refuses_line_breaks(
    schema, name, breaking
) -> None:
    """Every field kept in a String column (titles, names, places) takes one line: a new
    field added to a schema with plain `str` would fail here."""
    with pytest.raises(SchemaRefusal) as refused:
        schema.of({name: f"Round 4{breaking}Brussels"})
    assert name in {r.field for r in refused.value.refusals}
    messages = {str(r.message) for r in refused.value.refusals if r.field == name}
    assert messages <= {
        ONE_LINE,
        "Remove the control characters from this text.",
        "Enter a web address starting with https://.",
    }


def test_an_agreements_area_names_take_one_line() -> None:
    with pytest.raises(SchemaRefusal) as refused:
        AgreementInput.of({"title": "EPCA", "status": "in_force", "areas": ["Trade\nCustoms"]})
    assert [(r.field, str(r.message)) for r in refused.value.refusals] == [("areas.0", ONE_LINE)]
