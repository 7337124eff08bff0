"""The benchmark: `make bench` (python -m bench.run).

1. A large data set (bench/dataset.py) in its own PostgreSQL database (`vtnk_bench`,
   reused while its migrations and data set version match; `--rebuild` starts over).
2. The production configuration on 127.0.0.1: Granian (deploy/appserver.py, workers
   from the CPU count) with cms.settings.production, a generated SECRET_KEY, DEBUG off,
   Redis as the cache, S3 (moto_server) as the storage.
3. wrk against each endpoint: application cache off ("cold"), on ("warm"), through the
   nginx caching proxy (deploy/nginx.conf), and the same bytes as static files from nginx.
4. The home page's p99 at rest and while the task worker reads the text of four hostile
   PDFs uploaded through the admin (bench/uploads.py, issue 16).
5. A Markdown table in bench/results/<date>.md (medians of several runs).

Load only ever goes to 127.0.0.1, for a bounded time per measurement.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from bench import uploads
from deploy import appserver, nginx_conf
from documents import hostile_pdfs
from tests.perf import stack

DB_NAME = os.environ.get("BENCH_DB", "vtnk_bench")
DATASET_VERSION = "vtnk-bench-1"
PORT_S3, PORT_APP, PORT_PROXY, PORT_STATIC = 9640, 9641, 9642, 9643
RESULTS = Path(__file__).with_name("results")

DISCOVER = """
import json
from wagtail.models import Page
from board.models import Meeting, MinutesArchivePage, MemberDirectoryPage
from home.models import HomePage
from django.utils import translation
translation.activate("fi")
archive = MinutesArchivePage.objects.live().filter(locale__language_code="fi").first()
directory = MemberDirectoryPage.objects.live().filter(locale__language_code="fi").first()
home = HomePage.objects.live().filter(locale__language_code="fi").first()
years = sorted(set(Meeting.objects.filter(live=True).values_list("year", flat=True)))
meeting = Meeting.objects.filter(live=True, locale__language_code="fi", year=years[len(years) // 2]).first()
print(json.dumps({
    "home": home.url,
    "directory": directory.url,
    "archive": archive.url,
    "archive_old_year": archive.url + f"{years[0]}/",
    "meeting": archive.meeting_url(meeting, archive.url),
    "home_id": home.pk,
    "meetings": Meeting.objects.filter(locale__language_code="fi").count(),
}))
"""

BUILD = """
import json
from bench import dataset
print(json.dumps(dataset.build(years={years}, meetings_per_year={per_year})))
"""


@dataclass
class Endpoint:
    name: str
    path: str
    kind: str  # html, api or 304
    headers: dict[str, str] = field(default_factory=dict)
    static_name: str = ""


@dataclass
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int = 0
    requests: int = 0
    cpu_ms: float = 0.0  # CPU time of the serving processes per request (load-independent)
    # wrk's connections held by each app server worker, mid-run ("5/11"): a worker answers its
    # own connections one request at a time, so an uneven split sets the tail latency.
    split: str = ""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: float, connections: int, headers: dict[str, str]) -> Measure:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{round(seconds)}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    assert url.startswith("http://127.0.0.1:"), url  # load goes to this machine only
    result = subprocess.run([*args, url], capture_output=True, text=True, timeout=seconds + 30)
    output = result.stdout
    if "Requests/sec" not in output:
        raise RuntimeError(f"wrk failed on {url}: {output} {result.stderr}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(g) for g in match.groups())
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return Measure(rps, p50, p99, errors, requests)


def connection_split(port: int) -> str:
    """How many established connections to `port` each process holds, fewest first ("5/11")."""
    listing = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True
    ).stdout
    per_process: dict[str, int] = {}
    for pid in re.findall(r"pid=(\d+)", listing):
        per_process[pid] = per_process.get(pid, 0) + 1
    return "/".join(str(n) for n in sorted(per_process.values()))


def cpu_seconds(root_pid: int) -> float:
    """User + system CPU time of a process and its children (the server's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if root_pid in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive: servers differ in the case they send) and body."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def database_ready(env: dict, cwd: Path) -> bool:
    import psycopg

    with psycopg.connect(stack.PG_ADMIN_URL, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
    return bool(row) and row[0] == DATASET_VERSION


def prepare_database(env: dict, cwd: Path, rebuild: bool, years: int, per_year: int) -> None:
    import psycopg

    if not rebuild and database_ready(env, cwd):
        log(f"reusing database {DB_NAME} (--rebuild to start over)")
        stack.manage(["migrate", "--noinput", "-v", "0"], env, cwd)
        analyze()
        return
    log(f"creating database {DB_NAME} and migrating")
    stack.create_database(DB_NAME)
    # No per-save background work while loading; the search index is built once at the end.
    build_env = {**env, "TASKS_BACKEND": "dummy"}
    stack.manage(["migrate", "--noinput", "-v", "0"], build_env, cwd, timeout=1200)
    log(f"building the data set ({years} years × {per_year} meetings, PDFs in S3)")
    started = time.monotonic()
    summary = stack.run_python(BUILD.format(years=years, per_year=per_year), build_env, cwd, timeout=3600)
    log(f"data set built in {time.monotonic() - started:.0f} s: {summary.strip().splitlines()[-1]}")
    stack.manage(["update_index"], build_env, cwd, timeout=1800)
    log(f"search index built, {time.monotonic() - started:.0f} s in all")
    analyze()
    with psycopg.connect(stack.PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{DB_NAME}\" IS '{DATASET_VERSION}'")


def analyze() -> None:
    """Table statistics, as autovacuum keeps them in production (it may be off on a test server):
    without them PostgreSQL plans every query for tables it believes empty."""
    import psycopg

    with psycopg.connect(stack.PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DB_NAME}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    versions = {}
    for name, args in {
        "nginx": ["nginx", "-v"],
        "wrk": ["wrk", "-v"],
        "postgres": ["psql", "--version"],
    }.items():
        result = subprocess.run(args, capture_output=True, text=True)
        versions[name] = (result.stdout + result.stderr).strip().splitlines()[0]
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{memory} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        **versions,
    }


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="vtnk-bench-"))
        self.cwd = self.work / "cwd"
        self.cwd.mkdir()
        (self.work / "logs").mkdir()
        self.static_root = self.work / "static-bodies"
        self.static_root.mkdir()
        self.processes = stack.Processes(self.work / "logs")
        self.prefix = f"bench{uuid.uuid4().hex[:8]}"
        self.results: dict[str, dict[str, list[Measure]]] = {}
        self.upload_phase: dict | None = None

    @property
    def database_url(self) -> str:
        return stack.PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DB_NAME}"

    def env(self, **extra: str) -> dict[str, str]:
        return stack.production_env(
            self.database_url,
            self.prefix,
            **stack.s3_env(f"http://127.0.0.1:{PORT_S3}", "vtnk-bench"),
            # wrk is one client address: the per-IP limits on search and the API would
            # measure the limiter, not the server.
            RATELIMIT_ENABLED="False",
            **extra,
        )

    def start_app(self, app_cache: bool) -> None:
        env = self.env(APP_CACHE_ENABLED=str(app_cache))
        self.app = self.processes.start(
            "app-warm" if app_cache else "app-cold",
            stack.appserver_args(PORT_APP, self.args.workers or appserver.workers()),
            env,
            cwd=self.cwd,
            port=PORT_APP,
        )

    def stop_app(self) -> None:
        self.processes.stop(self.app)

    def start_nginx(self) -> None:
        proxy_dir = self.work / "proxy"
        site = nginx_conf.site_config(
            f"127.0.0.1:{PORT_PROXY}", [f"127.0.0.1:{PORT_APP}"], proxy_dir / "cache", self.work / "collected"
        )
        static_site = f"""
    server {{
        listen 127.0.0.1:{PORT_STATIC};
        root {self.static_root};
        default_type text/html;
        location / {{ }}
    }}
"""
        proxy_dir.mkdir()
        conf = proxy_dir / "nginx.conf"
        conf.write_text(nginx_conf.main_config(proxy_dir, site + static_site, workers=os.cpu_count() or 2))
        self.nginx = self.processes.start(
            "nginx", stack.nginx_args(conf), dict(os.environ), cwd=self.work, port=PORT_PROXY
        )
        stack.wait_for_port(PORT_STATIC)

    def endpoints(self, discovered: dict) -> list[Endpoint]:
        return [
            Endpoint("home page", discovered["home"], "html"),
            Endpoint("member directory", discovered["directory"], "html"),
            Endpoint("minutes archive, first page", discovered["archive"], "html"),
            Endpoint("minutes archive, oldest year", discovered["archive_old_year"], "html"),
            Endpoint("meeting page", discovered["meeting"], "html"),
            Endpoint("search page", "/fi/haku/?q=vapaaehtoistoiminnan", "html"),
            Endpoint("API meetings list (50)", "/api/v3/meetings/?limit=50", "api"),
            Endpoint("API page detail", f"/api/v3/pages/{discovered['home_id']}/", "api"),
        ]

    def measure(self, phase: str, name: str, url: str, headers: dict[str, str]) -> None:
        # Warm every worker (imports, template loading, connections) before timing: a few
        # requests, then a short burst at full concurrency that is not recorded.
        for _ in range(10):
            fetch(url, headers)
        wrk(url, 1, self.args.connections, headers)
        server = self.nginx.pid if phase in ("static", "proxy") else self.app.pid
        runs = []
        for _ in range(self.args.runs):
            before = cpu_seconds(server)
            split: list[str] = []
            if phase in ("cold", "warm"):
                # Read mid-run, when wrk holds all its connections.
                sampler = threading.Timer(
                    self.args.duration / 2, lambda found=split: found.append(connection_split(PORT_APP))
                )
                sampler.start()
            result = wrk(url, self.args.duration, self.args.connections, headers)
            result.cpu_ms = (cpu_seconds(server) - before) * 1000 / max(result.requests, 1)
            if phase in ("cold", "warm"):
                sampler.join()
                result.split = split[0] if split else ""
            runs.append(result)
        self.results.setdefault(name, {})[phase] = runs
        best = statistics.median(r.rps for r in runs)
        log(
            f"{phase:6} {name:32} {best:9.0f} req/s  p50 {runs[0].p50_ms:.2f} ms  p99 {runs[0].p99_ms:.2f} ms"
            f"  CPU {runs[0].cpu_ms:.3f} ms/request  errors {runs[0].errors}"
        )

    def run(self) -> Path:
        log(f"work directory {self.work}")
        self.processes.start("moto", stack.moto_args(PORT_S3), dict(os.environ), cwd=self.work, port=PORT_S3)
        stack.create_bucket(f"http://127.0.0.1:{PORT_S3}", "vtnk-bench")
        env = self.env()
        prepare_database(env, self.cwd, self.args.rebuild, self.args.years, self.args.meetings_per_year)
        stack.manage(["collectstatic", "--noinput", "-v", "0"], env, self.cwd)
        discovered = json.loads(stack.run_python(DISCOVER, env, self.cwd).strip().splitlines()[-1])
        endpoints = self.endpoints(discovered)
        self.start_nginx()

        self.start_app(app_cache=False)
        app = f"http://127.0.0.1:{PORT_APP}"
        self.failed = {}
        for endpoint in list(endpoints):
            status, headers, body = fetch(app + endpoint.path)
            if status != 200:
                # Reported, not measured: a broken endpoint must not cost the other figures.
                log(f"{endpoint.path} answered {status}; not measured: {body[:200]!r}")
                self.failed[endpoint.name] = f"{endpoint.path} answered {status}"
                endpoints.remove(endpoint)
                continue
            endpoint.static_name = re.sub(r"[^a-z0-9]+", "-", endpoint.name.lower()).strip("-") + ".html"
            (self.static_root / endpoint.static_name).write_bytes(body)
            endpoint.headers = {"ETag": headers.get("ETag", "")}
        conditional = endpoints[0]
        if not conditional.headers["ETag"]:
            raise RuntimeError(f"{conditional.path} answered without an ETag: no conditional GET to measure")
        for endpoint in endpoints:
            self.measure(
                "static", endpoint.name, f"http://127.0.0.1:{PORT_STATIC}/{endpoint.static_name}", {}
            )
            self.measure("cold", endpoint.name, app + endpoint.path, {})
        self.measure(
            "cold",
            "conditional GET (304)",
            app + conditional.path,
            {"If-None-Match": conditional.headers["ETag"]},
        )
        self.stop_app()

        self.start_app(app_cache=True)
        for endpoint in endpoints:
            self.measure("warm", endpoint.name, app + endpoint.path, {})
        proxy = f"http://127.0.0.1:{PORT_PROXY}"
        for endpoint in endpoints:
            fetch(proxy + endpoint.path)
            _status, headers, _body = fetch(proxy + endpoint.path)
            if headers.get("X-Proxy-Cache") != "HIT":
                log(f"warning: {endpoint.path} is not a proxy cache hit ({headers.get('X-Proxy-Cache')})")
            self.measure("proxy", endpoint.name, proxy + endpoint.path, {})
        self.stop_app()
        try:
            self.measure_uploads(discovered["home"])
        except Exception as error:  # noqa: BLE001 - reported as not measured; the other figures stay
            log(f"uploads under load not measured: {error!r}")
            self.failed["home page p99 during four hostile uploads"] = f"{error!r}"[:300]
        return self.report(endpoints, discovered)

    def measure_uploads(self, home: str) -> None:
        """The home page's p99 at rest, then while the task worker reads the text of four of
        the worst PDFs, uploaded through the admin as staff upload them (issue 16, item 1).

        The server is the cold one (every request renders the page), with a task worker as
        production runs it. The uploads are sent as the loaded runs start, and the runs follow
        each other while the worker still reads; a thread samples whether it does."""
        password = uploads.new_password()
        env = self.env()
        limits = json.loads(stack.run_python(uploads.staff_script(password), env, self.cwd).splitlines()[-1])
        files = [
            (uploads.PREFIX + name, data)
            for name, data in hostile_pdfs.worst_uploads(limits["max_upload_bytes"], limits["max_objects"])
        ]
        worker = self.processes.start(
            "worker",
            [str(stack.PYTHON), str(stack.REPO / "manage.py"), "db_worker", "--interval", "0.2"],
            env,
            self.cwd,
        )
        self.start_app(app_cache=False)
        app = f"http://127.0.0.1:{PORT_APP}"
        url = app + home
        try:
            session = uploads.AdminSession(app)
            session.login(uploads.USERNAME, password)
            for _ in range(10):
                fetch(url)
            wrk(url, 1, self.args.connections, {})
            runs = range(self.args.runs)
            rest = [wrk(url, self.args.duration, self.args.connections, {}) for _ in runs]
            log(f"home page at rest: p99 {statistics.median(r.p99_ms for r in rest):.1f} ms")
            cpu_before = uploads.worker_cpu_seconds(worker.pid)
            window_started = time.monotonic()
            deadline = window_started + len(files) * (limits["wall_seconds"] + 10) + 60
            loaded: list[Measure] = []
            with uploads.BusyWatch(worker.pid) as watch, ThreadPoolExecutor(len(files)) as pool:
                sent = [pool.submit(session.upload, name, data, limits["collection"]) for name, data in files]
                # Until the uploads are answered and their text is read (at least --runs runs).
                while len(loaded) < self.args.runs or (
                    time.monotonic() < deadline and not self.processed(sent)
                ):
                    loaded.append(wrk(url, self.args.duration, self.args.connections, {}))
                answers = [future.result() for future in sent]
            window = time.monotonic() - window_started
            worker_cpu = uploads.worker_cpu_seconds(worker.pid) - cpu_before
            log(
                f"home page during four uploads: p99 {statistics.median(r.p99_ms for r in loaded):.1f} ms"
                f" ({len(loaded)} runs); worker reading text {watch.busy_fraction:.0%} of {window:.0f} s,"
                f" {worker_cpu:.0f} s CPU"
            )
            for answer in answers:
                log(f"upload {answer.name}: {answer.status} in {answer.seconds:.2f} s {answer.error}")
            outcomes = self.wait_for_text(answers, limits)
        finally:
            self.stop_app()
            try:
                stack.run_python(uploads.clean_up_script(), env, self.cwd)
            finally:
                self.processes.stop(worker)
        self.upload_phase = {
            "rest": [vars(m) for m in rest],
            "loaded": [vars(m) for m in loaded],
            "window_seconds": window,
            "busy_fraction": watch.busy_fraction,
            "worker_cpu_seconds": worker_cpu,
            "uploads": [{**vars(a), "text_status": outcomes.get(a.document_id, ("", ""))} for a in answers],
            "limits": limits,
        }

    def processed(self, sent) -> bool:
        """Whether every upload has been answered and the text of every stored one read."""
        if not all(future.done() for future in sent):
            return False
        ids = [future.result().document_id for future in sent]
        statuses = uploads.text_statuses(self.database_url, [pk for pk in ids if pk is not None])
        return all(status != "pending" for status, _error in statuses.values())

    def wait_for_text(self, answers: list[uploads.Upload], limits: dict) -> dict[int, tuple[str, str]]:
        """The text status of each uploaded document once the worker has read them all (or
        the time it may take at most has passed)."""
        ids = [a.document_id for a in answers if a.document_id is not None]
        deadline = time.monotonic() + len(ids) * (limits["wall_seconds"] + 10) + 30
        while True:
            statuses = uploads.text_statuses(self.database_url, ids)
            pending = [pk for pk, (status, _error) in statuses.items() if status == "pending"]
            if not pending or time.monotonic() > deadline:
                break
            time.sleep(2)
        for pk, (status, error) in statuses.items():
            log(f"document {pk}: text {status} {error}")
        return statuses

    def report(self, endpoints: list[Endpoint], discovered: dict) -> Path:
        return write_report(self.results, endpoints, discovered, self.args, self.failed, self.upload_phase)

    def close(self) -> None:
        self.processes.stop_all()
        stack.clear_redis_prefix(self.prefix)
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)


