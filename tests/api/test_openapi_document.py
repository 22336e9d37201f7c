"""The OpenAPI document and the interactive docs load, and list every endpoint."""

from __future__ import annotations

import pytest
from django.test import Client

PATHS = {
    "/api/v1/units": {"get", "post"},
    "/api/v1/units/{code}": {"get", "patch"},
    "/api/v1/units/{code}/children": {"get"},
    "/api/v1/units/{code}/summary": {"get"},
    "/api/v1/units/{code}/history": {"get"},
    "/api/v1/units/{code}/rename": {"post"},
    "/api/v1/units/{code}/move": {"post"},
    "/api/v1/units/{code}/merge": {"post"},
    "/api/v1/units/{code}/dissolve": {"post"},
    "/api/v1/members": {"get", "post"},
    "/api/v1/members/{card_number}": {"get", "patch"},
    "/api/v1/members/{card_number}/history": {"get"},
    "/api/v1/members/{card_number}/transfer": {"post"},
    "/api/v1/members/{card_number}/status": {"post"},
    "/api/v1/members/{card_number}/positions": {"post"},
    "/api/v1/members/{card_number}/positions/{position_id}/end": {"post"},
    "/api/v1/me": {"get"},
    "/api/v1/users": {"post"},
    "/api/v1/roles": {"get", "post"},
    "/api/v1/roles/{assignment_id}/end": {"post"},
    "/api/v1/tokens": {"get", "post"},
    "/api/v1/tokens/{token_id}/revoke": {"post"},
}


def test_openapi_document_lists_every_endpoint(db):
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Gương API"
    assert {path: set(ops) for path, ops in document["paths"].items()} == PATHS


def test_openapi_document_describes_both_ways_to_log_in(db):
    schemes = Client().get("/api/v1/openapi.json").json()["components"]["securitySchemes"]

    assert schemes["BearerToken"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"


def test_list_parameters_are_documented(db):
    document = Client().get("/api/v1/openapi.json").json()
    parameters = document["paths"]["/api/v1/members"]["get"]["parameters"]
    by_name = {p["name"]: p for p in parameters}

    assert {"unit", "q", "status", "gender", "ordering", "include_left", "page", "page_size"} <= (
        set(by_name)
    )
    assert by_name["page_size"]["schema"]["maximum"] == 500


def test_interactive_docs_page_loads_without_the_internet(db):
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v1/openapi.json" in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "https://" not in page and "http://" not in page
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v2/units", "/api/"])
def test_an_unknown_api_address_answers_the_api_error_shape(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found.", "errors": []}
