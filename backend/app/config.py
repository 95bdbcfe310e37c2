"""Settings, read once from the environment (prefix TOUCHBASE_)."""

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent


class Settings(BaseSettings):
    """Every setting Touchbase reads; the README lists them with their defaults."""

    model_config = SettingsConfigDict(env_prefix="TOUCHBASE_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{REPO_DIR / 'data' / 'touchbase.db'}",
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db",
    )
    signup_enabled: bool = True
    session_days: int = Field(default=14, ge=1, le=365)
    cookie_secure: bool = Field(
        default=False, description="Secure session cookie; on anyway when public_url is https"
    )
    login_max_failures: int = Field(default=5, ge=1)
    login_window_seconds: int = Field(default=60, ge=1)
    login_client_max_failures: int = Field(default=30, ge=1)
    login_client_window_seconds: int = Field(default=600, ge=1)
    max_body_bytes: int = Field(default=256 * 1024, ge=1024)
    frontend_dir: Path | None = Field(
        default=REPO_DIR / "frontend",
        description="The static web UI to serve at /; empty to serve none",
    )
    cors_origins: list[str] = []
    db_pool_size: int = Field(default=20, ge=1)
    db_max_overflow: int = Field(default=30, ge=0)
    sqlite_mmap_mb: int = Field(
        default=0,
        ge=0,
        description="SQLite: read the database file through a memory map of up to this many "
        "MB a connection (0: off). Each pooled connection maps the file anew, so a process's "
        "RSS then counts the file's pages once per connection",
    )
    public_url: str | None = Field(
        default=None,
        description="The address people reach Touchbase at, for absolute links; "
        "unset: the address each request came to",
    )

    webhooks_allow_private: bool = Field(
        default=False,
        description="Let webhooks reach loopback, private, link-local and reserved addresses "
        "(self-hosted setups, tests); off, such addresses are refused at save and send time",
    )

    allowed_hosts: list[str] = Field(
        default=["localhost", "127.0.0.1"],
        description="Host names requests may name; public_url's host is added; '*' allows any",
    )

    smtp_url: SecretStr | None = Field(
        default=None,
        description="Where mail goes: smtp://user:pass@host:587?starttls=true, or smtps://host:465 "
        "for TLS from the start; unset: mail is off",
    )
    mail_from: str = Field(
        default="Touchbase <touchbase@localhost>", description="The From of every email"
    )
    secret_key: SecretStr | None = Field(
        default=None,
        min_length=16,
        description="Signs the links in emails (unsubscribe); needed when smtp_url is set",
    )
    jobs_keep_done_days: int = Field(
        default=7, ge=1, description="Days a finished job stays in the queue table"
    )
    jobs_keep_failed_days: int = Field(
        default=30, ge=1, description="Days a failed job stays in the queue table"
    )
    run_worker: bool | None = Field(
        default=None,
        description="Run the job worker inside the server process; unset: on for SQLite",
    )

    @property
    def mail_enabled(self) -> bool:
        """Whether mail is configured (TOUCHBASE_SMTP_URL is set)."""
        return self.smtp_url is not None

    @property
    def worker_in_process(self) -> bool:
        """Whether the server runs the worker: as asked, or by default with SQLite."""
        if self.run_worker is not None:
            return self.run_worker
        return self.database_url.startswith("sqlite")

    @model_validator(mode="after")
    def _mail_needs_a_secret(self) -> "Settings":
        if self.smtp_url is not None and self.secret_key is None:
            raise ValueError(
                "TOUCHBASE_SECRET_KEY (16 characters or more) is needed when "
                "TOUCHBASE_SMTP_URL is set: it signs the unsubscribe links in emails"
            )
        return self

    @property
    def hosts(self) -> list[str]:
        """The hosts the app answers to: allowed_hosts and the public address's host."""
        public = urlsplit(self.public_url).hostname if self.public_url else None
        return self.allowed_hosts + (
            [public] if public and public not in self.allowed_hosts else []
        )

    @property
    def session_cookie_secure(self) -> bool:
        """Mark the session cookie Secure: when asked to, or when the public address is https."""
        return self.cookie_secure or (self.public_url or "").lower().startswith("https://")

    @field_validator("frontend_dir", "smtp_url", "secret_key", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache to change them)."""
    return Settings()
