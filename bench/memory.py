"""What a server's processes hold in memory, as a monitor reads it and as it really is.

RSS (what `ps`, `top` and most container monitors show) counts every resident page a process
maps, its share of shared libraries and memory-mapped files included; PSS divides each shared
page among the processes mapping it; USS is the process's private pages alone (what it would
free on exit). All from /proc/<pid>/smaps_rollup (Linux 4.14+), in MB.

    from memory import processes, postgres_backends
    for figures in processes(server_pid, database_file): print(figures.line())
"""

from dataclasses import asdict, dataclass
from pathlib import Path

import psycopg
import sqlalchemy as sa


@dataclass
class Memory:
    role: str  # "worker", "supervisor", "PostgreSQL backend" ...
    pid: int
    rss_mb: float
    pss_mb: float
    uss_mb: float  # Private_Clean + Private_Dirty
    anonymous_mb: float  # heap, stacks: memory no file backs
    file_mb: float  # RSS of mapped files (libraries, a SQLite memory map) and shared memory
    db_files: int | None = None  # open descriptors of the SQLite file: its open connections

    def line(self) -> str:
        files = f"  SQLite connections {self.db_files}" if self.db_files is not None else ""
        return (
            f"  {self.role:22} {self.pid:>7}  RSS {self.rss_mb:7.1f}  PSS {self.pss_mb:7.1f}  "
            f"USS {self.uss_mb:7.1f}  anon {self.anonymous_mb:7.1f}  "
            f"file+shm {self.file_mb:7.1f}{files}"
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def rollup(pid: int) -> dict[str, int] | None:
    """smaps_rollup's fields in kB, or None when the process is gone or not ours to read."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    fields: dict[str, int] = {}
    for line in text.splitlines()[1:]:
        name, _, value = line.partition(":")
        if value.strip():
            fields[name.strip()] = int(value.split()[0])
    return fields


def figures(role: str, pid: int, database_file: Path | None = None) -> Memory | None:
    fields = rollup(pid)
    if fields is None:
        return None
    mb = 1024.0
    rss, anonymous = fields["Rss"], fields.get("Anonymous", 0)
    return Memory(
        role=role,
        pid=pid,
        rss_mb=rss / mb,
        pss_mb=fields["Pss"] / mb,
        uss_mb=(fields["Private_Clean"] + fields["Private_Dirty"]) / mb,
        anonymous_mb=anonymous / mb,
        file_mb=(rss - anonymous) / mb,
        db_files=open_files(pid, database_file) if database_file else None,
    )


def children(pid: int) -> list[int]:
    """The process's child processes (every thread's)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def open_files(pid: int, path: Path) -> int:
    """How many of the process's descriptors are open on `path` (a SQLite connection holds one)."""
    target, count = str(path.resolve()), 0
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            count += str(fd.readlink()) == target
        except OSError:
            continue
    return count


def processes(pid: int, database_file: Path | None = None) -> list[Memory]:
    """A uvicorn server's processes: one worker, or the supervisor and its workers."""
    kids = children(pid)
    found = [figures("worker" if not kids else "supervisor", pid, database_file)]
    for kid in kids:
        cmdline = Path(f"/proc/{kid}/cmdline").read_bytes() if Path(f"/proc/{kid}").exists() else b""
        role = "resource tracker" if b"resource_tracker" in cmdline else "worker"
        found.append(figures(role, kid, database_file))
    return [f for f in found if f is not None]


def postgres_backends(url: str) -> list[Memory]:
    """The client backends serving `url`'s database (this query's own left out), if the server
    runs on this machine and its processes are ours to read; else none."""
    parsed = sa.make_url(url)
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    query = (
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    try:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            pids = [row[0] for row in conn.execute(query)]
    except psycopg.OperationalError as e:  # "too many clients": the figures are not worth a run
        print(f"  (PostgreSQL backends not read: {str(e).strip()[-80:]})", flush=True)
        return []
    return [m for pid in pids if (m := figures("PostgreSQL backend", pid)) is not None]


def total(role: str, found: list[Memory]) -> Memory:
    """The sums over `found` (PSS and USS add up; RSS overcounts what is shared)."""
    return Memory(
        role=f"{role} ({len(found)})",
        pid=0,
        rss_mb=sum(m.rss_mb for m in found),
        pss_mb=sum(m.pss_mb for m in found),
        uss_mb=sum(m.uss_mb for m in found),
        anonymous_mb=sum(m.anonymous_mb for m in found),
        file_mb=sum(m.file_mb for m in found),
    )