def _median(runs: list[Measure], attr: str) -> float:
    # Never 0: a run in which no request completed still divides (and reads as a huge ratio).
    return max(statistics.median(getattr(r, attr) for r in runs), 1e-3)


def upload_section(phase: dict) -> tuple[list[str], tuple[str, bool, str]]:
    """The report's lines on the home page under hostile uploads, and its verdict."""
    rest = [Measure(**m) for m in phase["rest"]]
    loaded = [Measure(**m) for m in phase["loaded"]]
    p99_rest, p99_loaded = _median(rest, "p99_ms"), _median(loaded, "p99_ms")
    ratio = p99_loaded / p99_rest
    limits = phase["limits"]
    lines = [
        "",
        "## Home page while four hostile uploads are read (issue 16)",
        "",
        "The home page on the cold server (every request renders it), with a task worker as in "
        "production (`manage.py db_worker`, `TASKS_BACKEND=database`): first at rest, then while a "
        "signed-in staff member uploads four of the worst PDFs through the admin (documents/"
        "hostile_pdfs.py) and the worker reads their text in its limited child process "
        f"({limits['cpu_seconds']} s CPU, {limits['memory_mb']} MB, {limits['wall_seconds']} s). "
        "The uploads are sent as the first loaded run starts; loaded runs follow each other until "
        "every upload has been answered and its text read (at least as many runs as at rest). "
        "The verdict is on the median run's p99, as at rest; the worst run is shown too.",
        "",
        "| home page | req/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, runs in (("at rest", rest), ("during the uploads", loaded)):
        lines.append(
            f"| {label} | {_median(runs, 'rps'):,.0f} | {_median(runs, 'p50_ms'):.1f} "
            f"| {_median(runs, 'p99_ms'):.1f} | {sum(r.errors for r in runs)} |"
        )
    worst = max(r.p99_ms for r in loaded)
    lines += [
        "",
        f"p99 during / at rest: **{ratio:.2f}×** (target ≤ 2×); the worst of the {len(loaded)} loaded runs: "
        f"{worst:.1f} ms, {worst / p99_rest:.2f}×. The worker was reading a file's text "
        f"in {phase['busy_fraction']:.0%} of the {phase['window_seconds']:.0f} s of the loaded runs and "
        f"used {phase['worker_cpu_seconds']:.1f} s of CPU in them.",
        "",
        "| upload | size | answered in | HTTP | text |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for upload in phase["uploads"]:
        status, error = upload["text_status"] or ("", "")
        outcome = status or "not stored"
        if error and status != "done":
            outcome += f" ({error})"
        if upload["error"]:
            outcome += f": {upload['error']}"
        lines.append(
            f"| {upload['name']} | {upload['size'] / 1024:,.0f} KiB | {upload['seconds']:.2f} s "
            f"| {upload['status']} | {outcome} |"
        )
    verdict = ("home page p99 during four hostile uploads ≤ 2 × at rest", ratio <= 2, f"{ratio:.2f}×")
    return lines, verdict


def write_report(
    results, endpoints: list[Endpoint], discovered: dict, args, failed: dict, upload_phase: dict | None = None
) -> Path:
    today = datetime.date.today().isoformat()
    info = machine()
    RESULTS.mkdir(exist_ok=True)
    raw = {
        name: {phase: [vars(m) for m in runs] for phase, runs in row.items()} for name, row in results.items()
    }
    raw_file = {"machine": info, "results": raw, "uploads_under_load": upload_phase}
    (RESULTS / f"{today}.json").write_text(json.dumps(raw_file, indent=1))
    lines = [
        f"# Benchmark {today}",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}; {info['os']};"
        f" Python {info['python']}; {info['nginx']}; {info['wrk']}; {info['postgres']}.",
        "",
        f"Data set: {discovered['meetings']} meetings (bench/dataset.py: {args.years} years, fi and sv, "
        "agenda and minutes PDFs, 20 terms of memberships). Load: "
        f"wrk, 2 threads, {args.connections} connections, {args.duration} s per run, "
        f"median of {args.runs} runs; "
        "production settings, Granian (deploy/appserver.py) with workers from the CPU count, "
        "PostgreSQL and Redis on loopback.",
        "",
        f"Load average (1, 5, 15 min) when the report was written: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}: anything else running on the machine "
        "takes its share of the two cores from both the server and wrk.",
        "",
        "Ratios are to nginx serving the same response body as a static file, in the same run.",
        "",
        "Each app server worker answers the connections it accepted, one request at a time. wrk's "
        "16 connections split between the two workers as they happen to be accepted, differently "
        "in each run: with 4/12, the busier worker's requests wait three times as long as the "
        "other's, whatever the code. The p99 rows below give the split of each cold run.",
        "",
        "| endpoint | nginx static req/s | cold req/s | cold ratio | cold p50 / p99 ms "
        "| warm req/s | warm ratio | proxy hit req/s | proxy ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for endpoint in endpoints:
        row = results[endpoint.name]
        static = _median(row["static"], "rps")
        cold, warm, proxy = (_median(row[p], "rps") for p in ("cold", "warm", "proxy"))
        p50, p99 = _median(row["cold"], "p50_ms"), _median(row["cold"], "p99_ms")
        lines.append(
            f"| {endpoint.name} | {static:,.0f} | {cold:,.0f} | 1/{static / cold:,.0f} "
            f"| {p50:.1f} / {p99:.1f} "
            f"| {warm:,.0f} | 1/{static / warm:,.0f} | {proxy:,.0f} | 1/{static / proxy:.1f} |"
        )
        cold_target = 150 if endpoint.kind == "html" else 100
        verdicts.append(
            (
                f"cold {endpoint.name} ≥ 1/{cold_target} of static",
                static / cold <= cold_target,
                f"1/{static / cold:.0f}",
            )
        )
        if endpoint.kind == "html":
            verdicts.append(
                (
                    f"cold {endpoint.name} p99 ≤ 2 × p50",
                    p99 <= 2 * p50,
                    f"{p99:.1f} / {p50:.1f} ms (connections per worker: "
                    f"{', '.join(r.split or '?' for r in row['cold'])})",
                )
            )
        verdicts.append(
            (f"warm {endpoint.name} ≥ 1/20 of static", static / warm <= 20, f"1/{static / warm:.1f}")
        )
        verdicts.append(
            (f"proxy {endpoint.name} ≥ 1/2 of static", static / proxy <= 2, f"1/{static / proxy:.2f}")
        )
    full = _median(results[endpoints[0].name]["cold"], "rps")
    not_modified = _median(results["conditional GET (304)"]["cold"], "rps")
    p50_304 = _median(results["conditional GET (304)"]["cold"], "p50_ms")
    p99_304 = _median(results["conditional GET (304)"]["cold"], "p99_ms")
    lines.append(
        f"| conditional GET (304) of the home page | – | {not_modified:,.0f} | – "
        f"| {p50_304:.1f} / {p99_304:.1f} "
        "| – | – | – | – |"
    )
    cost = full / not_modified
    verdicts.append(("304 costs ≤ 25 % of the full response", cost <= 0.25, f"{cost:.0%}"))
    lines += [
        "",
        "## CPU time per request",
        "",
        "User + system CPU of the serving processes (the app server's workers, or nginx) divided by the",
        "requests served, in ms. Unlike req/s it hardly depends on what else runs on the machine",
        "(PostgreSQL's and Redis's own CPU is not included).",
        "",
        "| endpoint | nginx static | cold | cold ratio | warm | warm ratio | proxy hit | proxy ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for endpoint in endpoints:
        row = results[endpoint.name]
        static, cold, warm, proxy = (_median(row[p], "cpu_ms") for p in ("static", "cold", "warm", "proxy"))
        lines.append(
            f"| {endpoint.name} | {static:.3f} | {cold:.2f} | 1/{cold / static:,.0f} | {warm:.3f} "
            f"| 1/{warm / static:,.1f} | {proxy:.3f} | 1/{proxy / static:.1f} |"
        )
    cpu_304 = _median(results["conditional GET (304)"]["cold"], "cpu_ms")
    cpu_full = _median(results[endpoints[0].name]["cold"], "cpu_ms")
    lines.append(f"| conditional GET (304) of the home page | – | {cpu_304:.2f} | – | – | – | – | – |")
    verdicts.append(
        ("304 CPU ≤ 25 % of the full response's", cpu_304 <= 0.25 * cpu_full, f"{cpu_304 / cpu_full:.0%}")
    )
    if upload_phase:
        upload_lines, upload_verdict = upload_section(upload_phase)
        lines += upload_lines
        verdicts.append(upload_verdict)
    lines += ["", "## Targets (issues 8 and 16)", "", "| target | met | measured |", "| --- | --- | --- |"]
    lines += [f"| {name} | {'yes' if ok else '**no**'} | {value} |" for name, ok, value in verdicts]
    lines += [f"| {name} | **not measured** | {reason} |" for name, reason in failed.items()]
    lines += ["", "Raw medians per run are in the JSON file beside this one.", ""]
    path = RESULTS / f"{today}.md"
    path.write_text("\n".join(lines))
    log(f"wrote {path}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="wrk runs per measurement (median)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers", type=int, default=0, help="app server workers (default: one per CPU core)"
    )
    parser.add_argument("--years", type=int, default=40)
    parser.add_argument("--meetings-per-year", type=int, default=12)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data set")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    args = parser.parse_args()
    missing = stack.missing_tools() + ([] if shutil.which("wrk") else ["wrk (apt-get install wrk)"])
    if missing:
        sys.exit(f"missing: {', '.join(missing)}; run `make perf-tools`")
    # SIGTERM (a CI timeout, kill) still stops every process the benchmark started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    bench = Bench(args)
    try:
        path = bench.run()
    finally:
        bench.close()
    print(path.read_text())


if __name__ == "__main__":
    main()
