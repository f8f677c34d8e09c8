"""What the benchmarks share: an all-in-one to measure, a load, a report."""

import concurrent.futures
import pathlib
import socket
import statistics
import subprocess
import sys
import time

import requests

BIN = pathlib.Path(sys.executable).parent


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start_all_in_one(workdir, port, boards=0):
    """iotronic-aio in ``workdir``; (process, API URL) once it serves
    and, with ``boards``, once they are all online."""
    config = pathlib.Path(workdir) / 'bench.conf'
    config.write_text(f'[api]\nport = {port}\n')
    process = subprocess.Popen(  # noqa: S603 (our own console script)
        [BIN / 'iotronic-aio', '--config-file', config, '--wamp-port',
         str(free_port()), '--boards', str(boards)], cwd=workdir,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f'http://127.0.0.1:{port}'
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            listed = requests.get(f'{url}/v1/boards?limit=1000',
                                  timeout=5).json()['boards']
        except requests.ConnectionError:
            time.sleep(0.2)
            continue
        if sum(b['status'] == 'online' for b in listed) >= boards:
            return process, url
        time.sleep(0.2)
    process.kill()
    sys.exit('iotronic-aio did not start (or its boards did not connect)')


def hammer(call, clients, seconds):
    """Run ``call(session, n)`` from ``clients`` threads for ``seconds``;
    the sorted latencies."""
    deadline = time.monotonic() + seconds

    def worker(n):
        session, latencies = requests.Session(), []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            call(session, n)
            latencies.append(time.perf_counter() - start)
        return latencies

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = [f.result() for f in
                   [pool.submit(worker, n) for n in range(clients)]]
    return sorted(x for r in results for x in r)


def report(name, latencies, seconds, unit='req/s'):
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f'{name:<40} {len(latencies) / seconds:8.1f} {unit}   '
          f'p50 {statistics.median(latencies) * 1000:6.1f} ms   '
          f'p95 {p95 * 1000:6.1f} ms   ({len(latencies)} calls)',
          flush=True)
