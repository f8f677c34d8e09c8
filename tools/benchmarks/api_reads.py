"""Benchmark: how fast iotronic-api lists and creates boards.

Starts iotronic-all-in-one (SQLite, in-process conductor, noauth) in a
scratch directory, or uses --url for an API already running with noauth,
enrols --boards boards, then for --seconds per phase runs --clients
threads issuing GET /v1/boards?limit=--page and prints throughput and
latency. From the checkout:

    .venv/bin/python tools/benchmarks/api_reads.py
"""

import argparse
import concurrent.futures
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import requests

BIN = pathlib.Path(sys.executable).parent


def _start_all_in_one(workdir, port):
    config = pathlib.Path(workdir) / 'bench.conf'
    config.write_text(f'[api]\nport = {port}\n')
    process = subprocess.Popen(  # noqa: S603 (our own console script)
        [BIN / 'iotronic-all-in-one', '--config-file', config], cwd=workdir,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f'http://127.0.0.1:{port}'
    for _ in range(300):
        try:
            requests.get(url + '/healthcheck', timeout=1)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    sys.exit('iotronic-all-in-one did not start')


def _hammer(call, clients, seconds):
    """Run ``call`` from ``clients`` threads; its latencies and count."""
    deadline = time.monotonic() + seconds

    def worker():
        session, latencies = requests.Session(), []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            call(session)
            latencies.append(time.perf_counter() - start)
        return latencies

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = [f.result() for f in
                   [pool.submit(worker) for _ in range(clients)]]
    latencies = sorted(x for r in results for x in r)
    return latencies


def _report(name, latencies, seconds):
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f'{name:<34} {len(latencies) / seconds:8.1f} req/s   '
          f'p50 {statistics.median(latencies) * 1000:6.1f} ms   '
          f'p95 {p95 * 1000:6.1f} ms   ({len(latencies)} requests)')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url')
    parser.add_argument('--port', type=int, default=8832)
    parser.add_argument('--boards', type=int, default=200)
    parser.add_argument('--page', type=int, default=50)
    parser.add_argument('--clients', type=int, default=4)
    parser.add_argument('--seconds', type=float, default=10)
    args = parser.parse_args()

    process = None
    with tempfile.TemporaryDirectory() as workdir:
        url = args.url
        if url is None:
            process, url = _start_all_in_one(workdir, args.port)
        try:
            start = time.perf_counter()
            session = requests.Session()
            for n in range(args.boards):
                session.post(f'{url}/v1/boards', timeout=30, json={
                    'name': f'bench-{os.getpid()}-{n}', 'code': f'B{n}-'
                    f'{os.getpid()}', 'location': [{'latitude': '1',
                                                    'longitude': '2',
                                                    'altitude': '3'}]}
                ).raise_for_status()
            took = time.perf_counter() - start
            print(f'{"POST /v1/boards (1 client)":<34} '
                  f'{args.boards / took:8.1f} req/s')

            def list_boards(s):
                s.get(f'{url}/v1/boards?limit={args.page}',
                      timeout=30).raise_for_status()

            def show_board(s):
                s.get(f'{url}/v1/boards/bench-{os.getpid()}-0',
                      timeout=30).raise_for_status()

            _report(f'GET /v1/boards?limit={args.page} ({args.clients} '
                    'clients)', _hammer(list_boards, args.clients,
                                        args.seconds), args.seconds)
            _report(f'GET /v1/boards/<name> ({args.clients} clients)',
                    _hammer(show_board, args.clients, args.seconds),
                    args.seconds)
        finally:
            if process is not None:
                process.terminate()
                process.wait(30)


if __name__ == '__main__':
    main()
