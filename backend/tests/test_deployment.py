"""The deployment files agree with each other, with the Makefile and with the settings.

No Docker engine runs here, so these read the files: docker-compose.yml, deploy/nginx.conf
and backend/Dockerfile.
"""

import json
import re
import shlex
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from app.config import BACKEND_DIR, REPO_DIR, Settings
from app.web.security import DOCS_CONTENT_SECURITY_POLICY, SECURITY_HEADERS

COMPOSE = REPO_DIR / "docker-compose.yml"
NGINX = REPO_DIR / "deploy" / "nginx.conf"
DOCKERFILE = BACKEND_DIR / "Dockerfile"
DOCKERIGNORE = BACKEND_DIR / ".dockerignore"
MAKEFILE = REPO_DIR / "Makefile"


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment, written as a mapping or as a list of NAME=value."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def command_line(value: str | list[str]) -> str:
    """A compose command or a Dockerfile CMD (shell or exec form) as one shell line."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        value = json.loads(value)
    if isinstance(value, list):
        return value[2] if value[:2] == ["sh", "-c"] else shlex.join(value)
    return value


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines = [ln for ln in DOCKERFILE.read_text().splitlines() if not ln.lstrip().startswith("#")]
    text = re.sub(r"\\\n", " ", "\n".join(lines))
    return [
        (m.group(1).upper(), m.group(2).strip())
        for m in re.finditer(r"^\s*([A-Za-z]+)\s+(.*)$", text, re.MULTILINE)
    ]


def dockerfile(instruction: str) -> list[str]:
    return [args for name, args in dockerfile_instructions() if name == instruction]


def nginx_location(path: str) -> str:
    """The body of `location <path> { ... }` (our locations hold no nested blocks)."""
    match = re.search(r"location\s+" + re.escape(path) + r"\s*\{([^}]*)\}", NGINX.read_text())
    assert match, f"deploy/nginx.conf has no location {path}"
    return match.group(1)


def run_and_serve(line: str) -> None:
    """Migrations first, then uvicorn serving the factory with two workers (one a core of
    the two-core host bench/README.md's worker table measured)."""
    assert "alembic upgrade head" in line
    assert line.index("alembic upgrade head") < line.index("uvicorn")
    assert "&&" in line[: line.index("uvicorn")], "uvicorn must not start when migrations fail"
    assert "app.main:create_app --factory" in line
    assert "--workers 2" in line
    assert "--host 0.0.0.0" in line and "--port 8000" in line


def test_compose_has_the_three_services(services: dict[str, Any]) -> None:
    assert {"db", "api", "web"} <= set(services)


def test_db_is_postgres_16_with_a_healthcheck_and_a_named_volume(
    services: dict[str, Any],
) -> None:
    db = services["db"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    named = yaml.safe_load(COMPOSE.read_text()).get("volumes") or {}
    mounts = [v.split(":")[0] for v in db["volumes"]]
    assert any(m in named for m in mounts), "the database must live in a named volume"
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])


def test_api_reaches_the_db_with_its_credentials(services: dict[str, Any]) -> None:
    db_env = environment(services["db"])
    url = sa.make_url(environment(services["api"])["TOUCHBASE_DATABASE_URL"])
    assert url.drivername == "postgresql+psycopg"
    assert url.host == "db"
    assert url.port in (None, 5432)
    assert url.username == db_env["POSTGRES_USER"]
    assert url.password == db_env["POSTGRES_PASSWORD"]
    assert url.database == db_env["POSTGRES_DB"]


