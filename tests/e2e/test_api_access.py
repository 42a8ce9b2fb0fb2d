"""Who may use the API, CSRF on writes, health and the OpenAPI document."""

import re

from tests.e2e.conftest import sign_in


def test_api_without_sign_in_answers_401_problem_details(client):
    response = client.get("/api/v1/nodes")

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 401


def test_healthz_needs_no_sign_in(client):
    response = client.get("/healthz")

    assert response.json() == {"status": "ok"}


def test_api_write_without_csrf_header_is_refused_and_changes_nothing(admin_client):
    del admin_client.headers["x-csrftoken"]

    response = admin_client.post(
        "/api/v1/nodes", json={"kind": "company", "name": "幸福物业"}
    )

    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    names = [n["name"] for n in admin_client.get("/api/v1/nodes").json()]
    assert "幸福物业" not in names


def test_signing_out_ends_the_session(admin_client):
    admin_client.post("/logout", follow_redirects=False)

    response = admin_client.get("/api/v1/nodes")

    assert response.status_code == 401


def test_sign_in_replaces_the_session_cookie(client):
    sign_in(client)
    first = client.cookies.get("propcore_session")

    sign_in(client)

    assert client.cookies.get("propcore_session") != first


def test_openapi_document_describes_decimal_fields_as_strings(admin_client):
    schema = admin_client.get("/api/schema/openapi.json").json()

    unit_create = schema["components"]["schemas"]["UnitCreate"]["properties"]
    assert unit_create["gross_area"]["type"] == "string"
    assert "/api/v1/units/{unit_id}/status" in schema["paths"]


def test_swagger_page_loads_only_local_assets(admin_client):
    page = admin_client.get("/api/schema")

    urls = re.findall(r'(?:src|href)=["\']([^"\']+)["\']', page.text)
    assert page.status_code == 200
    assert urls
    assert all(u.startswith("/api/schema/assets/") for u in urls)
    assert "http://" not in page.text
    assert "https://" not in page.text


def test_swagger_assets_are_served_without_sign_in(client):
    script = client.get("/api/schema/assets/swagger-ui-bundle.js")
    style = client.get("/api/schema/assets/swagger-ui.css")

    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.text
    assert style.status_code == 200
