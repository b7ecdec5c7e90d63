"""The Organisation page (create, edit, import), coverage under Review, and the Check page's chain."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import HR_EMAIL, local_app, markdown, shown, signed_in_app, texts

from coach.store import open_store

ROOT = Path(__file__).resolve().parent.parent
ORG_YAML = (ROOT / "profiles" / "example-org.yml").read_text(encoding="utf-8")
RELEASE = (ROOT / "examples" / "strong-release-lead.md").read_text(encoding="utf-8")


def organisation_page(at=None):
    at = (at or local_app()).run()
    return at.switch_page("views/organisation.py").run()


def saved_yaml(app_env: Path) -> str | None:
    with open_store(app_env) as store:
        return store.org_profile_yaml()


def errors(at) -> list[str]:
    return texts(at.error)


def test_create_a_profile_from_the_form(app_env) -> None:
    at = organisation_page()
    assert not at.exception
    at.text_input(key="org_name").set_value("Tideway Books")
    at.text_area(key="org_purpose").set_value("Put a good book in every hand in the county.")
    at.run()
    # The empty priorities table is not a profile yet: said beside the form, no save button.
    assert any("priorities" in e for e in errors(at))
    assert saved_yaml(app_env) is None


def test_import_then_edit_then_save(app_env) -> None:
    at = organisation_page()
    at.text_area(key="org_paste").set_value(ORG_YAML)
    at.button(key="org_import").click().run()
    assert not at.exception and saved_yaml(app_env) == ORG_YAML
    assert at.text_area(key="org_purpose").value.startswith("Make dependable software")
    at.text_area(key="org_purpose").set_value("Run dependable software for every small business.")
    at.run()
    assert not errors(at)
    at.button(key="org_save").click().run()
    with open_store(app_env) as store:
        profile = store.org_profile()
    assert profile is not None and profile.purpose == "Run dependable software for every small business."
    assert profile.departments[0].name == "Engineering"  # the form keeps what it does not show
    assert "Release health" in profile.priority_names()


def test_a_bad_import_says_why_beside_the_form_and_keeps_the_saved_profile(app_env) -> None:
    at = organisation_page()
    at.text_area(key="org_paste").set_value(ORG_YAML)
    at.button(key="org_import").click().run()
    at.text_area(key="org_paste").set_value("purpose: x\npriorities: [{name: A, owner: me}]\n")
    at.button(key="org_import").click().run()
    assert not at.exception
    assert errors(at) == ["pasted YAML: unknown field 'owner'"]
    assert saved_yaml(app_env) == ORG_YAML
    at.text_area(key="org_paste").set_value("purpose: [unclosed")
    at.button(key="org_import").click().run()
    assert any("not valid YAML" in e for e in errors(at))
    assert saved_yaml(app_env) == ORG_YAML


def test_people_who_are_not_hr_cannot_edit_it(app_env) -> None:
    import pytest

    at = signed_in_app("manager@example.com").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/organisation.py")  # not in a manager's navigation at all
    at = signed_in_app(HR_EMAIL).run()
    at.switch_page("views/organisation.py").run()
    assert not errors(at) and at.button(key="org_import")


def test_the_check_page_shows_the_chain_for_the_picked_team(app_env) -> None:
    with open_store(app_env) as store:
        store.save_org_profile(ORG_YAML)
    at = local_app().run()
    at.selectbox(key="check_org_team").set_value("Platform")
    at.text_area(key="check_text").set_value(RELEASE)
    at.button(key="check_run").click().run()
    assert not at.exception
    page = shown("\n".join(markdown(at)))
    assert "**Release health** (Platform) — team priority" in page
    assert "Example Software Co's purpose" in page
    assert at.text_input(key="check_team").value == "Platform"  # the Save box takes the picked team
    at.text_input(key="check_team").set_value("Platform Ops").run()
    assert at.text_input(key="check_team").value == "Platform Ops"  # and keeps one typed over it


def test_without_a_profile_the_check_page_has_no_team_picker(app_env) -> None:
    at = local_app().run()
    assert not [s for s in at.selectbox if s.key == "check_org_team"]


def test_coverage_under_review_organisation(app_env) -> None:
    from coach_ui.coverage_view import coverage_points

    from coach.store import Actor
    from coach.tie_coverage import coverage

    with open_store(app_env) as store:
        store.save_org_profile(ORG_YAML)
        store.save_contract("Release lead", RELEASE, team="Platform", by=Actor(name="ana@example.com"))
        store.save_contract("Office helper", "You water the plants.", team="Support", by=Actor(name="ana@example.com"))
        points = coverage_points(coverage(store.latest_texts(), store.org_profile()))
    assert {p["priority"]: p["roles"] for p in points}["Release health"] == 1
    at = local_app().run()
    at.switch_page("views/review.py").run()
    at.session_state["review_tabs"] = "Organisation"
    at.run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 2  # the team gaps chart, then coverage
    untied = at.dataframe[-1].value  # the coverage section's table of roles serving no priority
    assert list(untied["title"]) == ["Office helper"]
    at.selectbox(key="coverage_team").set_value("Platform").run()
    assert at.dataframe[-1].value.empty
    assert "No role serves" in "\n".join(markdown(at))


def test_an_uploaded_profile_is_imported_and_a_bad_upload_is_named(app_env) -> None:
    at = organisation_page()
    at.file_uploader(key="org_upload_0").set_value(("org.yml", ORG_YAML.encode(), "application/yaml"))
    at.button(key="org_import").click().run()
    assert not at.exception and saved_yaml(app_env) == ORG_YAML
    at.file_uploader(key="org_upload_1").set_value(
        ("team.yml", b"purpose: x\npriorities: [{name: A}, {name: A}]\n", "application/yaml")
    )
    at.button(key="org_import").click().run()
    assert [e for e in errors(at) if e.startswith("team.yml: priorities.1.name: duplicate priority name 'A'")]
    assert saved_yaml(app_env) == ORG_YAML


def test_a_fresh_database_can_start_from_the_example_profile(app_env) -> None:
    at = organisation_page()
    at.button(key="org_example").click().run()
    assert not at.exception and saved_yaml(app_env) == ORG_YAML
    assert at.text_input(key="org_name").value == "Example Software Co"
    assert not [b for b in at.button if b.key == "org_example"]  # offered only while nothing is saved
