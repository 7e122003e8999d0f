# ruff: noqa: S603, S607, S608  (an operator's tool: fixed commands and SQL on its own database)
"""`make bench`: Samverka under gunicorn on 127.0.0.1 against PostgreSQL with generated data,
measured with wrk. Writes bench/results/<time>.json and .md (and latest.md).

Environment (all optional):
  BENCH_DB=samverka_bench   BENCH_SCALE=1 (data generated when the database has no cases)
  BENCH_DURATION=10 (seconds per measurement)   BENCH_SOAK=120 (seconds of the 50-client soak)
  BENCH_WARMUP=2 (unmeasured seconds per endpoint first)
  BENCH_WORKERS=5 (gunicorn workers)   BENCH_PORT=8765
  BENCH_ONLY=substrings of endpoint names, comma-separated (then no component benchmarks)
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
DB = os.environ.get("BENCH_DB", "samverka_bench")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SCALE = os.environ.get("BENCH_SCALE", "1")
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
SOAK = int(os.environ.get("BENCH_SOAK", "120"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
ONLY = os.environ.get("BENCH_ONLY", "")
HOST = "127.0.0.1"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "samverka.settings.production",
    "DATABASE_URL": f"{PG}/{DB}",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
    "ALLOWED_HOSTS": HOST,
    "SECURE_SSL_REDIRECT": "0",
    "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT / "src"),
}

LUA = """
local paths = {%(paths)s}
local i = 0
wrk.headers["Cookie"] = "%(cookie)s"
wrk.headers["Accept"] = "text/html,application/json"
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "mean_us": %%f, ' ..
    '"max_us": %%d, "errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def log(message: str) -> None:
    print(message, flush=True)


def manage(*args: str) -> None:
    subprocess.run([PY, str(ROOT / "manage.py"), *args], env=ENV, check=True)


def psql(sql: str, database: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", f"{PG}/{database}", "-Atc", sql], capture_output=True, text=True, check=False, env=os.environ
    )
    return out.stdout.strip()


def prepare_database() -> float | None:
    """Create, migrate and fill the bench database when it has no cases; returns load seconds."""
    if psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB}'") != "1":
        psql(f'CREATE DATABASE "{DB}"')
    manage("migrate", "--noinput", "-v", "0")
    if psql("SELECT count(*) FROM registry_case", DB) not in ("", "0"):
        return None
    log(f"Genererar data i skala {SCALE} …")
    started = time.monotonic()
    manage("generate_data", "--scale", SCALE)
    return time.monotonic() - started


def request(path: str, *, cookie: str = "", method: str = "GET", body: str = "", headers: dict | None = None):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
    all_headers = {"Cookie": cookie, "Accept": "text/html,application/json", **(headers or {})}
    connection.request(method, path, body=body or None, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, response.getheaders(), data


def cookies_of(headers) -> dict[str, str]:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";")[0]
    return found


def sign_in(username: str) -> str:
    from samverka.scale.foundation import BENCH_PASSWORD

    status, headers, body = request("/logga-in/")
    csrf = cookies_of(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&username={username}&password={BENCH_PASSWORD}"
    status, headers, _ = request(
        "/logga-in/",
        cookie=f"csrftoken={csrf}",
        method="POST",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{PORT}/logga-in/"},
    )
    session = cookies_of(headers).get("sessionid")
    if status != 302 or not session:
        raise SystemExit(f"Inloggningen som {username} misslyckades ({status}).")
    return f"sessionid={session}"


def wrk(paths: list[str], cookie: str, connections: int, duration: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ", ".join(json.dumps(p) for p in paths), "cookie": cookie})
    threads = min(connections, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script.name,
         f"http://{HOST}:{PORT}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    os.unlink(script.name)
    result = json.loads(out.stdout.split("RESULT ", 1)[1])
    seconds = result["duration_us"] / 1e6
    return {
        "clients": connections,
        "requests": result["requests"],
        "rps": round(result["requests"] / seconds, 1),
        "p50_ms": round(result["p50_us"] / 1000, 1),
        "p95_ms": round(result["p95_us"] / 1000, 1),
        "p99_ms": round(result["p99_us"] / 1000, 1),
        "max_ms": round(result["max_us"] / 1000, 1),
        "errors": result["errors"] + result["non_2xx"],
    }


def time_sql(querysets, repeat: int = 15) -> dict:
    """Median time of the compiled SQL of the querysets, through a plain psycopg connection."""
    import psycopg

    compiled = []
    for qs in querysets:
        sql, params = qs.query.get_compiler(using="default").as_sql()
        if qs.query.low_mark == 0 and qs.query.high_mark is None:  # a whole list: time its COUNT
            sql = f"SELECT COUNT(*) FROM ({sql}) AS rows"  # noqa: S608
        compiled.append((sql, params))
    times = {"rows": [], "count": []}
    with psycopg.connect(f"{PG}/{DB}") as conn:
        for _ in range(repeat):
            for (sql, params), key in zip(compiled, ("rows", "count"), strict=False):
                started = time.perf_counter()
                conn.execute(sql, params).fetchall()
                times[key].append(time.perf_counter() - started)
    return {f"sql_{k}_ms": round(statistics.median(v) * 1000, 2) for k, v in times.items() if v}


def machine() -> dict:
    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory) / 1024 / 1024, 1),
        "cpu": cpu,
        "postgres": psql("SHOW server_version"),
        "shared_buffers": psql("SHOW shared_buffers"),
        "python": platform.python_version(),
        "gunicorn_workers": WORKERS,
    }


