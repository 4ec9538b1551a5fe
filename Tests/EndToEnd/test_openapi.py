"""The published OpenAPI document is valid and the live server's answers match it."""

import copy

import pytest
import yaml
from openapi_schema_validator import OAS30Validator, validate
from openapi_spec_validator import validate as validate_spec


@pytest.fixture
def spec(server):
    status, headers, text = server.request("GET", "/openapi/citizen-v1.yaml")
    assert status == 200
    document = yaml.safe_load(text)
    validate_spec(document)
    return document


def check(spec, instance, schema_name):
    """Validates `instance` against a component schema, resolving $refs within the document."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": copy.deepcopy(spec["components"])}
    validate(instance, schema, cls=OAS30Validator)


def test_answers_match_the_published_schemas(server, spec, example):
    for lang in ("da", "en"):
        status, _, questionnaire = server.request("GET", f"/api/v1/questionnaire?lang={lang}")
        assert status == 200
        check(spec, questionnaire, "Questionnaire")

    example["answers"]["med.days"] = "skip"
    status, _, receipt = server.request("POST", "/api/v1/submissions", example)
    assert status == 201
    check(spec, receipt, "Receipt")
    assert receipt["composites"]["medical"] is None

    status, _, case = server.request("POST", "/api/v1/status", {"token": receipt["token"]})
    assert status == 200
    check(spec, case, "CaseStatus")

    example["answers"]["med.days"] = 99
    status, _, refused = server.request("POST", "/api/v1/submissions", example)
    assert status == 422
    check(spec, refused, "Error")

    status, _, unknown = server.request("POST", "/api/v1/status", {"token": "0000-0000-0000-0000-0000"})
    assert status == 404
    check(spec, unknown, "Error")


def test_every_documented_path_answers(server, spec):
    documented = set(spec["paths"])
    assert documented == {"/api/v1/questionnaire", "/api/v1/submissions", "/api/v1/status", "/api/v1/messages", "/api/v1/bookings",
                          "/api/v1/bookings/cancel", "/api/v1/withdrawal", "/api/v1/partner/stats", "/api/v1/token/replace", "/health"}
    for path, operations in spec["paths"].items():
        for method in operations:
            status, _, _ = server.request(method.upper(), path, {} if method == "post" else None)
            assert status not in (404, 405) or path == "/api/v1/partner/stats", f"{method} {path} is documented but not served"
    assert server.request("GET", "/api/v1/partner/stats")[0] == 401
