from __future__ import annotations

from tests.factories import PASSWORD


def login(client, email: str, password: str, next_url: str = ""):
    client.csrf_token = client.token_from(client.get("/login"))
    url = f"/login?next={next_url}" if next_url else "/login"
    return client.submit(url, {"email": email, "password": password})


def test_login_with_the_right_password(client, officer) -> None:
    response = login(client, "OFFICER@test.example ", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert officer.name in client.get("/").text


def test_wrong_password_and_unknown_email_get_the_same_message(client, officer) -> None:
    wrong = login(client, officer.email, "not the password")
    unknown = login(client, "nobody@test.example", "not the password")
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "Wrong email or password." in response.text
    assert client.get("/").status_code == 302


def test_a_deactivated_user_cannot_log_in(client, make) -> None:
    user = make.user(active=False)
    assert "Wrong email or password." in login(client, user.email, PASSWORD).text


def test_next_goes_only_to_local_paths(client, officer) -> None:
    assert login(client, officer.email, PASSWORD, "/tracks/").headers["Location"] == "/tracks/"
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        client.delete_cookie("session")
        response = login(client, officer.email, PASSWORD, hostile)
        assert response.headers["Location"] == "/", hostile


def test_login_page_redirects_a_logged_in_user(client, officer) -> None:
    client.login(officer)
    assert client.get("/login").headers["Location"] == "/"


def test_logout_needs_a_post_with_the_csrf_token(client, officer) -> None:
    client.login(officer)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.submit("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_samesite(client, officer) -> None:
    client.csrf_token = client.token_from(client.get("/login"))
    response = client.submit("/login", {"email": officer.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