def test_api_waits_for_a_healthy_db_and_checks_its_own_readiness(
    services: dict[str, Any],
) -> None:
    api = services["api"]
    assert api["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/api/ready" in " ".join(api["healthcheck"]["test"])
    assert api["build"]["context"] == "./backend"
    assert api["build"].get("dockerfile", "Dockerfile") == "Dockerfile"


def test_api_leaves_the_frontend_to_nginx(services: dict[str, Any]) -> None:
    value = environment(services["api"]).get("TOUCHBASE_FRONTEND_DIR")
    assert value, "an empty TOUCHBASE_FRONTEND_DIR means '.', which would serve the code"
    assert not Settings(frontend_dir=value).frontend_dir.is_dir()  # type: ignore[union-attr]


# `docker compose up --scale worker=3`: the job worker replicas the database leaves room for.
JOB_WORKER_REPLICAS = 3
# PostgreSQL's superuser_reserved_connections (3) and the API's start-up migrations, a psql,
# a pg_dump: connections beside the pools.
BESIDE_THE_POOLS = 3 + 7


def pool_of(service: dict[str, Any]) -> int:
    """The most connections one process of the service opens: its pool and overflow."""
    env, fields = environment(service), Settings.model_fields
    pool = int(env.get("TOUCHBASE_DB_POOL_SIZE", fields["db_pool_size"].default))
    overflow = int(env.get("TOUCHBASE_DB_MAX_OVERFLOW", fields["db_max_overflow"].default))
    return pool + overflow


def test_postgres_has_room_for_every_pool(services: dict[str, Any]) -> None:
    """max_connections >= API workers x (pool + overflow) + job worker replicas x theirs + the
    reserved and the occasional connections: a burst never meets "too many clients"."""
    workers = re.search(r"--workers (\d+)", command_line(services["api"]["command"]))
    assert workers
    limit = re.search(r"max_connections=(\d+)", " ".join(services["db"].get("command", [])))
    max_connections = int(limit[1]) if limit else 100  # PostgreSQL's default
    needed = (
        int(workers[1]) * pool_of(services["api"])
        + JOB_WORKER_REPLICAS * pool_of(services["worker"])
        + BESIDE_THE_POOLS
    )
    assert max_connections >= needed


def test_a_job_worker_keeps_a_small_pool(services: dict[str, Any]) -> None:
    """A job worker runs one job at a time in one thread, one session after another: it needs
    a connection or two, not the API's pool (bench/README.md, "Pools and workers")."""
    assert pool_of(services["worker"]) <= 5


def test_api_command_is_the_images_command(services: dict[str, Any]) -> None:
    (cmd,) = dockerfile("CMD")
    run_and_serve(command_line(services["api"]["command"]))
    assert command_line(services["api"]["command"]) == command_line(cmd)


def test_web_serves_the_frontend_and_proxies_the_api(services: dict[str, Any]) -> None:
    web = services["web"]
    assert web["image"].startswith("nginx:1.27")
    assert "8080:80" in web["ports"]
    assert web["depends_on"]["api"]["condition"] == "service_healthy"
    assert "./frontend:/usr/share/nginx/html:ro" in web["volumes"]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in web["volumes"]
    assert re.search(r"proxy_pass\s+http://api:8000;", nginx_location("/api/"))
    assert "try_files $uri $uri/ /index.html;" in nginx_location("/")


def test_nginx_has_the_apis_body_limit_and_the_security_headers() -> None:
    conf = NGINX.read_text()
    match = re.search(r"client_max_body_size\s+(\d+)k;", conf)
    assert match and int(match.group(1)) * 1024 == Settings().max_body_bytes
    for name, value in SECURITY_HEADERS.items():  # the API's own values, stated once
        quoted = f'"{value}"' if " " in value else value
        assert f"add_header {name} {quoted} always;" in conf
    docs = nginx_location("= /api/docs")
    assert f'add_header Content-Security-Policy "{DOCS_CONTENT_SECURITY_POLICY}" always;' in docs
    for location in (nginx_location("/api/"), docs):  # the API's copies are not doubled
        for name in SECURITY_HEADERS:
            assert f"proxy_hide_header {name};" in location
    assert re.search(r"^\s*gzip on;", conf, re.MULTILINE)


def test_nginx_gives_the_api_the_real_client_address() -> None:
    api = nginx_location("/api/")
    # Overwritten, not appended: a client cannot pick its own address for the login limit.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in api
    assert "proxy_set_header Host $host;" in api
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in api


def test_image_installs_the_lock_then_the_backend_like_the_makefile() -> None:
    makefile = MAKEFILE.read_text()
    for line in (
        r"^\t\$\(BIN\)/pip install --quiet --require-hashes -r \$\(LOCK\)$",
        r"^\t\$\(BIN\)/pip install --quiet --no-deps -e backend$",
    ):
        assert re.search(line, makefile, re.MULTILINE), (
            f"the Makefile's install changed ({line}): update the image"
        )
    (workdir,) = dockerfile("WORKDIR")
    steps = [(name, args) for name, args in dockerfile_instructions() if name in ("COPY", "RUN")]
    installs = [i for i, (name, args) in enumerate(steps) if "pip install" in args]
    copies = {
        source: i
        for i, (name, args) in enumerate(steps)
        if name == "COPY"
        for source in args.split()[:-1]
    }
    assert {"requirements.lock", "pyproject.toml", "alembic.ini", "app"} <= copies.keys()
    # The dependencies' layer comes from the lock alone, before any of the app is copied,
    # so editing the app rebuilds only the last layers.
    deps, app = installs
    assert re.search(
        r"pip install --no-cache-dir --require-hashes -r requirements\.lock", steps[deps][1]
    )
    assert (
        copies["requirements.lock"]
        < deps
        < min(copies[f] for f in ("pyproject.toml", "alembic.ini", "app"))
    )
    assert re.search(r"pip install --no-cache-dir --no-deps \.(\s|$)", steps[app][1])
    assert app > copies["app"]
    assert workdir == "/app"


def test_image_runs_migrations_then_the_factory_as_a_non_root_user() -> None:
    (cmd,) = dockerfile("CMD")
    run_and_serve(command_line(cmd))
    users = dockerfile("USER")
    assert users and users[-1] not in ("root", "0")
    assert dockerfile("FROM") == ["python:3.11-slim"]
    assert "8000" in dockerfile("EXPOSE")


def test_dockerignore_keeps_the_virtualenv_and_caches_out() -> None:
    ignored = set(DOCKERIGNORE.read_text().split())
    assert {".venv", "tests", ".pytest_cache", "**/__pycache__"} <= ignored


def compose_settings(services: dict[str, Any], **env: str) -> Settings:
    """The settings the compose file gives the API (an environment override on top)."""
    merged = {**environment(services["api"]), **env}
    names = {f"TOUCHBASE_{name.upper()}": name for name in Settings.model_fields}
    given = {names[k]: v for k, v in merged.items() if k in names and k != "TOUCHBASE_DATABASE_URL"}
    raw = {k: json.loads(v) if k == "allowed_hosts" else v for k, v in given.items()}
    return Settings(**raw)


def test_the_api_answers_the_hosts_it_is_reached_by(services: dict[str, Any]) -> None:
    settings = compose_settings(services)
    health = re.search(
        r"urlopen\('http://([^:/']+)", " ".join(services["api"]["healthcheck"]["test"])
    )
    assert health and health.group(1) in settings.hosts  # the health check's
    assert "localhost" in settings.hosts  # `docker compose up` then http://localhost:8080
    public = compose_settings(services, TOUCHBASE_PUBLIC_URL="https://touchbase.example.com")
    assert "touchbase.example.com" in public.hosts


def test_the_session_cookie_is_secure_once_the_public_url_is_https(
    services: dict[str, Any],
) -> None:
    settings = compose_settings(services)
    assert settings.session_cookie_secure == settings.public_url.startswith("https://")  # type: ignore[union-attr]
    public = compose_settings(services, TOUCHBASE_PUBLIC_URL="https://touchbase.example.com")
    assert public.session_cookie_secure
