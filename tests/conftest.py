"""Shared fixtures: where the shared data lives, golden files, and schema checks on every brief."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsfuse.models import Brief

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
EXAMPLE = ROOT / "examples" / "harbour-fire"
SCHEMA_FILE = ROOT / "schema" / "brief.schema.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*/expected.* from the current output (review the diff!)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {EVAL}")
    return EVAL


@pytest.fixture(scope="session")
def brief_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return schema


def validate_brief_json(document: Any, schema: dict[str, Any]) -> None:
    """Raise if a brief's JSON does not satisfy the published JSON Schema."""
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


@pytest.fixture(autouse=True)
def _every_brief_is_schema_valid(
    monkeypatch: pytest.MonkeyPatch, brief_schema: dict[str, Any]
) -> Iterator[None]:
    """Every brief built in-process by any test is validated against the published schema."""
    import newsfuse.api as api

    original = api.assemble_brief

    def checked(*args: Any, **kwargs: Any) -> Brief:
        brief = original(*args, **kwargs)
        validate_brief_json(json.loads(brief.to_json()), brief_schema)
        return brief

    monkeypatch.setattr(api, "assemble_brief", checked)
    yield


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[Any]:
    """One local Ray cluster (2 CPUs, no dashboard, no usage reporting) for the whole session."""
    import logging
    import os

    ray = pytest.importorskip("ray")
    from newsfuse.engine.ray_engine import _prepare_local_cluster

    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "RAY_USAGE_STATS_ENABLED")}
    _prepare_local_cluster()
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session (Playwright's sync API allows one per thread)."""
    from tests.web.conftest import chromium_or_skip

    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()
