"""The staff API on its own listener: kept apart from the citizen side, a whole case worked
through over HTTP, every answer checked against Docs/staff-api.yaml (OpenAPI 3.1)."""

import copy
from datetime import timedelta
from pathlib import Path

import yaml
from openapi_schema_validator import OAS31Validator, validate
from openapi_spec_validator import validate as validate_spec

import service_calendar

STAFF_API = Path(__file__).resolve().parents[2] / "Docs" / "staff-api.yaml"


def check(spec, instance, schema_name):
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": copy.deepcopy(spec["components"])}
    validate(instance, schema, cls=OAS31Validator)


def test_the_two_sides_listen_apart(server):
    token = server.add_staff("mette")
    assert server.request("GET", "/api/v1/questionnaire", base=server.staff_base)[0] == 404
    status, headers, page = server.request("GET", "/", base=server.staff_base)
    assert status == 200 and '<script type="module" src="/js/app.js">' in page  # the staff console
    assert server.request("GET", "/staff/index.html")[0] == 404  # not on the citizen side
    assert server.request("GET", "/staff/v1/cases", headers={"Authorization": f"Bearer {token}"})[0] == 404
    assert server.staff("GET", "/staff/v1/cases", token=token)[0] == 200
    assert server.staff("GET", "/staff/v1/cases")[0] == 401


def test_a_case_worked_through_over_http_matches_the_contract(server, example):
    spec = yaml.safe_load(STAFF_API.read_text())
    validate_spec(spec)
    _, _, receipt = server.request("POST", "/api/v1/submissions", dict(example, answers=dict(example["answers"], **{"bg.contact": "phone"})))
    reference, citizen_token = receipt["caseReference"], receipt["token"]
    mette = server.add_staff("mette", admin=True)
    jonas = server.add_staff("jonas")

    status, _, queue = server.staff("GET", "/staff/v1/cases", token=mette)
    assert status == 200
    for item in queue["items"]:
        check(spec, item, "Case")
    assert server.staff("POST", f"/staff/v1/cases/{reference}/claim", token=mette)[0] == 200
    status, _, refused = server.staff("POST", f"/staff/v1/cases/{reference}/claim", token=jonas)
    assert status == 409 and "mette" in refused["error"]["message"]
    check(spec, refused, "Error")

    status, _, message = server.staff("POST", f"/staff/v1/cases/{reference}/messages", {"body": "Hej, jeg hedder Mette."}, mette)
    assert status == 201
    check(spec, message, "Message")
    status, _, slot = server.staff("POST", "/staff/v1/slots", {"start": f"{service_calendar.monday()}T10:00", "length": 30, "mode": "phone",
                                                               "place": "Ring 33 17 33 17"}, mette)
    assert status == 201
    check(spec, slot, "Slot")

    status, _, case = server.request("POST", "/api/v1/status", {"token": citizen_token})
    assert [entry["body"] for entry in case["conversation"]] == ["Hej, jeg hedder Mette."]
    assert [open_slot["id"] for open_slot in case["openSlots"]] == [slot["id"]]
    assert server.request("POST", "/api/v1/bookings", {"token": citizen_token, "slot": slot["id"]})[0] == 201

    status, _, looked_up = server.staff("POST", "/staff/v1/cases/lookup", {"token": citizen_token}, mette)
    assert status == 200 and looked_up["state"] == "booked" and looked_up["booking"]["id"] == slot["id"]
    check(spec, looked_up, "Case")
    status, _, decided = server.staff("POST", f"/staff/v1/cases/{reference}/decision",
                                      {"track": "anonymous", "plannedStart": str(service_calendar.monday() + timedelta(days=3))}, mette)
    assert status == 200 and decided["state"] == "decided", decided
    status, _, file = server.staff("GET", f"/staff/v1/cases/{reference}", token=mette)
    check(spec, file, "Case")
    assert file["decision"]["track"] == "anonymous" and file["answers"]["bg.contact"] == "phone"
    assert server.staff("POST", f"/staff/v1/cases/{reference}/close", {}, mette)[1] is not None

    status, _, audit = server.staff("GET", f"/staff/v1/audit?case={reference}", token=mette)
    for entry in audit["items"]:
        check(spec, entry, "AuditEntry")
    assert {"case.claim", "message.write", "case.lookup", "case.decide", "case.read", "case.close"} <= {e["action"] for e in audit["items"]}
    status, _, stats = server.staff("GET", "/staff/v1/stats", token=mette)
    check(spec, stats, "Statistics")
    assert server.staff("GET", "/staff/v1/audit", token=jonas)[0] == 403
    assert server.staff("GET", "/staff/v1/stats", token=jonas)[0] == 403  # administrators only, as documented
