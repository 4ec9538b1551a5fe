"""The `indgang` command line: help, clear errors with exit status 2, score, migrate."""

import json
import os
import sqlite3
import stat
import subprocess


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=60)


def test_help_explains_every_command(binary):
    result = run(binary, "--help")
    assert result.returncode == 0
    for command in ("serve", "migrate", "score", "staff", "provider", "partner", "purge", "backup", "rotate-data-key"):
        assert f"  {command} " in result.stdout, f"{command} is missing from --help"
    serve_help = run(binary, "serve", "--help").stdout
    assert "--port" in serve_help and "--data-dir" in serve_help and "--durability" in serve_help


def test_bad_flags_exit_with_status_2_and_say_why(binary):
    result = run(binary, "serve", "--port", "eighty")
    assert result.returncode == 2
    assert "'eighty' is invalid for '--port" in result.stderr
    result = run(binary, "serve", "--port", "70000")
    assert result.returncode == 2 and "between 0 and 65535" in result.stderr
    result = run(binary, "frobnicate")
    assert result.returncode == 2 and "Unexpected argument 'frobnicate'" in result.stderr
    result = run(binary, "serve", "--durability", "maybe")
    assert result.returncode == 2 and "full" in result.stderr


def test_score_prints_composites_track_flags_and_reasons(binary, tmp_path):
    result = run(binary, "score", "Docs/examples/submission.json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "drug         0.192" in result.stdout
    assert "Track (triage-1): anonymous" in result.stdout
    assert "Flags: none" in result.stdout
    assert "track.anonymous: Anonymous treatment: 18 or older" in result.stdout


def test_score_reads_a_bare_answers_object_and_prints_json(binary, tmp_path):
    submission = json.loads(open("Docs/examples/submission.json").read())
    answers = dict(submission["answers"], **{"crisis.now": "yes", "med.days": "skip"})
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    result = run(binary, "score", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assessment = json.loads(result.stdout)
    assert assessment["flags"] == ["crisis", "incomplete"]
    assert assessment["priority"] == 1
    assert assessment["composites"]["medical"] is None
    assert assessment["track"] == "ambulant"


def test_score_refuses_bad_files_with_the_fix(binary, tmp_path):
    result = run(binary, "score", str(tmp_path / "missing.json"))
    assert result.returncode == 2 and "Cannot read" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = run(binary, "score", str(broken))
    assert result.returncode == 2 and "not a JSON object" in result.stderr
    incomplete = tmp_path / "incomplete.json"
    incomplete.write_text(json.dumps({"med.days": 40}))
    result = run(binary, "score", str(incomplete), "--lang", "en")
    assert result.returncode == 2
    assert "med.days: Answer with a whole number from 0 to 30" in result.stderr
    assert "crisis.now: The answer is missing" in result.stderr


def test_migrate_creates_the_schema_and_private_files(binary, tmp_path):
    data = tmp_path / "data"
    first = run(binary, "migrate", "--data-dir", str(data))
    assert first.returncode == 0, first.stderr
    assert "up to date (0 cases)" in first.stdout
    assert stat.S_IMODE(os.stat(data).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(data / "indgang.sqlite").st_mode) == 0o600
    tables = {row[0] for row in sqlite3.connect(data / "indgang.sqlite").execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"intakeCase", "submissionReceipt", "grdb_migrations"} <= tables
    assert run(binary, "migrate", "--data-dir", str(data)).returncode == 0


def test_serve_refuses_a_key_file_others_can_read(binary, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    key = data / "secret.key"
    key.write_bytes(os.urandom(32))
    key.chmod(0o644)
    result = run(binary, "serve", "--data-dir", str(data), "--port", "0")
    assert result.returncode == 2
    assert f"chmod 600 {key}" in result.stderr


def test_serve_explains_an_unusable_data_folder(binary, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(binary, "serve", "--data-dir", str(blocker / "data"), "--port", "0")
    assert result.returncode == 2
    assert "--data-dir" in result.stderr


def test_an_unknown_time_zone_is_refused_with_the_fix_before_anything_is_created(binary, tmp_path):
    for command in (["serve", "--port", "0"], ["purge"], ["partner", "add", "cafe", "--name", "Café"]):
        data = tmp_path / command[0]
        result = run(binary, *command, "--data-dir", str(data), "--time-zone", "Europe/Kobenhavn")
        assert result.returncode == 2, result
        assert "Unknown time zone “Europe/Kobenhavn”" in result.stderr and "Europe/Copenhagen" in result.stderr, result.stderr
        assert not data.exists()
    assert run(binary, "purge", "--data-dir", str(tmp_path / "ok"), "--time-zone", "Europe/Copenhagen").returncode == 0


def test_staff_accounts_are_managed_from_the_command_line(binary, tmp_path):
    data = str(tmp_path / "data")
    created = run(binary, "staff", "add", "Mette", "--admin", "--data-dir", data)
    assert created.returncode == 0, created.stderr
    assert "Created mette (admin)" in created.stdout
    one_time = created.stdout.split()[-1]
    assert len(one_time) == 23 and one_time.count("-") == 3
    assert "mette\tadmin\tone-time password" in run(binary, "staff", "list", "--data-dir", data).stdout
    again = run(binary, "staff", "add", "mette", "--data-dir", data)
    assert again.returncode == 2 and "already an account called mette" in again.stderr
    bad = run(binary, "staff", "add", "m e", "--data-dir", data)
    assert bad.returncode == 2 and "not a valid username" in bad.stderr
    reset = run(binary, "staff", "reset-password", "mette", "--data-dir", data)
    assert reset.returncode == 0 and reset.stdout.split()[-1] != one_time
    assert run(binary, "staff", "disable", "mette", "--data-dir", data).returncode == 0
    assert "mette\tadmin\tdisabled" in run(binary, "staff", "list", "--data-dir", data).stdout
    missing = run(binary, "staff", "disable", "nobody", "--data-dir", data)
    assert missing.returncode == 2 and "indgang staff list" in missing.stderr


def test_the_provider_register_warns_until_anonymous_treatment_is_covered(binary, tmp_path):
    data = str(tmp_path / "data")
    first = run(binary, "provider", "add", "anonym-kbh", "--name", "Anonym rådgivning København", "--anonymous",
                "--contact", "Tlf. 33 17 33 17", "--data-dir", data)
    assert first.returncode == 0, first.stderr
    assert "at least 2 providers of anonymous treatment" in first.stdout
    second = run(binary, "provider", "add", "anonym-roskilde", "--name", "Anonym behandling Roskilde", "--anonymous",
                 "--outside-municipality", "--data-dir", data)
    assert "Note:" not in second.stdout
    listed = run(binary, "provider", "list", "--data-dir", data).stdout
    assert "anonym-roskilde\tAnonym behandling Roskilde\tanonymous,outside" in listed
    bad = run(binary, "provider", "add", "Bad Slug", "--name", " ", "--contact", "x" * 201, "--data-dir", data)
    # Every problem at once, with the texts the staff API uses (ProviderInput.problems).
    assert bad.returncode == 2
    assert "<slug>: Use 1–40 characters: a–z, 0–9 and dashes." in bad.stderr
    assert "--name: Fill in this field." in bad.stderr and "--contact: " in bad.stderr
    assert run(binary, "provider", "add", "anonym-kbh", "--name", "x", "--data-dir", data).returncode == 2
    assert run(binary, "provider", "disable", "anonym-kbh", "--data-dir", data).returncode == 0
    assert "Note:" in run(binary, "provider", "list", "--data-dir", data).stdout


def test_the_staff_api_needs_its_own_port(binary, tmp_path):
    result = run(binary, "serve", "--port", "9000", "--staff-port", "9000", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2 and "--staff-port must differ" in result.stderr


def test_partners_are_registered_from_the_command_line(binary, tmp_path):
    data = str(tmp_path / "data")
    added = run(binary, "partner", "add", "cafe-nord", "--name", "Café Nord", "--origin", "https://cafe.example", "--data-dir", data)
    assert added.returncode == 0, added.stderr
    key = added.stdout.split()[-1]
    assert key.startswith("ipk_")
    assert "cafe-nord\tCafé Nord\thttps://cafe.example\tactive" in run(binary, "partner", "list", "--data-dir", data).stdout
    rotated = run(binary, "partner", "rotate-key", "cafe-nord", "--data-dir", data)
    assert rotated.returncode == 0 and rotated.stdout.split()[-1] != key
    bad_origin = run(binary, "partner", "add", "other", "--name", "x", "--origin", "http://cafe.example", "--data-dir", data)
    # The same rule and the same words as the staff API (PartnerInput.problems).
    assert bad_origin.returncode == 2 and "--origin: Give an https address without a path" in bad_origin.stderr
    assert run(binary, "partner", "disable", "cafe-nord", "--data-dir", data).returncode == 0
    assert "disabled" in run(binary, "partner", "list", "--data-dir", data).stdout


def test_rotating_the_data_key_keeps_every_case_readable(binary, tmp_path):
    from conftest import Server
    data = tmp_path / "data"
    server = Server(binary, data).start()
    _, _, receipt = server.request("POST", "/api/v1/submissions", json.loads(open("Docs/examples/submission.json").read()))
    assert server.request("POST", "/api/v1/messages", {"token": receipt["token"], "body": "Hej"})[0] == 201
    old_key = (data / "data.key").read_bytes()
    # While the service runs, the rotation is refused: the service would go on sealing with the old key.
    refused = run(binary, "rotate-data-key", "--data-dir", str(data))
    assert refused.returncode == 2 and "The service is running on this data folder" in refused.stderr, refused
    assert (data / "data.key").read_bytes() == old_key and not (data / "data.key.next").exists()
    # A second service on the same folder is refused too.
    second = subprocess.run([binary, "serve", "--port", "0", "--staff-port", "0", "--data-dir", str(data)], capture_output=True,
                            text=True, timeout=60)
    assert second.returncode == 2 and "Another indgang process holds" in second.stderr, second
    server.stop()

    for _ in range(2):
        rotated = run(binary, "rotate-data-key", "--data-dir", str(data))
        assert rotated.returncode == 0, rotated.stderr
        assert "Resealed 2 values" in rotated.stdout
    assert (data / "data.key").read_bytes() != old_key and (data / "data.key.previous").read_bytes() != old_key
    server.start()
    status, _, case = server.request("POST", "/api/v1/status", {"token": receipt["token"]})
    assert status == 200 and case["composites"]["drug"] == 0.192
    assert [entry["body"] for entry in case["conversation"]] == ["Hej"]
    server.stop()
