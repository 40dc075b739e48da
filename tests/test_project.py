"""Project hygiene: the public surface, the published schema and the documented settings."""

from __future__ import annotations

import dataclasses
import json

import newsfuse
from newsfuse.config import Settings
from newsfuse.models import Brief
from tests.conftest import ROOT, SCHEMA_FILE


def test_exported_members_are_curated() -> None:
    assert sorted(newsfuse.__all__) == [
        "Brief",
        "IngestReport",
        "InputError",
        "LocalEngine",
        "ModelMissingError",
        "NewsfuseError",
        "NoArticlesError",
        "RayEngine",
        "Settings",
        "Store",
        "StoredArticle",
        "StoredStory",
        "__version__",
        "brief",
        "brief_stories",
        "brief_story",
        "ingest",
        "open_store",
    ]
    for name in newsfuse.__all__:
        assert getattr(newsfuse, name) is not None


def test_published_schema_is_generated_from_the_model() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    generated = Brief.model_json_schema(mode="serialization")
    assert {k: v for k, v in published.items() if not k.startswith("$schema") and k != "$id"} == generated, (
        "schema/brief.schema.json is stale: run `make schema`"
    )
    contract = {
        "schema_version",
        "story",
        "sources",
        "claims",
        "comparisons",
        "entities",
        "timeline",
        "summary",
    }
    assert contract <= set(published["properties"])


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert f"`{field.name}`" in readme, f"setting {field.name} is not in the README's settings table"
