"""Signing in to the pages, CSRF on forms, and the language switch."""

from tests.e2e.conftest import form_token, sign_in


def test_pages_redirect_to_sign_in_with_the_page_to_return_to(client):
    response = client.get("/people?q=1", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fpeople%3Fq%3D1"


def test_sign_in_returns_to_the_requested_local_page(client):
    response = sign_in(client, next="/people")

    assert response.status_code == 303
    assert response.headers["location"] == "/people"
    assert client.get("/people").status_code == 200


def test_sign_in_never_redirects_to_another_site(client):
    response = sign_in(client, next="//evil.example/")

    assert response.headers["location"] == "/"


def test_wrong_password_is_refused_without_a_session(client):
    response = sign_in(client, password="wrong password")

    assert response.status_code == 401
    assert "用户名或密码错误" in response.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_form_post_without_csrf_token_is_refused_and_changes_nothing(
    admin_client, core
):
    del admin_client.headers["x-csrftoken"]

    response = admin_client.post("/nodes", data={"kind": "company", "name": "幸福物业"})

    assert response.status_code == 403
    assert "幸福物业" not in [n.name for n in core.property.nodes()]


def test_form_post_with_the_pages_token_is_accepted(admin_client, core):
    del admin_client.headers["x-csrftoken"]
    token = form_token(admin_client, "/")

    response = admin_client.post(
        "/nodes",
        data={"kind": "company", "name": "幸福物业", "_csrf_token": token},
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert "幸福物业" in [n.name for n in core.property.nodes()]


def test_pages_are_in_chinese_by_default(admin_client):
    page = admin_client.get("/")

    assert '<html lang="zh-CN">' in page.text
    assert "房产资源管理" in page.text


def test_language_link_switches_to_english_and_is_remembered(admin_client):
    admin_client.get("/language/en?next=/", follow_redirects=False)

    page = admin_client.get("/")

    assert "Property resources" in page.text
    assert "房产资源管理" not in page.text


def test_lang_query_parameter_chooses_english_for_one_page(admin_client):
    english = admin_client.get("/?lang=en")
    chinese = admin_client.get("/")

    assert "Property resources" in english.text
    assert "房产资源管理" in chinese.text


def test_static_css_is_served_without_sign_in(client):
    response = client.get("/static/style.css")

    assert response.status_code == 200
    assert "font" in response.text
