"""Benchmark: how fast iotronic-api lists and creates boards.

Starts iotronic-aio (SQLite, in-process conductor, noauth) in a
scratch directory, or uses --url for an API already running with noauth,
enrols --boards boards, then for --seconds per phase runs --clients
threads issuing GET /v1/boards?limit=--page and prints throughput and
latency. From the checkout:

    .venv/bin/python tools/benchmarks/api_reads.py
"""

import argparse
import os
import tempfile
import time

import benchlib
import requests


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
            process, url = benchlib.start_all_in_one(workdir, args.port)
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

            def list_boards(s, _):
                s.get(f'{url}/v1/boards?limit={args.page}',
                      timeout=30).raise_for_status()

            def show_board(s, _):
                s.get(f'{url}/v1/boards/bench-{os.getpid()}-0',
                      timeout=30).raise_for_status()

            clients = f'({args.clients} clients)'
            benchlib.report(
                f'GET /v1/boards?limit={args.page} {clients}',
                benchlib.hammer(list_boards, args.clients, args.seconds),
                args.seconds)
            benchlib.report(
                f'GET /v1/boards/<name> {clients}',
                benchlib.hammer(show_board, args.clients, args.seconds),
                args.seconds)
        finally:
            if process is not None:
                process.terminate()
                process.wait(30)


if __name__ == '__main__':
    main()