def component_benchmarks() -> list[dict]:
    """Every `manage.py benchmark_*` command of the apps (compilation, minutes, duplicates, …), run on
    the bench database; each writes its figures and targets as JSON."""
    from django.core.management import get_commands

    found = []
    for name in sorted(c for c in get_commands() if c.startswith("benchmark_")):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            log(f"Komponentmätning: {name} …")
            done = subprocess.run([PY, str(ROOT / "manage.py"), name, "--json", out.name], env=ENV, check=False)
            text = Path(out.name).read_text() if done.returncode == 0 else ""
        figures = json.loads(text) if text.strip() else {}
        found.append({"command": name, "ok": done.returncode == 0 and bool(figures), **figures})
    return found


def data_counts() -> dict:
    tables = ["registry_case", "registry_document", "registry_searchentry", "organisation_person", "organisation_body"]
    return {t: int(psql(f"SELECT count(*) FROM {t}", DB) or 0) for t in tables}


def markdown(report: dict) -> str:
    m, lines = report["machine"], []
    lines.append(f"# Samverka bench {report['started']}")
    lines.append("")
    lines.append(
        f"Machine: {m['cores']} cores, {m['memory_gib']} GiB ({m['cpu']}); PostgreSQL {m['postgres']} "
        f"(shared_buffers {m['shared_buffers']}); gunicorn {m['gunicorn_workers']} sync workers; "
        f"{report['duration_s']} s per measurement."
    )
    lines.append(f"Data: {', '.join(f'{k} {v:,}'.replace(',', ' ') for k, v in report['data'].items())}.")
    if report.get("load_seconds"):
        lines.append(f"Generated in {report['load_seconds']:.0f} s at scale {SCALE}.")
    lines.append("")
    lines.append(
        "| endpoint | as | clients | first ms | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| SQL rows ms | SQL count ms | page/SQL |"
    )
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in report["results"]:
        sql = row.get("sql", {})
        ratio = row.get("ratio", "")
        lines.append(
            f"| {row['endpoint']} | {row['as'] or 'public'} | {row['clients']} | {row.get('first_ms', '')} | "
            f"{row['rps']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {row['errors']} | {sql.get('sql_rows_ms', '')} | "
            f"{sql.get('sql_count_ms', '')} | {ratio} |"
        )
    if report.get("soak"):
        s = report["soak"]
        lines.append("")
        lines.append(
            f"Soak: {s['clients']} clients for {s['seconds']} s over every staff page: {s['rps']} req/s, "
            f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms, errors {s['errors']}."
        )
    if report.get("components"):
        lines.append("")
        lines.append("## Component benchmarks")
        for component in report["components"]:
            figures = {k: v for k, v in component.items() if k not in ("command", "ok", "targets", "name")}
            state = "" if component["ok"] else " — FAILED to run"
            lines.append(f"- `{component['command']}`{state}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    lines.append("")
    lines.append("## Targets")
    for target in report["targets"]:
        lines.append(f"- {'met' if target['met'] else 'MISSED'}: {target['what']} — {target['measured']}")
    return "\n".join(lines) + "\n"


def targets(results: list[dict], soak: dict | None) -> list[dict]:
    found = []
    for row in results:
        if row["target"] == "case_list":
            limit = 50 if row["clients"] == 1 else 150
            found.append({"what": f"{row['endpoint']} ({row['as']}, {row['clients']} clients) median ≤ {limit} ms",
                          "measured": f"{row['p50_ms']} ms", "met": row["p50_ms"] <= limit})  # fmt: skip
        elif row["target"] == "search" and row["clients"] == 1:
            found.append({"what": f"full-text search {row['endpoint']} ({row['as'] or 'public'}) p95 ≤ 100 ms",
                          "measured": f"{row['p95_ms']} ms", "met": row["p95_ms"] <= 100})  # fmt: skip
        elif row["clients"] == 1:
            found.append({"what": f"{row['endpoint']} ({row['as'] or 'public'}) p95 ≤ 150 ms",
                          "measured": f"{row['p95_ms']} ms", "met": row["p95_ms"] <= 150})  # fmt: skip
        if row.get("ratio") and row["clients"] == 1:
            found.append({"what": f"{row['endpoint']} ({row['as'] or 'public'}) within 3× its SQL",
                          "measured": f"{row['ratio']}×", "met": row["ratio"] <= 3})  # fmt: skip
        if row["errors"]:
            found.append({"what": f"{row['endpoint']} without errors", "measured": str(row["errors"]), "met": False})
    if soak:
        found.append({"what": f"soak {soak['clients']} clients {soak['seconds']} s: no errors, p95 ≤ 1 s",
                      "measured": f"p95 {soak['p95_ms']} ms, {soak['errors']} errors",
                      "met": soak["errors"] == 0 and soak["p95_ms"] <= 1000})  # fmt: skip
    return found


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk saknas: apt-get install wrk")
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    load_seconds = prepare_database()
    manage("collectstatic", "--noinput", "-v", "0")
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from samverka.scale.bench import all_endpoints

    wanted = [part.strip().lower() for part in ONLY.split(",")]
    endpoints = [e for e in all_endpoints() if any(part in e.name.lower() for part in wanted)]
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "python:samverka.gunicorn_conf", "samverka.wsgi",
         "-b", f"{HOST}:{PORT}", "-w", str(WORKERS),
         "--access-logfile", "/dev/null", "--error-logfile", str(ROOT / "var" / "bench-gunicorn.log")],
        env=ENV, cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(60):
            try:
                request("/halsa/")
                break
            except OSError:
                time.sleep(0.5)
        cookies = {"": "", **{u: sign_in(u) for u in ("bench-user", "bench-admin")}}
        results = []
        answered: set[str] = set()
        for endpoint in endpoints:
            for user in endpoint.users:
                asked = time.monotonic()
                status, _h, _b = request(endpoint.paths[0], cookie=cookies[user])
                first_ms = round((time.monotonic() - asked) * 1000, 1)
                if status != 200:
                    log(f"{endpoint.name} ({user or 'public'}): {endpoint.paths[0]} svarade {status}; hoppar över")
                    continue
                answered.add(endpoint.name)
                # Every worker serves the page once before the measurement: the first request of a
                # worker compiles its templates and fills per-process caches (reported as first_ms),
                # which in a few seconds' sample would otherwise be the p95 of a steady state.
                wrk(endpoint.paths, cookies[user], WORKERS, WARMUP)
                sql = time_sql(endpoint.rows(user)) if endpoint.rows else {}
                for clients in (1, 16):
                    row = {
                        "endpoint": endpoint.name,
                        "as": user,
                        "target": endpoint.target,
                        "path": endpoint.paths[0],
                        "first_ms": first_ms,
                    }
                    row.update(wrk(endpoint.paths, cookies[user], clients, DURATION))
                    if sql:
                        row["sql"] = sql
                        row["ratio"] = round(row["p50_ms"] / max(sql["sql_rows_ms"], 0.01), 1)
                    results.append(row)
                    log(f"{endpoint.name:28} {user or 'public':12} {clients:3} klienter: {row['rps']:7} req/s "
                        f"p50 {row['p50_ms']:7} p95 {row['p95_ms']:7} p99 {row['p99_ms']:7} "
                        f"fel {row['errors']} {sql}")  # fmt: skip
        soak = None
        if SOAK > 0:
            paths = [p for e in endpoints if "bench-user" in e.users and e.name in answered for p in e.paths[:10]]
            soak = {"seconds": SOAK, **wrk(paths, cookies["bench-user"], 50, SOAK)}
            log(f"Soak: {soak}")
        report = {
            "started": started,
            "scale": SCALE,
            "duration_s": DURATION,
            "machine": machine(),
            "data": data_counts(),
            "load_seconds": load_seconds,
            "results": results,
            "soak": soak,
        }
        # A run restricted with BENCH_ONLY measures those pages alone.
        report["components"] = [] if ONLY else component_benchmarks()
        report["targets"] = targets(results, soak) + [
            target for component in report["components"] for target in component.get("targets", [])
        ] + [
            {"what": f"{c['command']} runs", "measured": "failed", "met": False}
            for c in report["components"] if not c["ok"]
        ]  # fmt: skip
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{started}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        text = markdown(report)
        (RESULTS / f"{started}.md").write_text(text)
        (RESULTS / "latest.md").write_text(text)
        log(text)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
