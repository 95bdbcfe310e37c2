"""Write the API contract: `python -m app.openapi ../openapi.yaml` (make openapi)."""

import sys
from pathlib import Path
from typing import Any

import yaml

from app.config import REPO_DIR, Settings
from app.main import create_app


def spec() -> dict[str, Any]:
    """The OpenAPI document of the app, independent of any database or environment."""
    return create_app(
        Settings(database_url="sqlite:////tmp/touchbase-openapi-unused.db", frontend_dir=None)
    ).openapi()


def render() -> str:
    """The document as stable YAML (keys in the app's order)."""
    return yaml.safe_dump(spec(), sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str]) -> None:
    target = Path(argv[1]) if len(argv) > 1 else REPO_DIR / "openapi.yaml"
    target.write_text(render())
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv)
